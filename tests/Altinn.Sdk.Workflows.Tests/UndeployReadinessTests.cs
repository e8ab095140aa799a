using Altinn.Sdk.Models;
using Altinn.Sdk.Testing;
using static Altinn.Sdk.Workflows.Tests.WorkflowEmulator;

namespace Altinn.Sdk.Workflows.Tests;

public sealed class UndeployReadinessTests : IAsyncLifetime
{
    private WorkflowEmulator _env = null!;

    public async Task InitializeAsync() => _env = await StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task Report_counts_match_the_seed()
    {
        // Two more completed, unconfirmed instances on top of the demo seed.
        await _env.SeedCompletedAsync(seed: 1);
        await _env.SeedCompletedAsync(PersonParty, seed: 2);
        Instance draft2 = await _env.Storage.Instances.GetAsync(DemoId(2));
        _env.Emulator.ClearRequests();

        UndeployReadinessReport report = await _env.Workflows.GetUndeployReadinessAsync(DemoApp);

        report.AppId.Should().Be(DemoApp);
        report.TotalInstances.Should().Be(9);
        report.ActiveByCurrentTask.Should().BeEquivalentTo(new Dictionary<string, int> { ["Task_1"] = 2, ["Task_2"] = 1 });
        report.Drafts.Should().Be(3);
        report.DeletedDrafts.Should().Be(1, "instance 6 is a soft-deleted draft");
        report.Completed.Should().Be(5);
        report.CompletedUnconfirmed.Should().Be(4, "instance 5 is the only confirmed one");
        report.AppAutoDeleteOnProcessEnd.Should().BeFalse();
        report.AutoDeleteDataTypes.Should().Equal("vedleggA");
        report.Export.Should().BeNull();

        // Instance 3 is 3 days old, instance 1 from 2020, instance 2 from this year.
        report.DraftsByAge.Select(g => g.Label).Should().Equal("up to 7 days", "7 to 30 days", "30 to 90 days", "90 to 365 days", "over 365 days");
        report.DraftsByAge.Sum(g => g.Count).Should().Be(3);
        report.DraftsByAge[^1].Count.Should().Be(1);
        TimeSpan age2 = report.Generated - draft2.Created!.Value;
        int group2 = age2 <= TimeSpan.FromDays(7) ? 0 : age2 <= TimeSpan.FromDays(30) ? 1 : age2 <= TimeSpan.FromDays(90) ? 2 : 3;
        report.DraftsByAge[0].Count.Should().Be(group2 == 0 ? 2 : 1);

        string text = report.ToString();
        text.Should().Contain("only through the Storage API").And.Contain("Roll back to an earlier").And.Contain("validation").And.Contain("cannot start new instances");
        UndeployReadinessReport.Alternatives.Should().HaveCount(3);
        _env.Writes().Should().BeEmpty("the report only reads");
    }

    [Fact]
    public async Task Export_archives_every_instance_without_confirming()
    {
        string export = Path.Combine(_env.Folder, "export");

        UndeployReadinessReport report = await _env.Workflows.GetUndeployReadinessAsync(DemoApp, new UndeployReadinessOptions { ExportDirectory = export });

        report.Export.Should().NotBeNull();
        report.Export!.Done.Should().HaveCount(7);
        report.Export.Failed.Should().BeEmpty();
        report.Export.Warnings.Should().Contain(w => w.Contains("vedleggA", StringComparison.Ordinal));
        _env.Writes().Should().BeEmpty("an export confirms nothing");
        foreach (int n in Enumerable.Range(1, 7))
        {
            (await ConfirmationObserver.VerifiedAsync(InstanceFolder(Path.Combine(export, "ttd", "demo-app"), DemoId(n)))).Should().BeTrue();
        }

        UndeployReadinessReport dry = await _env.Workflows.GetUndeployReadinessAsync(DemoApp, new UndeployReadinessOptions { ExportDirectory = Path.Combine(_env.Folder, "dry"), DryRun = true });
        dry.Export!.DryRun.Should().BeTrue();
        Directory.Exists(Path.Combine(_env.Folder, "dry")).Should().BeFalse();
    }

    [Fact]
    public async Task Bad_age_bounds_throw_before_any_request()
    {
        var options = new UndeployReadinessOptions();
        options.DraftAgeBounds.Clear();
        options.DraftAgeBounds.Add(TimeSpan.FromDays(30));
        options.DraftAgeBounds.Add(TimeSpan.FromDays(7));

        await _env.Workflows.Invoking(w => w.GetUndeployReadinessAsync(DemoApp, options)).Should().ThrowAsync<ArgumentException>();
        await _env.Workflows.Invoking(w => w.GetUndeployReadinessAsync(null!)).Should().ThrowAsync<ArgumentNullException>();

        _env.StorageRequests().Should().BeEmpty();
    }

    [Fact]
    public async Task DeleteActiveInstances_deletes_exactly_the_active_ones_with_dry_run_and_a_safe_re_run()
    {
        UndeployReadinessReport dry = await _env.Workflows.GetUndeployReadinessAsync(DemoApp, new UndeployReadinessOptions { DeleteActiveInstances = true, DryRun = true });

        dry.ActiveInstancesDeletion.Should().NotBeNull();
        dry.ActiveInstancesDeletion!.DryRun.Should().BeTrue();
        dry.ActiveInstancesDeletion.Done.Select(i => i.InstanceId).Should().BeEquivalentTo([DemoId(1), DemoId(2), DemoId(3)]);
        _env.Emulator.Requests.Should().NotContain(r => r.IsWrite, "a dry run deletes nothing");

        UndeployReadinessReport report = await _env.Workflows.GetUndeployReadinessAsync(DemoApp, new UndeployReadinessOptions { DeleteActiveInstances = true });

        report.Drafts.Should().Be(3, "the counts are from before the deletion");
        report.ActiveInstancesDeletion!.Done.Select(i => i.InstanceId).Should().BeEquivalentTo([DemoId(1), DemoId(2), DemoId(3)]);
        report.ActiveInstancesDeletion.Done.Should().AllSatisfy(i => i.Reason.Should().Be("hard-deleted through the app"));
        _env.Emulator.Requests.Where(r => r.IsWrite).Should().HaveCount(3).And.OnlyContain(r => r.Method == "DELETE" && r.PathAndQuery.StartsWith("/ttd/demo-app/instances/", StringComparison.Ordinal));
        _env.AppDeletes().Should().BeEquivalentTo([DemoId(1).ToString(), DemoId(2).ToString(), DemoId(3).ToString()]);
        report.ToString().Should().Contain("Active instances deleted through the app: 3 done");
        (await _env.Storage.Instances.GetAsync(DemoId(3))).Status!.IsHardDeleted.Should().BeTrue();

        UndeployReadinessReport again = await _env.Workflows.GetUndeployReadinessAsync(DemoApp, new UndeployReadinessOptions { DeleteActiveInstances = true });
        again.Drafts.Should().Be(0);
        again.ActiveInstancesDeletion!.Items.Should().BeEmpty("deleted instances are no longer active");
        _env.Emulator.Requests.Count(r => r.IsWrite).Should().Be(3, "a re-run sends nothing");
    }

    [Fact]
    public async Task DeleteActiveInstances_after_an_export_deletes_only_what_was_exported()
    {
        string export = Path.Combine(_env.Folder, "export");

        UndeployReadinessReport report = await _env.Workflows.GetUndeployReadinessAsync(DemoApp, new UndeployReadinessOptions { ExportDirectory = export, DeleteActiveInstances = true });

        report.Export!.Failed.Should().BeEmpty();
        report.ActiveInstancesDeletion!.Done.Should().HaveCount(3);
        foreach (int n in new[] { 1, 2, 3 })
        {
            (await ConfirmationObserver.VerifiedAsync(InstanceFolder(Path.Combine(export, "ttd", "demo-app"), DemoId(n)))).Should().BeTrue("instance {0} was exported before it was deleted", n);
        }

        int lastExportRead = _env.Emulator.Requests.ToList().FindLastIndex(r => r.Method == "GET" && r.PathAndQuery.Contains("/data/", StringComparison.Ordinal));
        int firstDelete = _env.Emulator.Requests.ToList().FindIndex(r => r.Method == "DELETE");
        firstDelete.Should().BeGreaterThan(lastExportRead, "the export is finished before anything is deleted");
    }

    [Fact]
    public async Task A_dry_run_with_an_export_lists_the_active_instances_it_would_delete()
    {
        UndeployReadinessReport dry = await _env.Workflows.GetUndeployReadinessAsync(
            DemoApp, new UndeployReadinessOptions { ExportDirectory = Path.Combine(_env.Folder, "export"), DeleteActiveInstances = true, DryRun = true });

        dry.ActiveInstancesDeletion!.Done.Select(i => i.InstanceId).Should().BeEquivalentTo([DemoId(1), DemoId(2), DemoId(3)]);
        dry.ActiveInstancesDeletion.Done.Should().AllSatisfy(i => i.Reason.Should().StartWith("dry run: would be hard-deleted"));
        _env.Emulator.Requests.Should().NotContain(r => r.IsWrite);
        Directory.Exists(Path.Combine(_env.Folder, "export")).Should().BeFalse();
    }

    [Fact]
    public async Task A_delete_the_app_refuses_fails_that_instance_only_and_names_the_policy_rule()
    {
        _env.Emulator.AddApp(DemoMetadataWithoutDeleteRule(), [new EmulatorTask("Task_1", "data"), new EmulatorTask("Task_2", "confirmation")], orgMayDelete: false);

        UndeployReadinessReport report = await _env.Workflows.GetUndeployReadinessAsync(DemoApp, new UndeployReadinessOptions { DeleteActiveInstances = true });

        report.ActiveInstancesDeletion!.Failed.Select(i => i.InstanceId).Should().BeEquivalentTo([DemoId(1), DemoId(2), DemoId(3)]);
        report.ActiveInstancesDeletion.Failed.Should().AllSatisfy(i =>
        {
            i.Status.Should().Be(403);
            i.Reason.Should().Contain("org can delete an instance of org/app regardless of process state");
        });
    }

    private static ApplicationMetadata DemoMetadataWithoutDeleteRule() => new()
    {
        Id = "ttd/demo-app",
        Org = "ttd",
        DataTypes = [new DataType { Id = "model" }, new DataType { Id = "vedleggA", AppLogic = new ApplicationLogic { AutoDeleteOnProcessEnd = true } }],
    };
}
