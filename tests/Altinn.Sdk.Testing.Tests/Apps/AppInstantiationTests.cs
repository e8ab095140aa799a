using System.Net;
using System.Text;
using Altinn.Sdk.Models;
using static Altinn.Sdk.Testing.Tests.Apps.AppHarness;

namespace Altinn.Sdk.Testing.Tests.Apps;

public class AppInstantiationTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static MultipartFormDataContent Multipart(params (HttpContent Content, string Name, string? FileName)[] parts)
    {
        var multipart = new MultipartFormDataContent();
        foreach (var (content, name, fileName) in parts)
        {
            if (fileName is null) multipart.Add(content, name);
            else multipart.Add(content, name, fileName);
        }

        return multipart;
    }

    [Fact]
    public async Task Owners_are_found_by_party_id_person_number_or_organisation_number()
    {
        await using var h = await StartAsync();
        foreach (string owner in new[] { $"\"partyId\":\"{OrgParty}\"", $"\"personNumber\":\"{PersonNumber}\"", $"\"organisationNumber\":\"{OrgNumber}\"" })
        {
            using var response = await h.SendAsync(HttpMethod.Post, $"{App}/instances", h.OrgToken, Json($"{{\"instanceOwner\":{{{owner}}}}}"));
            response.StatusCode.Should().Be(HttpStatusCode.Created, owner);
        }
    }

    [Theory]
    [InlineData("{\"instanceOwner\":{\"personNumber\":\"99999999999\"}}", null, 404)]
    [InlineData("{\"instanceOwner\":{\"organisationNumber\":\"999999999\"}}", null, 404)]
    [InlineData("{\"instanceOwner\":{\"username\":\"epost:kari@example.com\"}}", null, 404)]
    [InlineData("", "999", 404)]
    [InlineData("{\"instanceOwner\":{\"partyId\":\"50001\"}}", "50001", 400)]
    [InlineData("{\"instanceOwner\":{}}", null, 400)]
    [InlineData("", null, 400)]
    [InlineData("{not json", null, 400)]
    public async Task Owner_errors_have_the_documented_status(string template, string? queryPartyId, int expected)
    {
        await using var h = await StartAsync();
        string query = queryPartyId is null ? string.Empty : $"?instanceOwnerPartyId={queryPartyId}";

        using var response = await h.SendAsync(HttpMethod.Post, $"{App}/instances{query}", h.OrgToken, Json(template));

        ((int)response.StatusCode).Should().Be(expected);
        if (expected == 404) (await JsonAsync(response)).GetProperty("detail").GetString().Should().StartWith("Cannot lookup party");
        h.Emulator.Context.State.InstanceCount.Should().Be(0);
    }

    [Fact]
    public async Task Callers_may_instantiate_only_for_parties_they_may_act_for()
    {
        await using var h = await StartAsync();

        using (var user = await h.SendAsync(HttpMethod.Post, $"{App}/instances?instanceOwnerPartyId={OrgParty}", h.UserToken)) user.StatusCode.Should().Be(HttpStatusCode.Created, "the user represents the organisation");
        using (var other = await h.SendAsync(HttpMethod.Post, $"{App}/instances?instanceOwnerPartyId={PersonParty}", h.OtherUserToken)) other.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using (var readOnlyOrg = await h.SendAsync(HttpMethod.Post, $"{App}/instances?instanceOwnerPartyId={PersonParty}", h.Emulator.CreateOrgToken("ttd", "altinn:serviceowner/instances.read"))) readOnlyOrg.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using (var otherOrg = await h.SendAsync(HttpMethod.Post, $"{App}/instances?instanceOwnerPartyId={PersonParty}", h.Emulator.CreateOrgToken("digdir"))) otherOrg.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using (var anonymous = await h.SendAsync(HttpMethod.Post, $"{App}/instances?instanceOwnerPartyId={PersonParty}", null)) anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Party_types_not_allowed_are_403()
    {
        await using var h = await StartAsync(Metadata() with { PartyTypesAllowed = new PartyTypesAllowed { Person = true } });

        using var org = await h.SendAsync(HttpMethod.Post, $"{App}/instances?instanceOwnerPartyId={OrgParty}", h.OrgToken);
        org.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var person = await h.SendAsync(HttpMethod.Post, $"{App}/instances?instanceOwnerPartyId={PersonParty}", h.OrgToken);
        person.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Multipart_parts_are_checked_against_the_data_types()
    {
        // As the app's RequestPartValidator: the part's type must be in allowedContentTypes exactly; octet-stream is no wildcard here.
        await using var h = await StartAsync(Metadata(false, new DataType { Id = "any", TaskId = "Task_1", MaxCount = 0, AllowedContentTypes = ["application/octet-stream"] }));
        HttpContent Pdf(int size) => Binary(new byte[size], "application/pdf", null);
        var cases = new (string Because, Func<MultipartFormDataContent> Body)[]
        {
            ("the part name is not a data type", () => Multipart((Pdf(1), "nope", "a.pdf"))),
            ("the content type is not allowed", () => Multipart((Binary([1], "application/msword", null), "attachment", "a.doc"))),
            ("octet-stream is not in allowedContentTypes", () => Multipart((Binary([1], "application/octet-stream", null), "attachment", "a.pdf"))),
            ("a part's type is compared exactly (no wildcard)", () => Multipart((Pdf(1), "any", "a.pdf"))),
            ("a part's type is compared case-sensitively", () => Multipart((Binary([1], "Application/PDF", null), "attachment", "a.pdf"))),
            ("the part is empty", () => Multipart((Pdf(0), "attachment", "a.pdf"))),
            ("the part is larger than maxSize", () => Multipart((Pdf((1024 * 1024) + 1), "attachment", "a.pdf"))),
            ("there are more parts than maxCount", () => Multipart((Pdf(1), "attachment", "a.pdf"), (Pdf(1), "attachment", "b.pdf"), (Pdf(1), "attachment", "c.pdf"))),
        };

        foreach (var (because, body) in cases)
        {
            using var content = body();
            using var response = await h.SendAsync(HttpMethod.Post, $"{App}/instances?instanceOwnerPartyId={PersonParty}", h.UserToken, content);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, because);
        }

        h.Emulator.Context.State.InstanceCount.Should().Be(0);
        Directory.GetFileSystemEntries(h.Emulator.Context.State.Blobs.Root).Should().BeEmpty("content of rejected requests is removed");

        using var ok = Multipart((Pdf(1), "attachment", "a.pdf"), (Pdf(2), "attachment", "b.pdf"));
        using var created = await h.SendAsync(HttpMethod.Post, $"{App}/instances?instanceOwnerPartyId={PersonParty}", h.UserToken, ok);
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        (await JsonAsync(created)).GetProperty("data").GetArrayLength().Should().Be(3, "two attachments and the automatic model");
    }

    [Fact]
    public async Task Unknown_apps_are_404_and_platform_paths_are_not_taken_by_app_routes()
    {
        await using var h = await StartAsync();

        using (var unknown = await h.SendAsync(HttpMethod.Post, $"ttd/no-such-app/instances?instanceOwnerPartyId={PersonParty}", h.OrgToken)) unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        h.Emulator.AddApp(new ApplicationMetadata { Id = "storage/api" });
        using var platform = await h.SendAsync(HttpMethod.Get, "storage/api/api/v1/applicationmetadata", null);
        platform.StatusCode.Should().Be(HttpStatusCode.NotFound, "'storage' is never an org segment of an app route");
    }

    [Fact]
    public async Task Application_metadata_and_texts_are_served_anonymously()
    {
        await using var h = await StartAsync();

        using (var metadata = await h.SendAsync(HttpMethod.Get, $"{App}/api/v1/applicationmetadata", null))
        {
            metadata.StatusCode.Should().Be(HttpStatusCode.OK);
            var json = await JsonAsync(metadata);
            json.GetProperty("id").GetString().Should().Be(App);
            json.GetProperty("dataTypes").GetArrayLength().Should().Be(3);
            metadata.Headers.CacheControl!.MaxAge.Should().Be(TimeSpan.FromSeconds(60));
        }

        using (var mismatch = await h.SendAsync(HttpMethod.Get, "TTD/test-app/api/v1/applicationmetadata", null)) mismatch.StatusCode.Should().Be(HttpStatusCode.Conflict);
        using (var unchecked_ = await h.SendAsync(HttpMethod.Get, "TTD/test-app/api/v1/applicationmetadata?checkOrgApp=false", null)) unchecked_.StatusCode.Should().Be(HttpStatusCode.OK);
        using (var texts = await h.SendAsync(HttpMethod.Get, $"{App}/api/v1/texts/nb", null)) texts.StatusCode.Should().Be(HttpStatusCode.NotFound, "this app has no texts yet");
        h.Emulator.AddTexts(AppId.Parse(App), "nb", new Dictionary<string, string> { ["appName"] = "Testapp" });
        h.Emulator.AddTexts(AppId.Parse(App), "EN", new Dictionary<string, string> { ["appName"] = "Test app" });
        foreach ((string asked, string language, string name) in new[] { ("nb", "nb", "Testapp"), ("en", "en", "Test app"), ("nn", "nb", "Testapp") })
        {
            using var texts = await h.SendAsync(HttpMethod.Get, $"{App}/api/v1/texts/{asked}", null);
            texts.StatusCode.Should().Be(HttpStatusCode.OK);
            var json = await JsonAsync(texts);
            json.GetProperty("language").GetString().Should().Be(language, "a language without texts falls back to nb");
            json.GetProperty("id").GetString().Should().Be($"ttd-test-app-{language}");
            json.GetProperty("resources")[0].GetProperty("value").GetString().Should().Be(name);
        }

        h.Emulator.Invoking(e => e.AddTexts(AppId.Parse("ttd/unknown"), "nb", new Dictionary<string, string>())).Should().Throw<ArgumentException>().WithMessage("*no app 'ttd/unknown'*");
        h.Emulator.Invoking(e => e.AddTexts(AppId.Parse(App), "nob", new Dictionary<string, string>())).Should().Throw<ArgumentException>().WithMessage("*two-letter*");
        using (var badLanguage = await h.SendAsync(HttpMethod.Get, $"{App}/api/v1/texts/norsk", null)) badLanguage.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var process = await h.SendAsync(HttpMethod.Get, $"{App}/api/v1/meta/process", null);
        (await process.Content.ReadAsStringAsync()).Should().Contain("id=\"Task_2\"").And.Contain("<altinn:taskType>confirmation</altinn:taskType>");
    }
}
