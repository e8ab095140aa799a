using Altinn.Sdk.Apps.Transport;

namespace Altinn.Sdk.Apps;

/// <summary>The request bodies that carry the caller's content to an app, streamed, never buffered.</summary>
internal static class RequestBodies
{
    /// <summary>The body of an upload or a replacement: the caller's stream with its type and file name.</summary>
    public static CallerStreamContent Stream(Stream content, string contentType, string? fileName)
    {
        // StreamContent sends the stream as it is read (chunked when it has no length): the SDK holds one buffer.
        var body = new CallerStreamContent(content);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (fileName is not null) body.Headers.ContentDisposition = Disposition("attachment", fileName, name: null);
        return body;
    }

    /// <summary>
    /// A <c>Content-Disposition</c> with the file name as <c>filename</c> (ASCII, others replaced by <c>_</c>) and
    /// <c>filename*</c> (RFC 5987, UTF-8), which the app prefers.
    /// </summary>
    /// <remarks>
    /// Storage URL-decodes every file name it stores (also those the app forwards), so <c>%</c> and <c>+</c> are
    /// escaped first (<c>%25</c>, <c>%2B</c>); after the app's RFC 5987 decoding and Storage's URL decoding the stored
    /// name is the one given. This relies on exactly one URL decoding in Storage, as Altinn documents it.
    /// </remarks>
    public static ContentDispositionHeaderValue Disposition(string type, string? fileName, string? name)
    {
        var disposition = new ContentDispositionHeaderValue(type);
        if (name is not null) disposition.Name = name;
        if (fileName is null) return disposition;

        string escaped = fileName.Replace("%", "%25").Replace("+", "%2B");
        var ascii = new StringBuilder(escaped.Length + 2).Append('"');
        foreach (char c in escaped) ascii.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '_');
        disposition.FileName = ascii.Append('"').ToString();
        disposition.FileNameStar = escaped;
        return disposition;
    }

    /// <summary>
    /// The multipart body of an instantiation with data: the instance template first (part <c>instance</c>), then
    /// each part under its data type's name, streamed.
    /// </summary>
    public static MultipartFormDataContent Instantiation(InstanceOwnerReference owner, IEnumerable<InstanceDataPart> parts)
    {
        MultipartFormDataContent content = InstantiationTemplate(owner);
        foreach (InstanceDataPart part in parts)
        {
            var partContent = new CallerStreamContent(part.Content);
            partContent.Headers.ContentType = part.ContentTypeHeader();
            partContent.Headers.ContentDisposition = Disposition("form-data", part.FileName, "\"" + part.DataType + "\"");
            content.Add(partContent);
        }

        return content;
    }

    /// <summary>The multipart body of an instantiation with one form data part, serialized by the caller, under its data type's name.</summary>
    public static MultipartFormDataContent Instantiation(InstanceOwnerReference owner, string dataType, HttpContent formData)
    {
        MultipartFormDataContent content = InstantiationTemplate(owner);
        formData.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"" + dataType + "\"" };
        content.Add(formData);
        return content;
    }

    /// <summary>A multipart body holding only the instance template, the first part of every instantiation.</summary>
    private static MultipartFormDataContent InstantiationTemplate(InstanceOwnerReference owner)
    {
        var content = new MultipartFormDataContent();
        byte[] template = JsonSerializer.SerializeToUtf8Bytes(
            new InstantiationRequest { InstanceOwner = owner.ToTemplate() }, AppTransportJsonContext.Default.InstantiationRequest);
        var instancePart = new ByteArrayContent(template);
        instancePart.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        instancePart.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"instance\"" };
        content.Add(instancePart);
        return content;
    }
}
