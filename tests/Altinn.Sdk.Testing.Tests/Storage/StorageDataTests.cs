using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Altinn.Sdk.Models;
using static Altinn.Sdk.Testing.Tests.Storage.StorageHost;

namespace Altinn.Sdk.Testing.Tests.Storage;

public class StorageDataTests
{
    [Fact]
    public async Task Upload_then_download_streams_the_content_with_type_and_file_name()
    {
        await using var host = await StartAsync();
        var instance = await host.CreateAsync(PartyA);
        var element = await host.UploadAsync(instance, content: "%PDF-1.7 body", contentType: "application/pdf", filename: "Kvittering%20mai.pdf");

        element.Filename.Should().Be("Kvittering mai.pdf", "Storage URL-decodes the file name");
        element.Size.Should().Be(13);
        element.ContentHash.Should().Be(Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes("%PDF-1.7 body"))));
        element.IsRead.Should().BeFalse("the app owner uploaded it");
        element.FileScanResult.Should().Be(FileScanResult.NotApplicable);
        element.BlobStoragePath.Should().Be($"ttd/apps-test/{instance.Id!.InstanceGuid}/data/{element.Id}");
        element.SelfLinks!.Platform.Should().Be(host.Http.BaseAddress + $"instances/{instance.Id}/data/{element.Id}");

        using (var r = await host.GetAsync($"instances/{instance.Id}/data/{element.Id}", host.UserATok))
        {
            r.StatusCode.Should().Be(HttpStatusCode.OK);
            r.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
            r.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
            r.Content.Headers.ContentDisposition.FileName!.Trim('"').Should().Be("Kvittering mai.pdf");
            (await r.Content.ReadAsStringAsync()).Should().Be("%PDF-1.7 body");
        }

        (await host.GetInstanceAsync(instance)).Data!.Single().IsRead.Should().BeTrue("a read by the owner party marks it read");
        (await StorageInstanceTests.EventsAsync(host, instance, "?eventTypes=Created")).Should().Contain(e => e.DataId == element.Id.ToString());

        var nonAscii = await host.UploadAsync(instance, filename: null, content: "x");
        using (var r = await host.GetAsync($"instances/{instance.Id}/data/{nonAscii.Id}", host.Org)) r.Content.Headers.ContentDisposition.Should().BeNull();
        using (var body = new StringContent("ø", Encoding.UTF8, "text/plain"))
        {
            body.Headers.ContentDisposition = ContentDispositionHeaderValue.Parse("attachment; filename*=UTF-8''S%C3%B8knad.txt");
            using var upload = await host.SendAsync(HttpMethod.Post, $"instances/{instance.Id}/data?dataType=attachment", host.UserATok, body);
            var named = (await ReadAsync<DataElement>(upload))!;
            named.Filename.Should().Be("Søknad.txt");
            named.IsRead.Should().BeTrue();
            using var r = await host.GetAsync($"instances/{instance.Id}/data/{named.Id}", host.Org);
            r.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("Søknad.txt");
        }
    }

    [Fact]
    public async Task Download_and_upload_failures()
    {
        await using var host = await StartAsync();
        var instance = await host.CreateAsync(PartyA);
        var element = await host.UploadAsync(instance);

        using (var r = await host.GetAsync($"instances/{instance.Id}/data/{Guid.NewGuid()}", host.Org)) r.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using (var r = await host.GetAsync($"instances/{PartyA}/{Guid.NewGuid()}/data/{element.Id}", host.Org)) r.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using (var r = await host.GetAsync($"instances/0/{instance.Id!.InstanceGuid}/data/{element.Id}", host.Org)) r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var r = await host.GetAsync($"instances/{instance.Id}/data/{element.Id}", host.UserBTok)) r.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using (var body = new StringContent("x"))
        using (var r = await host.SendAsync(HttpMethod.Post, $"instances/{instance.Id}/data?dataType=nope", host.Org, body)) r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var body = new ByteArrayContent([]))
        using (var r = await host.SendAsync(HttpMethod.Post, $"instances/{instance.Id}/data?dataType=attachment", host.Org, body)) r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var body = new StringContent("x"))
        using (var r = await host.SendAsync(HttpMethod.Post, $"instances/{instance.Id}/data?dataType=attachment", host.Emulator.CreateOrgToken("ttd", "altinn:serviceowner/instances.read"), body)) r.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using (var body = new StringContent("x"))
        using (var r = await host.SendAsync(HttpMethod.Post, $"instances/{instance.Id}/data?dataType=attachment", host.UserBTok, body)) r.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await host.GetInstanceAsync(instance)).Data.Should().ContainSingle();
    }

    [Fact]
    public async Task Upload_reads_the_first_multipart_section_and_records_references()
    {
        await using var host = await StartAsync();
        var instance = await host.CreateAsync(PartyA);
        var other = await host.UploadAsync(instance);
        using var multipart = new MultipartFormDataContent();
        var part = new StringContent("<a/>", Encoding.UTF8, "application/xml");
        multipart.Add(part, "file", "skjema.xml");
        multipart.Add(new StringContent("ignored"), "second");
        using var r = await host.SendAsync(HttpMethod.Post, $"instances/{instance.Id}/data?dataType=scanned&generatedFromTask=Task_1&refs={other.Id}", host.Org, multipart);
        r.StatusCode.Should().Be(HttpStatusCode.Created);
        var element = (await ReadAsync<DataElement>(r))!;
        element.ContentType.Should().StartWith("application/xml");
        element.Filename.Should().Be("skjema.xml");
        element.Size.Should().Be(4);
        element.FileScanResult.Should().Be(FileScanResult.Pending);
        element.Refs.Should().Equal(other.Id);
        element.References.Should().ContainSingle().Which.Should().BeEquivalentTo(new Reference { Value = "Task_1", Relation = ReferenceRelation.GeneratedFrom, ValueType = ReferenceValueType.Task });
    }

    [Fact]
    public async Task Overwriting_content_keeps_no_references_or_refs_the_request_does_not_give()
    {
        await using var host = await StartAsync();
        var instance = await host.CreateAsync(PartyA);
        var other = await host.UploadAsync(instance);
        DataElement element;
        using (var body = new StringContent("first", Encoding.UTF8, "text/plain"))
        using (var r = await host.SendAsync(HttpMethod.Post, $"instances/{instance.Id}/data?dataType=attachment&generatedFromTask=Task_1&refs={other.Id}", host.UserATok, body))
        {
            r.StatusCode.Should().Be(HttpStatusCode.Created);
            element = (await ReadAsync<DataElement>(r))!;
            element.References.Should().ContainSingle();
            element.Refs.Should().Equal(other.Id);
        }

        using (var body = new StringContent("pdf", Encoding.UTF8, "application/xml"))
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/data/{element.Id}", host.UserATok, body))
        {
            r.StatusCode.Should().Be(HttpStatusCode.OK);
            string json = await r.Content.ReadAsStringAsync();
            json.Should().NotContain("\"references\"", "Storage writes the new content's references (none) over the old ones").And.NotContain("\"refs\"");
        }

        using (var body = new StringContent("again", Encoding.UTF8, "text/plain"))
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/data/{element.Id}?generatedFromTask=Task_2", host.UserATok, body))
        {
            (await ReadAsync<DataElement>(r))!.References.Should().ContainSingle().Which.Value.Should().Be("Task_2");
        }

        (await host.GetInstanceAsync(instance)).Data!.Single(d => d.Id == element.Id).References.Should().ContainSingle().Which.Value.Should().Be("Task_2");
    }

    [Fact]
    public async Task Overwrite_replaces_content_unless_locked_and_lock_answers_201_then_200()
    {
        await using var host = await StartAsync();
        var instance = await host.CreateAsync(PartyA);
        var element = await host.UploadAsync(instance);

        using (var body = new StringContent("second version", Encoding.UTF8, "text/plain"))
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/data/{element.Id}", host.UserATok, body))
        {
            r.StatusCode.Should().Be(HttpStatusCode.OK);
            var saved = (await ReadAsync<DataElement>(r))!;
            saved.Size.Should().Be(14);
            saved.Filename.Should().Be("a.txt", "no new file name keeps the old one");
            saved.LastChangedBy.Should().Be(UserA.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using (var r = await host.GetAsync($"instances/{instance.Id}/data/{element.Id}", host.Org)) (await r.Content.ReadAsStringAsync()).Should().Be("second version");
        (await StorageInstanceTests.EventsAsync(host, instance, "?eventTypes=Saved")).Should().ContainSingle();
        using (var body = new ByteArrayContent([]))
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/data/{element.Id}", host.Org, body)) r.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);

        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/data/{element.Id}/lock", host.Org))
        {
            r.StatusCode.Should().Be(HttpStatusCode.Created);
            (await ReadAsync<DataElement>(r))!.Locked.Should().BeTrue();
        }

        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/data/{element.Id}/lock", host.Org)) r.StatusCode.Should().Be(HttpStatusCode.OK);
        using (var body = new StringContent("third"))
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/data/{element.Id}", host.Org, body)) r.StatusCode.Should().Be(HttpStatusCode.Conflict);
        using (var r = await host.GetAsync($"instances/{instance.Id}/data/{element.Id}", host.Org)) (await r.Content.ReadAsStringAsync()).Should().Be("second version");

        using (var r = await host.SendAsync(HttpMethod.Delete, $"instances/{instance.Id}/data/{element.Id}/lock", host.Org))
        {
            r.StatusCode.Should().Be(HttpStatusCode.OK);
            (await ReadAsync<DataElement>(r))!.Locked.Should().BeFalse();
        }

        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/data/{Guid.NewGuid()}/lock", host.Org)) r.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/data/{element.Id}/lock", host.UserBTok)) r.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Delete_now_removes_delay_marks_hard_deleted_only_for_auto_delete_types()
    {
        await using var host = await StartAsync();
        var instance = await host.CreateAsync(PartyA);
        var attachment = await host.UploadAsync(instance);
        var temp = await host.UploadAsync(instance, dataType: "temp");

        using (var r = await host.SendAsync(HttpMethod.Delete, $"instances/{instance.Id}/data/{attachment.Id}?delay=true", host.Org)) r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var r = await host.SendAsync(HttpMethod.Delete, $"instances/{instance.Id}/data/{temp.Id}?delay=true", host.Org))
        {
            r.StatusCode.Should().Be(HttpStatusCode.OK);
            var marked = (await ReadAsync<DataElement>(r))!;
            marked.DeleteStatus!.IsHardDeleted.Should().BeTrue();
            marked.DeleteStatus.HardDeleted.Should().NotBeNull();
        }

        (await host.GetInstanceAsync(instance)).Data!.Select(d => d.Id).Should().Equal(attachment.Id, temp.Id);
        (await host.GetInstanceAsync(instance, host.UserATok)).Data!.Select(d => d.Id).Should().Equal(attachment.Id);
        using (var r = await host.GetAsync($"instances/{instance.Id}/dataelements", host.UserATok))
        {
            (await ReadAsync<DataElementList>(r))!.DataElements!.Select(d => d.Id).Should().Equal(attachment.Id);
        }

        using (var r = await host.GetAsync($"instances/{instance.Id}/data/{temp.Id}", host.UserATok)) r.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using (var r = await host.GetAsync($"instances/{instance.Id}/data/{temp.Id}", host.Org)) r.StatusCode.Should().Be(HttpStatusCode.OK);
        using (var r = await host.SendAsync(HttpMethod.Delete, $"instances/{instance.Id}/data/{temp.Id}", host.UserATok)) r.StatusCode.Should().Be(HttpStatusCode.NotFound);

        using (var r = await host.SendAsync(HttpMethod.Delete, $"instances/{instance.Id}/data/{attachment.Id}", host.UserATok)) r.StatusCode.Should().Be(HttpStatusCode.OK);
        using (var r = await host.GetAsync($"instances/{instance.Id}/data/{attachment.Id}", host.Org)) r.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await host.GetInstanceAsync(instance)).Data!.Select(d => d.Id).Should().Equal(temp.Id);
        (await StorageInstanceTests.EventsAsync(host, instance, "?eventTypes=Deleted")).Should().HaveCount(2);
    }

    [Fact]
    public async Task Metadata_update_writes_only_Storage_fields_and_needs_matching_ids()
    {
        await using var host = await StartAsync();
        var instance = await host.CreateAsync(PartyA);
        var element = await host.UploadAsync(instance);
        string json = $$"""{"id":"{{element.Id}}","instanceGuid":"{{instance.Id!.InstanceGuid}}","tags":["a"],"metadata":[{"key":"k","value":"v"}],"filename":"changed.txt","size":99,"locked":true}""";

        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/dataelements/{element.Id}", host.Org, Json(json)))
        {
            r.StatusCode.Should().Be(HttpStatusCode.OK);
            var updated = (await ReadAsync<DataElement>(r))!;
            updated.Tags.Should().Equal("a");
            updated.Metadata.Should().ContainSingle().Which.Value.Should().Be("v");
            updated.Locked.Should().BeTrue();
            updated.Filename.Should().Be("a.txt");
            updated.Size.Should().Be(element.Size);
        }

        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/dataelements/{Guid.NewGuid()}", host.Org, Json(json))) r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/dataelements/{element.Id}", host.UserBTok, Json(json))) r.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using (var r = await host.GetAsync($"instances/{instance.Id}/dataelements", host.UserBTok)) r.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
