using System.Text;
using Altinn.Sdk.Models;
using static Altinn.Sdk.Apps.Tests.AppsHarness;

namespace Altinn.Sdk.Apps.Tests;

/// <summary>Data type rules: what the SDK refuses before sending, what the app refuses, and file names.</summary>
public sealed class DataRuleTests : IAsyncLifetime
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n");
    private AppsHarness _h = null!;
    private AppClient _app = null!;
    private InstanceId _instance = null!;

    public async Task InitializeAsync()
    {
        _h = await StartAsync();
        _app = _h.AddApp(LifecycleTests.DemoMetadata("ttd/rules"));
        _instance = (await _app.Instances.CreateAsync(InstanceOwnerReference.Party(OrganisationParty))).Id!;
        await _app.Metadata.GetAsync();
        _h.Emulator.ClearRequests();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Wrong_content_type_is_refused_before_sending()
    {
        var e = await _app.Data.Invoking(d => d.UploadAsync(_instance, "vedleggA", new MemoryStream(Pdf), "image/png", "a.png")).Should().ThrowAsync<ArgumentException>();
        e.Which.ParamName.Should().Be("contentType");
        e.Which.Message.Should().Contain("allows application/pdf, not image/png").And.Contain("Nothing was sent");
        _h.AppRequests().Should().BeEmpty();
    }

    [Fact]
    public async Task Octet_stream_is_refused_before_sending_when_the_type_does_not_allow_it()
    {
        // The app skips only the extension check for octet-stream; the type's allowedContentTypes must still contain it.
        var upload = await _app.Data.Invoking(d => d.UploadAsync(_instance, "vedleggA", new MemoryStream(Pdf), "application/octet-stream", "a.pdf")).Should().ThrowAsync<ArgumentException>();
        upload.Which.ParamName.Should().Be("contentType");
        upload.Which.Message.Should().Contain("allows application/pdf, not application/octet-stream");

        var part = await _app.Instances.Invoking(i => i.CreateAsync(InstanceOwnerReference.Party(OrganisationParty), [new InstanceDataPart("vedleggA", new MemoryStream(Pdf), "application/octet-stream", "a.pdf")]))
            .Should().ThrowAsync<ArgumentException>();
        part.Which.Message.Should().Contain("allows application/pdf, not application/octet-stream");
        _h.AppRequests().Should().BeEmpty();
    }

    [Fact]
    public async Task Without_a_content_type_the_file_extensions_type_is_sent()
    {
        DataElement element = await _app.Data.UploadAsync(_instance, "vedleggA", new MemoryStream(Pdf), null, "x.pdf");
        element.ContentType.Should().Be("application/pdf");
        DataElement replaced = await _app.Data.ReplaceAsync(_instance, element.Id, new MemoryStream(Pdf), null, "y.PDF");
        replaced.ContentType.Should().Be("application/pdf");
        var created = await _app.Instances.CreateAsync(InstanceOwnerReference.Party(OrganisationParty), [new InstanceDataPart("vedleggA", new MemoryStream(Pdf), null, "z.pdf")]);
        created.Data.Should().Contain(d => d.DataType == "vedleggA" && d.ContentType == "application/pdf");
        _h.Emulator.ClearRequests();

        var unknown = await _app.Data.Invoking(d => d.UploadAsync(_instance, "vedleggA", new MemoryStream(Pdf), null, "x.unknownext")).Should().ThrowAsync<ArgumentException>();
        unknown.Which.ParamName.Should().Be("contentType");
        await _app.Data.Invoking(d => d.UploadAsync(_instance, "vedleggA", new MemoryStream(Pdf), null, null)).Should().ThrowAsync<ArgumentException>();
        _h.AppRequests().Should().BeEmpty();
    }

    [Fact]
    public async Task Too_large_is_refused_before_sending_when_the_length_is_known_and_by_the_app_otherwise()
    {
        const int TwoMegabytes = 2 * 1024 * 1024;
        var known = await _app.Data.Invoking(d => d.UploadAsync(_instance, "vedleggA", new MemoryStream(new byte[TwoMegabytes]), "application/pdf", "big.pdf"))
            .Should().ThrowAsync<ArgumentException>();
        known.Which.Message.Should().Contain($"{TwoMegabytes} bytes, more than the 1 MB (maxSize)");
        _h.AppRequests().Should().BeEmpty();

        var streamed = await _app.Data.Invoking(d => d.UploadAsync(_instance, "vedleggA", new GeneratedStream(TwoMegabytes), "application/pdf", "big.pdf"))
            .Should().ThrowAsync<AltinnRequestFailedException>();
        streamed.Which.Status.Should().Be(413);
        streamed.Which.Message.Should().Contain("larger than the data type's maxSize");
        (await _app.Instances.GetAsync(_instance)).Data.Should().NotContain(d => d.DataType == "vedleggA", "a refused upload leaves nothing");
    }

    [Fact]
    public async Task The_callers_stream_stays_open_after_an_upload_and_a_create_with_data()
    {
        using var upload = new MemoryStream(Pdf);
        await _app.Data.UploadAsync(_instance, "vedleggA", upload, "application/pdf", "open.pdf");
        upload.CanRead.Should().BeTrue("the stream belongs to the caller");
        upload.Position.Should().Be(Pdf.Length);

        using var part = new MemoryStream(Pdf);
        await _app.Instances.CreateAsync(InstanceOwnerReference.Party(OrganisationParty), [new InstanceDataPart("vedleggA", part, "application/pdf", "p.pdf")]);
        part.CanRead.Should().BeTrue("the stream belongs to the caller");
    }

    [Fact]
    public async Task Too_many_parts_are_refused_before_sending_and_too_many_uploads_by_the_app()
    {
        InstanceDataPart Part(int n) => new("vedleggA", new MemoryStream(Pdf), "application/pdf", $"{n}.pdf");
        var parts = await _app.Instances.Invoking(i => i.CreateAsync(InstanceOwnerReference.Party(OrganisationParty), [Part(1), Part(2), Part(3)]))
            .Should().ThrowAsync<ArgumentException>();
        parts.Which.Message.Should().Contain("3 parts of data type 'vedleggA', which allows at most 2");
        _h.AppRequests().Should().BeEmpty();

        await _app.Data.UploadAsync(_instance, "vedleggA", new MemoryStream(Pdf), "application/pdf", "1.pdf");
        await _app.Data.UploadAsync(_instance, "vedleggA", new MemoryStream(Pdf), "application/pdf", "2.pdf");
        var third = await _app.Data.Invoking(d => d.UploadAsync(_instance, "vedleggA", new MemoryStream(Pdf), "application/pdf", "3.pdf"))
            .Should().ThrowAsync<AltinnRequestFailedException>();
        third.Which.Status.Should().Be(409);
        third.Which.Message.Should().Contain("maxCount");
    }

    [Fact]
    public async Task Unknown_type_missing_file_name_empty_content_and_non_model_form_data_are_refused_before_sending()
    {
        (await _app.Data.Invoking(d => d.UploadAsync(_instance, "vedleggB", new MemoryStream(Pdf), "application/pdf", "a.pdf")).Should().ThrowAsync<ArgumentException>())
            .Which.Message.Should().Contain("has no data type 'vedleggB' (it has: model, vedleggA)");
        (await _app.Data.Invoking(d => d.UploadAsync(_instance, "vedleggA", new MemoryStream(Pdf), "application/pdf", null)).Should().ThrowAsync<ArgumentException>())
            .Which.Message.Should().Contain("file name with an extension");
        (await _app.Data.Invoking(d => d.UploadAsync(_instance, "vedleggA", new MemoryStream(Pdf), "application/pdf", "noextension")).Should().ThrowAsync<ArgumentException>())
            .Which.Message.Should().Contain("file name with an extension");
        (await _app.Data.Invoking(d => d.UploadAsync(_instance, "vedleggA", new MemoryStream(), "application/pdf", "empty.pdf")).Should().ThrowAsync<ArgumentException>())
            .Which.Message.Should().Contain("empty");
        (await _app.Data.Invoking(d => d.UploadAsync(_instance, "model", new MemoryStream(Pdf), "application/pdf", null)).Should().ThrowAsync<ArgumentException>())
            .Which.Message.Should().Contain("form data type");
        _h.AppRequests().Should().BeEmpty();
    }

    [Fact]
    public async Task Without_known_metadata_the_app_refuses_with_its_own_error()
    {
        // A fresh client: the metadata is read once on the first upload (one GET), then the upload is checked.
        var fresh = new AppsClient(new HttpClient(), _h.Emulator.Environment, LeakWatch.Logger<AppsClient>());
        var unknownApp = fresh.GetAppClient(AppId.Parse("ttd/not-deployed"));
        var failure = await unknownApp.Data.Invoking(d => d.UploadAsync(_instance, "vedleggA", new MemoryStream(Pdf), "image/png", "a.png"))
            .Should().ThrowAsync<AltinnRequestFailedException>();
        failure.Which.Status.Should().Be(404, "the metadata could not be read, so the upload went to the app, which is not there");
        _h.AppRequests().Select(r => r.Method + " " + r.PathAndQuery).Should().Equal(
            "GET /ttd/not-deployed/api/v1/applicationmetadata",
            $"POST /ttd/not-deployed/instances/{_instance}/data/type/vedleggA");
    }

    [Theory]
    [InlineData("Søknad – årsrapport 2024 (ære).pdf")]
    [InlineData("a+b 100% ferdig.pdf")]
    [InlineData("日本語 ファイル.pdf")]
    public async Task File_names_survive_upload_and_download_and_a_replacement_keeps_their_ascii_form(string fileName)
    {
        DataElement uploaded = await _app.Data.UploadAsync(_instance, "vedleggA", new MemoryStream(Pdf), "application/pdf", fileName);
        uploaded.Filename.Should().Be(fileName);

        await using DataStream download = await _app.Data.DownloadAsync(_instance, uploaded.Id);
        download.FileName.Should().Be(fileName);

        // The app reads only the plain filename of a replacement: letters outside ASCII become '_'.
        DataElement replaced = await _app.Data.ReplaceAsync(_instance, uploaded.Id, new MemoryStream(Pdf), "application/pdf", "ny " + fileName);
        replaced.Filename.Should().Be("ny " + new string(fileName.Select(c => c is >= ' ' and <= '~' ? c : '_').ToArray()));
    }

    [Fact]
    public async Task Form_data_as_json_text_and_as_a_stream()
    {
        Instance instance = await _app.Instances.GetAsync(_instance);
        Guid model = instance.Data!.Single(d => d.DataType == "model").Id;

        await _app.Data.WriteFormDataAsync(_instance, model, """{"tittel":"JSON"}""", FormDataFormat.Json);
        await using DataStream stream = await _app.Data.OpenFormDataAsync(_instance, model, FormDataFormat.Json);
        stream.ContentType.Should().StartWith("application/json");
        (await new StreamReader(stream).ReadToEndAsync()).Should().Be("""{"tittel":"JSON"}""");
        _h.AppRequests().Should().Contain(r => r.Method == "PUT" && r.PathAndQuery == $"/ttd/rules/instances/{_instance}/data/{model}");
    }

    [Fact]
    public async Task Form_data_comes_in_the_format_asked_for_and_as_json_when_none_is()
    {
        Instance instance = await _app.Instances.GetAsync(_instance);
        Guid model = instance.Data!.Single(d => d.DataType == "model").Id;
        await _app.Data.WriteFormDataAsync(_instance, model, "<Skjema><Tittel>XML</Tittel></Skjema>", FormDataFormat.Xml);

        // The app negotiates on Accept (JSON first): each format is asked for explicitly, and a plain download gets JSON.
        (await _app.Data.ReadFormDataAsync(_instance, model, FormDataFormat.Xml)).Should().Be("<Skjema><Tittel>XML</Tittel></Skjema>");
        (await _app.Data.ReadFormDataAsync(_instance, model, FormDataFormat.Json)).Should().Be("""{"Tittel":"XML"}""");
        await using DataStream download = await _app.Data.DownloadAsync(_instance, model);
        download.ContentType.Should().StartWith("application/json");
    }
}
