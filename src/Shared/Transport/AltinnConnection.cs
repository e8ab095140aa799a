// Shared source, compiled into Storage, Apps and Events (see AltinnTransport.cs for why linked source).
using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Altinn.Sdk.Internal;

/// <summary>
/// How a client carries one call to a service: the HTTP client with the Altinn pipeline, the service's base URL and
/// the logger; a generated transport call or a hand-built request with the per-call identity and retry marking; and
/// every failure as <see cref="AltinnRequestFailedException"/>. Each package derives its own (its base URL, its transport).
/// </summary>
/// <typeparam name="TTransport">The package's generated transport.</typeparam>
internal abstract class AltinnConnection<TTransport>
    where TTransport : AltinnTransport
{
    private readonly Func<HttpClient> _httpClient;
    private readonly Func<string, HttpClient, TTransport> _createTransport;
    private readonly AltinnEnvironment _environment;
    private readonly string? _appId;

    /// <param name="httpClient">An HTTP client with the Altinn pipeline, asked for once per request.</param>
    /// <param name="baseUrl">The service's base URL, ending in <c>/</c>.</param>
    /// <param name="logger">The logger, or <see langword="null"/> for none.</param>
    /// <param name="createTransport">Creates the generated transport on a base URL and an HTTP client.</param>
    /// <param name="environment">The environment, named in each operation's telemetry.</param>
    /// <param name="appId">The app every call of this connection goes to (an app's own API), for the telemetry; else read from each request's path.</param>
    protected AltinnConnection(
        Func<HttpClient> httpClient, string baseUrl, ILogger? logger, Func<string, HttpClient, TTransport> createTransport, AltinnEnvironment environment, AppId? appId = null)
    {
        _httpClient = httpClient;
        _createTransport = createTransport;
        _environment = environment;
        _appId = appId?.ToString();
        BaseUrl = baseUrl;
        Logger = logger ?? NullLogger.Instance;
    }

    /// <summary>An HTTP client with the Altinn pipeline, for one request.</summary>
    public HttpClient HttpClient => _httpClient();

    /// <summary>The service's base URL, ending in <c>/</c>.</summary>
    public string BaseUrl { get; }

    public ILogger Logger { get; }

    /// <summary>The most of one answer read into memory (see <see cref="ResponseBody.MaxBytes"/>).</summary>
    public int MaxResponseBytes => ResponseBody.MaxBytes(HttpClient);

    /// <summary>An absolute URI below the base URL; <paramref name="relative"/> is already escaped.</summary>
    public Uri Uri(string relative) => new(BaseUrl + relative, UriKind.Absolute);

    /// <summary>
    /// Runs one generated transport call with the per-call identity and retry marking, and turns the transport's
    /// internal exception into <see cref="AltinnRequestFailedException"/> with the hint for its status. The call is
    /// one <paramref name="operation"/> in the telemetry (see <see cref="AltinnOperation"/>).
    /// </summary>
    public async Task<T> CallAsync<T>(
        string operation,
        AltinnRequestOptions? options,
        bool retrySafe,
        Func<int, string?> hint,
        Func<TTransport, CancellationToken, Task<T>> call,
        CancellationToken cancellationToken)
    {
        TTransport transport = _createTransport(BaseUrl, HttpClient);
        transport.CallOptions = options;
        transport.CallRetrySafe = retrySafe;
        using AltinnOperation telemetry = AltinnOperation.Start(operation, _environment, _appId);
        try
        {
            T result = await call(transport, cancellationToken).ConfigureAwait(false);
            telemetry.Target(transport.LastUri);
            telemetry.Completed(transport.LastStatus ?? 200);
            return result;
        }
        catch (AltinnTransportException e)
        {
            telemetry.Target(transport.LastUri);
            telemetry.Failed(e, e.StatusCode);
            throw await FromTransportAsync(e, transport, hint(e.StatusCode), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            telemetry.Target(transport.LastUri);
            telemetry.Failed(e, transport.LastStatus);
            throw;
        }
    }

    /// <summary>
    /// Sends a request built by hand (streamed bodies, downloads and headers the transport cannot give the caller)
    /// with the per-call identity and retry marking; the response is streamed. The request is one
    /// <paramref name="operation"/> in the telemetry, until the response headers (a download's body is read after).
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(
        string operation, HttpRequestMessage request, AltinnRequestOptions? options, bool retrySafe, CancellationToken cancellationToken)
    {
        request.SetAltinnRequestOptions(options);
        if (retrySafe) request.MarkRetrySafe();
        return AltinnOperation.SendAsync(operation, _environment, _appId, HttpClient, request, cancellationToken);
    }

    /// <summary>Reads the failed response into the exception and disposes it.</summary>
    public static async Task<AltinnRequestFailedException> FailureAsync(HttpResponseMessage response, string? hint, CancellationToken cancellationToken)
    {
        using (response)
        {
            return await AltinnRequestFailedException.CreateAsync(response, hint, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The id's path segments <c>{partyId}/{guid}</c> (two segments: the slash is never escaped).</summary>
    public static string Path(InstanceId id) => id.ToString();

    /// <summary>
    /// Builds the exception for a generated transport's failure. The generated code has read and disposed the
    /// response; a response is rebuilt from what it kept (status, body text, headers, the request line) so that the
    /// one exception factory writes the one message format.
    /// </summary>
    private static async Task<AltinnRequestFailedException> FromTransportAsync(
        AltinnTransportException e, AltinnTransport transport, string? hint, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(transport.LastMethod ?? HttpMethod.Get, transport.LastUri);
        using var response = new HttpResponseMessage((HttpStatusCode)e.StatusCode)
        {
            RequestMessage = request,
            Content = new StringContent(e.Response ?? string.Empty, Encoding.UTF8),
        };
        foreach (KeyValuePair<string, IEnumerable<string>> header in e.Headers)
        {
            // The transport keeps response and content headers in one dictionary.
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
