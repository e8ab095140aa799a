using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Altinn.Sdk.Apps.Transport;
using Altinn.Sdk.Models;
using Altinn.Sdk.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Altinn.Sdk.Apps;

/// <summary>
/// What the sub-clients of one <see cref="AppClient"/> share: the HTTP client with the Altinn pipeline, the app's
/// base URL, the logger and the cached application metadata.
/// </summary>
internal sealed class AppPipeline
{
    private ApplicationMetadata? _metadata;

    private readonly Func<HttpClient> _httpClient;

    public AppPipeline(Func<HttpClient> httpClient, AltinnEnvironment environment, AppId appId, ILogger? logger)
    {
        _httpClient = httpClient;
        AppId = appId;
        BaseUrl = environment.GetAppBaseUrl(appId).AbsoluteUri;
        Logger = logger ?? NullLogger.Instance;
    }

    /// <summary>An HTTP client with the Altinn pipeline, for one request.</summary>
    public HttpClient HttpClient => _httpClient();

    public AppId AppId { get; }

    /// <summary>The most of one answer read into memory (see <see cref="ResponseBody.MaxBytes"/>).</summary>
    public int MaxResponseBytes => ResponseBody.MaxBytes(HttpClient);

    /// <summary>The app's base URL, ending in <c>/{org}/{app}/</c>.</summary>
    public string BaseUrl { get; }

    public ILogger Logger { get; }

    /// <summary>The metadata read last, or <see langword="null"/> before the first read.</summary>
    public ApplicationMetadata? CachedMetadata => Volatile.Read(ref _metadata);

    public void CacheMetadata(ApplicationMetadata metadata) => Volatile.Write(ref _metadata, metadata);

    /// <summary>
    /// The app's metadata for the checks before an upload: the cached copy, or read once (anonymous, cheap). When it
    /// cannot be read the checks are skipped and the app decides, so <see langword="null"/> is returned.
    /// Concurrent first uploads may each read it; that is harmless and needs no lock. The read runs with the
    /// upload's identity: the endpoint is anonymous, but the pipeline attaches a token for whoever is calling.
    /// </summary>
    public async Task<ApplicationMetadata?> MetadataForChecksAsync(AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        if (CachedMetadata is { } cached) return cached;
        try
        {
            ApplicationMetadata metadata = await CallAsync(
                options, retrySafe: false, _ => null, (t, ct) => t.GetApplicationMetadataAsync(null, ct), cancellationToken).ConfigureAwait(false);
            CacheMetadata(metadata);
            return metadata;
        }
        catch (AltinnRequestFailedException e)
        {
            AppsLog.MetadataUnavailable(Logger, AppId, e.Status);
            return null;
        }
    }

    /// <summary>An absolute URI below the app's base URL; <paramref name="relative"/> is already escaped.</summary>
    public Uri Uri(string relative) => new(BaseUrl + relative, UriKind.Absolute);

    /// <summary>
    /// Runs one generated transport call with the per-call identity and retry marking, and turns the transport's
    /// internal exception into <see cref="AltinnRequestFailedException"/> with the hint for its status.
    /// </summary>
    public async Task<T> CallAsync<T>(
        AltinnRequestOptions? options,
        bool retrySafe,
        Func<int, string?> hint,
        Func<AppTransport, CancellationToken, Task<T>> call,
        CancellationToken cancellationToken)
    {
        var transport = new AppTransport(BaseUrl, HttpClient) { CallOptions = options, CallRetrySafe = retrySafe };
        try
        {
            return await call(transport, cancellationToken).ConfigureAwait(false);
        }
        catch (AppTransportException e)
        {
            throw await FromTransportAsync(e, transport, hint(e.StatusCode), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a request built by hand (streamed bodies and downloads, which the transport cannot give the caller).</summary>
    public Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, AltinnRequestOptions? options, bool retrySafe, CancellationToken cancellationToken) =>
        TransportFailures.SendAsync(HttpClient, request, options, retrySafe, cancellationToken);

    /// <summary>Reads the failed response into the exception and disposes it.</summary>
    public static Task<AltinnRequestFailedException> FailureAsync(HttpResponseMessage response, string? hint, CancellationToken cancellationToken) =>
        TransportFailures.FailureAsync(response, hint, cancellationToken);

    private static Task<AltinnRequestFailedException> FromTransportAsync(
        AppTransportException e, AppTransport transport, string? hint, CancellationToken cancellationToken) =>
        TransportFailures.FromTransportAsync(e, e.StatusCode, e.Response, e.Headers, transport.LastMethod, transport.LastUri, hint, cancellationToken);

    /// <summary>The id's path segments <c>{partyId}/{guid}</c> (two segments: the slash is never escaped).</summary>
    public static string Path(InstanceId id) => id.ToString();

    public static void CheckInstanceId(InstanceId instanceId)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
    }

    public static void CheckIds(InstanceId instanceId, Guid dataElementId)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        if (dataElementId == Guid.Empty) throw new ArgumentException("The data element id is empty.", nameof(dataElementId));
    }

    /// <summary>Hints for the statuses every instance call can get.</summary>
    public static string? InstanceHint(int status) => status switch
    {
        403 => "The caller may not do this with the instance: the app's policy decides per task (app owners need the altinn:serviceowner/instances scopes; users and system users must be allowed to act for the instance owner).",
        404 => "The instance does not exist for this caller: it may never have existed, or be hard-deleted (hidden from end users, for example after the process ended in an app with autoDeleteOnProcessEnd).",
        _ => null,
    };
}
