namespace Altinn.Sdk.Workflows;

/// <summary>What happened to one instance, as reported to <see cref="WorkflowOptions.Progress"/>.</summary>
public enum WorkflowStep
{
    /// <summary>Work on the instance has started.</summary>
    Started,

    /// <summary>The instance is done (in a dry run: would be done).</summary>
    Done,

    /// <summary>Nothing was needed for the instance.</summary>
    Skipped,

    /// <summary>The instance failed; the others go on.</summary>
    Failed,
}

/// <summary>A progress report: one instance's step and the running totals of the workflow.</summary>
public sealed class WorkflowProgress
{
    /// <summary>Creates a report (for tests and mocks).</summary>
    /// <param name="workflow">The workflow's name, for example <c>archive</c>.</param>
    /// <param name="instanceId">The instance.</param>
    /// <param name="step">What happened.</param>
    /// <param name="reason">Why, or <see langword="null"/> for <see cref="WorkflowStep.Started"/>.</param>
    /// <param name="done">Instances done so far.</param>
    /// <param name="skipped">Instances skipped so far.</param>
    /// <param name="failed">Instances failed so far.</param>
    public WorkflowProgress(string workflow, InstanceId instanceId, WorkflowStep step, string? reason, int done, int skipped, int failed)
    {
        Workflow = workflow;
        InstanceId = instanceId;
        Step = step;
        Reason = reason;
        Done = done;
        Skipped = skipped;
        Failed = failed;
    }

    /// <summary>The workflow's name: <c>archive</c>, <c>substatus</c>, <c>export</c> or <c>delete</c>.</summary>
    public string Workflow { get; }

    /// <summary>The instance.</summary>
    public InstanceId InstanceId { get; }

    /// <summary>What happened.</summary>
    public WorkflowStep Step { get; }

    /// <summary>Why (for example "archived 3 files and confirmed"), or <see langword="null"/> when started.</summary>
    public string? Reason { get; }

    /// <summary>Instances done so far, this one included.</summary>
    public int Done { get; }

    /// <summary>Instances skipped so far, this one included.</summary>
    public int Skipped { get; }

    /// <summary>Instances failed so far, this one included.</summary>
    public int Failed { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Workflow} {InstanceId}: {Step}{(Reason is null ? string.Empty : " (" + Reason + ")")}";
}
