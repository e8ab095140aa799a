using static Altinn.Sdk.Events.Tests.EmulatorEvents;

namespace Altinn.Sdk.Events.Tests;

/// <summary>One emulator shared by the argument tests (they send nothing, and each clears the request log first).</summary>
public sealed class SharedEmulator : IAsyncLifetime
{
    public EmulatorEvents Events { get; private set; } = null!;

    public async Task InitializeAsync() => Events = await StartAsync();

    public async Task DisposeAsync() => await Events.DisposeAsync();
}

/// <summary>Bad queries and subscriptions are refused with an explaining ArgumentException before any request.</summary>
public sealed class ArgumentTests : IClassFixture<SharedEmulator>
{
    private const string AppResource = "urn:altinn:resource:app_ttd_demo-app";
    private static readonly Uri Hook = new("http://127.0.0.1:9/hooks/altinn");

    public ArgumentTests(SharedEmulator shared)
    {
        Events = shared.Events;
        Events.Emulator.ClearRequests();
    }

    private EmulatorEvents Events { get; }

    public static TheoryData<string, Func<EventsQuery>> InvalidQueries => new()
    {
        { "neither after nor from", () => new AppEventsQuery(App) },
        { "empty after", () => new AppEventsQuery(App) { After = "" } },
        { "from after to", () => new AppEventsQuery(App) { From = DateTimeOffset.UtcNow, To = DateTimeOffset.UtcNow.AddDays(-1) } },
        { "party and person", () => new AppEventsQuery(App) { After = "0", Party = 1, PersonNumber = PersonNumber } },
        { "party and unit", () => new AppEventsQuery(App) { After = "0", Party = 1, OrganisationNumber = "312345676" } },
        { "bad organisation number", () => new AppEventsQuery(App) { After = "0", OrganisationNumber = "312345677" } },
        { "short person number", () => new AppEventsQuery(App) { After = "0", PersonNumber = "0101701234" } },
        { "person number with wrong check digits", () => new AppEventsQuery(App) { After = "0", PersonNumber = "01017012344" } },
        { "negative party", () => new AppEventsQuery(App) { After = "0", Party = -5 } },
        { "zero page size", () => new AppEventsQuery(App) { After = "0", PageSize = 0 } },
        { "empty type", () => { var q = new AppEventsQuery(App) { After = "0" }; q.Types.Add(" "); return q; } },
        { "party feed without subject", () => new PartyEventsQuery { After = "0" } },
        { "party feed empty source", () => { var q = new PartyEventsQuery { After = "0", Party = 1 }; q.Sources.Add(""); return q; } },
        { "generic subject and alternative subject", () => new ResourceEventsQuery("urn:altinn:resource:x") { Subject = "/party/1", AlternativeSubject = "/person/1" } },
        { "generic page size over 1000", () => new ResourceEventsQuery("urn:altinn:resource:x") { PageSize = 1001 } },
    };

    [Theory]
    [MemberData(nameof(InvalidQueries))]
    public void An_invalid_query_is_refused_before_anything_is_sent(string because, Func<EventsQuery> create)
    {
        EventsQuery query = create();
        Action read = () => Events.Client.GetEventsAsync(query);
        read.Should().Throw<ArgumentException>(because).Which.ParamName.Should().Be("query");
        Events.EventsRequests().Should().BeEmpty();
    }

    [Theory]
    [InlineData("urn:altinn:resource:")]
    [InlineData("app_ttd_demo-app")]
    [InlineData("urn:altinn:app_ttd_demo-app")]
    public void A_resource_that_is_not_a_resource_urn_is_refused(string resource)
    {
        Action create = () => _ = new ResourceEventsQuery(resource);
        create.Should().Throw<ArgumentException>().WithParameterName("resource").WithMessage("*urn:altinn:resource:*");
    }

    public static TheoryData<string, Func<Uri, EventSubscriptionRequest>> InvalidSubscriptions => new()
    {
        { "source with trailing slash", e => new EventSubscriptionRequest(e) { SourceFilter = new Uri("https://ttd.apps.tt02.altinn.no/ttd/demo-app/") } },
        { "no source and no resource", e => new EventSubscriptionRequest(e) },
        { "plain http endpoint off loopback", _ => new EventSubscriptionRequest(new Uri("http://example.com/hook")) { ResourceFilter = AppResource } },
        { "relative endpoint", _ => new EventSubscriptionRequest(new Uri("/hook", UriKind.Relative)) { ResourceFilter = AppResource } },
        { "null endpoint", _ => new EventSubscriptionRequest(null!) { ResourceFilter = AppResource } },
        { "resource not a urn", e => new EventSubscriptionRequest(e) { ResourceFilter = "app_ttd_demo-app" } },
        { "source and resource disagree", e => new EventSubscriptionRequest(e) { SourceFilter = new Uri("https://ttd.apps.tt02.altinn.no/ttd/other-app"), ResourceFilter = AppResource } },
        { "source on a generic resource", e => new EventSubscriptionRequest(e) { SourceFilter = new Uri("https://ttd.apps.tt02.altinn.no/ttd/demo-app"), ResourceFilter = "urn:altinn:resource:some-service" } },
        { "empty type filter", e => new EventSubscriptionRequest(e) { ResourceFilter = AppResource, TypeFilter = "" } },
        { "empty subject filter", e => new EventSubscriptionRequest(e) { ResourceFilter = AppResource, SubjectFilter = " " } },
        { "wildcard type filter", e => new EventSubscriptionRequest(e) { ResourceFilter = AppResource, TypeFilter = "app.instance.%" } },
        { "alternative subject of unknown form", e => new EventSubscriptionRequest(e) { ResourceFilter = AppResource, AlternativeSubjectFilter = "01017012343" } },
        { "alternative subject on a generic resource", e => new EventSubscriptionRequest(e) { ResourceFilter = "urn:altinn:resource:some-service", AlternativeSubjectFilter = "/org/312345676" } },
        { "subject and alternative subject", e => new EventSubscriptionRequest(e) { ResourceFilter = AppResource, SubjectFilter = "/party/1", AlternativeSubjectFilter = "/org/312345676" } },
        { "subunits without subject", e => new EventSubscriptionRequest(e) { ResourceFilter = AppResource, IncludeSubunits = true } },
    };

    [Theory]
    [MemberData(nameof(InvalidSubscriptions))]
    public async Task An_invalid_subscription_is_refused_before_anything_is_sent(string because, Func<Uri, EventSubscriptionRequest> create)
    {
        EventSubscriptionRequest request = create(Hook);
        Func<Task> send = () => Events.Client.Subscriptions.CreateAsync(request);
        (await send.Should().ThrowAsync<ArgumentException>(because)).Which.ParamName.Should().Be("subscription");
        Events.EventsRequests().Should().BeEmpty();
    }

    [Fact]
    public async Task A_loopback_http_endpoint_is_refused_outside_a_local_environment()
    {
        var client = new EventsClient(new HttpClient(new NothingSentHandler()), AltinnEnvironment.Tt02, LeakWatch.Logger<EventsClient>());
        Func<Task> send = () => client.Subscriptions.CreateAsync(new EventSubscriptionRequest(new Uri("http://127.0.0.1:5000/hook")) { ResourceFilter = AppResource });
        (await send.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("https");
        Func<Task> get = () => client.Subscriptions.GetAsync(0);
        await get.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    private sealed class NothingSentHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Nothing may be sent.");
    }
}
