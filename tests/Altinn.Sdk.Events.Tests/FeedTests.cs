using static Altinn.Sdk.Events.Tests.EmulatorEvents;

namespace Altinn.Sdk.Events.Tests;

/// <summary>The three feeds against the emulator: order, paging, continuation, filters and their errors.</summary>
public sealed class FeedTests : IAsyncLifetime
{
    private EmulatorEvents _events = null!;

    public async Task InitializeAsync() => _events = await StartAsync();

    public async Task DisposeAsync() => await _events.DisposeAsync();

    [Fact]
    public async Task Events_from_instance_changes_arrive_in_order()
    {
        InstanceId first = await _events.CreateCompletedInstanceAsync();
        InstanceId second = await _events.CreateInstanceAsync();

        List<CloudEvent> events = await _events.AllAppEventsAsync();

        events.Select(e => e.Type).Should().Equal(
            "app.instance.process.movedTo.Task_1", "app.instance.created",
            "app.instance.process.movedTo.Task_2", "app.instance.process.completed",
            "app.instance.process.movedTo.Task_1", "app.instance.created");
        events.Select(e => e.TryGetInstanceId(out var id) ? id : null).Should().Equal(first, first, first, first, second, second);
        events.Select(e => e.Id).Should().OnlyHaveUniqueItems();
        events.Should().OnlyContain(e => e.Subject == "/party/50001337" && e.Resource == "urn:altinn:resource:app_ttd_demo-app"
            && e.AlternativeSubject == "/person/" + PersonNumber && e.SpecVersion == "1.0" && e.Time != null);
        events.Select(e => e.Time).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task A_backlog_larger_than_the_page_size_is_read_page_by_page_without_gaps_or_repeats()
    {
        await _events.CreateCompletedInstanceAsync();
        await _events.CreateCompletedInstanceAsync();
        List<CloudEvent> all = await _events.AllAppEventsAsync();
        all.Should().HaveCount(8);
        _events.Emulator.ClearRequests();

        var query = new AppEventsQuery(App) { After = "0", PageSize = 3 };
        var pages = new List<Page<CloudEvent>>();
        await foreach (Page<CloudEvent> page in _events.Client.GetEventsAsync(query).AsPages()) pages.Add(page);

        pages.Select(p => p.Values.Count).Should().Equal(3, 3, 2, 0);
        pages.SelectMany(p => p.Values).Select(e => e.Id).Should().Equal(all.Select(e => e.Id));
        pages[0].ContinuationToken.Should().Be(all[2].Id, "a page's token is its last event's id (Events' after)");
        pages[^1].ContinuationToken.Should().BeNull();
        _events.EventsRequests().Should().Equal(
            $"GET {EventsPath}app/ttd/demo-app?after=0&size=3",
            $"GET {EventsPath}app/ttd/demo-app?after={all[2].Id}&size=3",
            $"GET {EventsPath}app/ttd/demo-app?after={all[5].Id}&size=3",
            $"GET {EventsPath}app/ttd/demo-app?after={all[7].Id}&size=3");
    }

    [Fact]
    public async Task Reading_resumes_from_a_saved_event_id_and_the_page_size_hint_replaces_the_query_size()
    {
        await _events.CreateCompletedInstanceAsync();
        List<CloudEvent> all = await _events.AllAppEventsAsync();

        var query = new AppEventsQuery(App) { After = "0", PageSize = 50 };
        var rest = new List<CloudEvent>();
        await foreach (Page<CloudEvent> page in _events.Client.GetEventsAsync(query).AsPages(all[1].Id, pageSizeHint: 1)) rest.AddRange(page.Values);

        rest.Select(e => e.Id).Should().Equal(all.Skip(2).Select(e => e.Id));
        _events.EventsRequests().Should().Contain($"GET {EventsPath}app/ttd/demo-app?after={all[1].Id}&size=1");
    }

    [Fact]
    public async Task Type_and_time_filters_are_sent_encoded_and_kept_on_every_page()
    {
        await _events.CreateCompletedInstanceAsync();
        await _events.CreateCompletedInstanceAsync();
        _events.Emulator.ClearRequests();

        var from = new DateTimeOffset(2000, 1, 1, 1, 0, 0, TimeSpan.FromHours(1));
        var query = new AppEventsQuery(App) { From = from, PageSize = 1 };
        query.Types.Add("app.instance.process.%");
        List<CloudEvent> events = await _events.Client.GetEventsAsync(query).ToListAsync();

        events.Select(e => e.Type).Should().Equal(
            "app.instance.process.movedTo.Task_1", "app.instance.process.movedTo.Task_2", "app.instance.process.completed",
            "app.instance.process.movedTo.Task_1", "app.instance.process.movedTo.Task_2", "app.instance.process.completed");
        _events.EventsRequests()[0].Should().Be($"GET {EventsPath}app/ttd/demo-app?from=2000-01-01T00%3A00%3A00Z&type=app.instance.process.%25&size=1");
        _events.EventsRequests()[1].Should().Be($"GET {EventsPath}app/ttd/demo-app?after={events[0].Id}&from=2000-01-01T00%3A00%3A00Z&type=app.instance.process.%25&size=1");
    }

    [Fact]
    public async Task The_party_feed_takes_the_person_in_a_header_never_in_the_url()
    {
        await _events.CreateInstanceAsync();
        await using var asUser = await StartAsync(e => e.CreateUserCredential(1337));
        await asUser.CreateInstanceAsync();

        var query = new PartyEventsQuery { After = "0", PersonNumber = PersonNumber };
        List<CloudEvent> events = await asUser.Client.GetEventsAsync(query).ToListAsync();

        events.Should().HaveCount(2).And.OnlyContain(e => e.Subject == "/party/50001337");
        asUser.EventsRequests().Should().OnlyContain(r => !r.Contains(PersonNumber, StringComparison.Ordinal));
        asUser.EventsRequests()[0].Should().Be($"GET {EventsPath}app/party?after=0");
    }

    [Fact]
    public async Task The_generic_feed_needs_the_subscribe_scope_and_says_so()
    {
        await _events.CreateInstanceAsync();
        var query = new ResourceEventsQuery("urn:altinn:resource:app_ttd_demo-app");

        Func<Task> withoutScope = async () => await _events.Client.GetEventsAsync(query).ToListAsync();
        (await withoutScope.Should().ThrowAsync<AltinnRequestFailedException>())
            .Where(e => e.Status == 403 && e.Message.Contains("altinn:events.subscribe", StringComparison.Ordinal));

        await using var withScope = await StartAsync(e => e.CreateOrgCredential("ttd", "altinn:events.subscribe"));
        await withScope.CreateInstanceAsync();
        List<CloudEvent> events = await withScope.Client.GetEventsAsync(query).ToListAsync();
        events.Select(e => e.Type).Should().Equal("app.instance.process.movedTo.Task_1", "app.instance.created");
        withScope.EventsRequests()[0].Should().Be($"GET {EventsPath}events?resource=urn%3Aaltinn%3Aresource%3Aapp_ttd_demo-app&after=0");
    }

    [Fact]
    public async Task The_app_feed_refuses_a_user_with_a_hint()
    {
        await using var asUser = await StartAsync(e => e.CreateUserCredential(1337));
        Func<Task> read = async () => await asUser.Client.GetEventsAsync(new AppEventsQuery(App) { After = "0" }).ToListAsync();
        (await read.Should().ThrowAsync<AltinnRequestFailedException>())
            .Where(e => e.Status == 401 && e.Message.Contains("urn:altinn:org", StringComparison.Ordinal) && e.Message.Contains("PartyEventsQuery", StringComparison.Ordinal));
    }

    [Fact]
    public void The_next_header_gives_its_after_value_only()
    {
        EventsClient.AfterOf("https://platform.tt02.altinn.no/events/api/v1/app/ttd/x?after=abc-1&from=2024-01-01T00:00:00+01:00&size=3").Should().Be("abc-1");
        EventsClient.AfterOf("https://x/events/api/v1/events?resource=urn:x&after=42").Should().Be("42");
        EventsClient.AfterOf("https://x/events/api/v1/events?resource=urn:x").Should().BeNull();
        EventsClient.AfterOf("no query").Should().BeNull();
    }
}
