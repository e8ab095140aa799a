using System;
using System.Net.Http;
using Altinn.Sdk.Internal;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Apps.Transport;

/// <summary>
/// The hand-written half of the generated App API transport (the other half is generated from openapi/app.yaml
/// into obj/; see openapi/README.md).
/// </summary>
internal partial class AppTransport
{
    /// <summary>The caller's per-call identity, attached to the request for the authentication handler.</summary>
    internal AltinnRequestOptions? CallOptions { get; set; }

    /// <summary>Whether the request may be retried by the pipeline even though its method is not GET.</summary>
    internal bool CallRetrySafe { get; set; }

    /// <summary>The method of the last request sent, for the error message.</summary>
    internal HttpMethod? LastMethod { get; private set; }

    /// <summary>The URI of the last request sent, for the error message.</summary>
    internal Uri? LastUri { get; private set; }

    /// <summary>
    /// Makes the generated serializer settings Core's (naming, null handling, number handling, converters) with
    /// source-generated metadata only: Core's models plus the transport's own bodies, so no call uses reflection.
    /// </summary>
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        JsonSerializerOptions core = AltinnJsonContext.Default.Options;
        settings.PropertyNamingPolicy = core.PropertyNamingPolicy;
        settings.DictionaryKeyPolicy = core.DictionaryKeyPolicy;
        settings.DefaultIgnoreCondition = core.DefaultIgnoreCondition;
        settings.PropertyNameCaseInsensitive = core.PropertyNameCaseInsensitive;
        settings.NumberHandling = core.NumberHandling;
        foreach (JsonConverter converter in core.Converters)
        {
            settings.Converters.Add(converter);
        }

        settings.TypeInfoResolver = JsonTypeInfoResolver.Combine(AltinnJsonContext.Default, AppTransportJsonContext.Default);
        settings.MakeReadOnly();
    }

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
}

/// <summary>Source-generated JSON metadata for the transport's own request and response bodies.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(InstantiationRequest))]
[JsonSerializable(typeof(ProcessNext))]
[JsonSerializable(typeof(DataPostResponse))]
[JsonSerializable(typeof(DataDeleteResponse))]
internal sealed partial class AppTransportJsonContext : JsonSerializerContext
{
}
