using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Altinn.Sdk.Testing.Tests.Events;

public class SubscriptionTests(SharedEmulator shared) : IClassFixture<SharedEmulator>
{
    [Fact]
    public async Task Create_answers_201_with_the_singular_location_and_the_subscription_then_validates()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { TimeProvider = clock });
        await using var webhook = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();
        string token = emulator.CreateOrgToken("ttd");
        string source = emulator.BaseUrl.AbsoluteUri + "ttd/apps-test";

        using var response = await http.SendJsonAsync(HttpMethod.Post, emulator.EventsUrl("subscriptions"), token, new { endPoint = webhook.Url, sourceFilter = source, typeFilter = "app.instance.created" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await response.JsonAsync();
        int id = body.GetProperty("id").GetInt32();
        response.Headers.Location!.OriginalString.Should().Be($"/events/api/v1/subscription/{id}");
        body.GetProperty("endPoint").GetString().Should().Be(webhook.Url.AbsoluteUri);
        body.GetProperty("sourceFilter").GetString().Should().Be(source);
        body.GetProperty("resourceFilter").GetString().Should().Be("urn:altinn:resource:app_ttd_apps-test", "derived from the app source");
        body.GetProperty("typeFilter").GetString().Should().Be("app.instance.created");
        body.GetProperty("consumer").GetString().Should().Be("/org/ttd");
        body.GetProperty("createdBy").GetString().Should().Be("/org/ttd");
        body.GetProperty("created").GetDateTimeOffset().Should().Be(clock.GetUtcNow());
        body.GetProperty("validated").GetBoolean().Should().BeFalse("201 does not mean validated");

        await EventsTestSupport.EventuallyAsync(() => webhook.Validations.Count == 1, "the validation event");
        var validation = webhook.Validations.Single();
        validation.Body.GetProperty("source").GetString().Should().Be(emulator.EventsUrl($"subscriptions/{id}").AbsoluteUri);
        validation.Body.GetProperty("specversion").GetString().Should().Be("1.0");
        validation.Body.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["id", "source", "type", "specversion"]);

        JsonValidated? state = null;
        await EventsTestSupport.EventuallyAsync(
            () =>
            {
                using var get = http.GetAsync(emulator.EventsUrl($"subscriptions/{id}"), token).GetAwaiter().GetResult();
                state = new JsonValidated(get.StatusCode, get.JsonAsync().GetAwaiter().GetResult().GetProperty("validated").GetBoolean());
                return state.Validated;
            },
            "the subscription to be validated");
        state!.Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_identical_post_returns_the_same_subscription_and_sends_validation_again()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        await using var webhook = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();
        string token = emulator.CreateOrgToken("ttd");
        var request = new { endPoint = webhook.Url, resourceFilter = "urn:altinn:resource:app_ttd_apps-test" };

        using var first = await http.SendJsonAsync(HttpMethod.Post, emulator.EventsUrl("subscriptions"), token, request);
        using var second = await http.SendJsonAsync(HttpMethod.Post, emulator.EventsUrl("subscriptions"), token, request);
        using var different = await http.SendJsonAsync(HttpMethod.Post, emulator.EventsUrl("subscriptions"), token, new { endPoint = webhook.Url, resourceFilter = "urn:altinn:resource:app_ttd_apps-test", typeFilter = "app.instance.created" });

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.Created);
        int id = (await first.JsonAsync()).GetProperty("id").GetInt32();
        (await second.JsonAsync()).GetProperty("id").GetInt32().Should().Be(id);
        (await different.JsonAsync()).GetProperty("id").GetInt32().Should().NotBe(id);
        await EventsTestSupport.EventuallyAsync(() => webhook.Validations.Count == 3, "a validation event per POST");
        webhook.Validations.Select(v => v.Body.GetProperty("source").GetString()).Count(s => s!.EndsWith($"/subscriptions/{id}", StringComparison.Ordinal)).Should().Be(2);

        using var list = await http.GetAsync(emulator.EventsUrl("subscriptions"), token);
        var listed = await list.JsonAsync();
        listed.GetProperty("count").GetInt32().Should().Be(2);
        listed.GetProperty("subscriptions").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task Only_the_creating_identity_may_read_or_delete_a_subscription()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        emulator.AddPersonParty(50001, "16035001577", "Ola Nordmann");
        emulator.AddUser(1001, 50001);
        await using var webhook = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();
        string owner = emulator.CreateOrgToken("ttd");
        using var created = await http.SendJsonAsync(HttpMethod.Post, emulator.EventsUrl("subscriptions"), owner, new { endPoint = webhook.Url, resourceFilter = "urn:altinn:resource:app_ttd_apps-test" });
        int id = (await created.JsonAsync()).GetProperty("id").GetInt32();
        var url = emulator.EventsUrl($"subscriptions/{id}");

        foreach (string other in new[] { emulator.CreateOrgToken("digdir"), emulator.CreateUserToken(1001), emulator.CreateSystemUserToken("310000001") })
        {
            using var get = await http.GetAsync(url, other);
            get.StatusCode.Should().Be(HttpStatusCode.Forbidden);
            using var delete = await http.SendJsonAsync(HttpMethod.Delete, url, other);
            delete.StatusCode.Should().Be(HttpStatusCode.Forbidden);
            using var list = await http.GetAsync(emulator.EventsUrl("subscriptions"), other);
            (await list.JsonAsync()).GetProperty("count").GetInt32().Should().Be(0);
        }

        using var anonymous = await http.GetAsync(url, null);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var missing = await http.GetAsync(emulator.EventsUrl("subscriptions/999"), owner);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var deleted = await http.SendJsonAsync(HttpMethod.Delete, url, owner);
        deleted.StatusCode.Should().Be(HttpStatusCode.OK);
        using var gone = await http.GetAsync(url, owner);
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var deleteAgain = await http.SendJsonAsync(HttpMethod.Delete, url, owner);
        deleteAgain.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Consumers_are_named_after_the_token()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        emulator.AddPersonParty(50001, "16035001577", "Ola Nordmann");
        emulator.AddOrganisationParty(50002, "310000001", "Testbedrift AS");
        emulator.AddUser(1001, 50001);
        using var http = new HttpClient();
        const string resource = "urn:altinn:resource:app_ttd_apps-test";

        using var asUser = await http.SendJsonAsync(HttpMethod.Post, emulator.EventsUrl("subscriptions"), emulator.CreateUserToken(1001), new { endPoint = "https://example.com/hook", resourceFilter = resource, subjectFilter = "/party/50001" });
        (await asUser.JsonAsync()).GetProperty("consumer").GetString().Should().Be("/user/1001");

        using var asSystemUser = await http.SendJsonAsync(HttpMethod.Post, emulator.EventsUrl("subscriptions"), emulator.CreateSystemUserToken("310000001"), new { endPoint = "https://example.com/hook", resourceFilter = resource, alternativeSubjectFilter = "/org/310000001" });
        asSystemUser.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await asSystemUser.JsonAsync();
        body.GetProperty("consumer").GetString().Should().StartWith("/systemuser/");
        Guid.TryParse(body.GetProperty("consumer").GetString()!["/systemuser/".Length..], out _).Should().BeTrue();
        body.GetProperty("subjectFilter").GetString().Should().Be("/party/50002", "the alternative subject is resolved to a party subject");
    }

    [Theory]
    [InlineData("{\"resourceFilter\":\"urn:altinn:resource:app_ttd_apps-test\"}", "no endpoint")]
    [InlineData("{\"endPoint\":\"/hook\",\"resourceFilter\":\"urn:altinn:resource:app_ttd_apps-test\"}", "a relative endpoint")]
    [InlineData("{\"endPoint\":\"http://example.com/hook\",\"resourceFilter\":\"urn:altinn:resource:app_ttd_apps-test\"}", "http outside loopback")]
    [InlineData("{\"endPoint\":\"https://example.com/hook\"}", "no resource or source filter")]
    [InlineData("{\"endPoint\":\"https://example.com/hook\",\"resourceFilter\":\"app_ttd_apps-test\"}", "a resource that is no URN")]
    [InlineData("{\"endPoint\":\"https://example.com/hook\",\"resourceFilter\":\"urn:altinn:resource:app_ttd_apps-test\",\"typeFilter\":\"\"}", "an empty type filter")]
    [InlineData("{\"endPoint\":\"https://example.com/hook\",\"resourceFilter\":\"urn:altinn:resource:app_ttd_apps-test\",\"subjectFilter\":\"\"}", "an empty subject filter")]
    [InlineData("{\"endPoint\":\"https://example.com/hook\",\"sourceFilter\":\"https://ttd.apps.tt02.altinn.no/ttd/apps-test/\"}", "a source filter ending in /")]
    [InlineData("{\"endPoint\":\"https://example.com/hook\",\"sourceFilter\":\"https://ttd.apps.tt02.altinn.no/ttd/apps-test\",\"resourceFilter\":\"urn:altinn:resource:app_ttd_other\"}", "source and resource that disagree")]
    [InlineData("{\"endPoint\":\"https://example.com/hook\",\"sourceFilter\":\"https://example.com/feed\"}", "a source that is no app")]
    [InlineData("{\"endPoint\":\"https://example.com/hook\",\"resourceFilter\":\"urn:altinn:resource:app_ttd_apps-test\",\"includeSubunits\":true}", "subunits without a subject")]
    [InlineData("{\"endPoint\":42}", "an endpoint that is no string")]
    [InlineData("[]", "a body that is no object")]
    [InlineData("not json", "a body that is no JSON")]
    public async Task Create_rejects_bad_requests_with_400(string json, string because)
    {
        var emulator = shared.Emulator;
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.EventsUrl("subscriptions"))
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", emulator.CreateOrgToken("ttd"));

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, because);
        emulator.Context.State.Subscriptions().Should().BeEmpty();
    }

    [Fact]
    public async Task Create_checks_who_may_subscribe()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        emulator.AddPersonParty(50001, "16035001577", "Ola Nordmann");
        emulator.AddPersonParty(50009, "01017012345", "Kari Nordmann");
        emulator.AddUser(1001, 50001);
        using var http = new HttpClient();
        const string app = "urn:altinn:resource:app_ttd_apps-test";
        var subscriptions = emulator.EventsUrl("subscriptions");

        using var otherOrg = await http.SendJsonAsync(HttpMethod.Post, subscriptions, emulator.CreateOrgToken("digdir"), new { endPoint = "https://example.com/hook", resourceFilter = app });
        otherOrg.StatusCode.Should().Be(HttpStatusCode.Forbidden, "digdir does not own ttd's app");

        string user = emulator.CreateUserToken(1001);
        using var noSubject = await http.SendJsonAsync(HttpMethod.Post, subscriptions, user, new { endPoint = "https://example.com/hook", resourceFilter = app });
        noSubject.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a user needs a subject");
        using var foreignSubject = await http.SendJsonAsync(HttpMethod.Post, subscriptions, user, new { endPoint = "https://example.com/hook", resourceFilter = app, subjectFilter = "/party/50009" });
        foreignSubject.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the user does not represent party 50009");
        using var unknownAlternative = await http.SendJsonAsync(HttpMethod.Post, subscriptions, user, new { endPoint = "https://example.com/hook", resourceFilter = app, alternativeSubjectFilter = "/person/99999999999" });
        unknownAlternative.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        using var genericNoScope = await http.SendJsonAsync(HttpMethod.Post, subscriptions, emulator.CreateOrgToken("ttd"), new { endPoint = "https://example.com/hook", resourceFilter = "urn:altinn:resource:some-resource" });
        genericNoScope.StatusCode.Should().Be(HttpStatusCode.Forbidden, "generic subscriptions need altinn:events.subscribe");
        string scoped = emulator.CreateOrgToken("ttd", "altinn:events.subscribe");
        using var genericWithSource = await http.SendJsonAsync(HttpMethod.Post, subscriptions, scoped, new { endPoint = "https://example.com/hook", resourceFilter = "urn:altinn:resource:some-resource", alternativeSubjectFilter = "/person/16035001577" });
        genericWithSource.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var generic = await http.SendJsonAsync(HttpMethod.Post, subscriptions, scoped, new { endPoint = "https://example.com/hook", resourceFilter = "urn:altinn:resource:some-resource" });
        generic.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Refusals_are_json_strings_or_empty_as_in_Altinn_not_problem_details()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        emulator.AddPersonParty(50001, "16035001577", "Ola Nordmann");
        emulator.AddPersonParty(50009, "01017012345", "Kari Nordmann");
        emulator.AddUser(1001, 50001);
        using var http = new HttpClient();
        var subscriptions = emulator.EventsUrl("subscriptions");
        const string app = "urn:altinn:resource:app_ttd_apps-test";

        using var noEndpoint = await http.SendJsonAsync(HttpMethod.Post, subscriptions, emulator.CreateOrgToken("ttd"), new { resourceFilter = app });
        noEndpoint.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        noEndpoint.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        string raw = await noEndpoint.Content.ReadAsStringAsync();
        raw.Should().StartWith("\"").And.EndWith("\"").And.Contain("\\u0027", "the message is a JSON string, escaped as ASP.NET writes it");
        JsonSerializer.Deserialize<string>(raw).Should().Contain("'endPoint'");

        using var foreignSubject = await http.SendJsonAsync(HttpMethod.Post, subscriptions, emulator.CreateUserToken(1001), new { endPoint = "https://example.com/hook", resourceFilter = app, subjectFilter = "/party/50009" });
        foreignSubject.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        JsonSerializer.Deserialize<string>(await foreignSubject.Content.ReadAsStringAsync()).Should().Contain(app, "an authorization refusal names the resource");

        using var noScope = await http.SendJsonAsync(HttpMethod.Post, subscriptions, emulator.CreateOrgToken("ttd"), new { endPoint = "https://example.com/hook", resourceFilter = "urn:altinn:resource:some-resource" });
        noScope.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await noScope.Content.ReadAsStringAsync()).Should().BeEmpty("a missing scope is ASP.NET's Forbid(), with no body");

        using var missing = await http.GetAsync(emulator.EventsUrl("subscriptions/999"), emulator.CreateOrgToken("ttd"));
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).Should().BeEmpty();
        using var deleteMissing = await http.SendJsonAsync(HttpMethod.Delete, emulator.EventsUrl("subscriptions/999"), emulator.CreateOrgToken("ttd"));
        deleteMissing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await deleteMissing.Content.ReadAsStringAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_repeated_slash_in_the_path_is_merged_as_Altinns_front_end_does()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        using var http = new HttpClient();
        string token = emulator.CreateOrgToken("ttd");
        using var created = await http.SendJsonAsync(HttpMethod.Post, emulator.EventsUrl("subscriptions/"), token, new { endPoint = "https://example.com/hook", resourceFilter = "urn:altinn:resource:app_ttd_apps-test" });
        int id = (await created.JsonAsync()).GetProperty("id").GetInt32();

        using var get = await http.GetAsync(new Uri(emulator.BaseUrl, $"events/api/v1/subscriptions//{id}"), token);
        get.StatusCode.Should().Be(HttpStatusCode.OK, "Altinn's own Events tests read subscriptions//{id} and pass");
        (await get.JsonAsync()).GetProperty("id").GetInt32().Should().Be(id);
        using var storage = await http.GetAsync(new Uri(emulator.BaseUrl, "storage/api/v1//applications///ttd"), token);
        storage.StatusCode.Should().Be(HttpStatusCode.OK, "every API is behind the same front end");
        emulator.Requests.Should().Contain(r => r.PathAndQuery == $"/events/api/v1/subscriptions//{id}", "the request log keeps the path as it was sent");
        using var delete = await http.SendJsonAsync(HttpMethod.Delete, new Uri(emulator.BaseUrl, $"events//api/v1/subscriptions//{id}"), token);
        delete.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private sealed record JsonValidated(HttpStatusCode Status, bool Validated);
}
