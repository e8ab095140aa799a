using System.Net;
using Altinn.Sdk.Models;
using Microsoft.Extensions.Time.Testing;

namespace Altinn.Sdk.Testing.Tests.Events;

public class EventFeedTests(SharedEmulator shared) : IClassFixture<SharedEmulator>
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task App_feed_pages_follow_after_without_gaps_or_repeats()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        var other = AppId.Parse("ttd/other-app");
        var published = new List<string>();
        for (int i = 0; i < 7; i++)
        {
            published.Add(emulator.Publish(50001 + i).Id);
            emulator.Publish(50001, app: other); // interleaved events of another app must not show up
        }

        using var http = new HttpClient();
        string token = emulator.CreateOrgToken("ttd");
        var read = new List<string>();
        var pageSizes = new List<int>();
        string? url = emulator.EventsUrl("app/ttd/apps-test?after=0&size=3").AbsoluteUri;
        while (url is not null)
        {
            using var response = await http.GetAsync(new Uri(url), token);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var ids = await response.EventIdsAsync();
            pageSizes.Add(ids.Length);
            read.AddRange(ids);
            url = response.Next();
            if (ids.Length == 0) url.Should().BeNull("an empty page has no next header");
            else url.Should().NotBeNull("a non-empty page has a next header");
        }

        pageSizes.Should().Equal(3, 3, 1, 0);
        read.Should().Equal(published, "pages follow the after cursor in sequence order, without gaps or repeats");
    }

    [Fact]
    public async Task Next_header_names_the_last_event_and_repeats_the_other_parameters()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        var first = emulator.Publish(50001);
        var second = emulator.Publish(50001);
        emulator.Publish(50001);
        using var http = new HttpClient();
        string token = emulator.CreateOrgToken("ttd");

        using var page = await http.GetAsync(emulator.EventsUrl($"app/ttd/apps-test?after={first.Id}&type=app.instance.created&size=1"), token);

        (await page.EventIdsAsync()).Should().Equal(second.Id);
        page.Next().Should().Be(emulator.EventsUrl($"app/ttd/apps-test?after={second.Id}&type=app.instance.created&size=1").AbsoluteUri);

        using var empty = await http.GetAsync(emulator.EventsUrl("app/ttd/apps-test?after=0&type=no.such.type"), token);
        empty.StatusCode.Should().Be(HttpStatusCode.OK);
        (await empty.EventIdsAsync()).Should().BeEmpty();
        empty.Next().Should().BeNull();
    }

    [Fact]
    public async Task An_unknown_after_id_reads_from_the_beginning()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        var first = emulator.Publish(50001);
        var second = emulator.Publish(50001);
        using var http = new HttpClient();

        using var response = await http.GetAsync(emulator.EventsUrl($"app/ttd/apps-test?after={Guid.NewGuid()}"), emulator.CreateOrgToken("ttd"));

        (await response.EventIdsAsync()).Should().Equal(first.Id, second.Id);
    }

    [Fact]
    public async Task Events_are_written_as_Altinn_writes_CloudEvents()
    {
        var clock = new FakeTimeProvider(Start.AddTicks(1_234_567));
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { TimeProvider = clock });
        var published = emulator.Publish(50001, "app.instance.process.completed", alternativeSubject: "/person/16035001577");
        using var http = new HttpClient();

        using var response = await http.GetAsync(emulator.EventsUrl("app/ttd/apps-test?after=0"), emulator.CreateOrgToken("ttd"));

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/cloudevents+json");
        var single = (await response.JsonAsync()).EnumerateArray().Single();
        single.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            ["specversion", "id", "time", "source", "subject", "type", "alternativesubject", "resource", "resourceinstance"]);
        single.GetProperty("specversion").GetString().Should().Be("1.0");
        single.GetProperty("id").GetString().Should().Be(published.Id);
        single.GetProperty("time").GetString().Should().Be("2025-03-01T12:00:00.123456Z");
        single.GetProperty("source").GetString().Should().Be(emulator.BaseUrl.AbsoluteUri + "ttd/apps-test/instances/" + published.ResourceInstance);
        single.GetProperty("subject").GetString().Should().Be("/party/50001");
        single.GetProperty("type").GetString().Should().Be("app.instance.process.completed");
        single.GetProperty("alternativesubject").GetString().Should().Be("/person/16035001577");
        single.GetProperty("resource").GetString().Should().Be("urn:altinn:resource:app_ttd_apps-test");
        single.GetProperty("resourceinstance").GetString().Should().StartWith("50001/");
    }

    [Theory]
    [InlineData("app/ttd/apps-test", "after or from")]
    [InlineData("app/ttd/apps-test?size=5", "after or from")]
    [InlineData("app/ttd/apps-test?from=2025-03-01T12:00:00", "from without an offset")]
    [InlineData("app/ttd/apps-test?from=yesterday", "from that is no date")]
    [InlineData("app/ttd/apps-test?after=0&to=2025-03-01T12:00:00", "to without an offset")]
    [InlineData("app/ttd/apps-test?after=0&unit=12345678", "unit of 8 digits")]
    [InlineData("app/ttd/apps-test?after=0&unit=12345678x", "unit with a letter")]
    [InlineData("app/ttd/apps-test?after=0&party=50001&unit=405003309", "party and unit")]
    [InlineData("app/ttd/apps-test?after=0&size=0", "size below 1")]
    [InlineData("app/ttd/apps-test?after=0&party=abc", "party that is no number")]
    public async Task App_feed_rejects_bad_parameters_with_400(string relative, string because)
    {
        var emulator = shared.Emulator;
        using var http = new HttpClient();

        using var response = await http.GetAsync(emulator.EventsUrl(relative), emulator.CreateOrgToken("ttd"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, because);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.JsonAsync()).GetProperty("status").GetInt32().Should().Be(400);
    }

    [Fact]
    public async Task App_feed_takes_from_with_an_offset_and_to()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { TimeProvider = clock });
        emulator.Publish(50001);
        clock.Advance(TimeSpan.FromHours(1));
        var middle = emulator.Publish(50001);
        clock.Advance(TimeSpan.FromHours(1));
        emulator.Publish(50001);
        using var http = new HttpClient();

        // 13:00+01:00 is 12:00Z, so this window holds only the event at 13:00Z.
        string from = Uri.EscapeDataString("2025-03-01T13:30:00+01:00");
        using var response = await http.GetAsync(emulator.EventsUrl($"app/ttd/apps-test?from={from}&to=2025-03-01T13:30:00Z"), emulator.CreateOrgToken("ttd"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.EventIdsAsync()).Should().Equal(middle.Id);
    }

    [Fact]
    public async Task App_feed_filters_by_party_unit_person_and_type_case_insensitively_with_wildcards()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        emulator.AddPersonParty(50001, "16035001577", "Ola Nordmann");
        emulator.AddOrganisationParty(50002, "310000001", "Testbedrift AS");
        var created = emulator.Publish(50001, "app.instance.created");
        var moved = emulator.Publish(50001, "app.instance.process.movedTo.Task_2");
        var orgEvent = emulator.Publish(50002, "app.instance.process.movedTo.Task_1");
        using var http = new HttpClient();
        string token = emulator.CreateOrgToken("ttd");

        async Task<string[]> Read(string query, string? person = null)
        {
            using var response = await http.GetAsync(emulator.EventsUrl("app/ttd/apps-test?after=0" + query), token, r =>
            {
                if (person is not null) r.Headers.Add("person", person);
            });
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            return await response.EventIdsAsync();
        }

        (await Read("&party=50001")).Should().Equal(created.Id, moved.Id);
        (await Read("&unit=310000001")).Should().Equal(orgEvent.Id);
        (await Read(string.Empty, person: "16035001577")).Should().Equal(created.Id, moved.Id);
        (await Read("&type=APP.INSTANCE.PROCESS.MOVEDTO.%25")).Should().Equal(moved.Id, orgEvent.Id);
        (await Read("&type=app.instance.created&type=app.instance.process.movedTo.Task_1")).Should().Equal(created.Id, orgEvent.Id);
    }

    [Fact]
    public async Task App_feed_is_for_orgs_only()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        emulator.AddPersonParty(50001, "16035001577", "Ola Nordmann");
        emulator.AddUser(1001, 50001);
        emulator.Publish(50001);
        using var http = new HttpClient();

        using var asUser = await http.GetAsync(emulator.EventsUrl("app/ttd/apps-test?after=0"), emulator.CreateUserToken(1001));
        asUser.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await asUser.Content.ReadAsStringAsync()).Should().Be("Only orgs can call this api");

        using var anonymous = await http.GetAsync(emulator.EventsUrl("app/ttd/apps-test?after=0"), null);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        using var otherOrg = await http.GetAsync(emulator.EventsUrl("app/ttd/apps-test?after=0"), emulator.CreateOrgToken("digdir"));
        otherOrg.StatusCode.Should().Be(HttpStatusCode.OK);
        (await otherOrg.EventIdsAsync()).Should().BeEmpty("another org may not read ttd's app events; Altinn filters them out");
    }

    [Fact]
    public async Task Party_feed_sees_only_parties_the_user_represents()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        emulator.AddPersonParty(50001, "16035001577", "Ola Nordmann");
        emulator.AddOrganisationParty(50002, "310000001", "Testbedrift AS");
        emulator.AddOrganisationParty(50003, "310000002", "Annen bedrift AS");
        emulator.AddUser(1001, 50001, 50002);
        var own = emulator.Publish(50001);
        var represented = emulator.Publish(50002, app: AppId.Parse("digdir/some-app"));
        var foreign = emulator.Publish(50003);
        using var http = new HttpClient();
        string token = emulator.CreateUserToken(1001);

        async Task<string[]> Read(string query)
        {
            using var response = await http.GetAsync(emulator.EventsUrl("app/party?after=0" + query), token);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            return await response.EventIdsAsync();
        }

        (await Read("&party=50001")).Should().Equal(own.Id);
        (await Read("&unit=310000001")).Should().Equal(represented.Id);
        (await Read("&party=50003")).Should().BeEmpty("the user does not represent party 50003");
        (await Read("&unit=310000002")).Should().NotContain(foreign.Id);
        (await Read("&party=50002&source=" + Uri.EscapeDataString(emulator.BaseUrl.AbsoluteUri + "digdir/%"))).Should().Equal(represented.Id);
        (await Read("&party=50002&source=" + Uri.EscapeDataString(emulator.BaseUrl.AbsoluteUri + "ttd/%"))).Should().BeEmpty();

        using var noSubject = await http.GetAsync(emulator.EventsUrl("app/party?after=0"), token);
        noSubject.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var unknownUnit = await http.GetAsync(emulator.EventsUrl("app/party?after=0&unit=999999999"), token);
        unknownUnit.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task System_user_reads_the_party_feed_of_its_customer()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        emulator.AddOrganisationParty(50002, "310000001", "Testbedrift AS");
        emulator.AddOrganisationParty(50003, "310000002", "Annen bedrift AS");
        var customer = emulator.Publish(50002);
        emulator.Publish(50003);
        using var http = new HttpClient();
        string token = emulator.CreateSystemUserToken("310000001");

        using var own = await http.GetAsync(emulator.EventsUrl("app/party?after=0&unit=310000001"), token);
        (await own.EventIdsAsync()).Should().Equal(customer.Id);
        using var other = await http.GetAsync(emulator.EventsUrl("app/party?after=0&unit=310000002"), token);
        (await other.EventIdsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Generic_feed_needs_the_subscribe_scope_a_resource_and_after()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        var events = Enumerable.Range(0, 5).Select(_ => emulator.Publish(50001)).ToArray();
        emulator.Publish(50001, app: AppId.Parse("ttd/other-app"));
        using var http = new HttpClient();
        string token = emulator.CreateOrgToken("ttd", "altinn:events.subscribe");
        const string resource = "urn:altinn:resource:app_ttd_apps-test";

        using var noScope = await http.GetAsync(emulator.EventsUrl($"events?resource={resource}&after=0"), emulator.CreateOrgToken("ttd"));
        noScope.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var noResource = await http.GetAsync(emulator.EventsUrl("events?after=0"), token);
        noResource.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var badResource = await http.GetAsync(emulator.EventsUrl("events?resource=app_ttd_apps-test&after=0"), token);
        badResource.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var noAfter = await http.GetAsync(emulator.EventsUrl($"events?resource={resource}"), token);
        noAfter.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var both = await http.GetAsync(emulator.EventsUrl($"events?resource={resource}&after=0&subject=/party/50001"), token, r => r.Headers.Add("Altinn-AlternativeSubject", "/person/16035001577"));
        both.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        using var page = await http.GetAsync(emulator.EventsUrl($"events?resource={resource}&after=0&size=2"), token);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.EventIdsAsync()).Should().Equal(events[0].Id, events[1].Id);
        page.Next().Should().Be(emulator.EventsUrl($"events?after={events[1].Id}&resource={resource}&size=2").AbsoluteUri);

        using var rest = await http.GetAsync(new Uri(page.Next()!), token);
        (await rest.EventIdsAsync()).Should().Equal(events[2].Id, events[3].Id);

        using var huge = await http.GetAsync(emulator.EventsUrl($"events?resource={resource}&after=0&size=100000"), token);
        (await huge.EventIdsAsync()).Should().HaveCount(5, "the size is capped at 1000, not rejected");
    }

    [Fact]
    public async Task Generic_feed_matches_type_case_sensitively()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        var created = emulator.Publish(50001, "app.instance.created");
        emulator.Publish(50001, "app.instance.process.completed");
        using var http = new HttpClient();
        string token = emulator.CreateOrgToken("ttd", "altinn:events.subscribe");

        using var exact = await http.GetAsync(emulator.EventsUrl("events?resource=urn:altinn:resource:app_ttd_apps-test&after=0&type=app.instance.cr%25"), token);
        (await exact.EventIdsAsync()).Should().Equal(created.Id);
        using var upper = await http.GetAsync(emulator.EventsUrl("events?resource=urn:altinn:resource:app_ttd_apps-test&after=0&type=APP.INSTANCE.CREATED"), token);
        (await upper.EventIdsAsync()).Should().BeEmpty();
    }
}
