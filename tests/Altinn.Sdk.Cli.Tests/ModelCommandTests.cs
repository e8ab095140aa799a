namespace Altinn.Sdk.Cli.Tests;

/// <summary><c>altinn model generate</c> from a schema file (offline) and from an app (the emulator's demo app).</summary>
public sealed class ModelCommandTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Schema = """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","@xsdRootElement":"Melding",
         "properties":{"Navn":{"type":"string","@xsdType":"string","description":"Avsenders navn."},"Antall":{"type":"integer","@xsdType":"int"}}}
        """;

    [Fact]
    public async Task Help_explains_both_sources()
    {
        var run = await Cli.RunAsync("model", "generate", "--help");
        run.ExitCode.Should().Be(0);
        run.Output.Should().Contain("--schema").And.Contain("--app").And.Contain("--data-type").And.Contain("no credential is needed").And.Contain("api/jsonschema");
    }

    [Fact]
    public async Task A_schema_file_is_generated_offline_into_a_file()
    {
        string folder = Directory.CreateTempSubdirectory("altinn-model-").FullName;
        try
        {
            string schema = Path.Combine(folder, "melding.schema.json");
            string output = Path.Combine(folder, "Melding.cs");
            await File.WriteAllTextAsync(schema, Schema);

            var run = await Cli.RunAsync("model", "generate", "--schema", schema, "--namespace", "Fagsystem.Modeller", "-o", output);

            run.ExitCode.Should().Be(0, run.Error);
            run.Output.Should().Contain("<Melding>").And.Contain(output);
            string code = await File.ReadAllTextAsync(output);
            code.Should().Contain("namespace Fagsystem.Modeller").And.Contain("[XmlRoot(ElementName = \"Melding\")]").And.Contain("/// <summary>Avsenders navn.</summary>")
                .And.Contain("public int? Antall { get; set; }");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_demo_apps_model_is_generated_from_the_app_in_the_namespace_of_its_classRef()
    {
        var run = await emulator.RunAsync("model", "generate", "--app", EmulatorFixture.DemoApp, "--data-type", "model");

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("namespace Altinn.App.Models").And.Contain("[XmlRoot(ElementName = \"Skjema\")]").And.Contain("[MaxLength(200)]").And.Contain("public string? Tittel");
    }

    [Theory]
    [InlineData("model generate", "--schema FILE")]
    [InlineData("model generate --app ttd/demo-app", "--data-type")]
    [InlineData("model generate --app ttd/demo-app --data-type vedleggA", "not form data")]
    [InlineData("model generate --app ttd/demo-app --data-type nope", "no data type 'nope'")]
    [InlineData("model generate --schema missing.schema.json", "does not exist")]
    [InlineData("model generate --schema missing.schema.json --app ttd/demo-app", "two sources")]
    public async Task A_missing_or_wrong_source_is_a_usage_error(string args, string expected)
    {
        var run = await emulator.RunAsync(args.Split(' '));
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain(expected);
    }
}
