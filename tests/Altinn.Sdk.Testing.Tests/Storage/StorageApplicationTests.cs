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
        using (var r = await host.SendAsync(HttpMethod.Post, "applications/ttd/apps-test/texts", host.Org, Json("""{"language":"nn","resources":[]}""")))
        {
            r.StatusCode.Should().Be(HttpStatusCode.Forbidden, "only Altinn Studio (its platform access token) writes texts");
        }

        using (var r = await host.SendAsync(HttpMethod.Post, "applications/ttd/apps-test/texts", null, Json("{}"))) r.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Texts_in_the_data_folder_in_Studio_format_are_served_and_texts_added_in_code_are_written_there()
    {
        string folder = Directory.CreateTempSubdirectory("emulator-texts-").FullName;
        try
        {
            string app = Path.Combine(folder, "apps", "ttd", "texts-app");
            Directory.CreateDirectory(Path.Combine(app, "texts"));
            await File.WriteAllTextAsync(Path.Combine(app, "applicationmetadata.json"), """{"id":"ttd/texts-app","org":"ttd"}""");
            await File.WriteAllTextAsync(Path.Combine(app, "texts", "resource.nb.json"), """{"language":"nb","resources":[{"id":"appName","value":"Søknad"},{"id":"greeting","value":"Hei {0}","variables":[{"key":"Navn","dataSource":"dataModel.default"}]}]}""");
            await File.WriteAllTextAsync(Path.Combine(app, "texts", "notes.json"), "not texts");

            await using (var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { DataDirectory = folder }))
            {
                using var http = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl, "storage/api/v1/") };
                http.DefaultRequestHeaders.Authorization = new("Bearer", emulator.CreateOrgToken("ttd"));
                using (var r = await http.GetAsync("applications/ttd/texts-app/texts/nb"))
                {
                    r.StatusCode.Should().Be(HttpStatusCode.OK);
                    var texts = (await ReadAsync<TextResource>(r))!;
                    texts.Id.Should().Be("ttd-texts-app-nb");
                    texts.Org.Should().Be("ttd");
                    texts.Language.Should().Be("nb");
                    texts.Resources!.Select(t => t.Value).Should().Equal("Søknad", "Hei {0}");
                    texts.Resources![1].Variables.Should().ContainSingle().Which.Key.Should().Be("Navn");
                }

                emulator.AddTexts(AppId.Parse("ttd/texts-app"), "en", new Dictionary<string, string> { ["appName"] = "Application" });
            }

            File.ReadAllText(Path.Combine(app, "texts", "resource.en.json")).Should().Contain("\"language\": \"en\"").And.Contain("Application");
            await using (var again = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { DataDirectory = folder }))
            {
                using var http = new HttpClient { BaseAddress = new Uri(again.BaseUrl, "storage/api/v1/") };
                http.DefaultRequestHeaders.Authorization = new("Bearer", again.CreateOrgToken("ttd"));
                using var r = await http.GetAsync("applications/ttd/texts-app/texts/en");
                r.StatusCode.Should().Be(HttpStatusCode.OK, "texts added in code survive a restart");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
