namespace Altinn.Sdk.Apps;

/// <summary>
/// A data element to create together with a new instance (a part of the multipart instantiation request): form
/// data to prefill, or an attachment.
/// </summary>
/// <remarks>
/// The content is streamed into the request, not copied; it is not disposed by the SDK. A stream can be sent once.
/// </remarks>
public sealed class InstanceDataPart
{
    /// <summary>Creates a part.</summary>
    /// <param name="dataType">The data type id from the app's metadata, for example <c>model</c> or <c>vedleggA</c>.</param>
    /// <param name="content">The content, readable.</param>
    /// <param name="contentType">
    /// The MIME type: <c>application/xml</c> or <c>application/json</c> for form data, the file's type (for example
    /// <c>application/pdf</c>) for an attachment, which must be in the data type's <c>allowedContentTypes</c> exactly
    /// (the app allows no <c>application/octet-stream</c> wildcard for parts). <see langword="null"/> for the type of
    /// <paramref name="fileName"/>'s extension (common attachment types such as <c>.pdf</c>, <c>.png</c>, <c>.docx</c>).
    /// </param>
    /// <param name="fileName">The file name (with an extension) for an attachment; <see langword="null"/> for form data.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dataType"/> or <paramref name="content"/> is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or malformed, the stream cannot be read, or <paramref name="contentType"/> is null and the file name's extension is not one the SDK knows.</exception>
    public InstanceDataPart(string dataType, Stream content, string? contentType, string? fileName = null)
    {
        DataType = UploadRules.CheckDataType(dataType, nameof(dataType));
        if (content is null) throw new ArgumentNullException(nameof(content));
        if (!content.CanRead) throw new ArgumentException("The content stream is not readable.", nameof(content));
        FileName = UploadRules.CheckFileName(fileName, nameof(fileName));
        ContentType = FileContentTypes.Resolve(contentType, FileName, nameof(contentType));
        MediaType = UploadRules.CheckContentType(ContentType, nameof(contentType));
        Content = content;
    }

    /// <summary>The data type id.</summary>
    public string DataType { get; }

    /// <summary>The content.</summary>
    public Stream Content { get; }

    /// <summary>The MIME type as given, or the one of the file name's extension.</summary>
    public string ContentType { get; }

    /// <summary>The file name, or <see langword="null"/>.</summary>
    public string? FileName { get; }

    /// <summary>The MIME type without parameters, lower-case.</summary>
    internal string MediaType { get; }

    /// <summary>Creates a form data part from XML or JSON text.</summary>
    /// <param name="dataType">The form data type id.</param>
    /// <param name="content">The XML or JSON of the data model.</param>
    /// <param name="format">Whether the text is XML or JSON.</param>
    /// <returns>The part.</returns>
    public static InstanceDataPart FormData(string dataType, string content, FormDataFormat format)
    {
        if (content is null) throw new ArgumentNullException(nameof(content));
        return new InstanceDataPart(dataType, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content), writable: false), UploadRules.MediaTypeOf(format));
    }

    internal MediaTypeHeaderValue ContentTypeHeader() => MediaTypeHeaderValue.Parse(ContentType);
}

/// <summary>The serialization of a form data element's model.</summary>
public enum FormDataFormat
{
    /// <summary>XML (<c>application/xml</c>), the App API's default for writing.</summary>
    Xml,

    /// <summary>JSON (<c>application/json</c>), the App API's default for reading.</summary>
    Json,
}
