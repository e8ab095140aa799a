using Altinn.Sdk.Events;
using Altinn.Sdk.Models;
using static Altinn.Sdk.Workflows.Tests.WorkflowEmulator;

namespace Altinn.Sdk.Workflows.Tests;

/// <summary>
/// Two archive runs on one folder (a cron job that overlaps itself, or the events-driven archive next to the nightly
/// one): the app's archive folder is held by one run at a time, so neither removes the other's files.
/// </summary>
public sealed class ArchiveLockTests : IAsyncLifetime
{
    private WorkflowEmulator _env = null!;

    public async Task InitializeAsync() => _env = await StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task Two_concurrent_runs_on_one_folder_archive_each_instance_once_and_fully()
    {
        var seeded = new List<InstanceId>();
        for (int i = 0; i < 10; i++) seeded.Add(await _env.SeedCompletedAsync(attachmentBytes: 64 * 1024, seed: i));
        var options = new ArchiveOptions { FolderLockTimeout = TimeSpan.FromMinutes(2) };

        ArchiveResult[] results = await Task.WhenAll(
            Task.Run(() => _env.Workflows.ArchiveAsync(DemoApp, _env.Folder, options)),
            Task.Run(() => _env.Workflows.ArchiveAsync(DemoApp, _env.Folder, options)));

        results.Should().AllSatisfy(r => r.Failed.Should().BeEmpty());
        InstanceId[] all = [.. seeded, DemoId(4), DemoId(7)];
        results.SelectMany(r => r.Done).Select(i => i.InstanceId).Should().BeEquivalentTo(all, "each instance is archived and confirmed by one run only");
        _env.ConfirmationsSeen.Select(c => c.Instance).Should().BeEquivalentTo(all);
        _env.ConfirmationsSeen.Should().OnlyContain(c => c.Verified, "every confirmation was sent with its manifest and files on disk");
        foreach (InstanceId id in all)
        {
            (await _env.Storage.Instances.GetAsync(id)).CompleteConfirmations.Should().ContainSingle(c => c.StakeholderId == "ttd");
            (await ConfirmationObserver.VerifiedAsync(_env.InstanceFolder(id))).Should().BeTrue("{0} is confirmed, so its manifest and files must be whole", id);
        }

        Directory.GetFiles(_env.Folder, "*.partial", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public async Task A_second_run_on_a_held_folder_fails_at_once_with_a_clear_message_before_listing()
    {
        await using HeldRun first = await HeldRun.StartAsync(_env);
        _env.Emulator.ClearRequests();

        var stopped = await _env.Workflows.Invoking(w => w.ArchiveAsync(DemoApp, _env.Folder)).Should().ThrowAsync<WorkflowStoppedException>();

        stopped.Which.Message.Should().Contain("another archive run").And.Contain(_env.AppFolder).And.Contain("FolderLockTimeout");
        stopped.Which.InnerException.Should().BeOfType<ArchiveInUseException>();
        stopped.Which.Result.Items.Should().BeEmpty();

        // The events-driven archive takes the same folder lock.
        var fromEvents = await _env.Workflows.Invoking(w => w.ArchiveFromEventsAsync(DemoApp, _env.Folder, new NoCheckpoints())).Should().ThrowAsync<WorkflowStoppedException>();
        fromEvents.Which.Message.Should().Contain("another archive run");
        _env.StorageRequests().Should().OnlyContain(
            r => r.Method == "GET" && r.PathAndQuery == StoragePath + "applications/ttd/demo-app",
            "a run that cannot have the folder lists, reads and writes nothing (it only checked that the app exists)");

        // A dry run writes nothing, so it needs no lock.
        (await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder, new ArchiveOptions { DryRun = true })).Done.Should().HaveCount(2);

        ArchiveResult held = await first.ReleaseAsync();
        held.Done.Should().HaveCount(2);
        _env.ConfirmationsSeen.Should().HaveCount(2).And.OnlyContain(c => c.Verified);
    }

    [Fact]
    public async Task With_a_lock_timeout_a_second_run_waits_for_the_first_then_finds_nothing_left()
    {
        await using HeldRun first = await HeldRun.StartAsync(_env);
        Task<ArchiveResult> second = Task.Run(() => _env.Workflows.ArchiveAsync(DemoApp, _env.Folder, new ArchiveOptions { FolderLockTimeout = TimeSpan.FromMinutes(2) }));

        ArchiveResult held = await first.ReleaseAsync();
        ArchiveResult waited = await second.WaitAsync(TimeSpan.FromMinutes(2));

        held.Done.Select(i => i.InstanceId).Should().BeEquivalentTo([DemoId(4), DemoId(7)]);
        waited.Items.Should().BeEmpty("the second run started only after the first had confirmed everything");
        _env.Confirmations().Should().HaveCount(2);
    }

    [Fact]
    public async Task Waiting_for_the_lock_ends_with_the_timeout_or_the_cancellation()
    {
        await using HeldRun first = await HeldRun.StartAsync(_env);

        var timedOut = await _env.Workflows.Invoking(w => w.ArchiveAsync(DemoApp, _env.Folder, new ArchiveOptions { FolderLockTimeout = TimeSpan.FromMilliseconds(300) }))
            .Should().ThrowAsync<WorkflowStoppedException>();
        timedOut.Which.Message.Should().Contain("another archive run").And.Contain("waited");

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await _env.Workflows.Invoking(w => w.ArchiveAsync(DemoApp, _env.Folder, new ArchiveOptions { FolderLockTimeout = TimeSpan.FromMinutes(5) }, cancel.Token))
            .Should().ThrowAsync<WorkflowCanceledException>();

        FluentActions.Invoking(() => new ArchiveOptions { FolderLockTimeout = TimeSpan.FromSeconds(-1) }).Should().Throw<ArgumentOutOfRangeException>();
        new ArchiveOptions().FolderLockTimeout.Should().Be(TimeSpan.Zero, "by default a second run fails at once");
        (await first.ReleaseAsync()).Done.Should().HaveCount(2);
    }

    private sealed class NoCheckpoints : EventCheckpointStore
    {
        public override Task<string?> GetCheckpointAsync(string feedKey, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);

        public override Task SaveCheckpointAsync(string feedKey, string eventId, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
