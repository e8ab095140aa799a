using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Time.Testing;

namespace Altinn.Sdk.Workflows.AzureBlobs.Tests;

/// <summary>
/// Two replicas (two sinks, each with its own client) holding one app's archive through a lease on its lock blob.
/// Azure's shortest lease is 15 seconds, and Azurite's clock cannot be moved: a replica's death is simulated by a
/// clock that never advances (its lease is never renewed), and its lease running out by breaking it with a one-second
/// break period, after which the service hands it to the next taker as it does an expired one.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobLeaseTests(Azurite azurite)
{
    private const string App = "ttd/archive-app";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_second_replica_fails_at_once_or_waits_until_the_first_releases_the_app()
    {
        BlobContainerClient container = await azurite.NewContainerAsync();
        var first = new BlobArchiveSink(azurite.SameContainer(container), "archive");
        var second = new BlobArchiveSink(azurite.SameContainer(container), "archive");

        ArchiveLock held = await first.LockAsync(App, TimeSpan.Zero, default);
        (await container.GetBlobClient($"archive/{App}/.lock").GetPropertiesAsync()).Value.LeaseState.Should().Be(LeaseState.Leased);

        Func<Task> atOnce = () => second.LockAsync(App, TimeSpan.Zero, default);
        (await atOnce.Should().ThrowAsync<ArchiveInUseException>()).Which.Message.Should()
            .Contain("held by another run").And.Contain(Environment.MachineName).And.Contain(App + "/.lock");

        Task<ArchiveLock> waiting = second.LockAsync(App, TimeSpan.FromSeconds(30), default);
        await Task.Delay(1500);
        waiting.IsCompleted.Should().BeFalse("the first replica still holds the app");

        await held.DisposeAsync();
        await using ArchiveLock taken = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        taken.Lost.IsCancellationRequested.Should().BeFalse();
        await atOnce.Should().ThrowAsync<ArchiveInUseException>("the second replica holds it now");

        // Another app is not held.
        await using ArchiveLock other = await first.LockAsync("ttd/other-app", TimeSpan.Zero, default);
    }

    [Fact]
    public async Task The_holder_renews_its_lease_every_third_of_its_duration_and_releases_it_when_disposed()
    {
        BlobContainerClient container = await azurite.NewContainerAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var leaseActions = new LeaseActions(clock);
        var options = new BlobClientOptions();
        options.AddPolicy(leaseActions, HttpPipelinePosition.PerCall);
        var holder = new BlobArchiveSink(azurite.SameContainer(container, options), options: new BlobArchiveSinkOptions { LeaseDuration = Lease, TimeProvider = clock });
        var other = new BlobArchiveSink(azurite.SameContainer(container));

        ArchiveLock held = await holder.LockAsync(App, TimeSpan.Zero, default);
        DateTimeOffset acquired = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromSeconds(4));
        await Task.Delay(300);
        leaseActions.Sent("renew").Should().BeEmpty("no renewal before a third of the lease has passed");

        // A second of the fake clock at a time, so that each renewal's next wait has begun before the clock moves on.
        for (int i = 1; i <= 3; i++)
        {
            for (int step = 0; step < 20 && leaseActions.Sent("renew").Count < i; step++)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(100);
            }

            await WaitUntilAsync(() => leaseActions.Sent("renew").Count == i, $"renewal {i}");
        }

        List<DateTimeOffset> renewals = leaseActions.Sent("renew");
        List<double> gaps = renewals.Zip(renewals.Prepend(acquired), (at, before) => (at - before).TotalSeconds).ToList();
        gaps.Should().OnlyContain(gap => gap >= 5 && gap < 10, "renewals come every third of the 15-second lease; the gaps were {0}", string.Join(", ", gaps));
        held.Lost.IsCancellationRequested.Should().BeFalse("every renewal succeeded");
        Func<Task> taking = () => other.LockAsync(App, TimeSpan.Zero, default);
        await taking.Should().ThrowAsync<ArchiveInUseException>();

        await held.DisposeAsync();
        leaseActions.Sent("release").Should().HaveCount(1);
        await using ArchiveLock next = await other.LockAsync(App, TimeSpan.Zero, default);
    }

    [Fact]
    public async Task A_replica_that_stops_renewing_hands_the_app_over_when_its_lease_runs_out_and_learns_it_lost_it()
    {
        BlobContainerClient container = await azurite.NewContainerAsync();
        var deadClock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var dying = new BlobArchiveSink(azurite.SameContainer(container), options: new BlobArchiveSinkOptions { LeaseDuration = Lease, TimeProvider = deadClock });
        var survivor = new BlobArchiveSink(azurite.SameContainer(container), options: new BlobArchiveSinkOptions { LeaseDuration = Lease });

        ArchiveLock lost = await dying.LockAsync(App, TimeSpan.Zero, default);
        Task<ArchiveLock> waiting = survivor.LockAsync(App, TimeSpan.FromSeconds(30), default);
        await Task.Delay(1500);
        waiting.IsCompleted.Should().BeFalse("the lease has not run out");

        // The lease runs out (see the class comment): the survivor, asking every second, takes it.
        await container.GetBlobClient(App + "/.lock").GetBlobLeaseClient().BreakAsync(TimeSpan.FromSeconds(1));
        await using ArchiveLock taken = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        lost.Lost.IsCancellationRequested.Should().BeFalse("the dying replica has not tried to renew yet");

        // Its next renewal finds the lease taken.
        deadClock.Advance(TimeSpan.FromSeconds(5));
        await WaitUntilAsync(() => lost.Lost.IsCancellationRequested, "the lost lock's token cancelled");

        await lost.DisposeAsync();
        taken.Lost.IsCancellationRequested.Should().BeFalse();
        Func<Task> third = () => dying.LockAsync(App, TimeSpan.Zero, default);
        await third.Should().ThrowAsync<ArchiveInUseException>("disposing the lost lock did not release the survivor's lease");
    }

    [Fact]
    public async Task A_lease_being_broken_is_in_use_until_its_break_period_ends_then_taken()
    {
        BlobContainerClient container = await azurite.NewContainerAsync();
        var first = new BlobArchiveSink(azurite.SameContainer(container));
        var second = new BlobArchiveSink(azurite.SameContainer(container));
        ArchiveLock held = await first.LockAsync(App, TimeSpan.Zero, default);

        // An operator breaks a stuck lease: the service refuses to give it out until the break period is over.
        await container.GetBlobClient(App + "/.lock").GetBlobLeaseClient().BreakAsync(TimeSpan.FromSeconds(4));
        Func<Task> atOnce = () => second.LockAsync(App, TimeSpan.Zero, default);
        (await atOnce.Should().ThrowAsync<ArchiveInUseException>("a breaking lease is still held")).Which.Message.Should().Contain("held by another run");

        Task<ArchiveLock> waiting = second.LockAsync(App, TimeSpan.FromSeconds(30), default);
        await Task.Delay(1500);
        waiting.IsCompleted.Should().BeFalse("the break period has not ended");
        await using ArchiveLock taken = await waiting.WaitAsync(TimeSpan.FromSeconds(15));
        taken.Lost.IsCancellationRequested.Should().BeFalse();
        await held.DisposeAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (int i = 0; i < 200 && !condition(); i++) await Task.Delay(50);
        condition().Should().BeTrue($"{what} within 10 seconds");
    }

    /// <summary>When (on the fake clock) each lease request was sent, by its x-ms-lease-action: acquire, renew, release, break.</summary>
    private sealed class LeaseActions(TimeProvider clock) : HttpPipelineSynchronousPolicy
    {
        private readonly List<(string Action, DateTimeOffset At)> _sent = [];

        public List<DateTimeOffset> Sent(string action)
        {
            lock (_sent) return _sent.Where(s => s.Action == action).Select(s => s.At).ToList();
        }

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Headers.TryGetValue("x-ms-lease-action", out string? action))
            {
                lock (_sent) _sent.Add((action, clock.GetUtcNow()));
            }
        }
    }
}
