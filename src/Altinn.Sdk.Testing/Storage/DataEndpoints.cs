using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Altinn.Sdk.Testing.Storage;

/// <summary>Storage's data element endpoints: download, list, upload, overwrite, metadata update, delete, lock.</summary>
internal static class DataEndpoints
{
    /// <summary>Storage's overwrite (<c>PUT …/data/{id}</c>) has no size attribute: Kestrel's default limit applies.</summary>
    internal const long OverwriteLimit = 30_000_000;

    /// <summary>DG: <c>GET instances/{p}/{g}/data/{dataGuid}</c>, streamed with the stored content type and file name.</summary>
    public static async Task DownloadAsync(HttpContext context, EmulatorContext emulator)
    {
        if (StorageRequest.RouteInt(context, "instanceOwnerPartyId") == 0)
        {
            throw new StorageAnswerException(StatusCodes.Status400BadRequest, "Missing parameter value: instanceOwnerPartyId can not be empty.");
        }

        var target = StorageAccess.Load(context, emulator, InstanceAction.Read, missingIsNotFound: true);
        var element = Element(context, target, hideHardDeleted: true);
        if (!emulator.State.Blobs.Exists(target.Guid, element.Id))
        {
            throw new StorageAnswerException(StatusCodes.Status404NotFound, $"Unable to find any data element with id: {element.Id}.");
        }

        Stream content;
        try
        {
            content = emulator.State.Blobs.OpenRead(target.Guid, element.Id);
        }
        catch (FileNotFoundException)
        {
            throw new StorageAnswerException(StatusCodes.Status404NotFound, $"Unable to find any data element with id: {element.Id}.");
        }

        await using (content)
        {
            if (!target.IsAppOwner && !element.IsRead)
            {
                // A read by anyone but the app owner marks the element read.
                emulator.State.Update(target.Guid, instance => WithElement(instance, element.Id, e => e with { IsRead = true }));
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = element.ContentType ?? "application/octet-stream";
            context.Response.ContentLength = content.Length;
            if (!string.IsNullOrEmpty(element.Filename))
            {
                var disposition = new ContentDispositionHeaderValue("attachment");
                disposition.SetHttpFileName(element.Filename);
                context.Response.Headers.ContentDisposition = disposition.ToString();
            }

            await content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    /// <summary>DL: <c>GET instances/{p}/{g}/dataelements</c>.</summary>
    public static Task ListAsync(HttpContext context, EmulatorContext emulator)
    {
        var target = StorageAccess.Load(context, emulator, InstanceAction.Read, missingIsNotFound: false);
        var instance = StoragePresentation.Present(emulator, target.Instance, target.IsAppOwner);
        return context.StorageJson(new DataElementList { DataElements = instance.Data ?? [] });
    }

    /// <summary>DC: <c>POST instances/{p}/{g}/data?dataType=&amp;refs=&amp;generatedFromTask=</c>.</summary>
    public static async Task UploadAsync(HttpContext context, EmulatorContext emulator)
    {
        var target = StorageAccess.Load(context, emulator, InstanceAction.Write, missingIsNotFound: false);
        string? dataTypeId = context.Request.Query["dataType"].LastOrDefault();
        if (string.IsNullOrEmpty(dataTypeId)) throw new StorageAnswerException(StatusCodes.Status400BadRequest, "Missing parameter value: dataType must be set.");
        var app = emulator.State.FindApp(target.Instance.AppId!.ToString())
            ?? throw new StorageAnswerException(StatusCodes.Status404NotFound, $"Did not find application with appId={target.Instance.AppId}");
        var dataType = app.FindDataType(dataTypeId) ?? throw new StorageAnswerException(StatusCodes.Status400BadRequest, $"Cannot find a data type with id {dataTypeId} in the application.");
        var refs = Refs(context);
        string? generatedFromTask = context.Request.Query["generatedFromTask"].LastOrDefault();

        Guid dataGuid = Guid.NewGuid();
        var upload = await OpenBodyAsync(context);
        if (upload is null) throw new StorageAnswerException(StatusCodes.Status400BadRequest, "No data attachments found: the body is empty.");
        var (size, hash) = await emulator.State.Blobs.WriteAsync(target.Guid, dataGuid, upload.Content, maxBytes: null, context.RequestAborted);

        var now = emulator.Clock.GetUtcNow();
        var element = DataElements.New(target.Instance.AppId!, target.Guid, dataGuid, dataTypeId, upload.ContentType, upload.Filename, size, hash, now, target.Caller.ActorId) with
        {
            Refs = refs,
            IsRead = !target.IsAppOwner,
            FileScanResult = dataType.EnableFileScan ? FileScanResult.Pending : FileScanResult.NotApplicable,
            References = GeneratedFrom(generatedFromTask),
        };

        var updated = emulator.State.Update(target.Guid, instance => instance with
        {
            Data = [.. instance.Data ?? [], element],
            LastChanged = now,
            LastChangedBy = target.Caller.ActorId,
        });
        if (updated is null)
        {
            emulator.State.Blobs.Delete(target.Guid, dataGuid);
            throw new StorageAnswerException(StatusCodes.Status404NotFound, $"Unable to find any instance with id: {target.Instance.Id}.");
        }

        StorageEvents.RecordEvent(emulator, target.Caller, updated, "Created", dataGuid);
        var written = StoragePresentation.Present(emulator, updated, element);
        context.Response.Headers.Location = written.SelfLinks!.Platform;
        await context.StorageJson(written, StatusCodes.Status201Created);
    }

    /// <summary>DO: <c>PUT instances/{p}/{g}/data/{dataGuid}</c>; 409 when locked, 422 when the body is empty.</summary>
    public static async Task OverwriteAsync(HttpContext context, EmulatorContext emulator)
    {
        var target = StorageAccess.Load(context, emulator, InstanceAction.Write, missingIsNotFound: false);
        var element = Element(context, target, hideHardDeleted: true);
        if (element.Locked) throw new StorageAnswerException(StatusCodes.Status409Conflict, $"Data element {element.Id} is locked and cannot be updated.");
        var refs = Refs(context);
        string? generatedFromTask = context.Request.Query["generatedFromTask"].LastOrDefault();

        var upload = await OpenBodyAsync(context);
        if (upload is null) throw new StorageAnswerException(StatusCodes.Status422UnprocessableEntity, "No data found in the request body.");
        long size;
        string hash;
        try
        {
            (size, hash) = await emulator.State.Blobs.WriteAsync(target.Guid, element.Id, upload.Content, OverwriteLimit, context.RequestAborted);
        }
        catch (BlobTooLargeException)
        {
            throw new StorageAnswerException(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {OverwriteLimit} bytes.");
        }

        var now = emulator.Clock.GetUtcNow();
        DataElement? saved = null;
        var updated = emulator.State.Update(target.Guid, instance =>
        {
            var result = WithElement(instance, element.Id, e => saved = e with
            {
                ContentType = upload.ContentType,
                Filename = upload.Filename ?? e.Filename,
                Size = size,
                ContentHash = hash,
                // Storage writes the new content's refs and references over the old ones: none given, none kept.
                Refs = refs,
                References = GeneratedFrom(generatedFromTask),
                LastChanged = now,
                LastChangedBy = target.Caller.ActorId,
            });
            return result with { LastChanged = now, LastChangedBy = target.Caller.ActorId };
        }) ?? throw new StorageAnswerException(StatusCodes.Status404NotFound, $"Unable to find any instance with id: {target.Instance.Id}.");
        StorageEvents.RecordEvent(emulator, target.Caller, updated, "Saved", element.Id);
        await context.StorageJson(StoragePresentation.Present(emulator, updated, saved!));
    }

    /// <summary>DM: <c>PUT instances/{p}/{g}/dataelements/{dataGuid}</c>; writes only the fields Storage writes.</summary>
    public static async Task UpdateMetadataAsync(HttpContext context, EmulatorContext emulator)
    {
        var target = StorageAccess.Load(context, emulator, InstanceAction.Write, missingIsNotFound: false);
        Guid dataGuid = StorageRequest.RouteGuid(context, "dataGuid");
        var posted = await context.ReadJsonAsync<DataElement>() ?? throw new StorageAnswerException(StatusCodes.Status400BadRequest, "The body must be a data element.");
        if (posted.Id != dataGuid || posted.InstanceGuid != target.Guid)
        {
            throw new StorageAnswerException(StatusCodes.Status400BadRequest, "Mismatch between path and dataElement content: id and instanceGuid must match the path.");
        }

        var element = Element(context, target, hideHardDeleted: true);
        var now = emulator.Clock.GetUtcNow();
        DataElement? saved = null;
        var updated = InstanceEndpoints.Update(emulator, target, instance => WithElement(instance, element.Id, e => saved = e with
        {
            Locked = posted.Locked,
            Refs = posted.Refs,
            References = posted.References,
            Tags = posted.Tags ?? [],
            UserDefinedMetadata = posted.UserDefinedMetadata,
            Metadata = posted.Metadata,
            DeleteStatus = posted.DeleteStatus,
            LastChanged = posted.LastChanged ?? now,
            LastChangedBy = posted.LastChangedBy ?? target.Caller.ActorId,
        }) with { LastChanged = now, LastChangedBy = target.Caller.ActorId });
        await context.StorageJson(StoragePresentation.Present(emulator, updated, saved!));
    }

    /// <summary>DD: <c>DELETE instances/{p}/{g}/data/{dataGuid}?delay=</c>.</summary>
    public static Task DeleteAsync(HttpContext context, EmulatorContext emulator)
    {
        var target = StorageAccess.Load(context, emulator, InstanceAction.Write, missingIsNotFound: false);
        var element = Element(context, target, hideHardDeleted: true);
        bool delay = StorageRequest.QueryBool(context, "delay") ?? false;
        var now = emulator.Clock.GetUtcNow();
        DataElement result;
        Instance updated;
        if (delay)
        {
            var dataType = emulator.State.FindApp(target.Instance.AppId!.ToString())?.FindDataType(element.DataType ?? string.Empty);
            if (dataType?.AppLogic?.AutoDeleteOnProcessEnd != true)
            {
                throw new StorageAnswerException(StatusCodes.Status400BadRequest, $"DataType {element.DataType} does not support delayed deletion.");
            }

            DataElement? marked = null;
            updated = InstanceEndpoints.Update(emulator, target, instance => WithElement(instance, element.Id, e => marked = e with
            {
                DeleteStatus = new DeleteStatus { IsHardDeleted = true, HardDeleted = now },
                LastChanged = now,
                LastChangedBy = target.Caller.ActorId,
            }) with { LastChanged = now, LastChangedBy = target.Caller.ActorId });
            result = marked!;
        }
        else
        {
            updated = InstanceEndpoints.Update(emulator, target, instance => instance with
            {
                Data = (instance.Data ?? []).Where(d => d.Id != element.Id).ToArray(),
                LastChanged = now,
                LastChangedBy = target.Caller.ActorId,
            });
            emulator.State.Blobs.Delete(target.Guid, element.Id);
            result = element;
        }

        StorageEvents.RecordEvent(emulator, target.Caller, updated, "Deleted", element.Id);
        return context.StorageJson(StoragePresentation.Present(emulator, updated, result));
    }

    /// <summary>DK: <c>PUT …/data/{dataGuid}/lock</c> (201 newly locked, 200 already) and <c>DELETE …/lock</c> (200).</summary>
    public static Task LockAsync(HttpContext context, EmulatorContext emulator, bool locked)
    {
        var target = StorageAccess.Load(context, emulator, InstanceAction.Write, missingIsNotFound: true);
        var element = Element(context, target, hideHardDeleted: true);
        bool changed = element.Locked != locked;
        DataElement saved = element;
        var updated = target.Instance;
        if (changed)
        {
            updated = InstanceEndpoints.Update(emulator, target, instance => WithElement(instance, element.Id, e => saved = e with { Locked = locked }));
        }

        int status = locked && changed ? StatusCodes.Status201Created : StatusCodes.Status200OK;
        return context.StorageJson(StoragePresentation.Present(emulator, updated, saved), status);
    }

    /// <summary>The route's data element; 404 when missing, or hard-deleted and the caller is not the app owner.</summary>
    private static DataElement Element(HttpContext context, InstanceTarget target, bool hideHardDeleted)
    {
        Guid dataGuid = StorageRequest.RouteGuid(context, "dataGuid");
        var element = target.Instance.Data?.FirstOrDefault(d => d.Id == dataGuid);
        if (element is null || (hideHardDeleted && !target.IsAppOwner && element.DeleteStatus?.IsHardDeleted == true))
        {
            throw new StorageAnswerException(StatusCodes.Status404NotFound, $"Unable to find any data element with id: {dataGuid}.");
        }

        return element;
    }

    /// <summary>The instance with one element changed; 404 when the element went away meanwhile.</summary>
    private static Instance WithElement(Instance instance, Guid dataGuid, Func<DataElement, DataElement> change)
    {
        var data = instance.Data?.ToArray() ?? [];
        int index = Array.FindIndex(data, d => d.Id == dataGuid);
        if (index < 0) throw new StorageAnswerException(StatusCodes.Status404NotFound, $"Unable to find any data element with id: {dataGuid}.");
        data[index] = change(data[index]);
        return instance with { Data = data };
    }

    /// <summary>The reference <c>generatedFromTask</c> adds, or null.</summary>
    private static Reference[]? GeneratedFrom(string? taskId) =>
        string.IsNullOrEmpty(taskId) ? null : [new Reference { Value = taskId, Relation = ReferenceRelation.GeneratedFrom, ValueType = ReferenceValueType.Task }];

    private static Guid[]? Refs(HttpContext context)
    {
        var values = context.Request.Query["refs"];
        if (values.Count == 0) return null;
        var refs = new List<Guid>();
        foreach (string? value in values)
        {
            if (!Guid.TryParse(value, out var guid)) throw new StorageAnswerException(StatusCodes.Status400BadRequest, $"Invalid refs value: {value} is not a guid.");
            refs.Add(guid);
        }

        return [.. refs];
    }

    /// <summary>
    /// The upload's content, content type and file name: the raw body with its headers, or the first section of a
    /// multipart body. Null when the content is empty. The file name comes from <c>filename*</c> or <c>filename</c>,
    /// unquoted and URL-decoded, as Storage does.
    /// </summary>
    private static async Task<Upload?> OpenBodyAsync(HttpContext context)
    {
        var request = context.Request;
        Stream body = request.Body;
        string? contentType = request.ContentType;
        string? disposition = request.Headers.ContentDisposition.ToString();
        if (contentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true
            && MediaTypeHeaderValue.TryParse(contentType, out var media)
            && HeaderUtilities.RemoveQuotes(media.Boundary).Value is { Length: > 0 } boundary)
        {
            var section = await new MultipartReader(boundary, request.Body).ReadNextSectionAsync(context.RequestAborted);
            if (section is null) return null;
            body = section.Body;
            contentType = section.ContentType;
            disposition = section.ContentDisposition;
        }

        byte[] first = new byte[1];
        int read = await body.ReadAsync(first, context.RequestAborted);
        if (read == 0) return null;
        return new Upload(new PrefixedStream(first[0], body), contentType, FileName(disposition));
    }

    private static string? FileName(string? disposition)
    {
        if (string.IsNullOrEmpty(disposition) || !ContentDispositionHeaderValue.TryParse(disposition, out var parsed)) return null;
        string? name = parsed.FileNameStar.HasValue ? parsed.FileNameStar.Value : parsed.FileName.HasValue ? HeaderUtilities.RemoveQuotes(parsed.FileName).Value : null;
        return string.IsNullOrEmpty(name) ? null : WebUtility.UrlDecode(name);
    }

    private sealed record Upload(Stream Content, string? ContentType, string? Filename);

    /// <summary>A read-only stream: one byte already read, then the rest of the source.</summary>
    private sealed class PrefixedStream(byte first, Stream rest) : Stream
    {
        private bool _firstPending = true;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.Length == 0) return 0;
            if (_firstPending)
            {
                _firstPending = false;
                buffer.Span[0] = first;
                return 1;
            }

            return await rest.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
