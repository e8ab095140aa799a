using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Apps;

/// <summary>
/// Log messages of the App API clients (event ids 4000-4099). They carry app ids, instance ids, statuses and
/// sizes only, never a token, a national identity number or a file's content.
/// </summary>
/// <remarks>Defined with <see cref="LoggerMessage"/> for the same reason as Core's handler log (two logging generators on netstandard2.0).</remarks>
internal static class AppsLog
{
    private static readonly Action<ILogger, string, int, Exception?> s_metadataUnavailable = LoggerMessage.Define<string, int>(
        LogLevel.Warning, new EventId(4000, "AppMetadataUnavailable"),
        "The metadata of {AppId} could not be read (status {Status}); uploads are sent without the SDK's data type checks and the app decides.");

    private static readonly Action<ILogger, string, int, Exception?> s_substatusLabelTooLong = LoggerMessage.Define<string, int>(
        LogLevel.Warning, new EventId(4001, "SubstatusLabelTooLong"),
        "The substatus label for instance {InstanceId} is {Length} characters long; the Altinn inbox shows at most 22 characters of it and then \"...\".");

    public static void MetadataUnavailable(ILogger logger, AppId appId, int status) => s_metadataUnavailable(logger, appId.ToString(), status, null);

    public static void SubstatusLabelTooLong(ILogger logger, InstanceId instanceId, int length) =>
        s_substatusLabelTooLong(logger, instanceId.ToString(), length, null);
}
