// Shared source, compiled into every package with a generated transport (Storage, Apps, Events): the base types the
// NSwag templates in openapi/templates/ make every generated client and exception derive from. Linked source rather
// than Core internals with InternalsVisibleTo, because the packages ship and version separately: each carries its own
// internal copy, so no package depends on another package's internals, and Core's surface stays what it documents.
using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace Altinn.Sdk.Internal;

/// <summary>
/// The hand-written half every generated transport shares: the per-call identity and retry marking, what the error
/// message needs of the request, and the bound on error bodies. The clients create one cheap transport per call (the
/// generated serializer settings are static), so these fields belong to exactly one request.
/// </summary>
internal abstract class AltinnTransport
{
    /// <summary>The caller's per-call identity, attached to the request for the authentication handler.</summary>
    internal AltinnRequestOptions? CallOptions { get; set; }

    /// <summary>Whether the request may be retried by the pipeline even though its method is not GET.</summary>
    internal bool CallRetrySafe { get; set; }

    /// <summary>The method of the last request sent, for the error message.</summary>
    internal HttpMethod? LastMethod { get; private set; }

    /// <summary>The URI of the last request sent, for the error message.</summary>
    internal Uri? LastUri { get; private set; }

    /// <summary>The HTTP status of the last response received, for the operation's telemetry.</summary>
    internal int? LastStatus { get; private set; }

    /// <summary>
    /// Makes a generated transport's serializer settings those of <paramref name="models"/> (naming, null handling,
    /// number handling, converters) with source-generated metadata only: the models plus the transport's own bodies
    /// (<paramref name="bodies"/>), so no call ever falls back to reflection. The settings are made read-only.
    /// </summary>
    protected static void UseJson(JsonSerializerOptions settings, JsonSerializerContext models, JsonSerializerContext bodies)
    {
        JsonSerializerOptions source = models.Options;
        settings.PropertyNamingPolicy = source.PropertyNamingPolicy;
        settings.DictionaryKeyPolicy = source.DictionaryKeyPolicy;
        settings.DefaultIgnoreCondition = source.DefaultIgnoreCondition;
        settings.PropertyNameCaseInsensitive = source.PropertyNameCaseInsensitive;
        settings.NumberHandling = source.NumberHandling;
        foreach (JsonConverter converter in source.Converters)
        {
            settings.Converters.Add(converter);
        }

        settings.TypeInfoResolver = JsonTypeInfoResolver.Combine(models, bodies);
        settings.MakeReadOnly();
    }

    // The generated code calls these hooks (NSwag's generatePrepareRequestAndProcessResponseAsAsyncMethods) before
    // sending and after receiving each request. The url-builder hook runs first; the request is complete only for the
    // second.
#pragma warning disable CA1822, IDE0060 // The generated code calls the hooks as instance methods with these parameters.
    protected Task PrepareRequestAsync(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    protected Task PrepareRequestAsync(HttpClient client, HttpRequestMessage request, string url, CancellationToken cancellationToken)
    {
        request.SetAltinnRequestOptions(CallOptions);
        if (CallRetrySafe) request.MarkRetrySafe();
        LastMethod = request.Method;
        LastUri = request.RequestUri;
        return Task.CompletedTask;
    }

    // The generated code reads an error body whole into a string: only its first 64 KiB are read.
    protected Task ProcessResponseAsync(HttpClient client, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        LastStatus = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode && response.Content is not null) response.Content = ResponseBody.TruncateError(response.Content);
        return Task.CompletedTask;
    }
#pragma warning restore CA1822, IDE0060
}

/// <summary>
/// What every generated transport throws for an answer it does not expect: the status, the (bounded) body text and
/// the headers. <see cref="AltinnConnection{TTransport}"/> turns it into <c>AltinnRequestFailedException</c>; it never
/// leaves a package.
/// </summary>
#pragma warning disable CA1032, CA1064 // Created by generated code only, with one constructor; never public.
internal abstract class AltinnTransportException : Exception
#pragma warning restore CA1032, CA1064
{
    /// <summary>Creates the exception with NSwag's message: the status and the body's first 512 characters.</summary>
    protected AltinnTransportException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException)
        : base(message + "\n\nStatus: " + statusCode + "\nResponse: \n" + (response is null ? "(null)" : response.Substring(0, Math.Min(response.Length, 512))), innerException)
    {
        StatusCode = statusCode;
        Response = response;
        Headers = headers;
    }

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>The body, as text (at most <see cref="ResponseBody.MaxErrorBytes"/> of it).</summary>
    public string? Response { get; }

    /// <summary>The response and content headers.</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Format(System.Globalization.CultureInfo.InvariantCulture, "HTTP Response: \n\n{0}\n\n{1}", Response, base.ToString());
}
