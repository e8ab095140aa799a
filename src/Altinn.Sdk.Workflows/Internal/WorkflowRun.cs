namespace Altinn.Sdk.Workflows;

/// <summary>
/// One run of a workflow: collects the items thread-safely, reports progress, and works on instances from an
/// asynchronous listing with at most <see cref="WorkflowOptions.MaxConcurrency"/> at a time.
/// </summary>
internal sealed class WorkflowRun
{
    private readonly object _gate = new();
    private readonly List<WorkflowItemResult> _items = [];
    private readonly List<string> _warnings = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<InstanceId, System.Diagnostics.Activity> _itemActivities = new();
    private readonly string _workflow;
    private readonly WorkflowOptions _options;
    private readonly WorkflowContext _context;
    private readonly ILogger _logger;
    private int _done;
    private int _skipped;
    private int _failed;

    public WorkflowRun(string workflow, WorkflowOptions options, WorkflowContext context)
    {
        _workflow = workflow;
        _options = options;
        _context = context;
        _logger = context.Logger;
    }

    public bool DryRun => _options.DryRun;

    public IReadOnlyList<WorkflowItemResult> Items
    {
        get
        {
            lock (_gate) return _items.ToArray();
        }
    }

    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_gate) return _warnings.ToArray();
        }
    }

    public void Warn(string warning)
    {
        lock (_gate) _warnings.Add(warning);
        _context.LogWarning(_workflow, warning);
    }

    /// <summary>An instance's work begins: its span starts as the current activity of the caller's flow, and progress is reported.</summary>
    public void Started(InstanceId instanceId)
    {
        if (WorkflowTelemetry.StartItem(_workflow, instanceId) is { } activity && !_itemActivities.TryAdd(instanceId, activity)) activity.Stop();
        _options.Progress?.Report(new WorkflowProgress(_workflow, instanceId, WorkflowStep.Started, null, Volatile.Read(ref _done), Volatile.Read(ref _skipped), Volatile.Read(ref _failed)));
    }

    public void Add(WorkflowItemResult item)
    {
        WorkflowProgress progress;
        lock (_gate)
        {
            _items.Add(item);
            switch (item.Outcome)
            {
                case WorkflowOutcome.Done: _done++; break;
                case WorkflowOutcome.Skipped: _skipped++; break;
                default: _failed++; break;
            }

            progress = new WorkflowProgress(_workflow, item.InstanceId, (WorkflowStep)((int)item.Outcome + 1), item.Reason, _done, _skipped, _failed);
        }

        if (item.Outcome == WorkflowOutcome.Failed)
        {
            WorkflowLog.InstanceFailed(_logger, _workflow, item.InstanceId, item.Status, item.Exception);
        }
        else
        {
            WorkflowLog.InstanceFinished(_logger, _workflow, item.InstanceId, item.Outcome, item.Reason);
        }

        _itemActivities.TryRemove(item.InstanceId, out System.Diagnostics.Activity? activity);
        WorkflowTelemetry.EndItem(activity, _workflow, item);
        _options.Progress?.Report(progress);
    }

    public void Done(InstanceId id, string reason) => Add(new WorkflowItemResult(id, WorkflowOutcome.Done, reason));

    public void Skipped(InstanceId id, string reason) => Add(new WorkflowItemResult(id, WorkflowOutcome.Skipped, reason));

    public void Failed(InstanceId id, string what, Exception exception) =>
        Add(new WorkflowItemResult(id, WorkflowOutcome.Failed, what + ": " + exception.Message, exception));

    /// <summary>
    /// Runs one request for an instance; any failure but a cancellation is recorded as that instance's failure (and
    /// <see langword="null"/> returned), so it never stops the other instances.
    /// </summary>
    public async Task<T?> TryAsync<T>(InstanceId id, string what, Func<Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One instance's failure, whatever it is, must not stop the others; it is kept with its exception.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Failed(id, what, exception);
            return null;
        }
    }

    /// <summary>
    /// Works on every item of <paramref name="source"/>, at most <see cref="WorkflowOptions.MaxConcurrency"/> at a time.
    /// <paramref name="work"/> records its own outcome and throws only when cancelled. A failure of the listing itself
    /// (or a cancellation) stops taking new items; the ones under way finish, then it is rethrown.
    /// </summary>
    public async Task ForEachAsync<T>(IAsyncEnumerable<T> source, Func<T, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        var running = new List<Task>();
        try
        {
            await foreach (T item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                running.RemoveAll(t => t.IsCompleted);
                running.Add(RunOneAsync(item));
            }
        }
        finally
        {
            // Never leave work running behind the caller's back: wait for what was started, also on failure.
            try
            {
                await Task.WhenAll(running).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Rethrown below: a cancelled item is not recorded, so the run must not look complete.
            }
        }

        // The source may have ended before it saw the cancellation (its last page was already read).
        cancellationToken.ThrowIfCancellationRequested();

        async Task RunOneAsync(T item)
        {
            try
            {
                await work(item, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }
    }

    /// <summary>Runs <paramref name="body"/> and turns a cancellation or a stop into the workflow's exceptions with the partial result.</summary>
    public async Task<TResult> CompleteAsync<TResult>(Func<Task> body, Func<WorkflowRun, TResult> result, CancellationToken cancellationToken)
        where TResult : WorkflowResult
    {
        using System.Diagnostics.Activity? activity = WorkflowTelemetry.StartRun(_workflow);
        Exception? stoppedBy = null;
        try
        {
            await body().ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            stoppedBy = e;
            throw new WorkflowCanceledException(result(this), cancellationToken);
        }
        catch (Exception exception) when (exception is AltinnRequestFailedException or System.Net.Http.HttpRequestException or System.IO.IOException or OperationCanceledException)
        {
            // A listing failure (or a timeout): what was done so far is kept in the exception.
            stoppedBy = exception;
            throw new WorkflowStoppedException(result(this), exception);
        }
        finally
        {
            WorkflowTelemetry.EndRun(activity, Volatile.Read(ref _done), Volatile.Read(ref _skipped), Volatile.Read(ref _failed), stoppedBy);
        }

        return result(this);
    }

    public override string ToString() => $"{_workflow}: {_items.Count} item(s)";

    internal static IEnumerable<string> Names(IEnumerable<Models.DataType>? types) => types?.Select(t => t.Id ?? "(no id)") ?? [];
}
