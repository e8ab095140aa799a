using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Storage;

/// <summary>
/// Log messages of the Storage clients (event ids 3000-3099). They carry instance ids, sizes and lengths only,
/// never a token, a national identity number or a query string.
/// </summary>
/// <remarks>Source-generated with <c>[LoggerMessage]</c>.</remarks>
internal static partial class StorageLog
{
    public static void SubstatusLabelTooLong(ILogger logger, InstanceId instanceId, int length) =>
        SubstatusLabelTooLong(logger, instanceId.ToString(), length, 22);

    [LoggerMessage(3000, LogLevel.Warning,
        "The substatus label for instance {InstanceId} is {Length} characters long; the Altinn inbox shows at most {Shown} characters of it and then \"...\".",
        EventName = "SubstatusLabelTooLong")]
    private static partial void SubstatusLabelTooLong(ILogger logger, string instanceId, int length, int shown);

    [LoggerMessage(3001, LogLevel.Warning,
        "Storage's database could not finish an instance query page of size {PageSize} (a timeout); retrying with page size {ReducedPageSize}.",
        EventName = "QueryPageSizeReduced")]
    public static partial void PageSizeReduced(ILogger logger, int pageSize, int reducedPageSize);

    [LoggerMessage(3002, LogLevel.Debug, "Downloaded a data element of {Bytes} bytes to a file.", EventName = "DataDownloaded")]
    public static partial void Downloaded(ILogger logger, long bytes);

    [LoggerMessage(3003, LogLevel.Warning,
        "Storage returned {Count} instance(s) of a descending instance query again (they share the lastChanged of the page boundary); the repeats were left out. "
        + "Storage may have skipped other instances with that lastChanged: list with InstanceQueryOrder.LastChangedAscending to see every instance.",
        EventName = "QueryRepeatsRemoved")]
    public static partial void QueryRepeatsRemoved(ILogger logger, int count);
}
