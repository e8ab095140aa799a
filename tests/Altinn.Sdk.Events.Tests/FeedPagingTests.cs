using System.Collections.Concurrent;
using Altinn.Sdk.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Altinn.Sdk.Events.Tests.EmulatorEvents;

namespace Altinn.Sdk.Events.Tests;

/// <summary>
/// Pages that Altinn's authorization filter made short or empty: the reader goes on while <c>next</c> is given, and
/// stops at a page without it.
/// </summary>
public sealed class FeedPagingTests
{
    private const string Resource = "urn:altinn:resource:app_ttd_demo-app";

    [Fact]
    public async Task An_empty_page_that_still_names_a_next_page_does_not_end_the_listing()
    {
        // Pages as a feed could send them once authorization has removed every event of the second page: Events sets
        // `next` after the last row it read, so the reader must follow it instead of stopping at the empty page.
        await using var feed = await ScriptedFeed.StartAsync(new Dictionary<string, ScriptedPage>
        {
            ["0"] = new(["a", "b"], "b"),
            ["b"] = new([], "d"),
            ["d"] = new(["e"], "e"),
            ["e"] = new([], null),
        });
        EventsClient client = feed.Client();

        var pages = new List<Page<CloudEvent>>();
        await foreach (Page<CloudEvent> page in client.GetEventsAsync(new ResourceEventsQuery(Resource) { After = "0", PageSize = 2 }).AsPages()) pages.Add(page);

        pages.SelectMany(p => p.Values).Select(e => e.Id).Should().Equal("a", "b", "e");
        pages.Select(p => p.ContinuationToken).Should().Equal("b", "d", "e", null);
        feed.Afters.Should().Equal("0", "b", "d", "e");
    }

    [Fact]
    public async Task An_empty_page_whose_next_does_not_move_on_ends_the_listing_instead_of_looping()
    {
        await using var feed = await ScriptedFeed.StartAsync(new Dictionary<string, ScriptedPage>
        {
            ["0"] = new(["a"], "a"),
            ["a"] = new([], "a"),
        });

        List<CloudEvent> events = await feed.Client().GetEventsAsync(new ResourceEventsQuery(Resource) { After = "0" }).ToListAsync();

        events.Select(e => e.Id).Should().Equal("a");
        feed.Afters.Should().Equal("0", "a");
    }

    [Fact]
    public async Task The_poller_reads_past_an_empty_page_with_next_and_checkpoints_the_last_event_it_handled()
    {
        await using var feed = await ScriptedFeed.StartAsync(new Dictionary<string, ScriptedPage>
        {
            ["0"] = new(["a"], "a"),
            ["a"] = new([], "c"),
            ["c"] = new(["d"], "d"),
            ["d"] = new([], null),
        });
        var store = new MemoryCheckpoints();
        var poller = new EventsPoller(feed.Client(), new ResourceEventsQuery(Resource) { After = "0" }, store);
        var handled = new List<string>();

        int count = await poller.PollOnceAsync((e, _) =>
        {
            handled.Add(e.Id);
            return Task.CompletedTask;
        });

        count.Should().Be(2);
        handled.Should().Equal("a", "d");
        store.Saved.Should().Equal("a", "d");
    }

    [Fact]
    public async Task Against_the_emulator_a_page_emptied_by_authorization_ends_the_listing_as_in_Altinn()
    {
        // The emulator does what Events does: it takes `size` events, then drops those the caller may not read, and
        // an emptied page has no `next`. A system user of the demo organisation reads the app resource's generic feed.
        await using var events = await StartAsync(e => new StaticTokenCredential(e.CreateSystemUserToken(EmulatorEvents.OrganisationNumber, scopes: "altinn:events.subscribe")));
        await events.CreateInstanceAsync(); // two events of the person, which the system user may not read
        await events.CreateInstanceAsync(OrganisationParty); // two events of its own organisation
        events.Emulator.ClearRequests();

        var pages = new List<Page<CloudEvent>>();
        await foreach (Page<CloudEvent> page in events.Client.GetEventsAsync(new ResourceEventsQuery(Resource) { After = "0", PageSize = 2 }).AsPages()) pages.Add(page);

        pages.Should().ContainSingle().Which.Values.Should().BeEmpty("the first two events are the person's, and Altinn filters after taking two");
        pages[0].ContinuationToken.Should().BeNull();
        events.EventsRequests().Should().ContainSingle();

        List<CloudEvent> wider = await events.Client.GetEventsAsync(new ResourceEventsQuery(Resource) { After = "0", PageSize = 4 }).ToListAsync();
        wider.Should().HaveCount(2).And.OnlyContain(e => e.Subject == "/party/" + OrganisationParty, "a larger page reaches the organisation's events");
    }

    /// <summary>A loopback feed that answers each <c>after</c> with a scripted page, like the generic feed would.</summary>
    private sealed class ScriptedFeed : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Uri _base;

        private ScriptedFeed(WebApplication app, Uri baseUrl)
        {
            _app = app;
            _base = baseUrl;
        }

        public ConcurrentQueue<string> Afters { get; } = new();

        public static async Task<ScriptedFeed> StartAsync(IReadOnlyDictionary<string, ScriptedPage> pages)
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            WebApplication app = builder.Build();
            ScriptedFeed? feed = null;
            app.MapGet("/events/api/v1/events", async (HttpContext context) =>
            {
                string after = context.Request.Query["after"].ToString();
                feed!.Afters.Enqueue(after);
                ScriptedPage page = pages[after];
                if (page.NextAfter is { } next)
                {
                    context.Response.Headers["next"] = $"{feed._base}events/api/v1/events?after={next}&resource={Resource}";
                }

                context.Response.ContentType = "application/cloudevents+json";
                string body = "[" + string.Join(",", page.Ids.Select(id =>
                    $$"""{"specversion":"1.0","id":"{{id}}","source":"https://example.com/s","type":"t","resource":"{{Resource}}"}""")) + "]";
                await context.Response.WriteAsync(body);
            });
            await app.StartAsync();
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            feed = new ScriptedFeed(app, new Uri(address.TrimEnd('/') + "/"));
            return feed;
        }

        public EventsClient Client() =>
            EventsClient.Create(AltinnEnvironment.Local(_base), new StaticTokenCredential("scripted-feed-token"), loggerFactory: LeakWatch.LoggerFactory);

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed record ScriptedPage(string[] Ids, string? NextAfter);

    private sealed class MemoryCheckpoints : EventCheckpointStore
    {
        public List<string> Saved { get; } = [];

        public override Task<string?> GetCheckpointAsync(string key, CancellationToken cancellationToken = default) =>
            Task.FromResult(Saved.Count == 0 ? null : Saved[^1]);

        public override Task SaveCheckpointAsync(string key, string eventId, CancellationToken cancellationToken = default)
        {
            Saved.Add(eventId);
            return Task.CompletedTask;
        }
    }
}
