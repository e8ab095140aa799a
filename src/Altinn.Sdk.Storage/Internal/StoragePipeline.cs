using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Altinn.Sdk.Storage.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Altinn.Sdk.Storage;

/// <summary>What the three sub-clients share: the HTTP client with the Altinn pipeline, the Storage base URL and the logger.</summary>
internal sealed class StoragePipeline
{
    public StoragePipeline(HttpClient httpClient, AltinnEnvironment environment, ILogger? logger)
    {
        HttpClient = httpClient;
        Environment = environment;
        BaseUrl = environment.StorageBaseUrl.AbsoluteUri;
        Logger = logger ?? NullLogger.Instance;
    }

    public HttpClient HttpClient { get; }

    public AltinnEnvironment Environment { get; }

    /// <summary>The Storage base URL, ending in <c>/storage/api/v1/</c>.</summary>
    public string BaseUrl { get; }

    public ILogger Logger { get; }

    /// <summary>An absolute URI below the Storage base URL; <paramref name="relative"/> is already escaped.</summary>
    public Uri Uri(string relative) => new(BaseUrl + relative, UriKind.Absolute);

    /// <summary>
    /// Runs one generated transport call with the per-call identity and retry marking, and turns the transport's
    /// internal exception into <see cref="AltinnRequestFailedException"/>.
    /// </summary>
    public async Task<T> CallAsync<T>(
        AltinnRequestOptions? options,
        bool retrySafe,
        Func<int, string?> hint,
        Func<StorageTransport, CancellationToken, Task<T>> call,
        CancellationToken cancellationToken)
    {
        var transport = new StorageTransport(BaseUrl, HttpClient) { CallOptions = options, CallRetrySafe = retrySafe };
        try
        {
            return await call(transport, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageTransportException e)
        {
            throw await FromTransportAsync(e, transport, hint(e.StatusCode), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a request built by hand (see the callers for why they do not use the transport).</summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, AltinnRequestOptions? options, bool retrySafe, CancellationToken cancellationToken)
    {
        request.SetAltinnRequestOptions(options);
        if (retrySafe) request.MarkRetrySafe();
        return await HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the failed response into the exception and disposes it.</summary>
    public static async Task<AltinnRequestFailedException> FailureAsync(HttpResponseMessage response, string? hint, CancellationToken cancellationToken)
    {
        using (response)
        {
            return await AltinnRequestFailedException.CreateAsync(response, hint, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<AltinnRequestFailedException> FromTransportAsync(
        StorageTransportException e, StorageTransport transport, string? hint, CancellationToken cancellationToken)
    {
        // The generated code has read and disposed the response; rebuild a response from what it kept (status,
        // body text, headers, the request line) so that the one exception factory writes the one message format.
        using var request = new HttpRequestMessage(transport.LastMethod ?? HttpMethod.Get, transport.LastUri);
        using var response = new HttpResponseMessage((HttpStatusCode)e.StatusCode)
        {
            RequestMessage = request,
            Content = new StringContent(e.Response ?? string.Empty, Encoding.UTF8),
        };
        foreach (KeyValuePair<string, IEnumerable<string>> header in e.Headers)
        {
            response.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        AltinnRequestFailedException created = await AltinnRequestFailedException.CreateAsync(response, hint, cancellationToken).ConfigureAwait(false);
        return new AltinnRequestFailedException(
            created.Status, created.Message, created.Problem, created.Method, created.RequestUri, created.ResponseText, created.RequestId, e);
    }

    /// <summary>The id's path segments <c>{partyId}/{guid}</c>.</summary>
    public static string Path(InstanceId id) => id.ToString();
}
