using System.Text.Encodings.Web;
using System.Text.Json;

namespace Altinn.Sdk.FormData.Tests;

/// <summary>
/// Code generated from schemas in the shapes Altinn Studio writes compiles without warnings as C# 8, and its objects
/// serialize to XML that the model's XSD accepts (names, order, namespace, attributes, text, nillable, repetitions)
/// and to JSON that the JSON schema accepts.
/// </summary>
public sealed class ModelCodeGeneratorTests
{
    public static TheoryData<string> Schemas() => new() { "soknad.schema.json", "enkel.schema.json" };

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task Generated_code_compiles_without_warnings(string schemaFile)
    {
        GeneratedModel model = await GeneratedModel.BuildAsync(schemaFile);
        model.Diagnostics.Select(d => d.ToString()).Should().BeEmpty("the generated code must compile cleanly in any project:\n{0}", model.Code);
        model.Code.Should().StartWith("// Generated").And.Contain("#nullable enable");
        model.Code.Should().NotContain("using Altinn", "the code depends on the base library only");
    }

    [Fact]
    public async Task A_Seres_shaped_model_writes_xml_its_xsd_accepts_and_reads_it_back()
    {
        GeneratedModel model = await GeneratedModel.BuildAsync("soknad.schema.json");
        model.Schema.RootElement.Should().Be("melding");
        model.Code.Should().Contain("public class SøknadM").And.Contain("[MaxLength(175)]").And.Contain("[RegularExpression(\"^[0-9]{9}$\")]")
            .And.Contain("/// <summary>The applicant&apos;s name &amp; title.</summary>").And.Contain("Allowed values: A, B, C.");

        object melding = Soknad(model);
        string xml = GeneratedModel.ToXml(melding);

        GeneratedModel.XsdErrors(xml, "soknad.xsd").Should().BeEmpty("the XML must fit the XSD:\n{0}\n{1}", xml, model.Code);
        xml.Should().Contain("<melding").And.Contain("dataFormatId=\"5703\"").And.Contain("dataFormatVersion=\"34\"")
            .And.Contain("<Beløp valuta=\"NOK\">100.5</Beløp>").And.Contain("<AntallAnsatte xsi:nil=\"true\" />")
            .And.NotContain("Årsinntekt", "an optional value that is not set is left out, not written as nil");

        string again = GeneratedModel.ToXml(GeneratedModel.FromXml(melding.GetType(), xml));
        again.Should().Be(xml);
    }

    [Fact]
    public async Task A_namespaced_model_with_names_that_are_not_CSharp_names_writes_xml_its_xsd_accepts()
    {
        GeneratedModel model = await GeneratedModel.BuildAsync("enkel.schema.json");
        model.Schema.Namespace.Should().Be("urn:no:altinn:test:enkel");
        object enkel = model.New("Enkel", ("Id", 42L), ("Tekst", "Hei"), ("class", "x"), ("Enkel_", "samme navn"), ("jaNei", (bool?)true));
        string xml = GeneratedModel.ToXml(enkel);

        GeneratedModel.XsdErrors(xml, "enkel.xsd").Should().BeEmpty("the XML must fit the XSD:\n{0}\n{1}", xml, model.Code);
        xml.Should().Contain("xmlns=\"urn:no:altinn:test:enkel\"").And.Contain("ja-nei=\"true\"").And.NotContain("<Aktiv");

        model.Schema.Validate(JsonSerializer.Serialize(enkel, enkel.GetType())).Should().BeEmpty();
    }

    [Fact]
    public async Task The_json_of_generated_objects_fits_the_schema_and_errors_name_their_paths()
    {
        GeneratedModel model = await GeneratedModel.BuildAsync("soknad.schema.json");
        object melding = Soknad(model);
        string json = JsonSerializer.Serialize(melding, melding.GetType(), new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.Should().Contain("\"Søknadsdetaljer\":{").And.Contain("\"AntallAnsatte\":null").And.NotContain("\"Årsinntekt\"");
        model.Schema.Validate(json).Should().BeEmpty(json);

        string invalid = """
            {"dataFormatId":"5703","Innsender":{"Organisasjonsnummer":"12345","Navn":"x"},
             "Søknadsdetaljer":{"Kategori":"X","Vedlegg":[{"Sider":2}],"AntallAnsatte":"mange"}}
            """;
        IReadOnlyList<FormDataError> errors = model.Schema.Validate(invalid);
        errors.Select(e => e.ToString()).Should().Contain([
            "#/Innsender.Organisasjonsnummer: PatternMismatch",
            "#/Søknadsdetaljer.Kategori: NotInEnumeration",
            "#/Søknadsdetaljer.Vedlegg[0].Filnavn: PropertyRequired",
        ]).And.Contain(e => e.StartsWith("#/Søknadsdetaljer.AntallAnsatte", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_text_that_is_not_a_schema_or_has_no_object_root_is_refused()
    {
        await FluentActions.Awaiting(() => ModelSchema.LoadAsync("not json")).Should().ThrowAsync<FormatException>();
        await FluentActions.Awaiting(() => ModelSchema.LoadAsync("""{"type":"string"}""")).Should().ThrowAsync<FormatException>().WithMessage("*root*");
    }

    private static object Soknad(GeneratedModel model) => model.New(
        "SøknadM",
        ("dataFormatId", "5703"),
        ("dataFormatVersion", 34),
        ("Innsender", model.New("Innsender", ("Organisasjonsnummer", "123456789"), ("Navn", "Ærlig & Åpen AS"), ("Adresse", model.New("Adresse", ("Postnummer", "0150"), ("Poststed", "Oslo"))))),
        ("Søknadsdetaljer", model.New(
            "Søknadsdetaljer",
            ("Beløp", model.New("Beløp", ("value", 100.5m), ("valuta", "NOK"))),
            ("Kategori", "B"),
            ("Vedlegg", new object[] { model.New("Vedlegg", ("Filnavn", "a.pdf"), ("Sider", 3)), model.New("Vedlegg", ("Filnavn", "b.pdf")) }))));
}

/// <summary>Form data as XML checked against the schema, with the paths of what is wrong.</summary>
public sealed class XmlValidationTests
{
    [Fact]
    public async Task Xml_written_from_generated_classes_is_valid_and_wrong_xml_names_its_paths()
    {
        GeneratedModel model = await GeneratedModel.BuildAsync("soknad.schema.json");
        object melding = model.New("SøknadM", ("dataFormatId", "5703"), ("Innsender", model.New("Innsender", ("Organisasjonsnummer", "123456789"))),
            ("Søknadsdetaljer", model.New("Søknadsdetaljer", ("Kategori", "A"), ("Vedlegg", new object[] { model.New("Vedlegg", ("Filnavn", "a.pdf"), ("Sider", 2)) }))));
        model.Schema.ValidateXml(GeneratedModel.ToXml(melding)).Should().BeEmpty();

        string wrong = """
            <melding dataFormatId="5703" ukjent="1">
              <Innsender><Organisasjonsnummer>12</Organisasjonsnummer><Organisasjonsnummer>123456789</Organisasjonsnummer></Innsender>
              <Søknadsdetaljer><Kategori>A</Kategori><Vedlegg><Filnavn>a</Filnavn><Sider>to</Sider></Vedlegg><Tull /></Søknadsdetaljer>
            </melding>
            """;
        model.Schema.ValidateXml(wrong).Select(e => e.ToString()).Should().Contain([
            "#/@ukjent: UnknownAttribute",
            "#/Innsender.Organisasjonsnummer: TooManyElements",
            "#/Søknadsdetaljer.Tull: UnknownElement",
            "#/Innsender.Organisasjonsnummer: PatternMismatch",
            "#/Søknadsdetaljer.Vedlegg[0].Sider: IntegerExpected",
        ]);

        model.Schema.ValidateXml("<Skjema />").Should().ContainSingle().Which.Kind.Should().StartWith("RootElementMismatch");
        model.Invoking(m => m.Schema.ValidateXml("<melding>")).Should().Throw<FormatException>();
    }
}
