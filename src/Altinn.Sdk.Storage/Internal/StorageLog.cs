using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Storage;

/// <summary>
/// Log messages of the Storage clients (event ids 3000-3099). They carry instance ids, sizes and lengths only,
/// never a token, a national identity number or a query string.
/// </summary>
/// <remarks>Defined with <see cref="LoggerMessage"/> for the same reason as Core's handler log (two logging generators on netstandard2.0).</remarks>
internal static class StorageLog
{
    private static readonly Action<ILogger, string, int, int, Exception?> s_substatusLabelTooLong = LoggerMessage.Define<string, int, int>(
        LogLevel.Warning, new EventId(3000, "SubstatusLabelTooLong"),
        "The substatus label for instance {InstanceId} is {Length} characters long; the Altinn inbox shows at most {Shown} characters of it and then \"...\".");

    private static readonly Action<ILogger, int, int, Exception?> s_pageSizeReduced = LoggerMessage.Define<int, int>(
        LogLevel.Warning, new EventId(3001, "QueryPageSizeReduced"),
        "Storage's database could not finish an instance query page of size {PageSize} (a timeout); retrying with page size {ReducedPageSize}.");

    private static readonly Action<ILogger, long, Exception?> s_downloaded = LoggerMessage.Define<long>(
        LogLevel.Debug, new EventId(3002, "DataDownloaded"),
        "Downloaded a data element of {Bytes} bytes to a file.");

    private static readonly Action<ILogger, int, Exception?> s_queryRepeatsRemoved = LoggerMessage.Define<int>(
        LogLevel.Warning, new EventId(3003, "QueryRepeatsRemoved"),
        "Storage returned {Count} instance(s) of a descending instance query again (they share the lastChanged of the page boundary); the repeats were left out. "
        + "Storage may have skipped other instances with that lastChanged: list with InstanceQueryOrder.LastChangedAscending to see every instance.");

    public static void SubstatusLabelTooLong(ILogger logger, InstanceId instanceId, int length) =>
        s_substatusLabelTooLong(logger, instanceId.ToString(), length, 22, null);

    public static void PageSizeReduced(ILogger logger, int pageSize, int reducedPageSize) =>
        s_pageSizeReduced(logger, pageSize, reducedPageSize, null);

    public static void Downloaded(ILogger logger, long bytes) => s_downloaded(logger, bytes, null);

    public static void QueryRepeatsRemoved(ILogger logger, int count) => s_queryRepeatsRemoved(logger, count, null);
}
