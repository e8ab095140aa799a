using Microsoft.Extensions.Logging;
using Altinn.Sdk.Models;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using static Altinn.Sdk.Workflows.Tests.WorkflowEmulator;

namespace Altinn.Sdk.Workflows.Tests.Worker;

/// <summary>
/// The archive worker in a Generic Host against the emulator: instances that complete while it runs are archived and
/// confirmed; stopped in the middle of a pass and started again on the same folder and checkpoints, every completed
/// instance ends archived and confirmed exactly once.
/// </summary>
public sealed class ArchiveWorkerTests : IAsyncLifetime
{
    private WorkflowEmulator _env = null!;

    public async Task InitializeAsync() => _env = await StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task Archives_and_confirms_instances_that_complete_while_it_runs_from_the_events_feed()
    {
        var observed = new ObservedStorage();
        using IHost host = WorkerHost.Build(_env, observed);
        await host.StartAsync();

        // The first pass queries Storage: the demo seed's two completed instances.
        await WorkerHost.WaitUntilAsync(() => _env.Confirmations().Count >= 2, "the seeded instances to be confirmed");
        var submitted = new List<InstanceId>();
        for (int i = 0; i < 3; i++) submitted.Add(await _env.SubmitAsync("Innsendt " + i));

        InstanceId[] all = [DemoId(4), DemoId(7), .. submitted];
        await WorkerHost.WaitUntilAsync(() => _env.Confirmations().Count >= all.Length, "the submitted instances to be confirmed");
        await WorkerHost.WaitUntilAsync(async () => (await host.HealthAsync()).Status == HealthStatus.Healthy, "a healthy worker");
        HealthReport health = await host.HealthAsync();
        await host.StopAsync();

        _env.ConfirmationsPerInstance().Should().BeEquivalentTo(all.ToDictionary(id => id.ToString(), _ => 1), "each instance is confirmed once");
        observed.Seen.Should().HaveCount(all.Length).And.OnlyContain(c => c.Verified, "confirmed only with its manifest and files on disk and verified");
        foreach (InstanceId id in all) (await ConfirmationObserver.VerifiedAsync(_env.InstanceFolder(id))).Should().BeTrue();
        _env.InstanceQueries().Should().ContainSingle("only the first pass queries Storage; the later ones read the events feed");
        Directory.GetFiles(Path.Combine(_env.Folder, ".checkpoints"), "checkpoint-*.json").Should().ContainSingle("the feed's checkpoint is kept beside the archive");

        HealthReportEntry entry = health.Entries["altinn-archive-worker"];
        entry.Data["backlog"].Should().Be(0);
        entry.Data["lastError"].Should().Be(string.Empty);
        entry.Data["lastSuccessfulPass"].As<string>().Should().NotBeEmpty();
        host.Logs().GetSnapshot().Should().Contain(r => r.Id.Name == "ArchiveWorkerAppArchived" && r.Message.Contains("the events feed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopped_in_the_middle_of_a_pass_and_started_again_archives_and_confirms_every_instance_exactly_once()
    {
        var seeded = new List<InstanceId>();
        for (int i = 0; i < 10; i++) seeded.Add(await _env.SeedCompletedAsync(attachmentBytes: 32 * 1024, seed: i));

        // The first host stalls its next download once three instances are confirmed, and is stopped there.
        var stall = new Stall(confirmations: 3);
        using (IHost first = WorkerHost.Build(_env, new ObservedStorage(), o => o.MaxConcurrency = 1, () => new StallingHandler(stall)))
        {
            await first.StartAsync();
            await stall.Stalled.Task.WaitAsync(TimeSpan.FromMinutes(1));
            await first.StopAsync();
            first.Logs().GetSnapshot().Should().Contain(r => r.Id.Name == "ArchiveWorkerStopped");
        }

        _env.Confirmations().Should().HaveCount(3, "the first host was stopped in the middle of its first pass and confirmed nothing more");

        // Completed while no worker runs: found by the next host.
        InstanceId late = await _env.SubmitAsync("Sen");
        InstanceId[] all = [DemoId(4), DemoId(7), .. seeded, late];

        var observed = new ObservedStorage();
        using (IHost second = WorkerHost.Build(_env, observed))
        {
            await second.StartAsync();
            await WorkerHost.WaitUntilAsync(() => _env.Confirmations().Count >= all.Length, "every instance to be confirmed");
            InstanceId afterRestart = await _env.SubmitAsync("Etter omstart");
            all = [.. all, afterRestart];
            await WorkerHost.WaitUntilAsync(() => _env.Confirmations().Count >= all.Length, "the instance submitted after the restart");
            await Task.Delay(300); // a few more passes: nothing is confirmed twice
            await second.StopAsync();
        }

        _env.ConfirmationsPerInstance().Should().BeEquivalentTo(all.ToDictionary(id => id.ToString(), _ => 1), "every completed instance is confirmed exactly once");
        observed.Seen.Should().OnlyContain(c => c.Verified);
        foreach (InstanceId id in all)
        {
            (await ConfirmationObserver.VerifiedAsync(_env.InstanceFolder(id))).Should().BeTrue("{0} is confirmed, so its manifest and files must be whole", id);
            (await _env.Storage.Instances.GetAsync(id)).CompleteConfirmations.Should().ContainSingle(c => c.StakeholderId == "ttd");
        }

        Directory.GetFiles(_env.Folder, "*.partial", SearchOption.AllDirectories).Should().BeEmpty("the interrupted write left nothing behind as final");
    }

    [Fact]
    public async Task An_app_held_by_another_run_is_skipped_without_a_fault_and_archived_once()
    {
        await using HeldRun other = await HeldRun.StartAsync(_env);
        _env.Emulator.ClearRequests();

        // A wide health window (10 s of 100 ms passes): what counts here is that held passes are good ones, not how
        // quickly a loaded machine runs them.
        using IHost host = WorkerHost.Build(_env, new ObservedStorage(), o => o.HealthyWithinIntervals = 100);
        await host.StartAsync();

        await WorkerHost.WaitUntilAsync(() => host.Logs().GetSnapshot().Count(r => r.Id.Name == "ArchiveWorkerAppHeldElsewhere") >= 2, "two passes that find the app held");
        HealthReport held = await host.HealthAsync();
        held.Status.Should().Be(HealthStatus.Healthy, "another replica archiving the app is not a fault");
        host.Logs().GetSnapshot().Should().NotContain(r => r.Id.Name == "ArchiveWorkerBackingOff" || r.Id.Name == "ArchiveWorkerAppFaulted");

        (await other.ReleaseAsync()).Done.Should().HaveCount(2);
        InstanceId submitted = await _env.SubmitAsync("Etterpå");
        await WorkerHost.WaitUntilAsync(() => _env.Confirmations().Count >= 3, "the worker to archive what came after");
        await Task.Delay(300);
        await host.StopAsync();

        _env.ConfirmationsPerInstance().Should().BeEquivalentTo(new Dictionary<string, int> { [DemoId(4).ToString()] = 1, [DemoId(7).ToString()] = 1, [submitted.ToString()] = 1 });
    }

    [Fact]
    public async Task A_warning_that_every_pass_repeats_is_logged_as_a_warning_once()
    {
        using IHost host = WorkerHost.Build(_env, new ObservedStorage());
        await host.StartAsync();
        await WorkerHost.WaitUntilAsync(() => host.Logs().GetSnapshot().Count(r => r.Id.Name == "ArchiveWorkerPassEnded") >= 3, "three passes");
        await host.StopAsync();

        // The demo app's vedleggA is deleted at process end: every pass warns about it, the log says it once.
        var autoDelete = host.Logs().GetSnapshot().Where(r => r.Id.Name == "WorkflowWarning" && r.Message.Contains("vedleggA", StringComparison.Ordinal)).ToList();
        autoDelete.Where(r => r.Level == LogLevel.Warning).Should().ContainSingle();
        autoDelete.Where(r => r.Level == LogLevel.Debug).Should().HaveCountGreaterThanOrEqualTo(2, "the later passes meet it again");
    }

    [Fact]
    public async Task A_store_that_cannot_take_the_lock_is_a_fault_not_another_run()
    {
        var sink = new MemoryArchiveSink { FailLock = true };
        using IHost host = WorkerHost.Build(_env, new ObservedStorage(), o =>
        {
            o.Folder = null;
            o.Sink = sink;
            o.UseEvents = false;
        });
        await host.StartAsync();

        await WorkerHost.WaitUntilAsync(() => host.Logs().GetSnapshot().Count(r => r.Id.Name == "ArchiveWorkerBackingOff") >= 1, "back-off after the fault");
        await host.StopAsync();

        host.Logs().GetSnapshot().Should().Contain(r => r.Id.Name == "ArchiveWorkerAppFaulted" && r.Exception!.ToString().Contains("could not be reached"))
            .And.NotContain(r => r.Id.Name == "ArchiveWorkerAppHeldElsewhere", "only ArchiveInUseException means another run holds the app");
        _env.Confirmations().Should().BeEmpty();
    }

    [Fact]
    public async Task A_faulting_app_makes_the_worker_back_off_and_report_unhealthy_with_the_error()
    {
        using IHost host = WorkerHost.Build(_env, new ObservedStorage(), o =>
        {
            o.Apps.Clear();
            o.Apps.Add(AppId.Parse("ttd/no-such-app"));
            o.Interval = TimeSpan.FromMilliseconds(50);
            o.MaxBackoff = TimeSpan.FromMilliseconds(200);
            o.HealthyWithinIntervals = 2;
        });
        await host.StartAsync();

        HealthReportEntry entry = default;
        await WorkerHost.WaitUntilAsync(
            async () =>
            {
                entry = (await host.HealthAsync()).Entries["altinn-archive-worker"];
                return entry.Status == HealthStatus.Unhealthy && entry.Data["passes"] is > 1L;
            },
            "an unhealthy worker after failed passes",
            seconds: 20);
        await WorkerHost.WaitUntilAsync(() => host.Logs().GetSnapshot().Count(r => r.Id.Name == "ArchiveWorkerBackingOff") >= 2, "back-off after faults");
        await host.StopAsync();

        entry.Data["lastError"].As<string>().Should().Contain("ttd/no-such-app");
        entry.Data["lastSuccessfulPass"].Should().Be(string.Empty);
        entry.Description.Should().Contain("No good pass");
        _env.InstanceQueries().Should().BeEmpty("the app's metadata could not be read, so nothing was listed");
    }

    /// <summary>Shared by the handlers of one host: counts confirmations and signals when the downloads stall.</summary>
    private sealed class Stall(int confirmations)
    {
        private int _confirmed;

        public TaskCompletionSource Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Confirmed()
        {
            if (Interlocked.Increment(ref _confirmed) == confirmations) Stalled.TrySetResult();
        }
    }

    /// <summary>After the given number of confirmations, holds every data download until the request is cancelled (the host stops).</summary>
    private sealed class StallingHandler(Stall stall) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string path = request.RequestUri!.AbsolutePath;
            if (stall.Stalled.Task.IsCompleted && request.Method == HttpMethod.Get && path.Contains("/data/", StringComparison.Ordinal))
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            if (request.Method == HttpMethod.Post && path.EndsWith("/complete", StringComparison.Ordinal) && response.IsSuccessStatusCode) stall.Confirmed();
            return response;
        }
    }
}
