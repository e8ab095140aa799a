using System.Net;
using System.Text;
using Altinn.Sdk.Models;
using static Altinn.Sdk.Testing.Tests.Apps.AppHarness;

namespace Altinn.Sdk.Testing.Tests.Apps;

public class AppDataRuleTests
{
    private const int OneMegabyte = 1024 * 1024;

    [Theory]
    [InlineData("application/msword", "attachment; filename=a.doc", 400, "not in allowedContentTypes")]
    [InlineData("image/png", "attachment; filename=a.pdf", 400, "content type does not match the extension")]
    [InlineData("application/pdf; charset=utf-8", "attachment; filename=a.pdf", 400, "the content type must equal the extension's MIME type exactly")]
    [InlineData("application/pdf", null, 400, "Content-Disposition is required")]
    [InlineData("application/pdf", "attachment", 400, "a file name is required")]
    [InlineData("application/pdf", "attachment; filename=vedlegg", 400, "the file name needs an extension")]
    [InlineData(null, "attachment; filename=a.pdf", 400, "Content-Type is required")]
    [InlineData("application/octet-stream", "attachment; filename=a.pdf", 400, "octet-stream skips only the extension check: it must itself be in allowedContentTypes")]
    [InlineData("application/octet-stream", "attachment; filename=a.doc", 400, "octet-stream is not in allowedContentTypes")]
    [InlineData("application/pdf", "attachment; filename=\"a.pdf\"", 200, "a quoted name is fine")]
    public async Task Binary_uploads_follow_the_header_rules(string? contentType, string? disposition, int expected, string because)
    {
        await using var h = await StartAsync();
        var instance = await h.CreateAsync(h.UserToken, PersonParty);

        using var response = await h.SendAsync(HttpMethod.Post, $"{PathOf(instance)}/data/type/attachment", h.UserToken, Binary([1, 2, 3], contentType, disposition));

        ((int)response.StatusCode).Should().Be(expected, because);
        if (expected == 400) response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Without_allowed_content_types_a_missing_content_type_is_400_on_create_and_500_on_replace()
    {
        // app-lib-dotnet: DataRestrictionValidation passes a type without allowedContentTypes; the create path then
        // answers 400 "Missing content type", and PutBinaryData passes the null type to DataClient.UpdateBinaryData (500).
        await using var h = await StartAsync(Metadata(false, new DataType { Id = "any", TaskId = "Task_1", MaxCount = 0 }));
        var instance = await h.CreateAsync(h.UserToken, PersonParty);

        using (var create = await h.SendAsync(HttpMethod.Post, $"{PathOf(instance)}/data/type/any", h.UserToken, Binary([1, 2, 3], null, "attachment; filename=a.bin")))
        {
            create.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await JsonAsync(create)).GetProperty("title").GetString().Should().Be("Missing content type");
        }

        string id = (await h.UploadAsync(instance, h.UserToken, "any", Binary([1, 2, 3], "application/x-anything", "attachment; filename=a.bin"))).GetProperty("newDataElementId").GetString()!;
        using var replace = await h.SendAsync(HttpMethod.Put, $"{PathOf(instance)}/data/{id}", h.UserToken, Binary([4, 5], null, "attachment; filename=b.bin"));
        replace.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task Zero_bytes_is_400_and_nothing_is_stored()
    {
        await using var h = await StartAsync();
        var instance = await h.CreateAsync(h.UserToken, PersonParty);

        using var response = await h.SendAsync(HttpMethod.Post, $"{PathOf(instance)}/data/type/attachment", h.UserToken, Binary([], "application/pdf", "attachment; filename=a.pdf"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await h.GetAsync(instance, h.UserToken)).GetProperty("data").GetArrayLength().Should().Be(1, "only the automatic model");
        Directory.GetFiles(Path.Combine(h.Emulator.Context.State.Blobs.Root, GuidOf(instance).ToString())).Should().HaveCount(1);
    }

    [Fact]
    public async Task Too_large_is_413_when_streamed_and_400_when_the_length_is_announced()
    {
        await using var h = await StartAsync();
        var instance = await h.CreateAsync(h.UserToken, PersonParty);
        string path = $"{PathOf(instance)}/data/type/attachment";

        var streamed = new UnknownLengthContent(OneMegabyte + 1);
        streamed.Headers.ContentType = new("application/pdf");
        streamed.Headers.TryAddWithoutValidation("Content-Disposition", "attachment; filename=big.pdf");
        using (var response = await h.SendAsync(HttpMethod.Post, path, h.UserToken, streamed))
        {
            response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
            (await JsonAsync(response)).GetProperty("status").GetInt32().Should().Be(413);
        }

        using (var response = await h.SendAsync(HttpMethod.Post, path, h.UserToken, Binary(new byte[OneMegabyte + 1], "application/pdf", "attachment; filename=big.pdf")))
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        using (var exactly = await h.SendAsync(HttpMethod.Post, path, h.UserToken, Binary(new byte[OneMegabyte], "application/pdf", "attachment; filename=max.pdf")))
        {
            exactly.StatusCode.Should().Be(HttpStatusCode.OK, "maxSize is inclusive");
        }

        (await h.GetAsync(instance, h.UserToken)).GetProperty("data").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task Too_many_is_409()
    {
        await using var h = await StartAsync();
        var instance = await h.CreateAsync(h.UserToken, PersonParty);
        for (int i = 0; i < 2; i++) await h.UploadAsync(instance, h.UserToken, "attachment", Binary([1], "application/pdf", $"attachment; filename={i}.pdf"));

        using var third = await h.SendAsync(HttpMethod.Post, $"{PathOf(instance)}/data/type/attachment", h.UserToken, Binary([1], "application/pdf", "attachment; filename=3.pdf"));

        third.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Unknown_data_type_is_400_and_ref_data_as_pdf_is_403()
    {
        await using var h = await StartAsync();
        var instance = await h.CreateAsync(h.UserToken, PersonParty);

        using var unknown = await h.SendAsync(HttpMethod.Post, $"{PathOf(instance)}/data/type/nope", h.UserToken, Binary([1], "application/pdf", "attachment; filename=a.pdf"));
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var pdf = await h.SendAsync(HttpMethod.Post, $"{PathOf(instance)}/data/ref-data-as-pdf", h.OrgToken, Binary([1], "application/pdf", "attachment; filename=a.pdf"));
        pdf.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Disallowed_user_create_and_delete_are_400_for_end_users_but_fine_for_the_app_owner()
    {
        var ownerOnly = new DataType { Id = "owner-only", TaskId = "Task_1", MaxCount = 0, AppLogic = new ApplicationLogic { DisallowUserCreate = true, DisallowUserDelete = true } };
        await using var h = await StartAsync(Metadata(false, ownerOnly));
        var instance = await h.CreateAsync(h.UserToken, PersonParty);
        var content = () => Binary([1], "text/plain", "attachment; filename=a.txt");

        using (var user = await h.SendAsync(HttpMethod.Post, $"{PathOf(instance)}/data/type/owner-only", h.UserToken, content())) user.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var posted = await h.UploadAsync(instance, h.OrgToken, "owner-only", content());
        string id = posted.GetProperty("newDataElementId").GetString()!;
        posted.GetProperty("instance").GetProperty("data").EnumerateArray().Single(d => d.GetProperty("id").GetString() == id).GetProperty("isRead").GetBoolean().Should().BeFalse();

        using (var user = await h.SendAsync(HttpMethod.Delete, $"{PathOf(instance)}/data/{id}", h.UserToken)) user.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var owner = await h.SendAsync(HttpMethod.Delete, $"{PathOf(instance)}/data/{id}", h.OrgToken))
        {
            owner.StatusCode.Should().Be(HttpStatusCode.OK);
            (await JsonAsync(owner)).GetProperty("instance").GetProperty("data").GetArrayLength().Should().Be(1);
        }

        using var gone = await h.SendAsync(HttpMethod.Get, $"{PathOf(instance)}/data/{id}", h.OrgToken);
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_only_required_form_element_cannot_be_deleted_but_an_attachment_can()
    {
        await using var h = await StartAsync();
        var instance = await h.CreateAsync(h.UserToken, PersonParty);
        string modelId = instance.GetProperty("data")[0].GetProperty("id").GetString()!;
        string attachmentId = (await h.UploadAsync(instance, h.UserToken, "attachment", Binary([1], "application/pdf", "attachment; filename=a.pdf"))).GetProperty("newDataElementId").GetString()!;

        using (var model = await h.SendAsync(HttpMethod.Delete, $"{PathOf(instance)}/data/{modelId}", h.UserToken)) model.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var attachment = await h.SendAsync(HttpMethod.Delete, $"{PathOf(instance)}/data/{attachmentId}", h.UserToken)) attachment.StatusCode.Should().Be(HttpStatusCode.OK);
        h.Emulator.Context.State.Blobs.Exists(GuidOf(instance), Guid.Parse(attachmentId)).Should().BeFalse();
        h.InstanceEventTypes(instance).Last().Should().Be("Deleted");
    }

    [Theory]
    [InlineData("attachment; filename*=UTF-8''s%C3%B8knad%20%C3%A6%C3%B8%C3%A5%20%E2%82%AC.pdf", "søknad æøå €.pdf")]
    [InlineData("attachment; filename=\"fallback.pdf\"; filename*=UTF-8''%C3%85rsoppgj%C3%B8r.pdf", "Årsoppgjør.pdf")]
    [InlineData("attachment; filename=\"plain name.pdf\"", "plain name.pdf")]
    public async Task File_names_survive_upload_and_download(string disposition, string expected)
    {
        await using var h = await StartAsync();
        var instance = await h.CreateAsync(h.UserToken, PersonParty);
        byte[] bytes = Encoding.UTF8.GetBytes("%PDF-1.7 emulated");

        var posted = await h.UploadAsync(instance, h.UserToken, "attachment", Binary(bytes, "application/pdf", disposition));
        string id = posted.GetProperty("newDataElementId").GetString()!;
        posted.GetProperty("instance").GetProperty("data").EnumerateArray().Single(d => d.GetProperty("id").GetString() == id)
            .GetProperty("filename").GetString().Should().Be(expected);

        using var download = await h.SendAsync(HttpMethod.Get, $"{PathOf(instance)}/data/{id}", h.UserToken);
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        var contentDisposition = download.Content.Headers.ContentDisposition!;
        contentDisposition.DispositionType.Should().Be("attachment");
        (contentDisposition.FileNameStar ?? contentDisposition.FileName!.Trim('"')).Should().Be(expected);
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(bytes);
    }

    [Fact]
    public async Task A_replacement_keeps_only_the_plain_filename()
    {
        // The app's PutBinaryData passes Content-Disposition's filename on to Storage and ignores filename*.
        await using var h = await StartAsync();
        var instance = await h.CreateAsync(h.UserToken, PersonParty);
        string id = (await h.UploadAsync(instance, h.UserToken, "attachment", Binary([1], "application/pdf", "attachment; filename=a.pdf"))).GetProperty("newDataElementId").GetString()!;

        using var replaced = await h.SendAsync(HttpMethod.Put, $"{PathOf(instance)}/data/{id}", h.UserToken,
            Binary([1, 2], "application/pdf", "attachment; filename=\"_rsoppgj_r.pdf\"; filename*=UTF-8''%C3%85rsoppgj%C3%B8r.pdf"));

        replaced.StatusCode.Should().Be(HttpStatusCode.Created);
        (await JsonAsync(replaced)).GetProperty("filename").GetString().Should().Be("_rsoppgj_r.pdf");
    }

    [Fact]
    public async Task Downloading_data_as_an_end_user_marks_the_instance_read()
    {
        await using var h = await StartAsync();
        var instance = await h.CreateAsync(h.OrgToken, PersonParty);
        string id = (await h.UploadAsync(instance, h.OrgToken, "attachment", Binary([1], "application/pdf", "attachment; filename=a.pdf"))).GetProperty("newDataElementId").GetString()!;

        using (var byOwner = await h.SendAsync(HttpMethod.Get, $"{PathOf(instance)}/data/{id}", h.OrgToken)) byOwner.StatusCode.Should().Be(HttpStatusCode.OK);
        (await h.GetAsync(instance, h.OrgToken)).GetProperty("status").GetProperty("readStatus").GetInt32().Should().Be(0, "the app owner's download leaves the instance unread");

        using (var byUser = await h.SendAsync(HttpMethod.Get, $"{PathOf(instance)}/data/{id}", h.UserToken)) byUser.StatusCode.Should().Be(HttpStatusCode.OK);
        (await h.GetAsync(instance, h.OrgToken)).GetProperty("status").GetProperty("readStatus").GetInt32().Should().Be(1, "the app's DataController sets the read status when an end user downloads");
    }

    [Fact]
    public async Task Replacing_content_returns_201_with_the_new_size_and_checks_the_type_in_the_path()
    {
        await using var h = await StartAsync();
        var instance = await h.CreateAsync(h.UserToken, PersonParty);
        string id = (await h.UploadAsync(instance, h.UserToken, "attachment", Binary([1], "application/pdf", "attachment; filename=a.pdf"))).GetProperty("newDataElementId").GetString()!;

        using (var replaced = await h.SendAsync(HttpMethod.Put, $"{PathOf(instance)}/data/{id}", h.UserToken, Binary([1, 2, 3, 4], "image/png", "attachment; filename=b.png")))
        {
            replaced.StatusCode.Should().Be(HttpStatusCode.Created);
            var element = await JsonAsync(replaced);
            element.GetProperty("size").GetInt64().Should().Be(4);
            element.GetProperty("filename").GetString().Should().Be("b.png");
            element.GetProperty("selfLinks").GetProperty("apps").GetString().Should().EndWith($"/data/{id}");
        }

        using (var empty = await h.SendAsync(HttpMethod.Put, $"{PathOf(instance)}/data/{id}", h.UserToken, Binary([], "image/png", "attachment; filename=b.png")))
        {
            empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        using (var wrongType = await h.SendAsync(HttpMethod.Get, $"{PathOf(instance)}/data/{id}/type/model", h.UserToken)) wrongType.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var download = await h.SendAsync(HttpMethod.Get, $"{PathOf(instance)}/data/{id}/type/attachment", h.UserToken);
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal([1, 2, 3, 4], "a rejected replacement leaves the content as it was");
    }

    [Fact]
    public async Task Form_data_accepts_xml_and_json_and_rejects_other_types()
    {
        await using var h = await StartAsync(Metadata(false, new DataType { Id = "extra-form", TaskId = "Task_1", MaxCount = 0, AppLogic = new ApplicationLogic { ClassRef = "Extra" } }));
        var instance = await h.CreateAsync(h.UserToken, PersonParty);

        await h.UploadAsync(instance, h.UserToken, "extra-form", new StringContent("{\"a\":1}", Encoding.UTF8, "application/json"));
        await h.UploadAsync(instance, h.UserToken, "extra-form", Xml("<Extra/>"));
        var empty = await h.UploadAsync(instance, h.UserToken, "extra-form", null!);
        string id = empty.GetProperty("newDataElementId").GetString()!;
        using (var download = await h.SendAsync(HttpMethod.Get, $"{PathOf(instance)}/data/{id}", h.UserToken))
        {
            (await download.Content.ReadAsStringAsync()).Should().Be("{}", "the empty model, as JSON by default");
        }

        using (var asXml = await h.SendAsync(HttpMethod.Get, $"{PathOf(instance)}/data/{id}", h.UserToken, accept: "application/xml"))
        {
            (await asXml.Content.ReadAsStringAsync()).Should().Contain("<Extra ");
        }

        using var text = await h.SendAsync(HttpMethod.Post, $"{PathOf(instance)}/data/type/extra-form", h.UserToken, new StringContent("x", Encoding.UTF8, "text/plain"));
        text.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_large_upload_of_unknown_length_is_streamed_to_disk()
    {
        await using var h = await StartAsync(Metadata(false, new DataType { Id = "big", TaskId = "Task_1", MaxCount = 0 }));
        var instance = await h.CreateAsync(h.UserToken, PersonParty);
        // Large enough that buffering would show; full 1 GiB transfers belong in bench/, not in the test suite.
        const long size = 128L * 1024 * 1024;
        var content = new UnknownLengthContent(size);
        content.Headers.ContentType = new("application/octet-stream");
        content.Headers.TryAddWithoutValidation("Content-Disposition", "attachment; filename=big.bin");
        using var http = new HttpClient { BaseAddress = h.Emulator.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{PathOf(instance)}/data/type/big") { Content = content };
        request.Headers.Authorization = new("Bearer", h.UserToken);
        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var posted = await JsonAsync(response);

        string id = posted.GetProperty("newDataElementId").GetString()!;
        new FileInfo(h.Emulator.Context.State.Blobs.PathOf(GuidOf(instance), Guid.Parse(id))).Length.Should().Be(size);
        posted.GetProperty("instance").GetProperty("data").EnumerateArray().Single(d => d.GetProperty("id").GetString() == id).GetProperty("size").GetInt64().Should().Be(size);
    }
}
