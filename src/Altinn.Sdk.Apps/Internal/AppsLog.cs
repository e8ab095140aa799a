using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Apps;

/// <summary>
/// Log messages of the App API clients (event ids 4000-4099). They carry app ids, instance ids, statuses and
/// sizes only, never a token, a national identity number or a file's content.
/// </summary>
/// <remarks>Source-generated with <c>[LoggerMessage]</c>.</remarks>
internal static partial class AppsLog
{
    public static void MetadataUnavailable(ILogger logger, AppId appId, int status) => MetadataUnavailable(logger, appId.ToString(), status);

    public static void SubstatusLabelTooLong(ILogger logger, InstanceId instanceId, int length) => SubstatusLabelTooLong(logger, instanceId.ToString(), length);

    [LoggerMessage(4000, LogLevel.Warning,
        "The metadata of {AppId} could not be read (status {Status}); uploads are sent without the SDK's data type checks and the app decides.",
        EventName = "AppMetadataUnavailable")]
    private static partial void MetadataUnavailable(ILogger logger, string appId, int status);

    [LoggerMessage(4001, LogLevel.Warning,
        "The substatus label for instance {InstanceId} is {Length} characters long; the Altinn inbox shows at most 22 characters of it and then \"...\".",
        EventName = "SubstatusLabelTooLong")]
    private static partial void SubstatusLabelTooLong(ILogger logger, string instanceId, int length);
}
