using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Altinn.Sdk.Storage.Transport;
using Altinn.Sdk.Internal;
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

    /// <summary>The most of one answer read into memory (see <see cref="ResponseBody.MaxBytes"/>).</summary>
    public int MaxResponseBytes => ResponseBody.MaxBytes(HttpClient);

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
    public Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, AltinnRequestOptions? options, bool retrySafe, CancellationToken cancellationToken) =>
        TransportFailures.SendAsync(HttpClient, request, options, retrySafe, cancellationToken);

    /// <summary>Reads the failed response into the exception and disposes it.</summary>
    public static Task<AltinnRequestFailedException> FailureAsync(HttpResponseMessage response, string? hint, CancellationToken cancellationToken) =>
        TransportFailures.FailureAsync(response, hint, cancellationToken);

    private static Task<AltinnRequestFailedException> FromTransportAsync(
        StorageTransportException e, StorageTransport transport, string? hint, CancellationToken cancellationToken) =>
        TransportFailures.FromTransportAsync(e, e.StatusCode, e.Response, e.Headers, transport.LastMethod, transport.LastUri, hint, cancellationToken);

    /// <summary>The id's path segments <c>{partyId}/{guid}</c>.</summary>
    public static string Path(InstanceId id) => id.ToString();
}
