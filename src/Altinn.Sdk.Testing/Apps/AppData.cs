using System.Net;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Altinn.Sdk.Testing.Apps;

/// <summary>The data endpoints of the App API (D1-D4, D7) and the data-type rules they enforce.</summary>
internal static class AppData
{
    private const string OctetStream = "application/octet-stream";
    private static readonly FileExtensionContentTypeProvider s_mimeTypes = new();

    // ---- D1/D2 create ----

    /// <summary>D1: <c>POST data/type/{dataType}</c> (and the alias <c>data/{dataType}</c>): 200 DataPostResponse.</summary>
    public static async Task CreateAsync(AppCall call)
    {
        var (instance, element) = await UploadAsync(call, (string)call.Http.Request.RouteValues["dataType"]!);
        await call.Json(new DataPostResponse(element.Id, call.Response(instance), [], []));
    }

    /// <summary>D2 (obsolete): <c>POST data?dataType=</c>: 201 DataElement with Location.</summary>
    public static async Task CreateLegacyAsync(AppCall call)
    {
        string dataType = call.Query("dataType") ?? throw AppProblem.Text(StatusCodes.Status400BadRequest, "Element type must be provided.");
        var (instance, element) = await UploadAsync(call, dataType);
        var shown = Linked(call, instance, element.Id);
        call.Http.Response.Headers.Location = shown.SelfLinks!.Apps;
        await call.Json(shown, StatusCodes.Status201Created);
    }

    private static async Task<(Instance Instance, DataElement Element)> UploadAsync(AppCall call, string dataTypeId)
    {
        var instance = call.LoadInstance(write: true);
        var dataType = call.App.FindDataType(dataTypeId)
            ?? throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", $"Element type {dataTypeId} not allowed for instance {instance.Id}.");
        CheckWritable(call, instance, dataType);
        if (dataType.AppLogic?.DisallowUserCreate == true && !call.IsAppOwner)
        {
            throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", $"Element type {dataTypeId} cannot be created by end users (appLogic.disallowUserCreate).");
        }

        CheckCount(dataType, instance);
        var (contentType, filename, empty) = ReadContentHeaders(call, dataType, replace: false);
        var instanceGuid = instance.Id!.InstanceGuid;
        var dataGuid = Guid.NewGuid();
        var (size, hash) = empty
            ? await WriteEmptyFormDataAsync(call, instanceGuid, dataGuid, dataType)
            : await WriteContentAsync(call, instanceGuid, dataGuid, dataType, contentType);
        if (!empty) await CheckedAsync(call, instanceGuid, dataGuid, dataType, StoredContentType(dataType, contentType));
        var element = NewElement(call, instanceGuid, dataGuid, dataType, StoredContentType(dataType, contentType), filename, size, hash);
        var now = call.Now;
        Instance updated;
        try
        {
            updated = call.Update(instanceGuid, i =>
            {
                CheckActive(i);
                CheckCount(dataType, i);
                return i with { Data = [.. i.Data ?? [], element], LastChanged = now, LastChangedBy = call.Caller.ActorId };
            });
        }
        catch
        {
            call.State.Blobs.Delete(instanceGuid, dataGuid);
            throw;
        }

        call.AddEvent(updated, "Created", dataGuid);
        return (updated, element);
    }

    // ---- D3 get ----

    /// <summary>D3: <c>GET data/{d}</c> (optionally <c>/type/{dataType}</c>): the content with its type and file name.</summary>
    public static async Task GetAsync(AppCall call)
    {
        var instance = call.LoadInstance(write: false);
        var element = FindElement(call, instance);
        var instanceGuid = instance.Id!.InstanceGuid;
        if (!call.State.Blobs.Exists(instanceGuid, element.Id)) throw AppProblem.Empty(StatusCodes.Status404NotFound);
        if (!call.IsAppOwner && (!element.IsRead || instance.Status?.ReadStatus != ReadStatus.Read))
        {
            // Storage marks the element read; the app's DataController also sets the instance's read status.
            call.Update(instanceGuid, i => i with
            {
                Data = i.Data?.Select(d => d.Id == element.Id ? d with { IsRead = true } : d).ToArray(),
                Status = (i.Status ?? new InstanceStatus()) with { ReadStatus = ReadStatus.Read },
            });
        }

        await using var content = call.State.Blobs.OpenRead(instanceGuid, element.Id);
        var response = call.Http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        if (call.App.FindDataType(element.DataType ?? string.Empty) is { IsFormData: true } formType)
        {
            // The app returns its model through content negotiation (Ok(model)), never the stored bytes' type or name.
            string mediaType = AppFormData.Negotiate(call.Http.Request);
            response.ContentType = AppFormData.ResponseContentType(mediaType);
            await AppFormData.WriteAsync(content, AppFormData.IsXml(element.ContentType), AppFormData.IsXml(mediaType), AppFormData.RootName(formType), response.Body, call.Http.RequestAborted);
            return;
        }

        response.ContentType = element.ContentType ?? OctetStream;
        response.ContentLength = content.Length;
        if (element.Filename is { Length: > 0 } filename)
        {
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(filename);
            response.Headers.ContentDisposition = disposition.ToString();
        }

        await content.CopyToAsync(response.Body, call.Http.RequestAborted);
    }

    // ---- D4 replace ----

    /// <summary>D4: <c>PUT data/{d}</c>: replaces the content; 201 DataElement.</summary>
    public static async Task ReplaceAsync(AppCall call)
    {
        var instance = call.LoadInstance(write: true);
        var element = FindElement(call, instance);
        var dataType = call.App.FindDataType(element.DataType ?? string.Empty)
            ?? throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", $"The data type {element.DataType} is not in the app's metadata.");
        CheckWritable(call, instance, dataType);
        if (element.Locked) throw AppProblem.Details(StatusCodes.Status409Conflict, "Conflict", $"The data element {element.Id} is locked and cannot be updated.");
        var (contentType, _, empty) = ReadContentHeaders(call, dataType, replace: true);
        if (empty) throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", "The request has no content.");

        // The app's PutBinaryData passes on only the plain filename (filename* is ignored), so the client's ASCII form is stored.
        string? filename = ContentDispositionHeaderValue.TryParse(call.Http.Request.Headers.ContentDisposition.ToString(), out var disposition)
            ? FileName(disposition, plainOnly: true)
            : null;

        // Written beside the element first, so a rejected upload leaves the old content untouched.
        var instanceGuid = instance.Id!.InstanceGuid;
        var staging = Guid.NewGuid();
        var (size, hash) = await WriteContentAsync(call, instanceGuid, staging, dataType, contentType);
        await CheckedAsync(call, instanceGuid, staging, dataType, StoredContentType(dataType, contentType));
        var now = call.Now;
        Instance updated;
        try
        {
            updated = call.Update(instanceGuid, i =>
            {
                CheckActive(i);
                if (i.Data?.FirstOrDefault(d => d.Id == element.Id) is not { } current || current.DeleteStatus?.IsHardDeleted == true) throw AppProblem.Empty(StatusCodes.Status404NotFound);
                if (current.Locked) throw AppProblem.Details(StatusCodes.Status409Conflict, "Conflict", $"The data element {element.Id} is locked and cannot be updated.");
                File.Move(call.State.Blobs.PathOf(instanceGuid, staging), call.State.Blobs.PathOf(instanceGuid, element.Id), overwrite: true);
                return i with
                {
                    Data = i.Data.Select(d => d.Id != element.Id ? d : d with
                    {
                        ContentType = StoredContentType(dataType, contentType),
                        Filename = dataType.IsFormData ? d.Filename : filename,
                        Size = size,
                        ContentHash = hash,
                        IsRead = !call.IsAppOwner,
                        LastChanged = now,
                        LastChangedBy = call.Caller.ActorId,
                    }).ToArray(),
                    LastChanged = now,
                    LastChangedBy = call.Caller.ActorId,
                };
            });
        }
        finally
        {
            call.State.Blobs.Delete(instanceGuid, staging);
        }

        call.AddEvent(updated, "Saved", element.Id);
        var shown = Linked(call, updated, element.Id);
        call.Http.Response.Headers.Location = shown.SelfLinks!.Apps;
        await call.Json(shown, StatusCodes.Status201Created);
    }

    // ---- D7 delete ----

    /// <summary>D7: <c>DELETE data/{d}</c>: removes the element and its content; 200 DataDeleteResponse.</summary>
    public static async Task DeleteAsync(AppCall call)
    {
        var instance = call.LoadInstance(write: true);
        var element = FindElement(call, instance);
        var dataType = call.App.FindDataType(element.DataType ?? string.Empty);
        if (dataType is not null)
        {
            CheckWritable(call, instance, dataType);
            if (dataType.AppLogic?.DisallowUserDelete == true && !call.IsAppOwner)
            {
                throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", $"Elements of type {dataType.Id} cannot be deleted by end users (appLogic.disallowUserDelete).");
            }

            if (dataType.IsFormData && dataType.MinCount == 1 && dataType.MaxCount == 1)
            {
                throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", $"Cannot delete the only element of the required form data type {dataType.Id}.");
            }
        }

        var now = call.Now;
        var instanceGuid = instance.Id!.InstanceGuid;
        var updated = call.Update(instanceGuid, i =>
        {
            CheckActive(i);
            return i with { Data = i.Data?.Where(d => d.Id != element.Id).ToArray(), LastChanged = now, LastChangedBy = call.Caller.ActorId };
        });
        call.State.Blobs.Delete(instanceGuid, element.Id);
        call.AddEvent(updated, "Deleted", element.Id);
        await call.Json(new DataDeleteResponse(call.Response(updated), [], []));
    }

    // ---- Rules ----

    /// <summary>The common preconditions of every data change (App API's data access checker).</summary>
    private static void CheckWritable(AppCall call, Instance instance, DataType dataType)
    {
        if (dataType.Id == "ref-data-as-pdf")
        {
            throw AppProblem.Details(StatusCodes.Status403Forbidden, "Forbidden", "Data elements of type ref-data-as-pdf can never be modified.");
        }

        CheckActive(instance);
#pragma warning disable CS0618 // Altinn still honours the misspelled list first.
        var contributors = dataType.AllowedContributers ?? dataType.AllowedContributors;
#pragma warning restore CS0618
        if (contributors is { Count: > 0 })
        {
            bool allowed = call.Caller.IsOrg && contributors.Any(c =>
                string.Equals(c, "org:" + call.Caller.Org, StringComparison.OrdinalIgnoreCase)
                || (call.Caller.OrgNumber is { } number && string.Equals(c, "orgno:" + number, StringComparison.Ordinal)));
            if (!allowed) throw AppProblem.Details(StatusCodes.Status403Forbidden, "Forbidden", $"Only {string.Join(", ", contributors)} may write data of type {dataType.Id}.");
        }
    }

    private static void CheckActive(Instance instance)
    {
        if (instance.Status is { IsArchived: true } or { IsSoftDeleted: true } or { IsHardDeleted: true })
        {
            throw AppProblem.Details(StatusCodes.Status409Conflict, "Instance Not Active", "Instance Not Active");
        }

        if (instance.Process?.CurrentTask is null)
        {
            throw AppProblem.Details(StatusCodes.Status409Conflict, "No current task", "No current task");
        }
    }

    private static void CheckCount(DataType dataType, Instance instance)
    {
        if (dataType.MaxCount is not { } max || max <= 0) return;
        int count = instance.Data?.Count(d => d.DataType == dataType.Id && d.DeleteStatus?.IsHardDeleted != true) ?? 0;
        if (count >= max)
        {
            throw AppProblem.Details(StatusCodes.Status409Conflict, "Conflict", $"The data type {dataType.Id} allows at most {max} element(s); the instance has {count}.");
        }
    }

    /// <summary>
    /// The content type and file name of an upload, by the rules of form data (XML or JSON; no Content-Type means an
    /// empty model) or binary data (Content-Disposition with a file name with an extension; allowed content types).
    /// </summary>
    private static (string ContentType, string? Filename, bool EmptyFormData) ReadContentHeaders(AppCall call, DataType dataType, bool replace)
    {
        var request = call.Http.Request;
        string header = request.ContentType?.Trim() ?? string.Empty;
        if (dataType.IsFormData)
        {
            if (header.Length == 0) return ("application/xml", null, true);
            if (header.Contains("application/xml", StringComparison.OrdinalIgnoreCase) || header.Contains("text/xml", StringComparison.OrdinalIgnoreCase)) return ("application/xml", null, false);
            if (header.Contains("application/json", StringComparison.OrdinalIgnoreCase)) return ("application/json", null, false);
            throw AppProblem.Details(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Form data must be application/xml or application/json, not {header}.");
        }

        if (!ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition))
        {
            throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", "Invalid data provided. Error: The request must include a Content-Disposition header");
        }

        string? filename = FileName(disposition);
        if (string.IsNullOrEmpty(filename))
        {
            throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", "Invalid data provided. Error: The Content-Disposition header must contain a filename");
        }

        string extension = Path.GetExtension(filename);
        if (extension.Length <= 1)
        {
            throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", $"Invalid data provided. Error: Invalid format for filename: {filename}. Filename is expected to end with '.{{fileExtension}}'.");
        }

        if (dataType.AllowedContentTypes is not { Count: > 0 } allowed)
        {
            // Without allowedContentTypes the app's restriction check passes; a create then answers 400, while a
            // replacement hands the missing type on to DataClient.UpdateBinaryData, which throws (500).
            if (header.Length > 0) return (header, filename, false);
            if (replace) throw AppProblem.Empty(StatusCodes.Status500InternalServerError);
            throw AppProblem.Details(StatusCodes.Status400BadRequest, "Missing content type", "The request is missing a content type header.");
        }

        if (header.Length == 0)
        {
            throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", "Invalid data provided. Error: Content-Type header must be included in request.");
        }

        // As the app's DataRestrictionValidation: octet-stream skips only the extension check; the type sent must
        // itself be allowed (or the list allows octet-stream).
        string expected = s_mimeTypes.TryGetContentType(filename, out string? mapped) ? mapped : OctetStream;
        if (!string.Equals(header, OctetStream, StringComparison.Ordinal) && !string.Equals(header, expected, StringComparison.Ordinal))
        {
            throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", $"Invalid data provided. Error: Content type header {header} does not match mime type {expected} for uploaded file. Please fix header or upload another file.");
        }

        if (!allowed.Contains(header, StringComparer.InvariantCultureIgnoreCase) && !allowed.Contains(OctetStream, StringComparer.Ordinal))
        {
            throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", $"Invalid data provided. Error: Invalid content type: {expected}. Please try another file. Permitted content types include: {string.Join(", ", allowed)}");
        }

        return (header, filename, false);
    }

    /// <summary>
    /// The file name of a Content-Disposition: <c>filename*</c> (RFC 5987) wins unless <paramref name="plainOnly"/>,
    /// quotes removed, URL-decoded as Storage does, no folders.
    /// </summary>
    public static string? FileName(ContentDispositionHeaderValue disposition, bool plainOnly = false)
    {
        string? name = disposition.FileNameStar.HasValue && !plainOnly ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
        if (string.IsNullOrWhiteSpace(name)) return null;
        name = WebUtility.UrlDecode(name.Trim('"'));
        return name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
    }

    /// <summary>The data type's <c>maxSize</c> in bytes (it is given in MB), or null.</summary>
    public static long? MaxBytes(DataType dataType) => dataType.MaxSize is > 0 and var mb ? mb * 1024L * 1024L : null;

    /// <summary>Streams the request body to content: 400 when Content-Length already exceeds maxSize, 413 when the stream does, 400 when empty.</summary>
    private static async Task<(long Size, string Hash)> WriteContentAsync(AppCall call, Guid instanceGuid, Guid dataGuid, DataType dataType, string contentType)
    {
        long? max = MaxBytes(dataType);
        if (max is { } limit && call.Http.Request.ContentLength > limit)
        {
            throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", $"Invalid data provided. Error: Binary attachment exceeds limit of {limit} bytes.");
        }

        (long Size, string Hash) written;
        try
        {
            await using var converted = await AppFormData.ForStorageAsync(call.Http.Request.Body, dataType, contentType, call.Http.RequestAborted);
            written = await call.State.Blobs.WriteAsync(instanceGuid, dataGuid, converted ?? call.Http.Request.Body, max, call.Http.RequestAborted);
        }
        catch (BlobTooLargeException e)
        {
            throw AppProblem.Details(StatusCodes.Status413PayloadTooLarge, "Request too large", $"The upload is larger than the data type's maxSize of {e.MaxBytes} bytes.");
        }

        if (written.Size == 0)
        {
            call.State.Blobs.Delete(instanceGuid, dataGuid);
            throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", "Invalid data provided. Error: The file is zero bytes.");
        }

        return written;
    }

    /// <summary>Checks written form data (in its stored format) against the data type's schema; a refused upload leaves no content behind.</summary>
    public static async Task CheckedAsync(AppCall call, Guid instanceGuid, Guid dataGuid, DataType dataType, string storedContentType)
    {
        try
        {
            await AppFormDataCheck.CheckAsync(call, instanceGuid, dataGuid, dataType, storedContentType);
        }
        catch
        {
            call.State.Blobs.Delete(instanceGuid, dataGuid);
            throw;
        }
    }

    /// <summary>An empty form data model in the type's storage format: <c>{}</c>, or an XML document whose root is named after the class in <c>appLogic.classRef</c>.</summary>
    private static Task<(long Size, string ContentHash)> WriteEmptyFormDataAsync(AppCall call, Guid instanceGuid, Guid dataGuid, DataType dataType)
    {
        string model = AppFormData.IsXml(AppFormData.StorageFormat(dataType))
            ? $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<{AppFormData.RootName(dataType)} xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" />"
            : "{}";
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(model));
        return call.State.Blobs.WriteAsync(instanceGuid, dataGuid, content, null, call.Http.RequestAborted);
    }

    /// <summary>An empty form data element for an <c>autoCreate</c> data type.</summary>
    public static async Task<DataElement> CreateEmptyFormDataAsync(AppCall call, Guid instanceGuid, DataType dataType)
    {
        var dataGuid = Guid.NewGuid();
        var (size, hash) = await WriteEmptyFormDataAsync(call, instanceGuid, dataGuid, dataType);
        return NewElement(call, instanceGuid, dataGuid, dataType, AppFormData.StorageFormat(dataType), null, size, hash);
    }

    /// <summary>The content type Storage records: form data is kept in its type's storage format, anything else as sent.</summary>
    public static string StoredContentType(DataType dataType, string sent) => dataType.IsFormData ? AppFormData.StorageFormat(dataType) : sent;

    /// <summary>A new data element as Storage records it; uploads by the app owner are unread.</summary>
    public static DataElement NewElement(AppCall call, Guid instanceGuid, Guid dataGuid, DataType dataType, string contentType, string? filename, long size, string hash) =>
        DataElements.New(call.App.AppId, instanceGuid, dataGuid, dataType.Id, contentType, filename, size, hash, call.Now, call.Caller.ActorId) with
        {
            Refs = [],
            IsRead = !call.IsAppOwner,
            FileScanResult = dataType.EnableFileScan ? FileScanResult.Clean : FileScanResult.NotApplicable,
        };

    private static DataElement FindElement(AppCall call, Instance instance)
    {
        var dataGuid = call.DataGuidFromRoute;
        var element = instance.Data?.FirstOrDefault(d => d.Id == dataGuid);
        if (element is null || (element.DeleteStatus?.IsHardDeleted == true && !call.IsAppOwner)) throw AppProblem.Empty(StatusCodes.Status404NotFound);
        if (call.Http.Request.RouteValues.TryGetValue("dataType", out object? type) && type is string named && !string.Equals(named, element.DataType, StringComparison.Ordinal))
        {
            throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", $"The data element {dataGuid} is of type {element.DataType}, not {named}.");
        }

        return element;
    }

    private static DataElement Linked(AppCall call, Instance instance, Guid dataGuid) =>
        call.Emulator.WithLinks(instance).Data!.First(d => d.Id == dataGuid);
}
