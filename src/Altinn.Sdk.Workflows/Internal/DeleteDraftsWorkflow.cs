using System.Collections.Concurrent;
using Altinn.Sdk.Apps;

namespace Altinn.Sdk.Workflows;

/// <summary>Deleting stale drafts through the app, and the deletion step of the undeploy readiness report.</summary>
internal sealed class DeleteDraftsWorkflow(WorkflowContext context)
{
    public Task<WorkflowResult> DeleteDraftsAsync(AppId appId, DeleteDraftsOptions options, CancellationToken cancellationToken)
    {
        if (appId is null) throw new ArgumentNullException(nameof(appId));
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (options.Created is null)
        {
            throw new ArgumentException(
                "DeleteDraftsOptions.Created is required: it says which drafts are stale, for example DateFilter.OnOrBefore(2020, 9, 30).", nameof(options));
        }

        if (options.CurrentTask is not null && string.IsNullOrWhiteSpace(options.CurrentTask))
        {
            throw new ArgumentException("DeleteDraftsOptions.CurrentTask is empty: give a task id such as \"Task_1\", or null for drafts in any task.", nameof(options));
        }

        var query = new InstanceQuery(appId)
        {
            Created = options.Created,
            CurrentTask = options.CurrentTask,
            IsComplete = options.CurrentTask is null ? false : null,
            IncludeDataElements = false,
            PageSize = InstanceQuery.MaxPageSize,
            Order = InstanceQueryOrder.LastChangedAscending,
        };
        if (options.Hard) query.IsHardDeleted = false;
        else query.IsSoftDeleted = false;
        _ = query.ToRequest();

        var run = new WorkflowRun("delete-drafts", options, context);
        return run.CompleteAsync(
            () => DeleteThroughAppAsync(run, appId, query, options.Hard, null, options.RequestOptions, cancellationToken),
            r => new WorkflowResult(r.DryRun, r.Items, r.Warnings),
            cancellationToken);
    }

    /// <summary>
    /// Lists every match of <paramref name="query"/> first (deleting must not shift the pages being read), then deletes
    /// each active one through the app, each after reading it again: one that changed since the listing in a way that
    /// matters is skipped. With <paramref name="exported"/>, only instances in it are deleted, and only unchanged since
    /// they were exported (the same <c>lastChanged</c>).
    /// </summary>
    public async Task DeleteThroughAppAsync(
        WorkflowRun run,
        AppId appId,
        InstanceQuery query,
        bool hard,
        ConcurrentDictionary<InstanceId, DateTimeOffset?>? exported,
        AltinnRequestOptions? requestOptions,
        CancellationToken cancellationToken)
    {
        var listed = new List<Instance>();
        var ended = new List<InstanceId>();
        await foreach (Instance instance in context.Storage.Instances.QueryAsync(query, requestOptions, cancellationToken).ConfigureAwait(false))
        {
            if (instance.Id is null) continue;

            // The query already excludes them; checked again because deleting a completed instance loses a submission.
            if (instance.IsComplete) ended.Add(instance.Id);
            else listed.Add(instance);
        }

        foreach (InstanceId id in ended) run.Skipped(id, "not a draft: its process has ended");
        AppInstancesClient instances = context.Apps.GetAppClient(appId).Instances;
        string how = hard ? "hard-deleted" : "soft-deleted";
        await run.ForEachAsync(
            WorkflowContext.Enumerate(listed, cancellationToken),
            async (instance, ct) =>
            {
                InstanceId id = instance.Id!;
                run.Started(id);
                DateTimeOffset? exportedLastChanged = null;
                if (exported is not null && !exported.TryGetValue(id, out exportedLastChanged))
                {
                    run.Skipped(id, "kept: not exported (its export failed, or it appeared after the export)");
                    return;
                }

                if (run.DryRun)
                {
                    run.Done(id, $"dry run: would be {how} through the app");
                    return;
                }

                // Listing and deleting are far apart on a big app: the instance is read again right before its delete.
                Instance current;
                try
                {
                    current = await context.Storage.Instances.GetAsync(id, requestOptions, ct).ConfigureAwait(false);
                }
                catch (AltinnRequestFailedException exception) when (exception.Status == 404)
                {
                    run.Skipped(id, "already deleted (404 from Storage)");
                    return;
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // One instance's failure must not stop the others; it is kept with its exception.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    run.Failed(id, "Reading the instance again before deleting it failed; it was not deleted", exception);
                    return;
                }

                if (hard ? current.Status?.IsHardDeleted == true : current.Status?.IsSoftDeleted == true)
                {
                    run.Skipped(id, "already deleted");
                    return;
                }

                string? changed = ChangedSinceListed(instance, current);
                if (changed is not null)
                {
                    run.Skipped(id, "changed since listed: " + changed);
                    return;
                }

                if (exported is not null && current.LastChanged != exportedLastChanged)
                {
                    run.Skipped(id, "changed since it was exported: kept, as its newest state has no copy outside Storage (export and delete again)");
                    return;
                }

                try
                {
                    await instances.DeleteAsync(id, hard, requestOptions, ct).ConfigureAwait(false);
                    run.Done(id, how + " through the app");
                }
                catch (AltinnRequestFailedException exception) when (exception.Status == 404)
                {
                    run.Skipped(id, "already deleted (404 from the app)");
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // One instance's failure must not stop the others; it is kept with its exception (a 403 names the policy rule).
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    run.Failed(id, "Deleting through the app failed", exception);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Why <paramref name="current"/> is no longer the draft <paramref name="listed"/> was (ended, or in another task), or <see langword="null"/>.</summary>
    private static string? ChangedSinceListed(Instance listed, Instance current)
    {
        if (current.IsComplete) return "its process has ended (it was submitted)";
        string? task = current.Process?.CurrentTask?.ElementId, listedTask = listed.Process?.CurrentTask?.ElementId;
        return string.Equals(task, listedTask, StringComparison.Ordinal) ? null : $"now in {task ?? "no task"}, listed in {listedTask ?? "no task"}";
    }
}
