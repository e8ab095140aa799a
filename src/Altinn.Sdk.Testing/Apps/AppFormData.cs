using System.Text.Encodings.Web;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Net.Http.Headers;

namespace Altinn.Sdk.Testing.Apps;

/// <summary>
/// Form data as the app handles it without knowing the app's model: the storage format of a data type, the content
/// negotiation of <c>GET data/{d}</c>, and the conversion between XML and JSON. The app (de)serializes its C# model;
/// the emulator maps the document's shape instead (see the known differences).
/// </summary>
internal static class AppFormData
{
    public const string Xml = "application/xml";
    public const string Json = "application/json";

    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    // The output formatters an app registers, in MVC's order (AddAltinnAppControllersWithViews): System.Text.Json
    // first, then XmlSerializer (AddXmlSerializerFormatters). Wildcard types they also list (application/*+json) never
    // match an Accept value, only server-chosen types.
    private static readonly (string MediaType, bool IsXml)[] s_formatterTypes =
    [
        ("application/json", false), ("text/json", false),
        ("application/xml", true), ("text/xml", true),
    ];

    private static readonly JsonWriterOptions s_jsonWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // As the app's XmlSerializer output: UTF-8 without a byte order mark, no indentation.
    private static readonly XmlWriterSettings s_xmlWriter = new() { Encoding = new UTF8Encoding(false) };

    /// <summary>
    /// The format the app stores a form data type in: the first of <c>application/xml</c> and <c>application/json</c>
    /// in <c>allowedContentTypes</c>, else XML (app-lib-dotnet <c>ModelSerializationService.SerializeToStorage</c>).
    /// </summary>
    public static string StorageFormat(DataType dataType) =>
        dataType.AllowedContentTypes?.FirstOrDefault(t => string.Equals(t, Xml, StringComparison.OrdinalIgnoreCase) || string.Equals(t, Json, StringComparison.OrdinalIgnoreCase))
            ?.ToLowerInvariant() ?? Xml;

    /// <summary>
    /// The media type the app answers form data in, by ASP.NET Core MVC's output formatter selection with the app's
    /// settings (browser Accept headers not respected, 406 not returned): no <c>Accept</c>, or one that holds
    /// <c>*/*</c>, gives JSON; otherwise the entries by falling quality, the first a formatter supports wins (a
    /// parameter such as <c>charset</c> in the entry makes it match none); nothing supported gives JSON.
    /// </summary>
    public static string Negotiate(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted) || accepted.Count == 0) return Json;
        if (accepted.Any(a => a.MatchesAllTypes)) return Json;
        foreach (var entry in accepted.OrderByDescending(a => a.Quality ?? 1.0))
        {
            var wanted = new MediaType(entry.ToString());
            foreach (var (mediaType, _) in s_formatterTypes)
            {
                if (new MediaType(mediaType).IsSubsetOf(wanted)) return mediaType;
            }
        }

        return Json;
    }

    /// <summary>Whether a media type (from <see cref="Negotiate"/> or a stored element) is XML.</summary>
    public static bool IsXml(string? mediaType) =>
        mediaType is not null && (mediaType.StartsWith(Xml, StringComparison.OrdinalIgnoreCase) || mediaType.StartsWith("text/xml", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Writes a stored model in the format asked for: as stored when the formats agree, else converted. A model is a
    /// small document (the app holds it in memory as an object too), so a conversion reads it whole.
    /// </summary>
    public static async Task WriteAsync(Stream stored, bool storedXml, bool wantXml, string rootName, Stream output, CancellationToken cancellationToken)
    {
        if (storedXml == wantXml)
        {
            await stored.CopyToAsync(output, cancellationToken);
            return;
        }

        using var buffer = new MemoryStream();
        if (storedXml)
        {
            var document = await XDocument.LoadAsync(stored, LoadOptions.None, cancellationToken);
            await using var writer = new Utf8JsonWriter(buffer, s_jsonWriter);
            WriteJson(writer, document.Root!, isRoot: true);
        }
        else
        {
            using var json = await JsonDocument.ParseAsync(stored, cancellationToken: cancellationToken);
            using var writer = XmlWriter.Create(buffer, s_xmlWriter);
            ToXml(json.RootElement, rootName).Save(writer);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    /// <summary>The XML root element of a data type's model: the class name at the end of <c>appLogic.classRef</c>.</summary>
    public static string RootName(DataType dataType)
    {
        string classRef = dataType.AppLogic?.ClassRef ?? "Model";
        string root = classRef[(classRef.LastIndexOf('.') + 1)..];
        return root.Length == 0 ? "Model" : root;
    }

    /// <summary>
    /// An element as System.Text.Json writes the app's model of it: attributes and child elements become properties
    /// (a name that repeats becomes an array), text beside them becomes <c>value</c> (Studio's <c>[XmlText]</c>),
    /// an element with neither is its text, <c>xsi:nil</c> is null. Every value is a string: without the model the
    /// emulator cannot know which are numbers. The root is the model itself, so always an object.
    /// </summary>
    private static void WriteJson(Utf8JsonWriter writer, XElement element, bool isRoot = false)
    {
        if ((string?)element.Attribute(XName.Get("nil", XsiNamespace)) == "true")
        {
            writer.WriteNullValue();
            return;
        }

        var attributes = element.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.NamespaceName != XsiNamespace).ToList();
        var children = element.Elements().ToList();
        if (attributes.Count == 0 && children.Count == 0 && !isRoot)
        {
            writer.WriteStringValue(element.Value);
            return;
        }

        writer.WriteStartObject();
        foreach (var attribute in attributes) writer.WriteString(attribute.Name.LocalName, attribute.Value);
        foreach (var group in children.GroupBy(c => c.Name.LocalName))
        {
            writer.WritePropertyName(group.Key);
            if (group.Count() == 1)
            {
                WriteJson(writer, group.First());
                continue;
            }

            writer.WriteStartArray();
            foreach (var child in group) WriteJson(writer, child);
            writer.WriteEndArray();
        }

        string text = string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value)).Trim();
        if (text.Length > 0) writer.WriteString("value", text);
        writer.WriteEndObject();
    }

    /// <summary>A JSON model as the app's XmlSerializer writes it: properties become elements, arrays repeat them, nulls are left out.</summary>
    private static XDocument ToXml(JsonElement root, string rootName)
    {
        var element = new XElement(rootName, new XAttribute(XNamespace.Xmlns + "xsi", XsiNamespace), new XAttribute(XNamespace.Xmlns + "xsd", "http://www.w3.org/2001/XMLSchema"));
        AddContent(element, root);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), element);
    }

    private static void AddContent(XElement element, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    var items = property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray().ToArray() : [property.Value];
                    foreach (var item in items.Where(i => i.ValueKind != JsonValueKind.Null))
                    {
                        var child = new XElement(XmlConvert.EncodeLocalName(property.Name));
                        AddContent(child, item);
                        element.Add(child);
                    }
                }

                break;
            case JsonValueKind.String:
                element.Value = value.GetString()!;
                break;
            case JsonValueKind.True or JsonValueKind.False:
                element.Value = value.ValueKind == JsonValueKind.True ? "true" : "false";
                break;
            case JsonValueKind.Number:
                element.Value = value.GetRawText();
                break;
        }
    }

    /// <summary>
    /// A form data upload converted to the data type's storage format, or null when it is sent in that format (or the
    /// type is not form data). A model is a small document that the app reads whole too; 400 when it does not parse.
    /// </summary>
    public static async Task<MemoryStream?> ForStorageAsync(Stream body, DataType dataType, string sentContentType, CancellationToken cancellationToken)
    {
        bool sentXml = IsXml(sentContentType);
        if (!dataType.IsFormData || sentXml == IsXml(StorageFormat(dataType))) return null;
        var converted = new MemoryStream();
        try
        {
            await WriteAsync(body, sentXml, !sentXml, RootName(dataType), converted, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or XmlException)
        {
            await converted.DisposeAsync();
            throw AppProblem.Details(StatusCodes.Status400BadRequest, sentXml ? "Failed to deserialize XML" : "Failed to deserialize JSON", e.Message);
        }

        converted.Position = 0;
        return converted;
    }

    /// <summary>The <c>Content-Type</c> the app's formatter writes for a negotiated media type.</summary>
    public static string ResponseContentType(string mediaType) => mediaType + "; charset=utf-8";
}
