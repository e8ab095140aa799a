namespace Altinn.Sdk.Apps;

/// <summary>
/// The MIME types of common attachment extensions, as the app maps them when it compares an upload's
/// <c>Content-Type</c> with its file name's extension; used when the caller gives no content type.
/// </summary>
internal static class FileContentTypes
{
    private static readonly Dictionary<string, string> s_types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".7z"] = "application/x-7z-compressed",
        [".bmp"] = "image/bmp",
        [".csv"] = "text/csv",
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".eml"] = "message/rfc822",
        [".gif"] = "image/gif",
        [".heic"] = "image/heic",
        [".htm"] = "text/html",
        [".html"] = "text/html",
        [".jpeg"] = "image/jpeg",
        [".jpg"] = "image/jpeg",
        [".json"] = "application/json",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".p7s"] = "application/pkcs7-signature",
        [".pdf"] = "application/pdf",
        [".png"] = "image/png",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".rtf"] = "application/rtf",
        [".svg"] = "image/svg+xml",
        [".tif"] = "image/tiff",
        [".tiff"] = "image/tiff",
        [".txt"] = "text/plain",
        [".webp"] = "image/webp",
        [".xls"] = "application/vnd.ms-excel",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".xml"] = "application/xml",
        [".zip"] = "application/zip",
    };

    /// <summary>
    /// The content type to send: <paramref name="contentType"/> when given, else the type of
    /// <paramref name="fileName"/>'s extension; <see cref="ArgumentException"/> when neither says it.
    /// </summary>
    public static string Resolve(string? contentType, string? fileName, string parameterName)
    {
        if (contentType is not null) return contentType;
        if (fileName is not null && s_types.TryGetValue(Path.GetExtension(fileName), out string? type)) return type;
        throw new ArgumentException(
            fileName is null
                ? "Give a content type (form data is application/xml or application/json)."
                : $"Give a content type: the SDK does not know the type of '{Path.GetExtension(fileName)}' files.",
            parameterName);
    }
}
