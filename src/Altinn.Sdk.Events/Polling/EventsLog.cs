using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Events;

/// <summary>
/// Log messages of the Events clients (event ids 4000-4099). They carry checkpoint keys, counts, delays and event ids
/// only, never a token or a person's identity (a feed key has a keyed hash of a filter that names a person).
/// </summary>
/// <remarks>Source-generated with <c>[LoggerMessage]</c>.</remarks>
internal static partial class EventsLog
{
    public static void PollerStarted(ILogger logger, string feed, string? after) => PollerStartedCore(logger, feed, after ?? "(the query's start)");

    public static void CaughtUp(ILogger logger, int count, TimeSpan delay) => CaughtUpCore(logger, count, delay.ToString());

    public static void TransientFailure(ILogger logger, int failures, TimeSpan delay, Exception exception) =>
        TransientFailureCore(logger, failures, delay.ToString(), exception);

    [LoggerMessage(4000, LogLevel.Information, "Polling {Feed} after event {After}.", EventName = "PollerStarted")]
    private static partial void PollerStartedCore(ILogger logger, string feed, string after);

    [LoggerMessage(4001, LogLevel.Debug, "Handled {Count} event(s) and reached the end of the feed; reading again in {Delay}.", EventName = "PollerCaughtUp")]
    private static partial void CaughtUpCore(ILogger logger, int count, string delay);

    [LoggerMessage(4002, LogLevel.Warning,
        "Reading the feed failed ({Failures} time(s) in a row); trying again in {Delay}. No event was skipped.",
        EventName = "PollerTransientFailure")]
    private static partial void TransientFailureCore(ILogger logger, int failures, string delay, Exception exception);

    [LoggerMessage(4003, LogLevel.Error,
        "The handler failed for event {EventId}; the poller stops without saving a checkpoint for it, so it is delivered again on the next run.",
        EventName = "PollerHandlerFailed")]
    public static partial void HandlerFailed(ILogger logger, string eventId, Exception exception);
}
