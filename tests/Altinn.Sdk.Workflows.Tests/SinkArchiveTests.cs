using static Altinn.Sdk.Workflows.Tests.WorkflowEmulator;

namespace Altinn.Sdk.Workflows.Tests;

/// <summary>
/// Archiving into a sink that is not a folder (<see cref="MemoryArchiveSink"/>, written against the public abstraction
/// only), over loopback with the emulator: the archiver uses nothing but the sink, confirms only what the sink stored
/// and committed, and stops when the sink's lock is lost.
/// </summary>
public sealed class SinkArchiveTests : IAsyncLifetime
{
    private readonly MemoryArchiveSink _sink = new();
    private WorkflowEmulator _env = null!;

    public async Task InitializeAsync()
    {
        _env = await StartAsync();

        // Notes each confirmation in the sink's event list, so its order against the sink's commits shows.
        _env.AfterStorageRequest = request =>
        {
            string path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Post && path.EndsWith("/complete", StringComparison.Ordinal))
            {
                string[] parts = path.Split('/');
                _sink.Note("confirm ttd/demo-app/" + parts[^3] + "/" + parts[^2]);
            }

            return Task.CompletedTask;
        };
    }

    public async Task DisposeAsync() => await _env.DisposeAsync();

    private static string PathOf(InstanceId id) => $"ttd/demo-app/{id.PartyId}/{id.InstanceGuid:D}";

    [Fact]
    public async Task Another_sink_gets_the_archive_and_each_confirmation_follows_its_committed_files()
    {
        ArchiveResult result = await _env.Workflows.ArchiveAsync(DemoApp, _sink);

        result.Failed.Should().BeEmpty();
        result.Done.Select(i => i.InstanceId).Should().BeEquivalentTo([DemoId(4), DemoId(7)]);
        result.AppDirectory.Should().Be("memory:ttd/demo-app", "the result names the app's place as the sink describes it");
        Directory.EnumerateFileSystemEntries(_env.Folder).Should().BeEmpty("nothing goes to a folder");
        IReadOnlyList<string> events = _sink.Events;
        foreach (int n in new[] { 4, 7 })
        {
            string instance = PathOf(DemoId(n));
            _sink.Verified(instance).Should().BeTrue();
            (await _env.Storage.Instances.GetAsync(DemoId(n))).CompleteConfirmations.Should().ContainSingle(c => c.StakeholderId == "ttd");
            int confirm = events.ToList().IndexOf("confirm " + instance);
            confirm.Should().BeGreaterThan(events.ToList().IndexOf("commit-instance " + instance)).And.BeGreaterThan(events.ToList().IndexOf("commit " + instance + "/manifest.json"));
            events.ToList().IndexOf("commit-instance " + instance).Should().BeGreaterThan(-1);

            // Every element of the instance is stored byte for byte.
            foreach (var element in (await _env.Storage.Instances.GetAsync(DemoId(n))).Data!)
            {
                byte[] stored = await _env.StoredContentAsync(DemoId(n), element.Id);
                _sink.Files.Should().Contain(f => f.Key.StartsWith(instance + "/", StringComparison.Ordinal) && f.Key.Contains(element.Id.ToString(), StringComparison.Ordinal)
                    && f.Value.SequenceEqual(stored));
            }
        }

        // A second run on the same sink finds everything confirmed; one without confirming finds it archived.
        _env.Emulator.ClearRequests();
        (await _env.Workflows.ArchiveAsync(DemoApp, _sink)).Items.Should().BeEmpty();
        _env.DataDownloads().Should().BeEmpty();
    }

    [Fact]
    public async Task A_sink_that_refuses_one_commit_leaves_that_instance_unconfirmed_and_the_next_run_finishes_it()
    {
        string attachment = PathOf(DemoId(4)) + "/";
        _sink.FailCommit = path => path.StartsWith(attachment, StringComparison.Ordinal) && path.EndsWith(".pdf", StringComparison.Ordinal);

        ArchiveResult result = await _env.Workflows.ArchiveAsync(DemoApp, _sink);

        result.Failed.Should().ContainSingle().Which.InstanceId.Should().Be(DemoId(4));
        result.Failed[0].Reason.Should().Contain("nothing was confirmed").And.Contain("refused");
        result.Done.Should().ContainSingle().Which.InstanceId.Should().Be(DemoId(7));
        _env.Confirmations().Should().ContainSingle().Which.PathAndQuery.Should().Contain(DemoId(7).InstanceGuid.ToString());
        _sink.Files.Keys.Should().NotContain(PathOf(DemoId(4)) + "/manifest.json");
        (await _env.Storage.Instances.GetAsync(DemoId(4))).CompleteConfirmations.Should().BeNullOrEmpty();

        _sink.FailCommit = _ => false;
        ArchiveResult next = await _env.Workflows.ArchiveAsync(DemoApp, _sink);
        next.Done.Should().ContainSingle().Which.InstanceId.Should().Be(DemoId(4));
        _sink.Verified(PathOf(DemoId(4))).Should().BeTrue();
    }

    [Fact]
    public async Task A_lock_lost_mid_run_stops_the_run_before_the_next_confirmation()
    {
        for (int i = 0; i < 4; i++) await _env.SeedCompletedAsync(seed: i);
        var progress = new CallbackProgress(p =>
        {
            if (p.Step == WorkflowStep.Done) _sink.LoseLock.Cancel();
        });

        var stopped = await _env.Workflows.Invoking(w => w.ArchiveAsync(DemoApp, _sink, new ArchiveOptions { MaxConcurrency = 1, Progress = progress }))
            .Should().ThrowAsync<WorkflowStoppedException>();

        stopped.Which.Message.Should().Contain("lost").And.Contain("memory:ttd/demo-app");
        stopped.Which.Result.Done.Should().ContainSingle();
        _env.Confirmations().Should().ContainSingle("nothing is confirmed once the lock is lost");
        _sink.Events.Count(e => e.StartsWith("confirm ", StringComparison.Ordinal)).Should().Be(1);
    }
}
