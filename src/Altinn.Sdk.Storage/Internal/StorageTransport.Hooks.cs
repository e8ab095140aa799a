using System;
using System.Net.Http;
using Altinn.Sdk.Internal;

namespace Altinn.Sdk.Storage.Transport;

/// <summary>
/// Per-call hooks of the generated transport. The public clients create one cheap <see cref="StorageTransport"/>
/// per call (the serializer settings are static), so these fields belong to exactly one request.
/// </summary>
internal partial class StorageTransport
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
}
