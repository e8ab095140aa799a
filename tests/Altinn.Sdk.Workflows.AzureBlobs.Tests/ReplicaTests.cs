using Altinn.Sdk.Models;
using Altinn.Sdk.Workflows.Tests;
using Altinn.Sdk.Workflows.Tests.Worker;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using static Altinn.Sdk.Workflows.Tests.WorkflowEmulator;

namespace Altinn.Sdk.Workflows.AzureBlobs.Tests;

/// <summary>
/// Replicas of the archive worker (each a Generic Host with its own blob client and sink on one Azurite container)
/// against one emulator: they share an app through the lease on its lock blob. A replica that dies mid-run hands the
/// app over, and every completed instance ends archived in the container and confirmed exactly once.
/// </summary>
/// <remarks>
/// A death is simulated as the process would die: from the moment it is killed the replica sends nothing more, neither
/// to Storage nor to the blob service (so its lease, renewed until then, is neither renewed nor released), and its host
/// is disposed without a graceful stop. Azurite's clock cannot be moved: the lease running out is its break with no
/// break period, after which the service hands it to the next taker as it does an expired one (see
/// <see cref="BlobLeaseTests"/>).
/// </remarks>
[Collection(AzuriteCollection.Name)]
public sealed class ReplicaTests(Azurite azurite) : IAsyncLifetime
{
    private const string Prefix = "archive";
    private const int Seeded = 20;
    private WorkflowEmulator _env = null!;

    public async Task InitializeAsync() => _env = await StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task Two_replicas_share_an_app_through_its_lease_and_when_the_holder_dies_the_survivor_archives_and_confirms_every_instance_once()
    {
        InstanceId[] all = [DemoId(4), DemoId(7), .. await SeedAsync()];
        BlobContainerClient container = await azurite.NewContainerAsync();

        // The first replica takes the app and stalls in the middle of its pass after three confirmations.
        var dying = new Replica(stallAfter: 3);
        using IHost first = Build(container, dying);
        await first.StartAsync();
        await dying.Stalled.Task.WaitAsync(TimeSpan.FromMinutes(1));

        // The second replica finds the app held, pass after pass, and archives nothing of it meanwhile.
        var surviving = new Replica(stallAfter: int.MaxValue);
        using IHost second = Build(container, surviving);
        await second.StartAsync();
        await WorkerHost.WaitUntilAsync(() => second.Logs().GetSnapshot().Count(r => r.Id.Name == "ArchiveWorkerAppHeldElsewhere") >= 3, "the second replica to find the app held");
        surviving.Confirmed.Should().Be(0, "the app is held by the first replica");
        _env.Confirmations().Should().HaveCount(3);
        (await second.HealthAsync()).Status.Should().Be(HealthStatus.Healthy, "another replica holding the app is not a fault");

        // The first replica dies: it sends nothing more and is not stopped gracefully, so its lease stays until it runs out.
        dying.Kill();
        first.Dispose();
        BlobClient lockBlob = container.GetBlobClient($"{Prefix}/{DemoApp}/.lock");
        (await lockBlob.GetPropertiesAsync()).Value.LeaseState.Should().Be(LeaseState.Leased, "a dead replica does not release its lease");
        await Task.Delay(500);
        surviving.Confirmed.Should().Be(0, "the dead replica's lease still holds the app");
        await lockBlob.GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);

        await WorkerHost.WaitUntilAsync(() => _env.Confirmations().Count >= all.Length, "the survivor to confirm every instance");
        InstanceId late = await _env.SubmitAsync("Etter overtakelsen");
        all = [.. all, late];
        await WorkerHost.WaitUntilAsync(() => _env.Confirmations().Count >= all.Length, "the survivor to confirm an instance completed after the takeover");
        await WorkerHost.WaitUntilAsync(async () => (await second.HealthAsync()).Status == HealthStatus.Healthy, "a healthy survivor");
        await Task.Delay(300); // a few more passes: nothing is confirmed twice
        HealthReportEntry health = (await second.HealthAsync()).Entries["altinn-archive-worker"];
        await second.StopAsync();

        dying.Confirmed.Should().Be(3, "the dead replica confirmed nothing after its stall");
        surviving.Confirmed.Should().Be(all.Length - 3);
        health.Status.Should().Be(HealthStatus.Healthy);
        health.Data["backlog"].Should().Be(0);
        await AssertArchivedOnceAsync(container, all);
    }

    [Fact]
    public async Task A_replica_stopped_in_the_middle_of_a_pass_and_a_new_one_on_the_same_container_archive_and_confirm_every_instance_once()
    {
        InstanceId[] all = [DemoId(4), DemoId(7), .. await SeedAsync()];
        BlobContainerClient container = await azurite.NewContainerAsync();

        var stopped = new Replica(stallAfter: 3);
        using (IHost first = Build(container, stopped))
        {
            await first.StartAsync();
            await stopped.Stalled.Task.WaitAsync(TimeSpan.FromMinutes(1));
            await first.StopAsync();
        }

        _env.Confirmations().Should().HaveCount(3, "the first replica was stopped in the middle of its pass");
        (await container.GetBlobClient($"{Prefix}/{DemoApp}/.lock").GetPropertiesAsync()).Value.LeaseState.Should().NotBe(LeaseState.Leased, "a replica stopped gracefully releases its lease");

        var started = new Replica(stallAfter: int.MaxValue);
        using (IHost next = Build(container, started))
        {
            await next.StartAsync();
            await WorkerHost.WaitUntilAsync(() => _env.Confirmations().Count >= all.Length, "the new replica to confirm every instance");
            await Task.Delay(300);
            await next.StopAsync();
        }

        started.Confirmed.Should().Be(all.Length - 3);
        await AssertArchivedOnceAsync(container, all);
    }

    private async Task<List<InstanceId>> SeedAsync()
    {
        var seeded = new List<InstanceId>();
        for (int i = 0; i < Seeded; i++) seeded.Add(await _env.SeedCompletedAsync(attachmentBytes: 16 * 1024, seed: i));
        return seeded;
    }

    /// <summary>A worker host whose sink and checkpoints have a client of their own on the container, and whose requests go through <paramref name="replica"/>.</summary>
    private IHost Build(BlobContainerClient container, Replica replica)
    {
        // A dead replica's requests fail at once rather than being retried for seconds.
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 0;
        options.AddPolicy(replica, HttpPipelinePosition.PerRetry);
        BlobContainerClient own = azurite.SameContainer(container, options);
        return WorkerHost.Build(
            _env,
            new ObservedStorage(),
            o =>
            {
                o.Folder = null;
                o.Sink = new BlobArchiveSink(own, Prefix, new BlobArchiveSinkOptions { LeaseDuration = BlobArchiveSinkOptions.MinLeaseDuration });
                o.Checkpoints = new BlobEventCheckpointStore(own, "checkpoints");
                o.MaxConcurrency = 1;
            },
            () => new ReplicaStorage(replica));
    }

    /// <summary>
    /// Every instance confirmed exactly once by the emulator's count, and its blobs, read back into a folder, hold a
    /// manifest whose files are all there with their size and SHA-256, and a complete and valid BagIt bag.
    /// </summary>
    private async Task AssertArchivedOnceAsync(BlobContainerClient container, InstanceId[] all)
    {
        _env.ConfirmationsPerInstance().Should().BeEquivalentTo(all.ToDictionary(id => id.ToString(), _ => 1), "every completed instance is confirmed exactly once");
        string folder = Directory.CreateTempSubdirectory("altinn-sdk-replicas-").FullName;
        try
        {
            foreach (InstanceId id in all)
            {
                (await _env.Storage.Instances.GetAsync(id)).CompleteConfirmations.Should().ContainSingle(c => c.StakeholderId == "ttd");
                string instancePrefix = $"{Prefix}/{DemoApp}/{id}/";
                string bag = Path.Combine(folder, id.InstanceGuid.ToString("D"));
                await foreach (BlobItem item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, instancePrefix, default))
                {
                    string file = Path.Combine(bag, item.Name[instancePrefix.Length..]);
                    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                    await container.GetBlobClient(item.Name).DownloadToAsync(file);
                }

                File.Exists(Path.Combine(bag, "manifest.json")).Should().BeTrue("{0} is confirmed, so its manifest is in the container", id);
                (await ConfirmationObserver.VerifiedAsync(bag)).Should().BeTrue("{0}'s manifest lists files that are all in the container and verify", id);
                BagItValidator.Validate(bag).Should().BeEmpty("{0}'s blobs are a valid BagIt bag", id);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// One replica's view of the world: counts the confirmations it sends, stalls its data downloads once it has sent
    /// a given number (until cancelled), and, once killed, sends nothing more to Storage or to the blob service.
    /// </summary>
    private sealed class Replica(int stallAfter) : HttpPipelinePolicy
    {
        private int _confirmed;
        private volatile bool _dead;

        public TaskCompletionSource Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Confirmed => Volatile.Read(ref _confirmed);

        public bool Dead => _dead;

        public void Kill() => _dead = true;

        public void Confirm()
        {
            if (Interlocked.Increment(ref _confirmed) == stallAfter) Stalled.TrySetResult();
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (_dead) throw new RequestFailedException("The replica is dead.");
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (_dead) throw new RequestFailedException("The replica is dead.");
            return ProcessNextAsync(message, pipeline);
        }
    }

    /// <summary>The Storage side of a <see cref="Replica"/>.</summary>
    private sealed class ReplicaStorage(Replica replica) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (replica.Dead) throw new HttpRequestException("The replica is dead.");
            string path = request.RequestUri!.AbsolutePath;
            if (replica.Stalled.Task.IsCompleted && request.Method == HttpMethod.Get && path.Contains("/data/", StringComparison.Ordinal))
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            if (replica.Dead) throw new HttpRequestException("The replica is dead.");
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            if (request.Method == HttpMethod.Post && path.EndsWith("/complete", StringComparison.Ordinal) && response.IsSuccessStatusCode) replica.Confirm();
            return response;
        }
    }
}
