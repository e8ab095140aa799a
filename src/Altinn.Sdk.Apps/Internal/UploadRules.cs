namespace Altinn.Sdk.Apps;

/// <summary>
/// The checks made before content is sent to an app: arguments of an upload or a multipart part, and the content
/// against its data type in the app's metadata. Each throws <see cref="ArgumentException"/> naming the parameter.
/// </summary>
internal static class UploadRules
{
    private const string OctetStream = "application/octet-stream";

    public static string MediaTypeOf(FormDataFormat format) => format switch
    {
        FormDataFormat.Xml => "application/xml",
        FormDataFormat.Json => "application/json",
        _ => throw new ArgumentException($"'{format}' is not a form data format: use Xml or Json.", nameof(format)),
    };

    public static string CheckDataType(string dataType, string parameterName)
    {
        if (dataType is null) throw new ArgumentNullException(parameterName);
        if (string.IsNullOrWhiteSpace(dataType)) throw new ArgumentException("The data type id is empty.", parameterName);
        if (dataType.IndexOfAny(['/', '\\', '?', '#', '"']) >= 0 || dataType.Any(char.IsControl))
        {
            throw new ArgumentException($"'{dataType}' is not a data type id: it contains '/', '\\', '?', '#', '\"' or a control character.", parameterName);
        }
        return dataType;
    }

    /// <summary>Checks a MIME type and returns it without parameters, lower-case.</summary>
    public static string CheckContentType(string contentType, string parameterName)
    {
        if (contentType is null) throw new ArgumentNullException(parameterName);
        if (!MediaTypeHeaderValue.TryParse(contentType, out MediaTypeHeaderValue? parsed) || parsed.MediaType is null || !parsed.MediaType.Contains("/"))
        {
            throw new ArgumentException($"'{contentType}' is not a MIME type such as 'application/pdf'.", parameterName);
        }

        return parsed.MediaType.ToLowerInvariant();
    }

    public static string? CheckFileName(string? fileName, string parameterName)
    {
        if (fileName is null) return null;
        if (string.IsNullOrWhiteSpace(fileName)) throw new ArgumentException("The file name is empty; pass null for form data.", parameterName);
        if (fileName.IndexOfAny(['/', '\\']) >= 0 || fileName.Any(char.IsControl))
        {
            throw new ArgumentException($"'{fileName}' is not a file name: it contains a folder separator or a control character (give the name only).", parameterName);
        }

        return fileName;
    }

    public static DataType FindDataType(ApplicationMetadata metadata, string dataType, string parameterName)
    {
        DataType? type = metadata.DataTypes?.FirstOrDefault(t => string.Equals(t.Id, dataType, StringComparison.Ordinal));
        if (type is not null) return type;
        string known = string.Join(", ", (metadata.DataTypes ?? []).Select(t => t.Id).Where(id => id is not null));
        throw new ArgumentException($"The app {metadata.Id} has no data type '{dataType}' (it has: {known}). Nothing was sent.", parameterName);
    }

    /// <summary>
    /// The checks the SDK can make before sending content of a data type; throws <see cref="ArgumentException"/> naming
    /// the parameter that holds the refused value.
    /// </summary>
    /// <remarks>
    /// As the app: a single upload's type must be in <c>allowedContentTypes</c> (any case) unless the list contains
    /// <c>application/octet-stream</c>, and sending <c>application/octet-stream</c> skips only the extension check
    /// (<c>DataRestrictionValidation</c>); a part of a multipart instantiation must be in the list exactly, with no
    /// wildcard (<c>RequestPartValidator</c>).
    /// </remarks>
    public static void CheckAgainstDataType(DataType type, string mediaType, string? fileName, Stream content, bool multipartPart, string contentTypeParameter, string fileNameParameter, string contentParameter)
    {
        if (type.IsFormData)
        {
            if (mediaType is not ("application/xml" or "text/xml" or "application/json"))
            {
                throw new ArgumentException(
                    $"'{type.Id}' is a form data type: its content is the data model as application/xml or application/json, not {mediaType}. Nothing was sent.", contentTypeParameter);
            }
        }
        else
        {
            if (fileName is null || fileName.LastIndexOf('.') is var dot && (dot <= 0 || dot == fileName.Length - 1))
            {
                throw new ArgumentException(
                    $"'{type.Id}' is an attachment type: the app requires a file name with an extension (for example 'report.pdf'). Nothing was sent.", fileNameParameter);
            }

            if (type.AllowedContentTypes is { Count: > 0 } allowed
                && (multipartPart
                    ? !allowed.Contains(mediaType, StringComparer.Ordinal)
                    : !allowed.Any(a => string.Equals(a, mediaType, StringComparison.OrdinalIgnoreCase) || string.Equals(a, OctetStream, StringComparison.Ordinal))))
            {
                throw new ArgumentException(
                    $"The data type '{type.Id}' allows {string.Join(", ", allowed)}, not {mediaType}. Nothing was sent.", contentTypeParameter);
            }
        }

        if (content.CanSeek)
        {
            long length = content.Length - content.Position;
            if (length == 0) throw new ArgumentException($"The content for data type '{type.Id}' is empty; the app refuses empty data. Nothing was sent.", contentParameter);
            if (type.MaxSize is > 0 and int megabytes && length > megabytes * 1024L * 1024L)
            {
                throw new ArgumentException(
                    $"The content is {length} bytes, more than the {megabytes} MB (maxSize) the data type '{type.Id}' allows. Nothing was sent.", contentParameter);
            }
        }
    }

    /// <summary>
    /// The checks of a multipart instantiation's parts against the app's metadata: each part against its data type,
    /// and no more parts of a type than its <c>maxCount</c>.
    /// </summary>
    public static void CheckParts(ApplicationMetadata metadata, IReadOnlyList<InstanceDataPart> parts, string parameterName)
    {
        foreach (IGrouping<string, InstanceDataPart> group in parts.GroupBy(p => p.DataType, StringComparer.Ordinal))
        {
            DataType type = FindDataType(metadata, group.Key, parameterName);
            foreach (InstanceDataPart part in group)
            {
                CheckAgainstDataType(type, part.MediaType, part.FileName, part.Content, multipartPart: true, parameterName, parameterName, parameterName);
            }

            if (type.MaxCount > 0 && group.Count() > type.MaxCount)
            {
                throw new ArgumentException(
                    $"The request has {group.Count()} parts of data type '{group.Key}', which allows at most {type.MaxCount} element(s) (maxCount). Nothing was sent.",
                    parameterName);
            }
        }
    }
}
