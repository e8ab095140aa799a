using System.Collections.Concurrent;

namespace Altinn.Sdk.Workflows;

/// <summary>The undeploy readiness report, with the optional export and deletion of the active instances.</summary>
internal sealed class UndeployReadinessWorkflow(WorkflowContext context, ArchiveWorkflow archive, DeleteDraftsWorkflow drafts)
{
    // Before an undeploy the active instances should go for good: a soft-deleted one could be restored from the
    // owner's bin and would then open to an error page once the app is gone.
    private const bool ActiveDeleteIsHard = true;

    public async Task<UndeployReadinessReport> GetUndeployReadinessAsync(AppId appId, UndeployReadinessOptions? options, CancellationToken cancellationToken)
    {
        if (appId is null) throw new ArgumentNullException(nameof(appId));
        options ??= new UndeployReadinessOptions();
        string? exportRoot = options.ExportDirectory is null ? null : WorkflowContext.FullPath(options.ExportDirectory, nameof(options.ExportDirectory));
        TimeSpan[] bounds = options.DraftAgeBounds.ToArray();
        for (int i = 0; i < bounds.Length; i++)
        {
            if (bounds[i] <= TimeSpan.Zero || (i > 0 && bounds[i] <= bounds[i - 1]))
            {
                throw new ArgumentException("The draft age bounds must be positive and ascending.", nameof(options));
            }
        }

        ApplicationMetadata app = await context.Storage.Applications.GetAsync(appId, options.RequestOptions, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = context.Clock.GetUtcNow();
        int total = 0, deletedDrafts = 0, completed = 0, unconfirmed = 0;
        var byTask = new Dictionary<string, int>(StringComparer.Ordinal);
        int[] ages = new int[bounds.Length + 1];

        // Only what the report needs: no data elements, big pages.
        var all = new InstanceQuery(appId) { IncludeDataElements = false, PageSize = InstanceQuery.MaxPageSize, Order = InstanceQueryOrder.LastChangedAscending };
        await foreach (Instance instance in context.Storage.Instances.QueryAsync(all, options.RequestOptions, cancellationToken).ConfigureAwait(false))
        {
            total++;
            if (instance.IsComplete)
            {
                completed++;
                if (!(instance.CompleteConfirmations ?? []).Any(c => string.Equals(c.StakeholderId, appId.Org, StringComparison.OrdinalIgnoreCase))) unconfirmed++;
            }
            else if (instance.Status is { IsSoftDeleted: true } or { IsHardDeleted: true })
            {
                deletedDrafts++;
            }
            else
            {
                string task = instance.Process?.CurrentTask?.ElementId ?? "(no current task)";
                byTask[task] = byTask.TryGetValue(task, out int count) ? count + 1 : 1;
                TimeSpan age = now - (instance.Created ?? now);
                int group = 0;
                while (group < bounds.Length && age > bounds[group]) group++;
                ages[group]++;
            }
        }

        var groups = new List<DraftAgeGroup>(ages.Length);
        for (int i = 0; i < ages.Length; i++)
        {
            groups.Add(new DraftAgeGroup(i == 0 ? null : bounds[i - 1], i == bounds.Length ? null : bounds[i], ages[i]));
        }

        string[] autoDeleteTypes = (app.DataTypes ?? []).Where(t => t.AppLogic?.AutoDeleteOnProcessEnd == true).Select(t => t.Id ?? "(no id)").ToArray();
        ArchiveResult? export = null;
        ConcurrentDictionary<InstanceId, DateTimeOffset?>? exported = null;
        if (exportRoot is not null)
        {
            exported = new ConcurrentDictionary<InstanceId, DateTimeOffset?>();
            export = await archive.ArchiveCoreAsync("export", appId, new InstanceQuery(appId) { Order = InstanceQueryOrder.LastChangedAscending }, new FolderArchiveSink(exportRoot), confirm: false, options, TimeSpan.Zero, cancellationToken, app, exported).ConfigureAwait(false);
        }

        WorkflowResult? deletion = null;
        if (options.DeleteActiveInstances)
        {
            // With an export, only what it archived may go, as it was archived: an instance whose export failed, that
            // appeared after the export listed its instances, or that changed since, would go without a copy outside Storage.
            var run = new WorkflowRun("delete-active", options, context);
            deletion = await run.CompleteAsync(
                () => drafts.DeleteThroughAppAsync(run, appId, UndeployReadinessReport.ActiveQuery(appId), ActiveDeleteIsHard, exported, options.RequestOptions, cancellationToken),
                r => new WorkflowResult(r.DryRun, r.Items, r.Warnings),
                cancellationToken).ConfigureAwait(false);
        }

        return new UndeployReadinessReport(appId, now, total, byTask, groups, deletedDrafts, completed, unconfirmed, app.AutoDeleteOnProcessEnd, autoDeleteTypes, export, deletion);
    }
}
