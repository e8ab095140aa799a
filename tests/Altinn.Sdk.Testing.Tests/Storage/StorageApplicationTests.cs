using System.Net;
using Altinn.Sdk.Models;
using static Altinn.Sdk.Testing.Tests.Storage.StorageHost;

namespace Altinn.Sdk.Testing.Tests.Storage;

public class StorageApplicationTests
{
    [Fact]
    public async Task Applications_are_served_anonymously_without_App_API_fields()
    {
        await using var host = await StartAsync();
        using (var r = await host.GetAsync("applications", null))
        {
            r.StatusCode.Should().Be(HttpStatusCode.OK);
            var list = (await ReadAsync<ApplicationList>(r))!;
            list.Applications!.Select(a => a.Id).Should().Equal(StorageHost.AppId, KeepAppId);
        }

        using (var r = await host.GetAsync("applications/ttd", null)) (await ReadAsync<ApplicationList>(r))!.Applications.Should().HaveCount(2);
        using (var r = await host.GetAsync("applications/digdir", null)) (await ReadAsync<ApplicationList>(r))!.Applications.Should().BeEmpty();
        using (var r = await host.GetAsync("applications/ttd/apps-test", null))
        {
            r.StatusCode.Should().Be(HttpStatusCode.OK);
            string json = await r.Content.ReadAsStringAsync();
            json.Should().Contain("\"dataTypes\"").And.NotContain("features").And.NotContain(":null");
        }

        using (var r = await host.GetAsync("applications/t-d", null)) r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var r = await host.GetAsync("applications/ttd/nope", null)) r.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Texts_need_a_token_and_a_two_letter_language_and_are_served_when_set()
    {
        await using var host = await StartAsync();
        using (var r = await host.GetAsync("applications/ttd/apps-test/texts/nb", null)) r.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using (var r = await host.GetAsync("applications/ttd/apps-test/texts/nob", host.Org)) r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var r = await host.GetAsync("applications/ttd/apps-test/texts/nb", host.Org)) r.StatusCode.Should().Be(HttpStatusCode.NotFound);

        host.Emulator.AddTexts(AppId.Parse("ttd/apps-test"), "nb", new Dictionary<string, string> { ["appName"] = "Testapp" });
        using (var r = await host.GetAsync("applications/ttd/apps-test/texts/nb", host.Org))
        {
            r.StatusCode.Should().Be(HttpStatusCode.OK);
            (await r.Content.ReadAsStringAsync()).Should().Contain("\"language\":\"nb\"").And.Contain("Testapp");
        }

        using (var r = await host.GetAsync("applications/ttd/apps-test/texts/en", host.Org)) r.StatusCode.Should().Be(HttpStatusCode.NotFound, "Storage does not fall back to nb");
    }
}
