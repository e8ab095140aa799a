using System.Diagnostics;
using System.Diagnostics.Metrics;
using Altinn.Sdk.Diagnostics;

namespace Altinn.Sdk.Workflows;

/// <summary>
/// The workflows' spans (one per run, one per instance) and metrics (outcomes, archived instances and bytes) on Core's
/// <see cref="AltinnTelemetry"/> source and meter. Attributes carry workflow names, app ids, instance ids and outcomes
/// only: never a file name, a person or a reason text (which may quote one).
/// </summary>
internal static class WorkflowTelemetry
{
    private static readonly Counter<long> s_items = AltinnTelemetry.Meter.CreateCounter<long>(
        "altinn.sdk.workflow.instances", unit: "{instance}", description: "Instances a workflow handled, by workflow and outcome (done, skipped, failed).");

    private static readonly Counter<long> s_archivedInstances = AltinnTelemetry.Meter.CreateCounter<long>(
        "altinn.sdk.archive.instances", unit: "{instance}", description: "Instances archived (files written and verified), by app.");

    private static readonly Counter<long> s_archivedBytes = AltinnTelemetry.Meter.CreateCounter<long>(
        "altinn.sdk.archive.bytes", unit: "By", description: "Bytes of the files of the instances archived (instance document and data elements), by app.");

    /// <summary>Starts the span of one run of <paramref name="workflow"/>, <c>Workflows.{workflow}</c>.</summary>
    public static Activity? StartRun(string workflow)
    {
        Activity? activity = AltinnTelemetry.ActivitySource.StartActivity("Workflows." + workflow, ActivityKind.Internal);
        activity?.SetTag("altinn.workflow", workflow);
        return activity;
    }

    /// <summary>Ends a run's span with its counts; a stop or cancellation is an error.</summary>
    public static void EndRun(Activity? activity, int done, int skipped, int failed, Exception? stoppedBy)
    {
        if (activity is null) return;
        activity.SetTag("altinn.workflow.done", done);
        activity.SetTag("altinn.workflow.skipped", skipped);
        activity.SetTag("altinn.workflow.failed", failed);
        if (stoppedBy is not null)
        {
            activity.SetTag("error.type", stoppedBy.GetType().FullName);
            activity.SetStatus(ActivityStatusCode.Error, stoppedBy.GetType().Name);
        }
    }

    /// <summary>Starts the span of one instance of a run, <c>Workflows.{workflow}.Instance</c>, as the current activity.</summary>
    public static Activity? StartItem(string workflow, InstanceId id)
    {
        Activity? activity = AltinnTelemetry.ActivitySource.StartActivity("Workflows." + workflow + ".Instance", ActivityKind.Internal);
        activity?.SetTag("altinn.workflow", workflow);
        activity?.SetTag("altinn.instance_id", id.ToString());
        return activity;
    }

    /// <summary>Counts an instance's outcome and ends its span (started now when the instance had none).</summary>
    public static void EndItem(Activity? activity, string workflow, WorkflowItemResult item)
    {
        string outcome = Outcome(item.Outcome);
        s_items.Add(1, new KeyValuePair<string, object?>("altinn.workflow", workflow), new KeyValuePair<string, object?>("altinn.outcome", outcome));
        activity ??= StartItem(workflow, item.InstanceId);
        if (activity is null) return;
        activity.SetTag("altinn.outcome", outcome);
        if (item.Status is { } status) activity.SetTag("http.response.status_code", status);
        if (item.Outcome == WorkflowOutcome.Failed)
        {
            string errorType = item.Exception?.GetType().FullName ?? "failed";
            activity.SetTag("error.type", errorType);
            activity.SetStatus(ActivityStatusCode.Error, errorType);
        }

        activity.Stop();
    }

    /// <summary>Counts an instance archived (its files written and verified) and the size of its files.</summary>
    public static void Archived(AppId appId, long bytes)
    {
        var app = new KeyValuePair<string, object?>("altinn.app_id", appId.ToString());
        s_archivedInstances.Add(1, app);
        s_archivedBytes.Add(bytes, app);
        Activity.Current?.SetTag("altinn.app_id", appId.ToString());
    }

    private static string Outcome(WorkflowOutcome outcome) => outcome switch
    {
        WorkflowOutcome.Done => "done",
        WorkflowOutcome.Skipped => "skipped",
        _ => "failed",
    };
}
