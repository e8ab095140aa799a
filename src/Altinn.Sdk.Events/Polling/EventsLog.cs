using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Events;

/// <summary>
/// Log messages of the Events clients (event ids 4000-4099). They carry checkpoint keys, counts, delays and event ids
/// only, never a token or a person's identity (a feed key has a keyed hash of a filter that names a person).
/// </summary>
/// <remarks>Defined with <see cref="LoggerMessage"/> as in Core and Storage (two logging generators on netstandard2.0).</remarks>
internal static class EventsLog
{
    private static readonly Action<ILogger, string, string, Exception?> s_pollerStarted = LoggerMessage.Define<string, string>(
        LogLevel.Information, new EventId(4000, "PollerStarted"),
        "Polling {Feed} after event {After}.");

    private static readonly Action<ILogger, int, string, Exception?> s_caughtUp = LoggerMessage.Define<int, string>(
        LogLevel.Debug, new EventId(4001, "PollerCaughtUp"),
        "Handled {Count} event(s) and reached the end of the feed; reading again in {Delay}.");

    private static readonly Action<ILogger, int, string, Exception?> s_transientFailure = LoggerMessage.Define<int, string>(
        LogLevel.Warning, new EventId(4002, "PollerTransientFailure"),
        "Reading the feed failed ({Failures} time(s) in a row); trying again in {Delay}. No event was skipped.");

    private static readonly Action<ILogger, string, Exception?> s_handlerFailed = LoggerMessage.Define<string>(
        LogLevel.Error, new EventId(4003, "PollerHandlerFailed"),
        "The handler failed for event {EventId}; the poller stops without saving a checkpoint for it, so it is delivered again on the next run.");

    public static void PollerStarted(ILogger logger, string feed, string? after) => s_pollerStarted(logger, feed, after ?? "(the query's start)", null);

    public static void CaughtUp(ILogger logger, int count, TimeSpan delay) => s_caughtUp(logger, count, delay.ToString(), null);

    public static void TransientFailure(ILogger logger, int failures, TimeSpan delay, Exception exception) =>
        s_transientFailure(logger, failures, delay.ToString(), exception);

    public static void HandlerFailed(ILogger logger, string eventId, Exception exception) => s_handlerFailed(logger, eventId, exception);
}
