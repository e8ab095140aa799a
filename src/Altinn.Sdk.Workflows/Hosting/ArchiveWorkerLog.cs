namespace Altinn.Sdk.Workflows;

/// <summary>
/// Log messages of the archive worker (event ids 5100-5119): app ids, counts, times and the SDK's own exception
/// messages, never a token or a national identity number.
/// </summary>
internal static partial class ArchiveWorkerLog
{
    [LoggerMessage(EventId = 5100, EventName = "ArchiveWorkerStarted", Level = LogLevel.Information,
        Message = "Archive worker started: {Archive}, every {Interval}, events feed {UseEvents}.")]
    public static partial void Started(ILogger logger, string archive, TimeSpan interval, bool useEvents);

    [LoggerMessage(EventId = 5101, EventName = "ArchiveWorkerAppArchived", Level = LogLevel.Information,
        Message = "Pass {Pass}, {App} from {Source}: {Done} done, {Skipped} skipped, {Failed} failed.")]
    public static partial void AppArchived(ILogger logger, long pass, AppId app, string source, int done, int skipped, int failed);

    [LoggerMessage(EventId = 5102, EventName = "ArchiveWorkerAppHeldElsewhere", Level = LogLevel.Information,
        Message = "Pass {Pass}, {App}: another run holds the app's archive; skipped in this pass.")]
    public static partial void AppHeldElsewhere(ILogger logger, long pass, AppId app);

    [LoggerMessage(EventId = 5103, EventName = "ArchiveWorkerAppFaulted", Level = LogLevel.Warning,
        Message = "Pass {Pass}, {App} from {Source} stopped; the next pass queries Storage.")]
    public static partial void AppFaulted(ILogger logger, long pass, AppId app, string source, Exception exception);

    [LoggerMessage(EventId = 5104, EventName = "ArchiveWorkerPassEnded", Level = LogLevel.Debug,
        Message = "Pass {Pass} ended in {Elapsed}: {Done} done, {Failed} failed, {Held} app(s) held elsewhere, {Faulted} app(s) stopped.")]
    public static partial void PassEnded(ILogger logger, long pass, TimeSpan elapsed, int done, int failed, int held, int faulted);

    [LoggerMessage(EventId = 5105, EventName = "ArchiveWorkerBackingOff", Level = LogLevel.Warning,
        Message = "Pass {Pass} had faults ({Faults} in a row); the next pass starts in {Delay}.")]
    public static partial void BackingOff(ILogger logger, long pass, int faults, TimeSpan delay);

    [LoggerMessage(EventId = 5106, EventName = "ArchiveWorkerStopped", Level = LogLevel.Information,
        Message = "Archive worker stopped after {Passes} pass(es); an interrupted pass confirmed nothing that was not stored and verified.")]
    public static partial void Stopped(ILogger logger, long passes);
}
