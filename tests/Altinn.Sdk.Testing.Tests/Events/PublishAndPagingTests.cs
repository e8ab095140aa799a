using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Testing.Tests.Events;

/// <summary>
/// Publishing generic CloudEvents (<c>POST events</c>) and how the feeds page when authorization removes events:
/// Events takes <c>size</c> rows first and filters them afterwards.
/// </summary>
public class PublishAndPagingTests
{
    private const string Resource = "urn:altinn:resource:ttd-altinn-events-automated-tests";
    private const string PublishScope = "altinn:events.publish";
    private const string SubscribeScope = "altinn:events.subscribe";

    [Fact]
    public async Task Pages_are_cut_to_size_before_authorization_filters_them_and_an_emptied_page_has_no_next()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        emulator.AddOrganisationParty(50002, "310000001", "Kunde AS");
        emulator.AddOrganisationParty(50003, "310000002", "Annen bedrift AS");
        emulator.Publish(50003);
        var e2 = emulator.Publish(50002);
        emulator.Publish(50003);
        emulator.Publish(50003);
        emulator.Publish(50003);
        var e6 = emulator.Publish(50002);
        using var http = new HttpClient();
        string token = emulator.CreateSystemUserToken("310000001", scopes: SubscribeScope);
        const string resource = "urn:altinn:resource:app_ttd_apps-test";

        using var first = await http.GetAsync(emulator.EventsUrl($"events?resource={resource}&after=0&size=3"), token);
        (await first.EventIdsAsync()).Should().Equal([e2.Id], "of e1..e3 only e2 is the customer's");
        first.Next().Should().Be(emulator.EventsUrl($"events?after={e2.Id}&resource={resource}&size=3").AbsoluteUri, "next continues after the last event returned");

        using var second = await http.GetAsync(new Uri(first.Next()!), token);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.EventIdsAsync()).Should().BeEmpty("e3..e5 belong to another party, and e6 lies beyond the three rows taken");
        second.Next().Should().BeNull("Events sends next only on a non-empty page, even though e6 follows");

        using var wider = await http.GetAsync(emulator.EventsUrl($"events?resource={resource}&after={e2.Id}&size=4"), token);
        (await wider.EventIdsAsync()).Should().Equal([e6.Id], "a larger page reaches past the foreign events");
    }

    [Fact]
    public async Task The_party_feed_of_a_party_the_caller_may_not_read_is_empty_without_next()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        emulator.AddPersonParty(50001, "16035001577", "Ola Nordmann");
        emulator.AddPersonParty(50009, "01017012345", "Kari Nordmann");
        emulator.AddUser(1001, 50001);
        emulator.Publish(50009);
        using var http = new HttpClient();

        using var page = await http.GetAsync(emulator.EventsUrl("app/party?after=0&party=50009&size=1"), emulator.CreateUserToken(1001));

        (await page.EventIdsAsync()).Should().BeEmpty();
        page.Next().Should().BeNull();
    }

    [Fact]
    public async Task Publishing_needs_a_token_and_the_publish_scope()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        using var http = new HttpClient();

        using var anonymous = await PublishAsync(http, emulator, null, Event());
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var noScope = await PublishAsync(http, emulator, emulator.CreateOrgToken("ttd", "altinn:serviceowner"), Event());
        noScope.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await noScope.Content.ReadAsStringAsync()).Should().BeEmpty();
        using var subscribeOnly = await PublishAsync(http, emulator, emulator.CreateOrgToken("ttd", SubscribeScope), Event());
        subscribeOnly.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        emulator.Context.State.CloudEvents().Should().BeEmpty();
    }

    [Theory]
    [InlineData("""{"specversion":"1.0","source":"https://example.com/x","type":"t","resource":"urn:altinn:resource:r"}""", "no id")]
    [InlineData("""{"specversion":"1.0","id":"1","type":"t","resource":"urn:altinn:resource:r"}""", "no source")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"https://example.com/x","resource":"urn:altinn:resource:r"}""", "no type")]
    [InlineData("""{"id":"1","source":"https://example.com/x","type":"t","resource":"urn:altinn:resource:r"}""", "no specversion")]
    [InlineData("""{"specversion":"2.0","id":"1","source":"https://example.com/x","type":"t","resource":"urn:altinn:resource:r"}""", "an unknown specversion")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"https://example.com/x","type":"t","time":"yesterday","resource":"urn:altinn:resource:r"}""", "a time that is no timestamp")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"https://example.com/x","type":"t","resource":"urn:altinn:resource:r","Bad-Name":"x"}""", "an attribute name that is not lower-case letters and digits")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"https://example.com/x","type":"t","resource":"urn:altinn:resource:r","nested":{"a":1}}""", "an attribute that is an object")]
    [InlineData("""["not an object"]""", "a body that is no object")]
    [InlineData("not json", "a body that is no JSON")]
    [InlineData("", "no body")]
    public async Task A_body_that_is_no_CloudEvent_is_a_400_validation_problem(string body, string because)
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        using var http = new HttpClient();

        using var response = await PublishAsync(http, emulator, emulator.CreateOrgToken("ttd", PublishScope), body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, because);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.JsonAsync()).TryGetProperty("errors", out _).Should().BeTrue("model binding failures carry an errors object");
        emulator.Context.State.CloudEvents().Should().BeEmpty();
    }

    [Theory]
    [InlineData(null, "no resource")]
    [InlineData("", "an empty resource")]
    [InlineData("ttd-altinn-events-automated-tests", "a resource that is no URN")]
    [InlineData("urn:altinn:resource:Upper-Case", "upper-case letters, which Events' URN rule refuses")]
    [InlineData("urn:x", "a URN with no segment after its namespace")]
    public async Task A_missing_or_invalid_resource_is_a_400_problem(string? resource, string because)
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        using var http = new HttpClient();
        var cloudEvent = new Dictionary<string, object?> { ["specversion"] = "1.0", ["id"] = Guid.NewGuid().ToString(), ["source"] = "https://example.com/x", ["type"] = "t" };
        if (resource is not null) cloudEvent["resource"] = resource;

        using var response = await PublishAsync(http, emulator, emulator.CreateOrgToken("ttd", PublishScope), JsonSerializer.Serialize(cloudEvent));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, because);
        var problem = await response.JsonAsync();
        problem.GetProperty("detail").GetString().Should().Contain("resource", because);
    }

    [Fact]
    public async Task Publishing_needs_the_cloudevents_content_type()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        using var http = new HttpClient();

        using var response = await PublishAsync(http, emulator, emulator.CreateOrgToken("ttd", PublishScope), Event(), "application/json");

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_published_event_is_served_by_the_generic_feed_as_it_was_sent()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        using var http = new HttpClient();
        string publisher = emulator.CreateOrgToken("ttd", PublishScope);
        string full = Event(id: "e-1", extra: ""","subject":"/autotest/k6","time":"2022-05-12T02:02:07.541482+02:00","datacontenttype":"application/json","data":{"a":[1,2]},"tries":3,"urgent":true""");
        string bare = Event(id: "e-2");

        using var first = await PublishAsync(http, emulator, publisher, full);
        using var second = await PublishAsync(http, emulator, publisher, bare);
        using var repeated = await PublishAsync(http, emulator, publisher, full);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        (await first.Content.ReadAsStringAsync()).Should().BeEmpty();
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        repeated.StatusCode.Should().Be(HttpStatusCode.OK, "a repeated id and source is accepted and stored once");

        string reader = emulator.CreateOrgToken("ttd", SubscribeScope);
        using var page = await http.GetAsync(emulator.EventsUrl($"events/?after=0&resource={Resource}&size=1"), reader);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var one = (await page.JsonAsync()).EnumerateArray().Single();
        one.GetProperty("id").GetString().Should().Be("e-1");
        one.GetProperty("subject").GetString().Should().Be("/autotest/k6");
        one.GetProperty("time").GetString().Should().Be("2022-05-12T00:02:07.541482Z", "times are kept in UTC");
        one.GetProperty("resource").GetString().Should().Be(Resource);
        one.GetProperty("data").GetProperty("a").GetArrayLength().Should().Be(2);
        one.GetProperty("datacontenttype").GetString().Should().Be("application/json");
        one.GetProperty("tries").GetInt32().Should().Be(3);
        one.GetProperty("urgent").GetBoolean().Should().BeTrue();
        page.Next().Should().Be(emulator.EventsUrl($"events/?after=e-1&resource={Resource}&size=1").AbsoluteUri);

        using var rest = await http.GetAsync(new Uri(page.Next()!), reader);
        var last = (await rest.JsonAsync()).EnumerateArray().Single();
        last.GetProperty("id").GetString().Should().Be("e-2");
        last.TryGetProperty("subject", out _).Should().BeFalse("an event published without a subject has none");
        last.TryGetProperty("time", out _).Should().BeFalse("an event published without a time has none");

        using var bySubject = await http.GetAsync(emulator.EventsUrl($"events?after=0&resource={Resource}&subject=/autotest/k6"), reader);
        (await bySubject.EventIdsAsync()).Should().Equal("e-1");
    }

    [Fact]
    public async Task Only_the_app_owner_publishes_to_an_app_resource_unless_the_admin_scope_is_held()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        using var http = new HttpClient();
        string appEvent = Event(resource: "urn:altinn:resource:app_ttd_apps-test");

        using var otherOrg = await PublishAsync(http, emulator, emulator.CreateOrgToken("digdir", PublishScope), appEvent);
        otherOrg.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var admin = await PublishAsync(http, emulator, emulator.CreateOrgToken("digdir", PublishScope, "altinn:events.publish.admin"), appEvent);
        admin.StatusCode.Should().Be(HttpStatusCode.OK);
        using var owner = await PublishAsync(http, emulator, emulator.CreateOrgToken("ttd", PublishScope), Event(resource: "urn:altinn:resource:app_ttd_apps-test"));
        owner.StatusCode.Should().Be(HttpStatusCode.OK);
        emulator.Context.State.CloudEvents().Should().HaveCount(2);
    }

    [Fact]
    public async Task A_published_event_is_pushed_to_a_matching_generic_subscription()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        await using var webhook = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();
        string token = emulator.CreateOrgToken("ttd", SubscribeScope, PublishScope);
        using var created = await http.SendJsonAsync(HttpMethod.Post, emulator.EventsUrl("subscriptions"), token, new { endPoint = webhook.Url, resourceFilter = Resource });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        await EventsTestSupport.EventuallyAsync(() => emulator.Context.State.Subscriptions().Single().Validated, "validation");

        using var published = await PublishAsync(http, emulator, token, Event(id: "pushed"));
        published.StatusCode.Should().Be(HttpStatusCode.OK);

        await EventsTestSupport.EventuallyAsync(() => webhook.Events.Count == 1, "the pushed event");
        webhook.Events.Single().Id.Should().Be("pushed");
        webhook.Events.Single().Body.GetProperty("resource").GetString().Should().Be(Resource);
    }

    private static string Event(string? id = null, string resource = Resource, string extra = "") =>
        $$"""{"specversion":"1.0","id":"{{id ?? Guid.NewGuid().ToString()}}","source":"https://github.com/Altinn/altinn-events/tree/main/test/k6","type":"automatedtest.triggered","resource":"{{resource}}"{{extra}}}""";

    private static async Task<HttpResponseMessage> PublishAsync(HttpClient http, AltinnEmulator emulator, string? token, string body, string contentType = "application/cloudevents+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.EventsUrl("events/"));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await http.SendAsync(request);
    }
}
