using System.Collections.Concurrent;
using Altinn.Sdk.Events;

namespace Altinn.Sdk.Workflows;

/// <summary>Archive and confirm: from a listing of the completed, unconfirmed instances, or from the app's events feed.</summary>
internal sealed class ArchiveWorkflow(WorkflowContext context)
{
    public Task<ArchiveResult> ArchiveAsync(AppId appId, string outputDirectory, ArchiveOptions? options, CancellationToken cancellationToken)
    {
        if (appId is null) throw new ArgumentNullException(nameof(appId));
        return ArchiveAsync(appId, new FolderArchiveSink(WorkflowContext.FullPath(outputDirectory, nameof(outputDirectory))), options, cancellationToken);
    }

    public Task<ArchiveResult> ArchiveAsync(AppId appId, ArchiveSink sink, ArchiveOptions? options, CancellationToken cancellationToken)
    {
        if (appId is null) throw new ArgumentNullException(nameof(appId));
        if (sink is null) throw new ArgumentNullException(nameof(sink));
        options ??= new ArchiveOptions();
        var query = new InstanceQuery(appId) { IsComplete = true, ExcludeConfirmedBy = appId.Org, Order = InstanceQueryOrder.LastChangedAscending };
        return ArchiveCoreAsync("archive", appId, query, sink, options.ConfirmComplete, options, options.FolderLockTimeout, cancellationToken);
    }

    public Task<ArchiveResult> ArchiveFromEventsAsync(
        AppId appId, string outputDirectory, EventCheckpointStore checkpoints, ArchiveOptions? options, CancellationToken cancellationToken)
    {
        if (appId is null) throw new ArgumentNullException(nameof(appId));
        var sink = new FolderArchiveSink(WorkflowContext.FullPath(outputDirectory, nameof(outputDirectory)));
        if (checkpoints is null) throw new ArgumentNullException(nameof(checkpoints));
        return ArchiveFromEventsAsync(appId, sink, checkpoints, options, cancellationToken);
    }

    public Task<ArchiveResult> ArchiveFromEventsAsync(
        AppId appId, ArchiveSink sink, EventCheckpointStore checkpoints, ArchiveOptions? options, CancellationToken cancellationToken)
    {
        if (appId is null) throw new ArgumentNullException(nameof(appId));
        if (sink is null) throw new ArgumentNullException(nameof(sink));
        if (checkpoints is null) throw new ArgumentNullException(nameof(checkpoints));
        EventsClient events = context.Events ?? throw new InvalidOperationException(
            "This WorkflowClient has no EventsClient: create it with the constructor that takes one, with Create(...), or with AddAltinnWorkflows().");
        options ??= new ArchiveOptions();
        string appPath = InstanceArchiver.AppPathOf(appId);
        string appDirectory = sink.Describe(appPath);
        string feedKey = "archive:" + appId;
        var run = new WorkflowRun("archive-events", options, context);
        return run.CompleteAsync(
            async () =>
            {
                ApplicationMetadata app = await context.Storage.Applications.GetAsync(appId, options.RequestOptions, cancellationToken).ConfigureAwait(false);
                await WorkflowContext.LockedAsync(run, sink, appPath, options.FolderLockTimeout, async cancellationToken =>
                {
                    WorkflowContext.WarnAboutAutoDelete(run, app, options.ConfirmComplete);
                    var archiver = new InstanceArchiver(context.Storage, run, sink, appId, options.ConfirmComplete, context.Clock, options.RequestOptions);
                    var query = new AppEventsQuery(appId) { After = await checkpoints.GetCheckpointAsync(feedKey, cancellationToken).ConfigureAwait(false) ?? "0" };
                    query.Types.Add("app.instance.process.completed");
                    var seen = new HashSet<InstanceId>();
                    bool advance = !options.DryRun;
                    await foreach (Page<CloudEvent> page in events.GetEventsAsync(query, options.RequestOptions, cancellationToken).AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
                    {
                        if (page.Values.Count == 0) continue;
                        var ids = new List<InstanceId>();
                        foreach (CloudEvent cloudEvent in page.Values)
                        {
                            if (cloudEvent.TryGetInstanceId(out InstanceId? id) && seen.Add(id)) ids.Add(id);
                        }
    
                        int failedBefore = run.Items.Count(i => i.Outcome == WorkflowOutcome.Failed);
                        await run.ForEachAsync(WorkflowContext.Enumerate(ids, cancellationToken), (id, ct) => ArchiveFromEventAsync(run, archiver, appId, id, options, ct), cancellationToken).ConfigureAwait(false);
                        advance &= run.Items.Count(i => i.Outcome == WorkflowOutcome.Failed) == failedBefore;
                        if (advance) await checkpoints.SaveCheckpointAsync(feedKey, page.Values[page.Values.Count - 1].Id, cancellationToken).ConfigureAwait(false);
                    }
                }, cancellationToken).ConfigureAwait(false);
            },
            r => new ArchiveResult(r.DryRun, r.Items, r.Warnings, appDirectory),
            cancellationToken);
    }

    public Task<ArchiveResult> ArchiveCoreAsync(
        string workflow,
        AppId appId,
        InstanceQuery query,
        ArchiveSink sink,
        bool confirm,
        WorkflowOptions options,
        TimeSpan lockTimeout,
        CancellationToken cancellationToken,
        ApplicationMetadata? app = null,
        ConcurrentDictionary<InstanceId, DateTimeOffset?>? archived = null)
    {
        string appPath = InstanceArchiver.AppPathOf(appId);
        string appDirectory = sink.Describe(appPath);
        var run = new WorkflowRun(workflow, options, context);
        return run.CompleteAsync(
            async () =>
            {
                app ??= await context.Storage.Applications.GetAsync(appId, options.RequestOptions, cancellationToken).ConfigureAwait(false);
                await WorkflowContext.LockedAsync(run, sink, appPath, lockTimeout, async cancellationToken =>
                {
                    WorkflowContext.WarnAboutAutoDelete(run, app, confirm);
                    var archiver = new InstanceArchiver(context.Storage, run, sink, appId, confirm, context.Clock, options.RequestOptions, archived);

                    // Every listing here is oldest-changed first: Storage's descending paging skips instances that share a
                    // lastChanged at a page boundary. Confirming changes an instance's lastChanged (it would come again at
                    // the end) but also moves it out of the listing (excludeConfirmedBy), so none is seen twice.
                    await run.ForEachAsync(context.Storage.Instances.QueryRawAsync(query, options.RequestOptions, cancellationToken), archiver.ArchiveAsync, cancellationToken).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
            },
            r => new ArchiveResult(r.DryRun, r.Items, r.Warnings, appDirectory),
            cancellationToken);
    }

    private async Task ArchiveFromEventAsync(WorkflowRun run, InstanceArchiver archiver, AppId appId, InstanceId id, WorkflowOptions options, CancellationToken cancellationToken)
    {
        InstanceJson? current = await run.TryAsync(
            id, "Reading the instance failed", () => context.Storage.Instances.GetRawAsync(id, options.RequestOptions, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (current is null) return;
        if (!current.Instance.IsComplete)
        {
            run.Skipped(id, "its process has not ended");
        }
        else if ((current.Instance.CompleteConfirmations ?? []).Any(c => string.Equals(c.StakeholderId, appId.Org, StringComparison.OrdinalIgnoreCase)))
        {
            run.Skipped(id, "already confirmed by " + appId.Org);
        }
        else
        {
            await archiver.ArchiveAsync(current, cancellationToken).ConfigureAwait(false);
        }
    }
}
