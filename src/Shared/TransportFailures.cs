// Shared source: compiled into Altinn.Sdk.Storage, Altinn.Sdk.Apps and Altinn.Sdk.Events (each gets its own internal
// copy), because the three generated transports differ only in their type names.
using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Altinn.Sdk.Internal;

/// <summary>How the clients send hand-built requests and turn failures into <see cref="AltinnRequestFailedException"/>.</summary>
internal static class TransportFailures
{
    /// <summary>Sends a request built by hand with the per-call identity and retry marking; the response is streamed.</summary>
    public static Task<HttpResponseMessage> SendAsync(
        HttpClient httpClient, HttpRequestMessage request, AltinnRequestOptions? options, bool retrySafe, CancellationToken cancellationToken)
    {
        request.SetAltinnRequestOptions(options);
        if (retrySafe) request.MarkRetrySafe();
        return httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Reads the failed response into the exception and disposes it.</summary>
    public static async Task<AltinnRequestFailedException> FailureAsync(HttpResponseMessage response, string? hint, CancellationToken cancellationToken)
    {
        using (response)
        {
            return await AltinnRequestFailedException.CreateAsync(response, hint, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Builds the exception for a generated transport's failure. The generated code has read and disposed the
    /// response; a response is rebuilt from what it kept (status, body text, headers, the request line) so that the
    /// one exception factory writes the one message format.
    /// </summary>
    public static async Task<AltinnRequestFailedException> FromTransportAsync(
        Exception transportException,
        int statusCode,
        string? responseText,
        IReadOnlyDictionary<string, IEnumerable<string>> headers,
        HttpMethod? method,
        Uri? requestUri,
        string? hint,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, requestUri);
        using var response = new HttpResponseMessage((HttpStatusCode)statusCode)
        {
            RequestMessage = request,
            Content = new StringContent(responseText ?? string.Empty, Encoding.UTF8),
        };
        foreach (KeyValuePair<string, IEnumerable<string>> header in headers)
        {
            // The transport keeps response and content headers in one dictionary.
            if (!response.Headers.TryAddWithoutValidation(header.Key, header.Value))
            {
                response.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        AltinnRequestFailedException created = await AltinnRequestFailedException.CreateAsync(response, hint, cancellationToken).ConfigureAwait(false);
        return new AltinnRequestFailedException(
            created.Status, created.Message, created.Problem, created.Method, created.RequestUri, created.ResponseText, created.RequestId, transportException);
    }
}
