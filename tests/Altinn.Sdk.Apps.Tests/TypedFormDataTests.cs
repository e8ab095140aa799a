using System.Text.Json.Serialization;
using System.Xml.Serialization;
using Altinn.Sdk.Models;
using static Altinn.Sdk.Apps.Tests.AppsHarness;

namespace Altinn.Sdk.Apps.Tests;

/// <summary>The demo app's model as a class, the way Altinn Studio generates it.</summary>
[XmlRoot(ElementName = "Skjema")]
public sealed class DemoSkjema
{
    [XmlElement("Tittel", Order = 1)]
    [JsonPropertyName("Tittel")]
    public string? Tittel { get; set; }

    [XmlElement("Beskrivelse", Order = 2)]
    [JsonPropertyName("Beskrivelse")]
    public string? Beskrivelse { get; set; }
}

[JsonSerializable(typeof(DemoSkjema))]
internal sealed partial class DemoModelJsonContext : JsonSerializerContext;

/// <summary>Form data as objects: XML through XmlSerializer, JSON through the caller's JsonTypeInfo, over HTTP to the emulator.</summary>
public sealed class TypedFormDataTests : IAsyncLifetime
{
    private AppsHarness _h = null!;

    public async Task InitializeAsync() => _h = await StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task An_object_written_as_xml_is_stored_as_the_apps_xml_and_reads_back_equal()
    {
        AppClient app = _h.Demo;
        Instance created = await app.Instances.CreateAsync(InstanceOwnerReference.Organisation(DemoOrgNumber));
        Guid model = created.Data!.Single(d => d.DataType == "model").Id;

        var written = new DemoSkjema { Tittel = "Søknad om løyve", Beskrivelse = "Ærlig talt & <vel>" };
        DataElement element = await app.Data.WriteFormDataAsync(created.Id!, model, written);
        element.ContentType.Should().Be("application/xml");

        string xml = await app.Data.ReadFormDataAsync(created.Id!, model, FormDataFormat.Xml);
        xml.Should().Contain("<Skjema").And.Contain("<Tittel>Søknad om løyve</Tittel>").And.Contain("&amp; &lt;vel&gt;");
        xml.IndexOf("<Tittel>", StringComparison.Ordinal).Should().BeLessThan(xml.IndexOf("<Beskrivelse>", StringComparison.Ordinal));

        DemoSkjema read = await app.Data.ReadFormDataAsync<DemoSkjema>(created.Id!, model);
        read.Should().BeEquivalentTo(written);
    }

    [Fact]
    public async Task The_seeded_xml_reads_as_an_object()
    {
        AppClient app = _h.Demo;
        Instance created = await app.Instances.CreateAsync(InstanceOwnerReference.Organisation(DemoOrgNumber));
        Guid model = created.Data!.Single(d => d.DataType == "model").Id;
        await app.Data.WriteFormDataAsync(created.Id!, model, """<?xml version="1.0"?><Skjema xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Tittel>Fra tekst</Tittel></Skjema>""", FormDataFormat.Xml);

        DemoSkjema read = await app.Data.ReadFormDataAsync<DemoSkjema>(created.Id!, model);
        read.Tittel.Should().Be("Fra tekst");
        read.Beskrivelse.Should().BeNull();
    }

    [Fact]
    public async Task An_object_written_as_json_with_a_type_info_reads_back_equal()
    {
        AppClient app = _h.Demo;
        Instance created = await app.Instances.CreateAsync(InstanceOwnerReference.Organisation(DemoOrgNumber));
        Guid model = created.Data!.Single(d => d.DataType == "model").Id;

        var written = new DemoSkjema { Tittel = "JSON-tittel", Beskrivelse = "Med æøå" };
        DataElement element = await app.Data.WriteFormDataAsync(created.Id!, model, written, DemoModelJsonContext.Default.DemoSkjema);
        element.ContentType.Should().Be("application/xml", "the app converts form data to its data type's storage format");
        (await app.Data.ReadFormDataAsync(created.Id!, model, FormDataFormat.Json)).Should().Contain("\"Tittel\":\"JSON-tittel\"");

        DemoSkjema read = await app.Data.ReadFormDataAsync(created.Id!, model, DemoModelJsonContext.Default.DemoSkjema);
        read.Should().BeEquivalentTo(written);
    }

    [Fact]
    public async Task A_system_user_creates_an_instance_with_typed_form_data_and_the_app_owner_reads_it()
    {
        AppClient app = _h.Demo;
        var written = new DemoSkjema { Tittel = "Fra fagsystemet", Beskrivelse = "Utfylt før innsending" };

        Instance created = await app.Instances.CreateWithFormDataAsync(
            InstanceOwnerReference.Organisation(DemoOrgNumber), "model", written, _h.AsSystemUser(DemoOrgNumber));

        DataElement model = created.Data!.Single(d => d.DataType == "model");
        (await app.Data.ReadFormDataAsync<DemoSkjema>(created.Id!, model.Id)).Should().BeEquivalentTo(written);


        // The demo's model type allows application/xml only, which the app enforces exactly for instantiation parts.
        int before = _h.AppRequests().Count(r => r.Method == "POST");
        await app.Instances.Invoking(i => i.CreateWithFormDataAsync(
                InstanceOwnerReference.Organisation(DemoOrgNumber), "model", written, DemoModelJsonContext.Default.DemoSkjema))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*application/xml*not application/json*");
        _h.AppRequests().Count(r => r.Method == "POST").Should().Be(before);
    }

    [Fact]
    public async Task Form_data_the_app_cannot_read_into_its_model_is_refused_with_the_schema_errors_and_the_old_content_stays()
    {
        AppClient app = _h.Demo;
        Instance created = await app.Instances.CreateAsync(InstanceOwnerReference.Organisation(DemoOrgNumber));
        Guid model = created.Data!.Single(d => d.DataType == "model").Id;
        await app.Data.WriteFormDataAsync(created.Id!, model, new DemoSkjema { Tittel = "Gyldig" });

        var refused = await app.Data.Invoking(d => d.WriteFormDataAsync(created.Id!, model, "<Annet><Tittel>x</Tittel></Annet>", FormDataFormat.Xml))
            .Should().ThrowAsync<AltinnRequestFailedException>();
        refused.Which.Status.Should().Be(400);
        refused.Which.Message.Should().Contain("RootElementMismatch").And.Contain("<Skjema>");

        (await app.Data.ReadFormDataAsync<DemoSkjema>(created.Id!, model)).Tittel.Should().Be("Gyldig");
    }

    [Fact]
    public async Task Form_data_in_a_multipart_instantiation_is_checked_as_an_upload_is()
    {
        AppClient app = _h.Demo;
        var parts = new[] { InstanceDataPart.FormData("model", "<Annet><Tittel>x</Tittel></Annet>", FormDataFormat.Xml) };

        var refused = await app.Instances.Invoking(i => i.CreateAsync(InstanceOwnerReference.Organisation(DemoOrgNumber), parts))
            .Should().ThrowAsync<AltinnRequestFailedException>();
        refused.Which.Status.Should().Be(400);
        refused.Which.Message.Should().Contain("RootElementMismatch");
    }

    [Fact]
    public async Task Arguments_are_checked_before_anything_is_sent()
    {
        AppClient app = _h.Demo;
        Instance created = await app.Instances.CreateAsync(InstanceOwnerReference.Organisation(DemoOrgNumber));
        Guid model = created.Data!.Single(d => d.DataType == "model").Id;
        int before = _h.AppRequests().Count;

        await app.Data.Invoking(d => d.WriteFormDataAsync(created.Id!, model, "<Skjema/>")).Should().ThrowAsync<ArgumentException>().WithMessage("*FormDataFormat*");
        await app.Data.Invoking(d => d.WriteFormDataAsync<DemoSkjema>(created.Id!, model, null!)).Should().ThrowAsync<ArgumentNullException>();
        await app.Instances.Invoking(i => i.CreateWithFormDataAsync(InstanceOwnerReference.Organisation(DemoOrgNumber), "vedleggA", new DemoSkjema()))
            .Should().ThrowAsync<ArgumentException>().WithMessage("*attachment type*");

        _h.AppRequests().Skip(before).Should().NotContain(r => r.Method != "GET", "nothing is written when an argument is refused");
    }
}
