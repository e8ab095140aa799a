using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Altinn.Sdk.Events.Transport;
using Altinn.Sdk.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Altinn.Sdk.Events;

/// <summary>What the Events clients share: the HTTP client with the Altinn pipeline, the Events base URL and the logger.</summary>
internal sealed class EventsPipeline
{
    public EventsPipeline(HttpClient httpClient, AltinnEnvironment environment, ILogger? logger)
    {
        HttpClient = httpClient;
        Environment = environment;
        BaseUrl = environment.EventsBaseUrl.AbsoluteUri;
        Logger = logger ?? NullLogger.Instance;
    }

    public HttpClient HttpClient { get; }

    public AltinnEnvironment Environment { get; }

    /// <summary>The Events base URL, ending in <c>/events/api/v1/</c>.</summary>
    public string BaseUrl { get; }

    public ILogger Logger { get; }

    /// <summary>An absolute URI below the Events base URL; <paramref name="relative"/> is already escaped.</summary>
    public Uri Uri(string relative) => new(BaseUrl + relative, UriKind.Absolute);

    /// <summary>
    /// Runs one generated transport call with the per-call identity and retry marking, and turns the transport's
    /// internal exception into <see cref="AltinnRequestFailedException"/>.
    /// </summary>
    public async Task<T> CallAsync<T>(
        AltinnRequestOptions? options,
        bool retrySafe,
        Func<int, string?> hint,
        Func<EventsTransport, CancellationToken, Task<T>> call,
        CancellationToken cancellationToken)
    {
        var transport = new EventsTransport(BaseUrl, HttpClient) { CallOptions = options, CallRetrySafe = retrySafe };
        try
        {
            return await call(transport, cancellationToken).ConfigureAwait(false);
        }
        catch (EventsTransportException e)
        {
            throw await FromTransportAsync(e, transport, hint(e.StatusCode), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a request built by hand (the feeds, which need the <c>next</c> header the transport does not expose).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, AltinnRequestOptions? options, CancellationToken cancellationToken) =>
        TransportFailures.SendAsync(HttpClient, request, options, retrySafe: false, cancellationToken);

    /// <summary>Reads the failed response into the exception and disposes it.</summary>
    public static Task<AltinnRequestFailedException> FailureAsync(HttpResponseMessage response, string? hint, CancellationToken cancellationToken) =>
        TransportFailures.FailureAsync(response, hint, cancellationToken);

    private static Task<AltinnRequestFailedException> FromTransportAsync(
        EventsTransportException e, EventsTransport transport, string? hint, CancellationToken cancellationToken) =>
        TransportFailures.FromTransportAsync(e, e.StatusCode, e.Response, e.Headers, transport.LastMethod, transport.LastUri, hint, cancellationToken);
}
