using System.Text.Json.Serialization.Metadata;

namespace Altinn.Sdk.Apps;

/// <summary>
/// Data elements of one app's instances through its App API: streamed upload, download, replace and delete, and
/// form data as XML or JSON text. Get it from <see cref="AppClient.Data"/>. Thread-safe.
/// </summary>
/// <remarks>
/// <para>Content is streamed both ways; nothing is buffered in the SDK. An upload is checked against its data type
/// in the app's metadata (read once per <see cref="AppClient"/> and kept) before it is sent: the type must exist, the
/// content type must be allowed, an attachment needs a file name with an extension, and a stream that knows its
/// length must fit <c>maxSize</c>. What the SDK cannot know (the number of elements already there, the length of a
/// non-seekable stream) is left to the app, whose refusal comes back as <see cref="AltinnRequestFailedException"/>.</para>
/// <para>Uploads are not retried (a stream can be read once, and a repeated POST would add a second element).</para>
/// </remarks>
public partial class AppDataClient
{
    private readonly AppPipeline _pipeline;

    /// <summary>For mocking.</summary>
    protected AppDataClient()
    {
        _pipeline = null!;
    }

    internal AppDataClient(AppPipeline pipeline)
    {
        _pipeline = pipeline;
    }

    // ---- Upload ----

    /// <summary>Adds a data element; see <see cref="UploadAsync(InstanceId, string, Stream, string?, string?, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataType">The data type id.</param>
    /// <param name="content">The content.</param>
    /// <param name="contentType">The content's MIME type, or <see langword="null"/> for the type of <paramref name="fileName"/>'s extension.</param>
    /// <param name="fileName">The file name of an attachment, or <see langword="null"/> for form data.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The new data element.</returns>
    public virtual Task<DataElement> UploadAsync(InstanceId instanceId, string dataType, Stream content, string? contentType, string? fileName, CancellationToken cancellationToken = default) =>
        UploadAsync(instanceId, dataType, content, contentType, fileName, null, cancellationToken);

    /// <summary>
    /// Adds a data element of a type to an instance (<c>POST instances/{partyId}/{guid}/data/type/{dataType}</c>),
    /// streaming <paramref name="content"/> from its current position (a stream without a length is sent chunked).
    /// The file name goes in <c>Content-Disposition</c> as <c>filename</c> (ASCII) and <c>filename*</c> (RFC 5987
    /// UTF-8), so any name survives; the stream is not disposed.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataType">The data type id from the app's metadata, for example <c>vedleggA</c> or <c>model</c>.</param>
    /// <param name="content">The content, readable.</param>
    /// <param name="contentType">
    /// The MIME type: for an attachment the type of its file extension (for example <c>application/pdf</c> for
    /// <c>.pdf</c>; Altinn compares them), or <c>application/octet-stream</c> only when the data type allows
    /// <c>application/octet-stream</c> (the app then skips the extension check); for form data <c>application/xml</c>
    /// or <c>application/json</c>. <see langword="null"/> sends the type of the file name's extension (common
    /// attachment types such as <c>.pdf</c>, <c>.png</c>, <c>.docx</c>).
    /// </param>
    /// <param name="fileName">The file name with an extension (required for attachments), or <see langword="null"/> for form data.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The new data element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/>, <paramref name="dataType"/> or <paramref name="content"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// An argument is empty or malformed; <paramref name="contentType"/> is null and the file name's extension is not
    /// one the SDK knows; or, checked against the app's metadata before sending: the app has no such
    /// data type, the type does not allow <paramref name="contentType"/>, an attachment has no file name with an
    /// extension, or the content is empty or longer than the type's <c>maxSize</c> (when the stream knows its length).
    /// </exception>
    /// <exception cref="AltinnRequestFailedException">
    /// The app refused: 409 when the type's <c>maxCount</c> is reached or the instance is not active or has no current
    /// task; 413 when a stream without a known length passed <c>maxSize</c>; 400 with the app's reason otherwise.
    /// </exception>
    public virtual async Task<DataElement> UploadAsync(
        InstanceId instanceId, string dataType, Stream content, string? contentType, string? fileName, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        dataType = UploadRules.CheckDataType(dataType, nameof(dataType));
        if (content is null) throw new ArgumentNullException(nameof(content));
        if (!content.CanRead) throw new ArgumentException("The content stream is not readable.", nameof(content));
        fileName = UploadRules.CheckFileName(fileName, nameof(fileName));
        contentType = FileContentTypes.Resolve(contentType, fileName, nameof(contentType));
        string mediaType = UploadRules.CheckContentType(contentType, nameof(contentType));

        ApplicationMetadata? metadata = await _pipeline.MetadataForChecksAsync(options, cancellationToken).ConfigureAwait(false);
        if (metadata is not null)
        {
            UploadRules.CheckAgainstDataType(UploadRules.FindDataType(metadata, dataType, nameof(dataType)), mediaType, fileName, content, multipartPart: false, nameof(contentType), nameof(fileName), nameof(content));
        }

        using var request = new HttpRequestMessage(
            HttpMethod.Post, _pipeline.Uri($"instances/{AppPipeline.Path(instanceId)}/data/type/{Uri.EscapeDataString(dataType)}"))
        {
            Content = RequestBodies.Stream(content, contentType, fileName),
        };
        HttpResponseMessage response = await _pipeline.SendAsync("Apps.Data.Upload", request, options, retrySafe: false, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await AppPipeline.FailureAsync(response, WriteHint((int)response.StatusCode), cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            using Stream body = ResponseBody.Limit(await HttpContentReads.StreamAsync(response.Content, cancellationToken).ConfigureAwait(false), response, _pipeline.MaxResponseBytes, null);
            using JsonDocument answer = await JsonDocument.ParseAsync(body, default, cancellationToken).ConfigureAwait(false);
            JsonElement root = answer.RootElement;
            Guid id = root.TryGetProperty("newDataElementId", out JsonElement newId) && newId.ValueKind == JsonValueKind.String ? newId.GetGuid() : Guid.Empty;
            Instance? instance = root.TryGetProperty("instance", out JsonElement json) && json.ValueKind == JsonValueKind.Object
                ? json.Deserialize(AltinnJsonContext.Default.Instance)
                : null;
            return instance?.Data?.FirstOrDefault(d => d.Id == id)
                ?? throw new JsonException($"The app answered the upload without the new data element (newDataElementId '{id}').");
        }
    }

    // ---- Download ----

    /// <summary>Opens a data element's content; see <see cref="DownloadAsync(InstanceId, Guid, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The data element's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The live content stream; dispose it.</returns>
    public virtual Task<DataStream> DownloadAsync(InstanceId instanceId, Guid dataElementId, CancellationToken cancellationToken = default) =>
        DownloadAsync(instanceId, dataElementId, null, cancellationToken);

    /// <summary>
    /// Opens a data element's content (<c>GET instances/{partyId}/{guid}/data/{dataGuid}</c>) as a live network
    /// stream that owns the response (dispose it to release the connection) and carries the content type, file name
    /// and length. Form data comes as the app's default serialization (JSON); use
    /// <see cref="OpenFormDataAsync(InstanceId, Guid, FormDataFormat, AltinnRequestOptions?, CancellationToken)"/> to choose.
    /// A read by anyone but the app owner marks the element read. App owners who archive prefer Storage's download.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The data element's id.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request (not the reading; pass a token to the reads).</param>
    /// <returns>The live content stream; dispose it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="dataElementId"/> is <see cref="Guid.Empty"/>.</exception>
    /// <exception cref="AltinnRequestFailedException">404 when the instance or element is missing or hidden; 403 when the caller may not read it.</exception>
    public virtual Task<DataStream> DownloadAsync(InstanceId instanceId, Guid dataElementId, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        AppPipeline.CheckIds(instanceId, dataElementId);
        return OpenAsync(instanceId, dataElementId, accept: null, options, cancellationToken);
    }

    // ---- Replace, delete ----

    /// <summary>Replaces a data element's content; see <see cref="ReplaceAsync(InstanceId, Guid, Stream, string?, string?, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The data element's id.</param>
    /// <param name="content">The new content.</param>
    /// <param name="contentType">The content's MIME type, or <see langword="null"/> for the type of <paramref name="fileName"/>'s extension.</param>
    /// <param name="fileName">The file name of an attachment, or <see langword="null"/> for form data.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The updated data element.</returns>
    public virtual Task<DataElement> ReplaceAsync(InstanceId instanceId, Guid dataElementId, Stream content, string? contentType, string? fileName, CancellationToken cancellationToken = default) =>
        ReplaceAsync(instanceId, dataElementId, content, contentType, fileName, null, cancellationToken);

    /// <summary>
    /// Replaces a data element's content (<c>PUT instances/{partyId}/{guid}/data/{dataGuid}</c>), streamed as in
    /// <see cref="UploadAsync(InstanceId, string, Stream, string?, string?, AltinnRequestOptions?, CancellationToken)"/>
    /// with the same headers. The element keeps its id and data type; the app applies the same rules except
    /// <c>maxCount</c>. The app checks the data type, which the SDK does not know from the element id alone.
    /// The app keeps only the plain <c>filename</c> of a replacement (not <c>filename*</c>), so letters outside ASCII
    /// become <c>_</c> in the stored name (<c>Søknad.pdf</c> is stored as <c>S_knad.pdf</c>); upload a new element to keep them.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The data element's id.</param>
    /// <param name="content">The new content, readable.</param>
    /// <param name="contentType">The content's MIME type, or <see langword="null"/> for the type of <paramref name="fileName"/>'s extension.</param>
    /// <param name="fileName">The file name with an extension (required for attachments), or <see langword="null"/> for form data.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The updated data element.</returns>
    /// <exception cref="ArgumentNullException">An id or <paramref name="content"/> is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or malformed, or <paramref name="contentType"/> is null and the file name's extension is not one the SDK knows.</exception>
    /// <exception cref="AltinnRequestFailedException">409 when the element is locked (its task has ended) or the instance is not active; 400/413/415 as for uploads.</exception>
    public virtual async Task<DataElement> ReplaceAsync(
        InstanceId instanceId, Guid dataElementId, Stream content, string? contentType, string? fileName, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        AppPipeline.CheckIds(instanceId, dataElementId);
        if (content is null) throw new ArgumentNullException(nameof(content));
        if (!content.CanRead) throw new ArgumentException("The content stream is not readable.", nameof(content));
        fileName = UploadRules.CheckFileName(fileName, nameof(fileName));
        contentType = FileContentTypes.Resolve(contentType, fileName, nameof(contentType));
        _ = UploadRules.CheckContentType(contentType, nameof(contentType));

        using var request = new HttpRequestMessage(HttpMethod.Put, _pipeline.Uri($"instances/{AppPipeline.Path(instanceId)}/data/{dataElementId:D}"))
        {
            Content = RequestBodies.Stream(content, contentType, fileName),
        };
        HttpResponseMessage response = await _pipeline.SendAsync("Apps.Data.Replace", request, options, retrySafe: false, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await AppPipeline.FailureAsync(response, WriteHint((int)response.StatusCode), cancellationToken).ConfigureAwait(false);
        }

        // 201 with the element, or 200 with a CalculationResult: the element plus changedFields (kept as an unknown property).
        using (response)
        {
            return await ResponseJson.ReadAsync(response, AltinnJsonContext.Default.DataElement, _pipeline.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes a data element; see <see cref="DeleteAsync(InstanceId, Guid, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The data element's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance without the element.</returns>
    public virtual Task<Instance> DeleteAsync(InstanceId instanceId, Guid dataElementId, CancellationToken cancellationToken = default) =>
        DeleteAsync(instanceId, dataElementId, null, cancellationToken);

    /// <summary>Deletes a data element (<c>DELETE instances/{partyId}/{guid}/data/{dataGuid}</c>).</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The data element's id.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance without the element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="dataElementId"/> is <see cref="Guid.Empty"/>.</exception>
    /// <exception cref="AltinnRequestFailedException">
    /// 400 when the element is the only one of a required form type or its type has <c>disallowUserDelete</c>; 409 when
    /// the instance is not active; 404 when the element is missing.
    /// </exception>
    public virtual async Task<Instance> DeleteAsync(InstanceId instanceId, Guid dataElementId, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        AppPipeline.CheckIds(instanceId, dataElementId);
        Transport.DataDeleteResponse answer = await _pipeline.CallAsync(
            "Apps.Data.Delete",
            options, retrySafe: false, WriteHint,
            (t, ct) => t.DeleteDataAsync(instanceId.PartyId, instanceId.InstanceGuid, dataElementId, null, null, ct), cancellationToken).ConfigureAwait(false);
        return answer.Instance.ValueKind == JsonValueKind.Object
            ? answer.Instance.Deserialize(AltinnJsonContext.Default.Instance)!
            : throw new JsonException("The app answered the delete without the instance.");
    }

    // ---- Form data ----

    /// <summary>Opens a form data element's model; see <see cref="OpenFormDataAsync(InstanceId, Guid, FormDataFormat, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The form data element's id.</param>
    /// <param name="format">XML or JSON.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The live stream; dispose it.</returns>
    public virtual Task<DataStream> OpenFormDataAsync(InstanceId instanceId, Guid dataElementId, FormDataFormat format, CancellationToken cancellationToken = default) =>
        OpenFormDataAsync(instanceId, dataElementId, format, null, cancellationToken);

    /// <summary>
    /// Opens a form data element's model serialized as XML or JSON (the App API converts by the <c>Accept</c> header)
    /// as a live stream that owns the response.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The form data element's id.</param>
    /// <param name="format">XML or JSON.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The live stream; dispose it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="dataElementId"/> is empty or <paramref name="format"/> is not defined.</exception>
    /// <exception cref="AltinnRequestFailedException">As <see cref="DownloadAsync(InstanceId, Guid, AltinnRequestOptions?, CancellationToken)"/>.</exception>
    public virtual Task<DataStream> OpenFormDataAsync(InstanceId instanceId, Guid dataElementId, FormDataFormat format, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        AppPipeline.CheckIds(instanceId, dataElementId);
        string accept = UploadRules.MediaTypeOf(format);
        return OpenAsync(instanceId, dataElementId, accept, options, cancellationToken);
    }

    /// <summary>Reads a form data element's model as text; see <see cref="ReadFormDataAsync(InstanceId, Guid, FormDataFormat, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The form data element's id.</param>
    /// <param name="format">XML or JSON.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The model's XML or JSON.</returns>
    public virtual Task<string> ReadFormDataAsync(InstanceId instanceId, Guid dataElementId, FormDataFormat format, CancellationToken cancellationToken = default) =>
        ReadFormDataAsync(instanceId, dataElementId, format, null, cancellationToken);

    /// <summary>
    /// Reads a form data element's model as XML or JSON text. Form data is a small document, so it is read whole; use
    /// <see cref="OpenFormDataAsync(InstanceId, Guid, FormDataFormat, AltinnRequestOptions?, CancellationToken)"/> to stream it.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The form data element's id.</param>
    /// <param name="format">XML or JSON.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The model's XML or JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="dataElementId"/> is empty or <paramref name="format"/> is not defined.</exception>
    /// <exception cref="AltinnRequestFailedException">As <see cref="DownloadAsync(InstanceId, Guid, AltinnRequestOptions?, CancellationToken)"/>.</exception>
    public virtual async Task<string> ReadFormDataAsync(InstanceId instanceId, Guid dataElementId, FormDataFormat format, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        using DataStream stream = await OpenFormDataAsync(instanceId, dataElementId, format, options, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await StreamShims.ReadToEndAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces a form data element's model; see <see cref="WriteFormDataAsync(InstanceId, Guid, string, FormDataFormat, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The form data element's id.</param>
    /// <param name="content">The model's XML or JSON.</param>
    /// <param name="format">Whether <paramref name="content"/> is XML or JSON.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The updated data element.</returns>
    public virtual Task<DataElement> WriteFormDataAsync(InstanceId instanceId, Guid dataElementId, string content, FormDataFormat format, CancellationToken cancellationToken = default) =>
        WriteFormDataAsync(instanceId, dataElementId, content, format, null, cancellationToken);

    /// <summary>
    /// Replaces a form data element's model with XML or JSON text (a <c>PUT</c> as
    /// <see cref="ReplaceAsync(InstanceId, Guid, Stream, string?, string?, AltinnRequestOptions?, CancellationToken)"/>;
    /// use that method to stream a large model).
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The form data element's id.</param>
    /// <param name="content">The model's XML or JSON; not empty.</param>
    /// <param name="format">Whether <paramref name="content"/> is XML or JSON.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The updated data element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> or <paramref name="content"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="content"/> is empty, <paramref name="dataElementId"/> is empty or <paramref name="format"/> is not defined.</exception>
    /// <exception cref="AltinnRequestFailedException">As <see cref="ReplaceAsync(InstanceId, Guid, Stream, string?, string?, AltinnRequestOptions?, CancellationToken)"/>.</exception>
    public virtual Task<DataElement> WriteFormDataAsync(
        InstanceId instanceId, Guid dataElementId, string content, FormDataFormat format, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        AppPipeline.CheckIds(instanceId, dataElementId);
        if (content is null) throw new ArgumentNullException(nameof(content));
        if (content.Length == 0) throw new ArgumentException("The form data is empty; the app refuses an empty replacement.", nameof(content));
        string contentType = UploadRules.MediaTypeOf(format);
        return ReplaceAsync(instanceId, dataElementId, new MemoryStream(Encoding.UTF8.GetBytes(content), writable: false), contentType, null, options, cancellationToken);
    }

    // ---- Shared ----

    private async Task<DataStream> OpenAsync(InstanceId instanceId, Guid dataElementId, string? accept, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _pipeline.Uri($"instances/{AppPipeline.Path(instanceId)}/data/{dataElementId:D}"));
        if (accept is not null) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        HttpResponseMessage response = await _pipeline.SendAsync("Apps.Data.Download", request, options, retrySafe: false, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await AppPipeline.FailureAsync(response, AppPipeline.InstanceHint((int)response.StatusCode), cancellationToken).ConfigureAwait(false);
        }

        return await DataStream.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static string? WriteHint(int status) => status switch
    {
        403 => "The caller may not write this data: the app's policy decides per task, and allowedContributors or ref-data-as-pdf may restrict the type to the app owner or to no one.",
        404 => "The instance or data element does not exist for this caller.",
        409 => "The app refused the change: the instance is not active (archived or deleted) or has no current task, the element is locked because its task has ended, or the data type's maxCount is reached.",
        413 => "The content is larger than the data type's maxSize.",
        415 => "Form data must be sent as application/xml or application/json.",
        _ => null,
    };
}
