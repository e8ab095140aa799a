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

    /// <summary>A model argument checked and ready to send as XML, serialized into the connection as it is sent.</summary>
#if NET
    [RequiresUnreferencedCode(XmlTrimMessage)]
    [RequiresDynamicCode(XmlTrimMessage)]
#endif
    public static FormDataBody Xml<T>(T model, string parameterName)
    {
        CheckModel(model, parameterName);
        return new FormDataBody("application/xml", (stream, _) =>
        {
            // XmlSerializer writes synchronously; the connection's stream accepts synchronous writes.
            using XmlWriter writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = s_utf8, CloseOutput = false });
            new XmlSerializer(typeof(T)).Serialize(writer, model);
            return Task.CompletedTask;
        });
    }

    /// <summary>As <see cref="Xml{T}(T, string)"/>, as JSON with the caller's source-generated contract.</summary>
    public static FormDataBody Json<T>(T model, JsonTypeInfo<T> jsonTypeInfo, string parameterName)
    {
        CheckModel(model, parameterName);
        if (jsonTypeInfo is null) throw new ArgumentNullException(nameof(jsonTypeInfo));
        return new FormDataBody("application/json", (stream, ct) => JsonSerializer.SerializeAsync(stream, model, jsonTypeInfo, ct));
    }

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
    private static void CheckModel<T>(T model, string parameterName)
    {
        if (model is null) throw new ArgumentNullException(parameterName);
        if (model is string)
        {
            throw new ArgumentException("The model is a string: pass XML or JSON text to the overload that takes a FormDataFormat.", parameterName);
        }
    }
}

/// <summary>A form data model ready to send: its media type, and how to write it into the request.</summary>
internal sealed class FormDataBody(string mediaType, Func<Stream, CancellationToken, Task> write)
{
    /// <summary>The media type, <c>application/xml</c> or <c>application/json</c>.</summary>
    public string MediaType { get; } = mediaType;

    /// <summary>A request body that writes the model into the connection as it is sent (chunked: its length is unknown).</summary>
    public HttpContent CreateContent() => new WriterContent(MediaType, write);

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
