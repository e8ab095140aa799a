using System;
using System.Net.Http;
using Altinn.Sdk.Internal;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Altinn.Sdk.Events.Transport;

/// <summary>
/// The hand-written half of the generated Events transport (the other half is generated from openapi/events.yaml
/// into obj/; see openapi/README.md). The public clients create one cheap transport per call (the serializer
/// settings are static), so the per-call fields below belong to exactly one request.
/// </summary>
internal partial class EventsTransport
{
    /// <summary>The caller's per-call identity, attached to the request for the authentication handler.</summary>
    internal AltinnRequestOptions? CallOptions { get; set; }

    /// <summary>Whether the request may be retried by the pipeline even though its method is not GET.</summary>
    internal bool CallRetrySafe { get; set; }

    /// <summary>The method of the last request sent, for the error message.</summary>
    internal HttpMethod? LastMethod { get; private set; }

    /// <summary>The URI of the last request sent, for the error message.</summary>
    internal Uri? LastUri { get; private set; }

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, string url)
    {
        request.SetAltinnRequestOptions(CallOptions);
        if (CallRetrySafe) request.MarkRetrySafe();
        LastMethod = request.Method;
        LastUri = request.RequestUri;
    }

    // The generated code reads an error body whole into a string: only its first 64 KiB are read.
#pragma warning disable CA1822 // The generated code declares the hook as an instance method.
    partial void ProcessResponse(HttpClient client, HttpResponseMessage response)
#pragma warning restore CA1822
    {
        if (!response.IsSuccessStatusCode && response.Content is not null) response.Content = ResponseBody.TruncateError(response.Content);
    }

    /// <summary>
    /// Makes the generated serializer settings the package's: <see cref="EventsJsonContext"/>'s naming and null
    /// handling and source-generated metadata only (the public models plus the transport's bodies), so no call ever falls back to reflection.
    /// </summary>
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        JsonSerializerOptions events = EventsJsonContext.Default.Options;
        settings.PropertyNamingPolicy = events.PropertyNamingPolicy;
        settings.DictionaryKeyPolicy = events.DictionaryKeyPolicy;
        settings.DefaultIgnoreCondition = events.DefaultIgnoreCondition;
        settings.PropertyNameCaseInsensitive = events.PropertyNameCaseInsensitive;
        settings.TypeInfoResolver = JsonTypeInfoResolver.Combine(EventsJsonContext.Default, EventsTransportJsonContext.Default);
        settings.MakeReadOnly();
    }
}
