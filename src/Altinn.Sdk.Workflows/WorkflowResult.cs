namespace Altinn.Sdk.Workflows;

/// <summary>How one instance ended in a workflow.</summary>
public enum WorkflowOutcome
{
    /// <summary>The work was done (in a dry run: would be done).</summary>
    Done,

    /// <summary>Nothing was needed (already in the wanted state).</summary>
    Skipped,

    /// <summary>The work failed; <see cref="WorkflowItemResult.Reason"/> says why.</summary>
    Failed,
}

/// <summary>What a workflow did with one instance, and why.</summary>
public sealed class WorkflowItemResult
{
    /// <summary>Creates an item (for tests and mocks).</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="outcome">How it ended.</param>
    /// <param name="reason">Why; for a failure the exception's message.</param>
    /// <param name="exception">The failure, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> or <paramref name="reason"/> is null.</exception>
    public WorkflowItemResult(InstanceId instanceId, WorkflowOutcome outcome, string reason, Exception? exception = null)
    {
        InstanceId = instanceId ?? throw new ArgumentNullException(nameof(instanceId));
        Outcome = outcome;
        Reason = reason ?? throw new ArgumentNullException(nameof(reason));
        Exception = exception;
    }

    /// <summary>The instance.</summary>
    public InstanceId InstanceId { get; }

    /// <summary>How it ended.</summary>
    public WorkflowOutcome Outcome { get; }

    /// <summary>What was done, why it was skipped, or why it failed (with the failure's message).</summary>
    public string Reason { get; }

    /// <summary>The HTTP status when a request to Altinn failed (<see cref="AltinnRequestFailedException.Status"/>), else <see langword="null"/>.</summary>
    public int? Status => (Exception as AltinnRequestFailedException)?.Status;

    /// <summary>The failure, or <see langword="null"/>.</summary>
    public Exception? Exception { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{InstanceId}: {Outcome}: {Reason}";
}

/// <summary>What a workflow did: the instances done, skipped and failed, each with a reason, and its warnings.</summary>
/// <remarks>A failed instance never stopped the others. Items are in the order the instances finished.</remarks>
public class WorkflowResult
{
    /// <summary>Creates a result (for tests and mocks).</summary>
    /// <param name="dryRun">Whether this was a dry run.</param>
    /// <param name="items">The items, in any outcome.</param>
    /// <param name="warnings">Warnings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> or <paramref name="warnings"/> is null.</exception>
    public WorkflowResult(bool dryRun, IEnumerable<WorkflowItemResult> items, IEnumerable<string> warnings)
    {
        if (items is null) throw new ArgumentNullException(nameof(items));
        if (warnings is null) throw new ArgumentNullException(nameof(warnings));
        DryRun = dryRun;
        Items = items.ToArray();
        Done = Items.Where(i => i.Outcome == WorkflowOutcome.Done).ToArray();
        Skipped = Items.Where(i => i.Outcome == WorkflowOutcome.Skipped).ToArray();
        Failed = Items.Where(i => i.Outcome == WorkflowOutcome.Failed).ToArray();
        Warnings = warnings.ToArray();
    }

    /// <summary>Whether this was a dry run: <see cref="Done"/> then lists what would have been done, and nothing was written.</summary>
    public bool DryRun { get; }

    /// <summary>Every instance worked on, in the order they finished.</summary>
    public IReadOnlyList<WorkflowItemResult> Items { get; }

    /// <summary>The instances done (in a dry run: that would be done).</summary>
    public IReadOnlyList<WorkflowItemResult> Done { get; }

    /// <summary>The instances that needed nothing.</summary>
    public IReadOnlyList<WorkflowItemResult> Skipped { get; }

    /// <summary>The instances that failed, with the reason and the exception.</summary>
    public IReadOnlyList<WorkflowItemResult> Failed { get; }

    /// <summary>Things to know that are not failures (for example an app that deletes instances at process end). Also logged.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Whether no instance failed.</summary>
    public bool Succeeded => Failed.Count == 0;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{(DryRun ? "Dry run: " : string.Empty)}{Done.Count} done, {Skipped.Count} skipped, {Failed.Count} failed, {Warnings.Count} warning(s)";
}

/// <summary>The result of <see cref="WorkflowClient.ArchiveAsync(AppId, string, ArchiveOptions?, System.Threading.CancellationToken)"/>.</summary>
public sealed class ArchiveResult : WorkflowResult
{
    /// <summary>Creates a result (for tests and mocks).</summary>
    /// <param name="dryRun">Whether this was a dry run.</param>
    /// <param name="items">The items.</param>
    /// <param name="warnings">Warnings.</param>
    /// <param name="appDirectory">The app's folder in the archive.</param>
    public ArchiveResult(bool dryRun, IEnumerable<WorkflowItemResult> items, IEnumerable<string> warnings, string appDirectory)
        : base(dryRun, items, warnings)
    {
        AppDirectory = appDirectory ?? throw new ArgumentNullException(nameof(appDirectory));
    }

    /// <summary>
    /// The app's place in the archive, <c>{org}/{app}</c> as the sink describes it (for a folder: <c>{out}/{org}/{app}</c>);
    /// each instance is in <c>{partyId}/{instanceGuid}</c> below it.
    /// </summary>
    public string AppDirectory { get; }
}

/// <summary>The result of setting a substatus with <see cref="WorkflowClient"/>.</summary>
public sealed class SubstatusResult : WorkflowResult
{
    /// <summary>Creates a result (for tests and mocks).</summary>
    /// <param name="dryRun">Whether this was a dry run.</param>
    /// <param name="items">The items.</param>
    /// <param name="warnings">Warnings.</param>
    /// <param name="substatus">The substatus set.</param>
    public SubstatusResult(bool dryRun, IEnumerable<WorkflowItemResult> items, IEnumerable<string> warnings, Models.Substatus substatus)
        : base(dryRun, items, warnings)
    {
        Substatus = substatus ?? throw new ArgumentNullException(nameof(substatus));
        LabelPreview = SubstatusLabel.Preview(substatus.Label ?? string.Empty);
    }

    /// <summary>The substatus set.</summary>
    public Models.Substatus Substatus { get; }

    /// <summary>The label as the Altinn inbox shows it (<see cref="SubstatusLabel.Preview(string)"/>).</summary>
    public string LabelPreview { get; }
}

/// <summary>
/// Thrown when a workflow is cancelled; <see cref="Result"/> lists what was finished before. An instance that was
/// being worked on is left as it was or finished whole (never half-written under its final file names, never
/// confirmed without verified files); a new run picks it up.
/// </summary>
public sealed class WorkflowCanceledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="result">What was finished before the cancellation.</param>
    /// <param name="cancellationToken">The token that cancelled.</param>
    public WorkflowCanceledException(WorkflowResult result, System.Threading.CancellationToken cancellationToken)
        : base($"The workflow was cancelled; before that: {result}. Run it again to continue.", cancellationToken)
    {
        Result = result;
    }

    /// <summary>What was finished before the cancellation.</summary>
    public WorkflowResult Result { get; }
}

/// <summary>
/// Thrown when a workflow cannot go on as a whole, typically because listing the instances failed;
/// <see cref="Result"/> lists what was finished before, and <see cref="Exception.InnerException"/> is the cause.
/// </summary>
public sealed class WorkflowStoppedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="result">What was finished before the stop.</param>
    /// <param name="innerException">The cause.</param>
    public WorkflowStoppedException(WorkflowResult result, Exception innerException)
        : base($"The workflow stopped: {innerException?.Message} Before that: {result}. Run it again to continue.", innerException)
    {
        Result = result;
    }

    /// <summary>What was finished before the stop.</summary>
    public WorkflowResult Result { get; }

    /// <summary>The HTTP status when the cause was a failed request, else <see langword="null"/>.</summary>
    public int? Status => (InnerException as AltinnRequestFailedException)?.Status;
}
