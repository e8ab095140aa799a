using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using static Altinn.Sdk.Events.Tests.EmulatorEvents;

namespace Altinn.Sdk.Events.Tests;

/// <summary>The poller against the emulator: order, checkpoints across restarts, crashes between handler and checkpoint, back-off and failures.</summary>
public sealed class PollerTests : IAsyncLifetime, IDisposable
{
    private const string AppResource = "urn:altinn:resource:app_ttd_demo-app";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "events-poller-" + Guid.NewGuid().ToString("N"));
    private EmulatorEvents _events = null!;

    public async Task InitializeAsync() => _events = await StartAsync();

    public async Task DisposeAsync() => await _events.DisposeAsync();

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private EventsPoller Poller(EventCheckpointStore store, EventsPollerOptions? options = null, EmulatorEvents? events = null)
    {
        events ??= _events;
        return new EventsPoller(events.Client, new AppEventsQuery(App) { After = "0" }, store, options ?? new EventsPollerOptions { PageSize = 3 }, events.Logger<EventsPoller>());
    }

    [Fact]
    public async Task Events_arrive_in_order_with_no_gaps_or_repeats_across_restarts()
    {
        await _events.CreateCompletedInstanceAsync();
        var store = new FileEventCheckpointStore(_folder);
        var seen = new List<string>();
        Task Handle(CloudEvent e, CancellationToken _)
        {
            seen.Add(e.Id);
            return Task.CompletedTask;
        }

        (await Poller(store).PollOnceAsync(Handle)).Should().Be(4);
        (await Poller(store).PollOnceAsync(Handle)).Should().Be(0, "a restarted poller starts after the checkpoint");

        await _events.CreateCompletedInstanceAsync();
        (await Poller(new FileEventCheckpointStore(_folder)).PollOnceAsync(Handle)).Should().Be(4);

        List<CloudEvent> all = await _events.AllAppEventsAsync();
        seen.Should().Equal(all.Select(e => e.Id));
        (await store.GetCheckpointAsync(Poller(store).CheckpointKey)).Should().Be(all[^1].Id);
    }

    [Fact]
    public async Task A_crash_between_handler_and_checkpoint_delivers_the_event_again_and_loses_none()
    {
        await _events.CreateCompletedInstanceAsync();
        await _events.CreateCompletedInstanceAsync();
        var store = new FileEventCheckpointStore(_folder);
        var failing = new FailingStore(store, failOnSave: 3);
        var seen = new List<string>();
        Task Handle(CloudEvent e, CancellationToken _)
        {
            seen.Add(e.Id);
            return Task.CompletedTask;
        }

        Func<Task> crashing = () => Poller(failing).PollOnceAsync(Handle);
        await crashing.Should().ThrowAsync<IOException>("the checkpoint store's failure stops the poller");
        seen.Should().HaveCount(3, "the third event was handled, then its checkpoint failed");

        // Restart with a working store: the third event comes again, then the rest.
        (await Poller(store).PollOnceAsync(Handle)).Should().Be(6);

        List<string> all = (await _events.AllAppEventsAsync()).Select(e => e.Id).ToList();
        seen.Should().Equal(all.Take(3).Concat(all.Skip(2)), "event 3 is delivered twice, nothing is skipped");
    }

    [Fact]
    public async Task Cancelling_after_the_handler_keeps_no_checkpoint_for_that_event()
    {
        await _events.CreateCompletedInstanceAsync();
        var store = new FileEventCheckpointStore(_folder);
        var seen = new List<string>();
        using var stop = new CancellationTokenSource();

        Func<Task> run = () => Poller(store).RunAsync(
            (e, _) =>
            {
                seen.Add(e.Id);
                if (seen.Count == 2) stop.Cancel(); // the process is stopped while the second event is being handled
                return Task.CompletedTask;
            },
            stop.Token);
        await run.Should().ThrowAsync<OperationCanceledException>();

        var again = new List<string>();
        await Poller(store).PollOnceAsync((e, _) =>
        {
            again.Add(e.Id);
            return Task.CompletedTask;
        });
        List<string> all = (await _events.AllAppEventsAsync()).Select(e => e.Id).ToList();
        seen.Should().Equal(all.Take(2));
        again.Should().Equal(all.Skip(1), "the second event had no checkpoint yet");
    }

    [Fact]
    public async Task A_failing_handler_stops_the_poller_and_the_event_is_delivered_again()
    {
        await _events.CreateInstanceAsync();
        var store = new FileEventCheckpointStore(_folder);
        Func<Task> run = () => Poller(store).RunAsync((e, _) => throw new InvalidOperationException("archive is down"));
        await run.Should().ThrowAsync<InvalidOperationException>().WithMessage("archive is down");
        (await store.GetCheckpointAsync(Poller(store).CheckpointKey)).Should().BeNull();
        _events.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == 4003 && r.Level == LogLevel.Error);

        var seen = new List<CloudEvent>();
        await Poller(store).PollOnceAsync((e, _) =>
        {
            seen.Add(e);
            return Task.CompletedTask;
        });
        seen.Should().HaveCount(2);
    }

    [Fact]
    public async Task Transient_failures_are_logged_and_retried_without_losing_the_place()
    {
        var faults = new FailingFeedHandler(failures: 3);
        await using var events = await StartAsync(maxRetries: 0, innerHandler: () => faults);
        await events.CreateCompletedInstanceAsync();
        var seen = new List<string>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var options = new EventsPollerOptions { PageSize = 2, RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(40), PollingInterval = TimeSpan.FromMilliseconds(10) };
        Func<Task> run = () => Poller(new FileEventCheckpointStore(_folder), options, events).RunAsync(
            (e, _) =>
            {
                seen.Add(e.Id);
                if (seen.Count == 4) stop.Cancel();
                return Task.CompletedTask;
            },
            stop.Token);
        await run.Should().ThrowAsync<OperationCanceledException>();

        seen.Should().Equal((await events.AllAppEventsAsync()).Select(e => e.Id));
        faults.Failed.Should().Be(3);
        events.Logs.GetSnapshot().Count(r => r.Id.Id == 4002 && r.Level == LogLevel.Warning).Should().Be(3);
    }

    [Fact]
    public async Task The_back_off_is_jittered_and_capped_and_starts_over_after_a_pass_that_succeeds()
    {
        var faults = new FailingFeedHandler(failures: 8);
        await using var events = await StartAsync(maxRetries: 0, innerHandler: () => faults);
        await events.CreateCompletedInstanceAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var options = new EventsPollerOptions { RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(40), PollingInterval = TimeSpan.FromMilliseconds(10) };
        IEnumerable<FakeLogRecord> Retries() => events.Logs.GetSnapshot().Where(r => r.Id.Id == 4002);

        Task run = Poller(new FileEventCheckpointStore(_folder), options, events).RunAsync((_, _) => Task.CompletedTask, stop.Token);

        // Eight failures in a row, a pass to the end of the feed, then two more failures.
        await WaitUntil(() => events.Logs.GetSnapshot().Any(r => r.Id.Id == 4001));
        faults.FailNext(2);
        await WaitUntil(() => Retries().Count() == 10);
        await stop.CancelAsync();
        await FluentActions.Awaiting(() => run).Should().ThrowAsync<OperationCanceledException>();

        var retries = Retries().Select(r => (
            Failures: int.Parse(State(r, "Failures"), CultureInfo.InvariantCulture),
            Delay: TimeSpan.Parse(State(r, "Delay"), CultureInfo.InvariantCulture))).ToList();
        retries.Select(r => r.Failures).Should().Equal([1, 2, 3, 4, 5, 6, 7, 8, 1, 2], "the count starts over after a pass that reached the end");
        retries.Should().OnlyContain(r => r.Delay > TimeSpan.Zero && r.Delay <= options.MaxRetryDelay, "the wait is capped");
        TimeSpan[] doubling = [.. new[] { 10, 20, 40, 40, 40, 40, 40, 40, 10, 20 }.Select(ms => TimeSpan.FromMilliseconds(ms))];
        retries.Select(r => r.Delay).Should().NotEqual(doubling, "the waits are jittered, not exact doublings");
    }

    private static string State(FakeLogRecord record, string key) => record.StructuredState!.Single(p => p.Key == key).Value!;

    [Fact]
    public async Task A_refusal_that_a_retry_cannot_fix_stops_the_poller()
    {
        var poller = new EventsPoller(_events.Client, new ResourceEventsQuery("urn:altinn:resource:app_ttd_demo-app"), new FileEventCheckpointStore(_folder));
        Func<Task> run = () => poller.RunAsync((_, _) => Task.CompletedTask);
        (await run.Should().ThrowAsync<AltinnRequestFailedException>()).Which.Status.Should().Be(403);
    }

    [Fact]
    public async Task After_catching_up_the_poller_waits_the_polling_interval_on_its_clock()
    {
        await _events.CreateInstanceAsync();
        var clock = new FakeTimeProvider();
        var seen = new List<string>();
        using var stop = new CancellationTokenSource();
        var options = new EventsPollerOptions { PollingInterval = TimeSpan.FromSeconds(30), TimeProvider = clock };
        Task run = Poller(new FileEventCheckpointStore(_folder), options).RunAsync(
            (e, _) =>
            {
                lock (seen) seen.Add(e.Type);
                return Task.CompletedTask;
            },
            stop.Token);

        await WaitUntil(() => _events.Logs.GetSnapshot().Any(r => r.Id.Id == 4001));
        int requests = _events.EventsRequests().Count;
        await _events.CreateInstanceAsync();
        await Task.Delay(200);
        _events.EventsRequests().Should().HaveCount(requests, "nothing is read before the interval has passed");

        clock.Advance(TimeSpan.FromSeconds(30));
        await WaitUntil(() => { lock (seen) return seen.Count == 4; });
        stop.Cancel();
        await FluentActions.Awaiting(() => run).Should().ThrowAsync<OperationCanceledException>();
        seen.Should().Equal("app.instance.process.movedTo.Task_1", "app.instance.created", "app.instance.process.movedTo.Task_1", "app.instance.created");
    }

    [Fact]
    public async Task A_person_in_a_resource_feed_filter_stays_out_of_checkpoint_files_and_logs_and_restarts_continue()
    {
        await using var events = await StartAsync(e => e.CreateOrgCredential("ttd", "altinn:events.subscribe"));
        await events.CreateInstanceAsync();
        string person = "/person/" + PersonNumber;
        var seen = new List<string>();
        EventsPoller Poller(EventsQuery query) => new(events.Client, query, new FileEventCheckpointStore(_folder), new EventsPollerOptions { PageSize = 1 }, events.Logger<EventsPoller>());
        ResourceEventsQuery ByAlternativeSubject() => new(AppResource) { AlternativeSubject = person };
        Task Handle(CloudEvent e, CancellationToken _)
        {
            seen.Add(e.Id);
            return Task.CompletedTask;
        }

        (await Poller(ByAlternativeSubject()).PollOnceAsync(Handle)).Should().Be(2);
        (await Poller(ByAlternativeSubject()).PollOnceAsync(Handle)).Should().Be(0, "a restarted poller with the same store starts after its checkpoint");
        await events.CreateInstanceAsync();
        (await Poller(ByAlternativeSubject()).PollOnceAsync(Handle)).Should().Be(2);
        seen.Should().OnlyHaveUniqueItems().And.HaveCount(4);

        // The subject in the query string too (no event matches it, but the poller logs and keys it).
        EventsPoller bySubject = Poller(new ResourceEventsQuery(AppResource) { Subject = person });
        (await bySubject.PollOnceAsync(Handle)).Should().Be(0);
        await new FileEventCheckpointStore(_folder).SaveCheckpointAsync(bySubject.CheckpointKey, seen[0]);

        string[] forbidden = [PersonNumber, .. UnkeyedHashes(person), .. UnkeyedHashes(PersonNumber)];
        string[] texts =
        [
            .. Directory.GetFiles(_folder).Select(f => Path.GetFileName(f) + "\n" + File.ReadAllText(f)),
            .. events.Logs.GetSnapshot().Select(r => r.Message),
            Poller(ByAlternativeSubject()).CheckpointKey,
            bySubject.CheckpointKey,
        ];
        events.Logs.GetSnapshot().Should().Contain(r => r.Id.Id == 4000, "the poller logs the feed it reads");
        Directory.GetFiles(_folder, "checkpoint-*.json").Should().HaveCount(2);
        foreach (string text in texts)
        {
            foreach (string value in forbidden) text.Should().NotContainEquivalentOf(value);
        }
    }

    [Fact]
    public async Task A_checkpoint_saved_under_the_old_clear_feed_key_is_moved_to_the_keyed_one()
    {
        await using var events = await StartAsync(e => e.CreateOrgCredential("ttd", "altinn:events.subscribe"));
        await events.CreateInstanceAsync();
        string person = "/person/" + PersonNumber;
        var store = new FileEventCheckpointStore(_folder);
        List<CloudEvent> all = await events.Client.GetEventsAsync(new ResourceEventsQuery(AppResource) { AlternativeSubject = person }).ToListAsync();
        all.Should().HaveCount(2);

        // Where the SDK kept this feed's place before feed keys were keyed: an unsalted hash of the person in the key.
        string oldKey = "local:events?resource=urn%3Aaltinn%3Aresource%3Aapp_ttd_demo-app&Altinn-AlternativeSubject=sha256%3A" + UnkeyedHashes(person)[1];
        await store.SaveCheckpointAsync(oldKey, all[0].Id);

        var poller = new EventsPoller(events.Client, new ResourceEventsQuery(AppResource) { AlternativeSubject = person }, store, null, events.Logger<EventsPoller>());
        var seen = new List<string>();
        (await poller.PollOnceAsync((e, _) =>
        {
            seen.Add(e.Id);
            return Task.CompletedTask;
        })).Should().Be(1);

        seen.Should().Equal(all[1].Id);
        (await store.GetCheckpointAsync(poller.CheckpointKey)).Should().Be(all[1].Id);
        File.Exists(store.GetPath(oldKey)).Should().BeFalse("the old file, with the person's hash in it, is removed once moved");
    }

    /// <summary>SHA-256 of a value without a key, in full and as the 16 hex digits the SDK once put in feed keys.</summary>
    private static string[] UnkeyedHashes(string value)
    {
        string hex = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)));
        return [hex, hex[..16]];
    }

    [Fact]
    public void Invalid_settings_are_refused_at_construction()
    {
        var store = new FileEventCheckpointStore(_folder);
        var query = new AppEventsQuery(App) { After = "0" };
        FluentActions.Invoking(() => new EventsPoller(_events.Client, new AppEventsQuery(App), store)).Should().Throw<ArgumentException>().WithMessage("*After*From*");
        FluentActions.Invoking(() => new EventsPoller(_events.Client, query, store, new EventsPollerOptions { RetryDelay = TimeSpan.Zero })).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new EventsPoller(_events.Client, query, store, new EventsPollerOptions { MaxRetryDelay = TimeSpan.FromMilliseconds(1) })).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new EventsPoller(_events.Client, query, store, new EventsPollerOptions { PageSize = 0 })).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new EventsPoller(_events.Client, query, store, new EventsPollerOptions { CheckpointKey = " " })).Should().Throw<ArgumentException>();
        new EventsPoller(_events.Client, query, store).CheckpointKey.Should().Be("local:app/ttd/demo-app");
        _events.EventsRequests().Should().BeEmpty();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not become true.");
            await Task.Delay(20);
        }
    }

    /// <summary>A store that fails the Nth save as a crash would, after the handler succeeded.</summary>
    private sealed class FailingStore(EventCheckpointStore inner, int failOnSave) : EventCheckpointStore
    {
        private int _saves;

        public override Task<string?> GetCheckpointAsync(string feedKey, CancellationToken cancellationToken = default) =>
            inner.GetCheckpointAsync(feedKey, cancellationToken);

        public override Task SaveCheckpointAsync(string feedKey, string eventId, CancellationToken cancellationToken = default) =>
            ++_saves == failOnSave ? throw new IOException("disk gone") : inner.SaveCheckpointAsync(feedKey, eventId, cancellationToken);
    }

    /// <summary>Answers the first feed requests with 503 without sending them, as an overloaded Events would.</summary>
    private sealed class FailingFeedHandler(int failures) : DelegatingHandler
    {
        private int _failures = failures;

        public int Failed { get; private set; }

        /// <summary>Fails the next <paramref name="count"/> feed requests too.</summary>
        public void FailNext(int count) => Interlocked.Add(ref _failures, count);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Failed < Volatile.Read(ref _failures) && request.RequestUri!.AbsolutePath.Contains("/events/api/v1/app/", StringComparison.Ordinal))
            {
                Failed++;
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request });
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
