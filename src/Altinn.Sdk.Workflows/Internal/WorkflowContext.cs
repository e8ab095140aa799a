using System.Runtime.CompilerServices;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Events;
using Microsoft.Extensions.Logging.Abstractions;

namespace Altinn.Sdk.Workflows;

/// <summary>What every workflow works with (the clients, the logger, the clock), and the helpers they share.</summary>
internal sealed class WorkflowContext
{
    private const int MaxRememberedWarnings = 1000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _warned = new(StringComparer.Ordinal);

    public WorkflowContext(StorageClient storage, AppsClient apps, EventsClient? events, ILogger logger, TimeProvider clock)
    {
        Storage = storage;
        Apps = apps;
        Events = events;
        Logger = logger;
        Clock = clock;
    }

    /// <summary>Checks the clients (in the order of the constructor's parameters) and fills in the defaults.</summary>
    public static WorkflowContext Create(StorageClient storage, AppsClient apps, EventsClient? events, bool eventsRequired, ILogger? logger, TimeProvider? timeProvider)
    {
        if (storage is null) throw new ArgumentNullException(nameof(storage));
        if (apps is null) throw new ArgumentNullException(nameof(apps));
        if (eventsRequired && events is null) throw new ArgumentNullException(nameof(events));
        return new WorkflowContext(storage, apps, events, logger ?? NullLogger.Instance, timeProvider ?? TimeProvider.System);
    }

    /// <summary>A context without clients, for the mocking constructor (whose methods are overridden).</summary>
    public static WorkflowContext ForMocking() => new(null!, null!, null, NullLogger.Instance, TimeProvider.System);

    public StorageClient Storage { get; }

    public AppsClient Apps { get; }

    public EventsClient? Events { get; }

    public ILogger Logger { get; }

    public TimeProvider Clock { get; }

    /// <summary>
    /// Logs a run's warning: at Warning level the first time this client meets it, at Debug after that, so a worker
    /// that archives an app every minute does not repeat the same warning all day. The run's result keeps every one.
    /// </summary>
    public void LogWarning(string workflow, string warning)
    {
        // Warnings name apps, data types and label lengths, so the set stays small; the bound is a safeguard.
        bool first = _warned.Count >= MaxRememberedWarnings || _warned.TryAdd(warning, 0);
        WorkflowLog.Warning(Logger, first ? LogLevel.Warning : LogLevel.Debug, workflow, warning);
    }

    /// <summary>
    /// Runs <paramref name="body"/> holding the app's archive (none in a dry run, which writes nothing): two runs writing
    /// one app's archive would remove each other's temporary files and manifests. Taken once the app is known to exist,
    /// so that a mistyped app id leaves nothing behind. The body's token is also cancelled when the lock is lost (a blob
    /// lease that could not be renewed): the run then stops before it confirms anything more, with an
    /// <see cref="IOException"/> that says so.
    /// </summary>
    public static async Task LockedAsync(
        WorkflowRun run, ArchiveSink sink, string appPath, TimeSpan timeout, Func<CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        if (run.DryRun)
        {
            await body(cancellationToken).ConfigureAwait(false);
            return;
        }

        ArchiveLock held = await sink.LockAsync(appPath, timeout, cancellationToken).ConfigureAwait(false);
        try
        {
            using var whileHeld = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, held.Lost);
            await body(whileHeld.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (held.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new IOException(
                $"The hold on the archive '{sink.Describe(appPath)}' was lost during the run (another run may hold it now); it stopped before confirming anything more. Run again to finish.",
                exception);
        }
        finally
        {
            await held.DisposeAsync().ConfigureAwait(false);
        }
    }

    public static void WarnAboutAutoDelete(WorkflowRun run, ApplicationMetadata app, bool confirm)
    {
        if (app.AutoDeleteOnProcessEnd)
        {
            run.Warn(
                $"The app {app.Id} has autoDeleteOnProcessEnd: its instances are hard-deleted at process end, and "
                + (confirm ? "confirming complete" : "a complete confirmation")
                + " lets Storage purge each instance (data and events) once the hard delete and the confirmation are both 7 days old. Keep this archive: it may be the only copy.");
        }

        string[] types = (app.DataTypes ?? []).Where(t => t.AppLogic?.AutoDeleteOnProcessEnd == true).Select(t => t.Id ?? "(no id)").ToArray();
        if (types.Length > 0)
        {
            run.Warn(
                $"Data type(s) {string.Join(", ", types)} of {app.Id} have autoDeleteOnProcessEnd: their elements are deleted at process end, and Storage purges them once the delete and the app owner's complete confirmation are both 7 days old. "
                + "The app owner can still download them until then, so they are archived too; archive promptly.");
        }
    }

    public static string FullPath(string? path, string parameterName)
    {
        if (path is null) throw new ArgumentNullException(parameterName);
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The folder is empty.", parameterName);
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            throw new ArgumentException($"'{path}' is not a valid folder path: {exception.Message}", parameterName, exception);
        }
    }

#pragma warning disable CS1998 // An async iterator over a list: no awaits needed.
    public static async IAsyncEnumerable<T> Enumerate<T>(IEnumerable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
#pragma warning restore CS1998
    {
        foreach (T item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
    }
}
