using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json.Serialization.Metadata;
using System.Xml;
using System.Xml.Serialization;

namespace Altinn.Sdk.Apps;

/// <summary>
/// Typed form data as XML (<see cref="XmlSerializer"/>, as Altinn apps serialize their models) or JSON (a caller's
/// source-generated <see cref="JsonTypeInfo{T}"/>), read from and written to streams: nothing is buffered whole.
/// </summary>
internal static class FormDataSerialization
{
    internal const string XmlTrimMessage =
        "XmlSerializer reflects over the model's members; keep the model type (generated classes are plain and safe to root) or use the JsonTypeInfo<T> overload.";

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>A request body that serializes the model into the connection as it is sent (chunked).</summary>
#if NET
    [RequiresUnreferencedCode(XmlTrimMessage)]
    [RequiresDynamicCode(XmlTrimMessage)]
#endif
    public static HttpContent XmlContent<T>(T model) => new WriterContent("application/xml", (stream, _) =>
    {
        // XmlSerializer writes synchronously; the connection's stream accepts synchronous writes.
        using XmlWriter writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = s_utf8, CloseOutput = false });
        new XmlSerializer(typeof(T)).Serialize(writer, model);
        return Task.CompletedTask;
    });

    /// <summary>A request body that serializes the model as JSON into the connection as it is sent (chunked).</summary>
    public static HttpContent JsonContent<T>(T model, JsonTypeInfo<T> typeInfo) =>
        new WriterContent("application/json", (stream, ct) => JsonSerializer.SerializeAsync(stream, model, typeInfo, ct));

    /// <summary>Reads a model from XML; no DTDs and no external entities.</summary>
#if NET
    [RequiresUnreferencedCode(XmlTrimMessage)]
    [RequiresDynamicCode(XmlTrimMessage)]
#endif
    public static T ReadXml<T>(Stream stream)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = false };
        using XmlReader reader = XmlReader.Create(stream, settings);
        object? model = new XmlSerializer(typeof(T)).Deserialize(reader);
        return model is T typed ? typed : throw new InvalidOperationException($"The form data is empty: it holds no {typeof(T).Name}.");
    }

    /// <summary>Reads a model from JSON.</summary>
    public static async Task<T> ReadJsonAsync<T>(Stream stream, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"The form data is null, not a {typeof(T).Name}.");

    /// <summary>Checks a model argument; a string is refused because the text overloads take it with a format.</summary>
    public static void CheckModel<T>(T model, string parameterName)
    {
        if (model is null) throw new ArgumentNullException(parameterName);
        if (model is string)
        {
            throw new ArgumentException("The model is a string: pass XML or JSON text to the overload that takes a FormDataFormat.", parameterName);
        }
    }

    /// <summary>Content written by a callback when sent; its length is unknown, so it goes chunked.</summary>
    private sealed class WriterContent : HttpContent
    {
        private readonly Func<Stream, CancellationToken, Task> _write;

        public WriterContent(string mediaType, Func<Stream, CancellationToken, Task> write)
        {
            _write = write;
            Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _write(stream, CancellationToken.None);

#if NET
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) => _write(stream, cancellationToken);
#endif

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
