using System.Diagnostics;
using Altinn.Sdk.Events;
using Altinn.Sdk.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Altinn.Sdk.Workflows;

/// <summary>
/// Archives and confirms the configured apps' completed instances in passes, through the public sink methods of
/// <see cref="WorkflowClient"/> only, so it works with any <see cref="ArchiveSink"/>. Nothing is taken for granted
/// across restarts: the first pass of each app queries Storage, and so does the pass after a fault.
/// </summary>
internal sealed class ArchiveWorker : BackgroundService
{
    private readonly Func<WorkflowClient> _workflowsFactory;
    private readonly IOptions<ArchiveWorkerOptions> _optionsAccessor;
    private readonly ArchiveWorkerStatus _status;
    private readonly bool _eventsRegistered;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private WorkflowClient _workflows = null!;
    private ArchiveWorkerOptions _options = null!;
    private ArchiveSink _sink = null!;
    private EventCheckpointStore? _checkpoints;
    private Dictionary<AppId, AppState> _apps = null!;
    private long _passes;

    /// <summary>Creates the worker; it reads its options and services when it starts, after the host has validated them.</summary>
    public ArchiveWorker(
        Func<WorkflowClient> workflows,
        IOptions<ArchiveWorkerOptions> options,
        ArchiveWorkerStatus status,
        bool eventsRegistered,
        TimeProvider? clock = null,
        ILogger<ArchiveWorker>? logger = null)
    {
        _workflowsFactory = workflows;
        _optionsAccessor = options;
        _status = status;
        _eventsRegistered = eventsRegistered;
        _clock = clock ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The folder of the default checkpoint store: the one set, else <c>.checkpoints</c> below a folder sink's root; <see langword="null"/> when there is none.</summary>
    internal static string? CheckpointFolder(ArchiveWorkerOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.CheckpointFolder)) return options.CheckpointFolder;
        if (options.Sink is FolderArchiveSink folder) return Path.Combine(folder.RootDirectory, ".checkpoints");
        return options.Sink is null && !string.IsNullOrWhiteSpace(options.Folder) ? Path.Combine(Path.GetFullPath(options.Folder), ".checkpoints") : null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _options = _optionsAccessor.Value;
        _workflows = _workflowsFactory();
        _sink = _options.Sink ?? new FolderArchiveSink(_options.Folder!);
        if (_options.UseEvents ?? _eventsRegistered) _checkpoints = _options.Checkpoints ?? new FileEventCheckpointStore(CheckpointFolder(_options)!);
        _apps = _options.Apps.Distinct().ToDictionary(a => a, _ => new AppState());
        string archive = $"{string.Join(", ", _apps.Keys)} into {(_sink is FolderArchiveSink folder ? folder.RootDirectory : _sink.GetType().Name)}";
        _status.WorkerStarted(_clock.GetUtcNow());
        ArchiveWorkerLog.Started(_logger, archive, _options.Interval, _checkpoints is not null);

        // A pass with faults throws PassFaultedException: the retry waits exponentially longer (with jitter, capped)
        // before the next pass; a good pass ends the execution, so the next one starts from the plain interval again.
        ResiliencePipeline backoff = new ResiliencePipelineBuilder { TimeProvider = _clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<PassFaultedException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.Interval,
                MaxDelay = _options.MaxBackoff,
                OnRetry = args =>
                {
                    ArchiveWorkerLog.BackingOff(_logger, _passes, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            })
            .Build();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await backoff.ExecuteAsync(RunPassAsync, stoppingToken).ConfigureAwait(false);
                await TimeShims.Delay(_clock, _options.Interval, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: the cancellation reached the workflow, which confirms nothing that is not stored and verified.
        }

        ArchiveWorkerLog.Stopped(_logger, _passes);
    }

    private async ValueTask RunPassAsync(CancellationToken cancellationToken)
    {
        long pass = Interlocked.Increment(ref _passes);
        var watch = Stopwatch.StartNew();
        _status.PassStarted(_clock.GetUtcNow());
        bool scheduledScan = _options.FullScanEvery > 0 && pass % _options.FullScanEvery == 0;
        int done = 0, failed = 0, held = 0, faulted = 0;
        string? error = null;
        foreach (KeyValuePair<AppId, AppState> app in _apps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AppOutcome outcome = await ArchiveAppAsync(pass, app.Key, app.Value, scheduledScan, cancellationToken).ConfigureAwait(false);
            done += outcome.Done;
            failed += outcome.Failed;
            if (outcome.Held) held++;
            if (outcome.Stopped) faulted++;
            error ??= outcome.Error;
        }

        _status.PassEnded(_clock.GetUtcNow(), good: faulted == 0, error, failed);
        ArchiveWorkerLog.PassEnded(_logger, pass, watch.Elapsed, done, failed, held, faulted);
        if (error is not null) throw new PassFaultedException();
    }

    private async Task<AppOutcome> ArchiveAppAsync(long pass, AppId app, AppState state, bool scheduledScan, CancellationToken cancellationToken)
    {
        DateTimeOffset now = _clock.GetUtcNow();
        bool query = _checkpoints is null || state.NeedsScan || scheduledScan || now - state.LastGood > _options.EventsRetention;
        string source = query ? "the Storage query" : "the events feed";
        var options = new ArchiveOptions
        {
            MaxConcurrency = _options.MaxConcurrency,
            FolderLockTimeout = _options.LockWait,
            Progress = new StatusProgress(_status, _clock),
        };
        try
        {
            ArchiveResult result = query
                ? await _workflows.ArchiveAsync(app, _sink, options, cancellationToken).ConfigureAwait(false)
                : await _workflows.ArchiveFromEventsAsync(app, _sink, _checkpoints!, options, cancellationToken).ConfigureAwait(false);
            ArchiveWorkerLog.AppArchived(_logger, pass, app, source, result.Done.Count, result.Skipped.Count, result.Failed.Count);

            // A failed instance of a query is not in the feed's next events: query again. The feed's checkpoint stays
            // before a failed instance, so the feed sees it again by itself.
            state.NeedsScan = query && result.Failed.Count > 0;
            state.LastGood = now;
            WorkflowItemResult? first = result.Failed.Count > 0 ? result.Failed[0] : null;
            return new AppOutcome(result.Done.Count, result.Failed.Count, Held: false, Stopped: false, first is null ? null : $"{app} {first.InstanceId}: {first.Reason}");
        }
        catch (WorkflowStoppedException stopped) when (HeldElsewhere(stopped))
        {
            ArchiveWorkerLog.AppHeldElsewhere(_logger, pass, app);
            return new AppOutcome(0, 0, Held: true, Stopped: false, null);
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            ArchiveWorkerLog.AppFaulted(_logger, pass, app, source, exception);
            state.NeedsScan = true;
            int failed = (exception as WorkflowStoppedException)?.Result.Failed.Count ?? 0;
            return new AppOutcome(0, failed, Held: false, Stopped: true, $"{app}: {exception.Message}");
        }
    }

    /// <summary>Another run (another replica) holds the app's archive: the sink's lock gave up waiting, before the run began.</summary>
    private static bool HeldElsewhere(WorkflowStoppedException stopped) => stopped.InnerException is ArchiveInUseException;

    private sealed class AppState
    {
        /// <summary>The app's next pass queries Storage: at start (nothing is taken for granted across restarts) and after a fault.</summary>
        public bool NeedsScan { get; set; } = true;

        public DateTimeOffset LastGood { get; set; } = DateTimeOffset.MinValue;
    }

    private readonly record struct AppOutcome(int Done, int Failed, bool Held, bool Stopped, string? Error);

    /// <summary>Marks a pass with faults, for the back-off; never leaves the worker.</summary>
    private sealed class PassFaultedException : Exception
    {
        public PassFaultedException()
            : base("The archive pass had faults.")
        {
        }
    }

    /// <summary>Records that a running pass finishes instances, so a long pass over a backlog reads as alive.</summary>
    private sealed class StatusProgress(ArchiveWorkerStatus status, TimeProvider clock) : IProgress<WorkflowProgress>
    {
        public void Report(WorkflowProgress value)
        {
            if (value.Step != WorkflowStep.Started) status.Progress(clock.GetUtcNow());
        }
    }
}
