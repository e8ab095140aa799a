using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Altinn.Sdk.Events.Transport;
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
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        request.SetAltinnRequestOptions(options);
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
        EventsTransportException e, EventsTransport transport, string? hint, CancellationToken cancellationToken)
    {
        // The generated code has read and disposed the response; rebuild one from what it kept (status, body text,
        // headers, the request line) so that the one exception factory writes the one message format.
        using var request = new HttpRequestMessage(transport.LastMethod ?? HttpMethod.Get, transport.LastUri);
        using var response = new HttpResponseMessage((HttpStatusCode)e.StatusCode)
        {
            RequestMessage = request,
            Content = new StringContent(e.Response ?? string.Empty, Encoding.UTF8),
        };
        foreach (KeyValuePair<string, IEnumerable<string>> header in e.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(header.Key, header.Value))
            {
                response.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        AltinnRequestFailedException created = await AltinnRequestFailedException.CreateAsync(response, hint, cancellationToken).ConfigureAwait(false);
        return new AltinnRequestFailedException(
            created.Status, created.Message, created.Problem, created.Method, created.RequestUri, created.ResponseText, created.RequestId, e);
    }
}
