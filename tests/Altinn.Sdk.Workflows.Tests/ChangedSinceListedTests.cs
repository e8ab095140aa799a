using System.Text.Json;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;
using static Altinn.Sdk.Workflows.Tests.WorkflowEmulator;

namespace Altinn.Sdk.Workflows.Tests;

/// <summary>
/// Instances that change between the listing and the write that acts on them: each workflow reads the instance
/// again right before it deletes or confirms, and acts only on what it listed (or archived). The changes are made
/// through the emulator's own APIs at the moment the workflow reaches the instance.
/// </summary>
public sealed class ChangedSinceListedTests : IAsyncLifetime
{
    private WorkflowEmulator _env = null!;

    public async Task InitializeAsync()
    {
        // The demo drafts 1 and 2 are from 2020 when the emulator starts then (see DeleteDraftsTests).
        var clock = new FakeTimeProvider(new DateTimeOffset(2020, 8, 1, 12, 0, 0, TimeSpan.Zero));
        _env = await StartAsync(clock: clock);
        clock.SetUtcNow(DateTimeOffset.UtcNow);
        clock.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);
    }

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task A_draft_submitted_after_the_listing_is_not_deleted()
    {
        // The demo user (who represents the organisation) submits draft 1 when the clean-up reaches it.
        AppClient asUser = AppsClient.Create(_env.Emulator.Environment, _env.Emulator.CreateUserCredential(1337), o => o.MaxRetries = 0, LeakWatch.LoggerFactory).GetAppClient(DemoApp);
        var progress = new CallbackProgress(p =>
        {
            if (p.Step == WorkflowStep.Started && p.InstanceId == DemoId(1)) Task.Run(() => asUser.Process.NextAsync(DemoId(1))).GetAwaiter().GetResult();
        });

        WorkflowResult result = await _env.Workflows.DeleteDraftsAsync(DemoApp, new DeleteDraftsOptions { Created = DateFilter.OnOrBefore(2020, 9, 30), MaxConcurrency = 1, Progress = progress });

        result.Failed.Should().BeEmpty();
        result.Skipped.Should().ContainSingle().Which.Should().Match<WorkflowItemResult>(i => i.InstanceId == DemoId(1) && i.Reason.StartsWith("changed since listed", StringComparison.Ordinal));
        result.Skipped[0].Reason.Should().Contain("Task_2");
        result.Done.Select(i => i.InstanceId).Should().Equal(DemoId(2));
        _env.AppDeletes().Should().Equal(DemoId(2).ToString());
        Instance submitted = await _env.Storage.Instances.GetAsync(DemoId(1));
        submitted.Status!.IsSoftDeleted.Should().BeFalse("the draft was submitted after it was listed");
        submitted.Process!.CurrentTask!.ElementId.Should().Be("Task_2");
    }

    [Fact]
    public async Task An_active_instance_changed_after_its_export_is_not_deleted()
    {
        string export = Path.Combine(_env.Folder, "export");
        var progress = new CallbackProgress(p =>
        {
            // After the export, when the deletion reaches draft 1: an attachment arrives (same task, new lastChanged).
            if (p.Workflow == "delete-active" && p.Step == WorkflowStep.Started && p.InstanceId == DemoId(1)) Task.Run(() => _env.AddElementAsync(DemoId(1))).GetAwaiter().GetResult();
        });

        UndeployReadinessReport report = await _env.Workflows.GetUndeployReadinessAsync(
            DemoApp, new UndeployReadinessOptions { ExportDirectory = export, DeleteActiveInstances = true, MaxConcurrency = 1, Progress = progress });

        report.Export!.Failed.Should().BeEmpty();
        WorkflowResult deletion = report.ActiveInstancesDeletion!;
        deletion.Failed.Should().BeEmpty();
        deletion.Skipped.Should().ContainSingle().Which.Should().Match<WorkflowItemResult>(i => i.InstanceId == DemoId(1) && i.Reason.StartsWith("changed since it was exported", StringComparison.Ordinal));
        deletion.Done.Select(i => i.InstanceId).Should().BeEquivalentTo([DemoId(2), DemoId(3)]);
        _env.AppDeletes().Should().BeEquivalentTo([DemoId(2).ToString(), DemoId(3).ToString()]);
        (await _env.Storage.Instances.GetAsync(DemoId(1))).Status!.IsHardDeleted.Should().BeFalse("its newest state has no copy outside Storage");
    }

    [Fact]
    public async Task An_element_added_while_archiving_is_archived_before_the_confirmation()
    {
        var progress = new CallbackProgress(p =>
        {
            if (p.Step == WorkflowStep.Started && p.InstanceId == DemoId(4)) Task.Run(() => _env.AddElementAsync(DemoId(4))).GetAwaiter().GetResult();
        });

        ArchiveResult result = await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder, new ArchiveOptions { Progress = progress });

        result.Failed.Should().BeEmpty();
        result.Done.Select(i => i.InstanceId).Should().BeEquivalentTo([DemoId(4), DemoId(7)]);
        Instance confirmed = await _env.Storage.Instances.GetAsync(DemoId(4));
        confirmed.CompleteConfirmations.Should().ContainSingle(c => c.StakeholderId == "ttd");
        // (The element deleted at process end in 2020 is purged once confirmed, so Storage may now hold fewer.)
        confirmed.Data!.Select(d => d.Id).Should().BeSubsetOf(await ArchivedElementsAsync(DemoId(4)), "every element Storage holds for a confirmed instance is in its archive");
        confirmed.Data.Should().Contain(d => d.DataType == "ref-data-as-pdf" && d.Id != Guid.Parse("da000000-0000-4000-8000-000000000043"), "the element added while archiving");
        _env.ConfirmationsSeen.Should().HaveCount(2).And.OnlyContain(c => c.Verified);
    }

    [Fact]
    public async Task An_instance_that_keeps_changing_while_archived_fails_and_is_not_confirmed()
    {
        // Every download of instance 4's data brings another element.
        int added = 0;
        _env.AfterStorageRequest = async request =>
        {
            if (request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains($"{DemoId(4)}/data/", StringComparison.Ordinal))
            {
                await _env.AddElementAsync(DemoId(4), seed: Interlocked.Increment(ref added));
            }
        };

        ArchiveResult result = await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder);

        result.Done.Select(i => i.InstanceId).Should().Equal(DemoId(7));
        result.Failed.Should().ContainSingle().Which.Should().Match<WorkflowItemResult>(i => i.InstanceId == DemoId(4));
        result.Failed[0].Reason.Should().Contain("changed").And.Contain("nothing was confirmed").And.Contain("3 times");
        (await _env.Storage.Instances.GetAsync(DemoId(4))).CompleteConfirmations.Should().BeNullOrEmpty();
        _env.ConfirmationsSeen.Select(c => c.Instance).Should().Equal(DemoId(7));
    }

    private async Task<IReadOnlyList<Guid>> ArchivedElementsAsync(InstanceId id)
    {
        using JsonDocument manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(_env.InstanceFolder(id), "manifest.json")));
        return manifest.RootElement.GetProperty("files").EnumerateArray()
            .Where(f => f.TryGetProperty("dataElementId", out _)).Select(f => f.GetProperty("dataElementId").GetGuid()).ToList();
    }
}
