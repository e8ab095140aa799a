using System.Net;

namespace Altinn.Sdk.Testing.Tests.Apps;

/// <summary>The apps' data model schemas at <c>{org}/{app}/api/jsonschema/{id}</c>.</summary>
public class AppSchemaTests
{
    private const string Schema = """{"$schema":"https://json-schema.org/draft/2020-12/schema","@xsdRootElement":"Melding","type":"object","properties":{"Navn":{"type":"string"}}}""";

    [Fact]
    public async Task A_schema_in_the_data_folder_is_served_anonymously_and_one_added_in_code_is_written_there()
    {
        string folder = Directory.CreateTempSubdirectory("emulator-schemas-").FullName;
        try
        {
            string app = Path.Combine(folder, "apps", "ttd", "schema-app");
            Directory.CreateDirectory(Path.Combine(app, "models"));
            await File.WriteAllTextAsync(Path.Combine(app, "applicationmetadata.json"), """{"id":"ttd/schema-app","org":"ttd","dataTypes":[{"id":"melding","allowedContentTypes":["application/xml"],"appLogic":{"classRef":"Altinn.App.Models.Melding"}}]}""");
            await File.WriteAllTextAsync(Path.Combine(app, "models", "melding.schema.json"), Schema);

            await using (var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { DataDirectory = folder }))
            {
                using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
                using (var r = await http.GetAsync("ttd/schema-app/api/jsonschema/melding"))
                {
                    r.StatusCode.Should().Be(HttpStatusCode.OK);
                    r.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
                    (await r.Content.ReadAsStringAsync()).Should().Be(Schema);
                }

                using (var r = await http.GetAsync("ttd/schema-app/api/jsonschema/other")) r.StatusCode.Should().Be(HttpStatusCode.NotFound);
                using (var r = await http.GetAsync("ttd/schema-app/api/jsonschema/..")) r.StatusCode.Should().Be(HttpStatusCode.NotFound);
                using (var r = await http.GetAsync("ttd/no-app/api/jsonschema/melding")) r.StatusCode.Should().Be(HttpStatusCode.NotFound);

                emulator.AddModelSchema(AppId.Parse("ttd/schema-app"), "vedlegg", """{"type":"object"}""");
                emulator.Invoking(e => e.AddModelSchema(AppId.Parse("ttd/schema-app"), "../x", "{}")).Should().Throw<ArgumentException>();
                emulator.Invoking(e => e.AddModelSchema(AppId.Parse("ttd/schema-app"), "x", "not json")).Should().Throw<ArgumentException>();
                emulator.Invoking(e => e.AddModelSchema(AppId.Parse("ttd/none"), "x", "{}")).Should().Throw<ArgumentException>();
            }

            File.ReadAllText(Path.Combine(app, "models", "vedlegg.schema.json")).Should().Be("""{"type":"object"}""");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_demo_app_serves_the_schema_of_its_model()
    {
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        string schema = await http.GetStringAsync("ttd/demo-app/api/jsonschema/model");
        schema.Should().Contain("\"@xsdRootElement\": \"Skjema\"").And.Contain("\"Tittel\"");
    }
}
