using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Tests.Infrastructure;

/// <summary>A request as the loopback server received it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query string, as sent.</param>
/// <param name="Headers">The request headers (names case-insensitive; repeated values joined with ", ").</param>
/// <param name="Body">The request body (empty when there was none).</param>
public sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The value of a header, or null when the request did not have it.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    /// <summary>The Authorization header, or null.</summary>
    public string? Authorization => Header("Authorization");
}

/// <summary>
/// A real Kestrel server on <c>http://127.0.0.1:{random port}</c> that answers with a <see cref="RequestDelegate"/>
/// and records every request it receives. Dispose it to stop it.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    private LoopbackServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>The server's base address with a trailing slash, for example <c>http://127.0.0.1:53124/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The requests received so far, in arrival order (a snapshot).</summary>
    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToArray();

    /// <summary>An absolute URI on this server.</summary>
    public Uri Url(string relative) => new(BaseUri, relative);

    /// <summary>Starts a server that answers every request with <paramref name="handler"/>.</summary>
    public static async Task<LoopbackServer> StartAsync(RequestDelegate handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();

        LoopbackServer? server = null;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in context.Request.Headers) headers[header.Key] = header.Value.ToString();
            server!._requests.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent(),
                headers,
                body.ToArray()));
            // The handler reads the body again (forms, JSON), so give it the recorded copy.
            body.Position = 0;
            context.Request.Body = body;
            await handler(context);
        });

        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new LoopbackServer(app, new Uri(address.TrimEnd('/') + "/"));
        return server;
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
