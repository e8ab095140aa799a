using Altinn.Sdk.Apps;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;
using static Altinn.Sdk.Workflows.Tests.WorkflowEmulator;

namespace Altinn.Sdk.Workflows.Tests;

/// <summary>
/// The documented clean-up of stale drafts. The emulator starts on 1 August 2020, so the demo seed's instances are all
/// from 2020 (drafts 1 and 2 in Task_1, instance 3 in Task_2, completed 4, 5 and 7, soft-deleted draft 6); then the
/// clock moves to today and a fresh draft is created, which the clean-up must not touch.
/// </summary>
public sealed class DeleteDraftsTests : IAsyncLifetime
{
    private static readonly string DocumentedQuery =
        StoragePath + "instances?appId=ttd/demo-app&created=lte:2020-09-30&process.currentTask=Task_1&";

    private WorkflowEmulator _env = null!;
    private InstanceId _freshDraft = null!;

    public async Task InitializeAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2020, 8, 1, 12, 0, 0, TimeSpan.Zero));
        _env = await StartAsync(clock: clock);
        clock.SetUtcNow(DateTimeOffset.UtcNow);
        Instance fresh = await _env.Apps.GetAppClient(DemoApp).Instances.CreateAsync(InstanceOwnerReference.Party(OrganisationParty));
        _freshDraft = fresh.Id!;
        _env.Emulator.ClearRequests();
    }

    public async Task DisposeAsync() => await _env.DisposeAsync();

    private static DeleteDraftsOptions Options2020(bool dryRun = false) => new() { Created = DateFilter.OnOrBefore(2020, 9, 30), DryRun = dryRun };

    [Fact]
    public async Task Deletes_exactly_the_documented_set_through_the_app()
    {
        WorkflowResult result = await _env.Workflows.DeleteDraftsAsync(DemoApp, Options2020());

        result.Succeeded.Should().BeTrue();
        result.Done.Select(i => i.InstanceId).Should().BeEquivalentTo([DemoId(1), DemoId(2)]);
        result.Done.Should().AllSatisfy(i => i.Reason.Should().Be("soft-deleted through the app"));
        result.Skipped.Should().BeEmpty();

        // One Storage query with the documented filters (plus: not already deleted), then one app DELETE per draft.
        _env.InstanceQueries().Should().ContainSingle().Which.Should().StartWith(DocumentedQuery).And.Contain("status.isSoftDeleted=false");
        _env.AppDeletes().Should().BeEquivalentTo([DemoId(1).ToString(), DemoId(2).ToString()]);
        _env.AppRequests().Where(r => r.Method == "DELETE").Should().OnlyContain(r => r.PathAndQuery.EndsWith("?hard=false", StringComparison.Ordinal));
        _env.Writes().Should().BeEmpty("nothing is deleted through Storage");

        (await _env.Storage.Instances.GetAsync(DemoId(1))).Status!.IsSoftDeleted.Should().BeTrue();
        foreach (InstanceId untouched in new[] { _freshDraft, DemoId(3), DemoId(4), DemoId(5) })
        {
            Instance instance = await _env.Storage.Instances.GetAsync(untouched);
            instance.Status!.IsSoftDeleted.Should().BeFalse("{0} is not a stale draft in Task_1", untouched);
        }
    }

    [Fact]
    public async Task Dry_run_lists_without_deleting_and_a_re_run_is_a_no_op()
    {
        WorkflowResult dry = await _env.Workflows.DeleteDraftsAsync(DemoApp, Options2020(dryRun: true));

        dry.DryRun.Should().BeTrue();
        dry.Done.Select(i => i.InstanceId).Should().BeEquivalentTo([DemoId(1), DemoId(2)]);
        dry.Done.Should().AllSatisfy(i => i.Reason.Should().StartWith("dry run"));
        _env.Emulator.Requests.Should().NotContain(r => r.Method == "DELETE").And.NotContain(r => r.IsWrite);

        (await _env.Workflows.DeleteDraftsAsync(DemoApp, Options2020())).Done.Should().HaveCount(2);
        _env.Emulator.ClearRequests();

        WorkflowResult again = await _env.Workflows.DeleteDraftsAsync(DemoApp, Options2020());

        again.Items.Should().BeEmpty("deleted drafts are no longer listed");
        _env.Emulator.Requests.Should().NotContain(r => r.IsWrite);
    }

    [Fact]
    public async Task Hard_delete_also_takes_soft_deleted_drafts_and_any_task_never_a_completed_one()
    {
        WorkflowResult result = await _env.Workflows.DeleteDraftsAsync(DemoApp, new DeleteDraftsOptions { Created = DateFilter.OnOrBefore(2020, 9, 30), CurrentTask = null, Hard = true });

        // Any task: 1, 2 (Task_1) and 3 (Task_2); 6 was only soft-deleted, so a hard delete takes it too.
        result.Done.Select(i => i.InstanceId).Should().BeEquivalentTo([DemoId(1), DemoId(2), DemoId(3), DemoId(6)]);
        _env.InstanceQueries().Should().ContainSingle().Which.Should().Contain("process.isComplete=false").And.Contain("status.isHardDeleted=false").And.NotContain("process.currentTask");
        _env.AppRequests().Where(r => r.Method == "DELETE").Should().HaveCount(4).And.OnlyContain(r => r.PathAndQuery.EndsWith("?hard=true", StringComparison.Ordinal));
        (await _env.Storage.Instances.GetAsync(DemoId(4))).Status!.IsHardDeleted.Should().BeFalse();
    }

    [Fact]
    public async Task A_403_names_the_missing_policy_rule_and_does_not_stop_the_others()
    {
        _env.Emulator.AddApp(await _env.Storage.Applications.GetAsync(DemoApp), [new EmulatorTask("Task_1", "data"), new EmulatorTask("Task_2", "confirmation")], orgMayDelete: false);
        _env.Emulator.ClearRequests();

        WorkflowResult result = await _env.Workflows.DeleteDraftsAsync(DemoApp, Options2020());

        result.Succeeded.Should().BeFalse();
        result.Failed.Select(i => i.InstanceId).Should().BeEquivalentTo([DemoId(1), DemoId(2)], "every draft was tried");
        result.Failed.Should().AllSatisfy(i =>
        {
            i.Status.Should().Be(403);
            i.Reason.Should().StartWith("Deleting through the app failed").And.Contain("policy.xml").And.Contain("org can delete an instance of org/app regardless of process state");
        });
        _env.AppDeletes().Should().HaveCount(2);
    }

    [Fact]
    public async Task A_404_from_the_app_counts_as_already_deleted()
    {
        // The emulator cannot make an instance vanish between the listing and the delete, so the App API side is a
        // mock here (the listing is still the emulator's): instance 1 is gone when the delete arrives.
        var apps = new GoneAppsClient(DemoId(1));
        var workflows = new WorkflowClient(_env.Storage, apps, LeakWatch.Logger<WorkflowClient>());

        WorkflowResult result = await workflows.DeleteDraftsAsync(DemoApp, Options2020());

        result.Failed.Should().BeEmpty();
        result.Skipped.Should().ContainSingle().Which.Should().Match<WorkflowItemResult>(i => i.InstanceId == DemoId(1) && i.Reason == "already deleted (404 from the app)");
        result.Done.Select(i => i.InstanceId).Should().Equal(DemoId(2));
        apps.Deleted.Should().BeEquivalentTo([DemoId(1), DemoId(2)]);
    }

    [Fact]
    public async Task Bad_options_throw_before_any_request()
    {
        await _env.Workflows.Invoking(w => w.DeleteDraftsAsync(DemoApp, new DeleteDraftsOptions()))
            .Should().ThrowAsync<ArgumentException>().WithParameterName("options").WithMessage("*Created*required*");
        await _env.Workflows.Invoking(w => w.DeleteDraftsAsync(DemoApp, new DeleteDraftsOptions { Created = DateFilter.OnOrBefore(2020, 9, 30), CurrentTask = " " }))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*CurrentTask*");
        await _env.Workflows.Invoking(w => w.DeleteDraftsAsync(DemoApp, null!)).Should().ThrowAsync<ArgumentNullException>();
        await _env.Workflows.Invoking(w => w.DeleteDraftsAsync(null!, Options2020())).Should().ThrowAsync<ArgumentNullException>();

        _env.Emulator.Requests.Should().BeEmpty();
    }

    private sealed class GoneAppsClient(InstanceId gone) : AppsClient
    {
        private readonly GoneInstances _instances = new(gone);

        public IReadOnlyCollection<InstanceId> Deleted => _instances.Deleted;

        public override AppClient GetAppClient(AppId appId) => new GoneApp(_instances);
    }

    private sealed class GoneApp(AppInstancesClient instances) : AppClient
    {
        public override AppInstancesClient Instances => instances;
    }

    private sealed class GoneInstances(InstanceId gone) : AppInstancesClient
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<InstanceId> _deleted = new();

        public IReadOnlyCollection<InstanceId> Deleted => _deleted;

        public override Task<Instance> DeleteAsync(InstanceId instanceId, bool hard, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
        {
            _deleted.Enqueue(instanceId);
            return instanceId == gone
                ? throw new AltinnRequestFailedException(404, "404 Not Found")
                : Task.FromResult(new Instance { Id = instanceId });
        }
    }
}
