using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Events.Tests;

/// <summary>
/// A webhook receiver on loopback (Kestrel, minimal API) built on the SDK's <see cref="EventWebhookReceiver"/>, the way
/// an integrator would map it (a secret path segment the receiver checks): what arrives, what was handled, and a
/// switch to lose the answer to an event.
/// </summary>
public sealed class WebhookHost : IAsyncDisposable
{
    public const string Path = "/hooks/altinn/";

    /// <summary>The secret in the endpoint's path.</summary>
    public const string Secret = "3f1c2a9e8b7d6c5e4f3a2b1c0d9e8f7a";

    private readonly WebApplication _app;

    private WebhookHost(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>The endpoint with the right secret.</summary>
    public Uri Endpoint { get; }

    public EventWebhookReceiver Receiver { get; } = new(Secret);

    /// <summary>Every request's outcome, in arrival order.</summary>
    public ConcurrentQueue<EventWebhookResult> Received { get; } = new();

    /// <summary>The events handled (new ones only), in order.</summary>
    public ConcurrentQueue<CloudEvent> Handled { get; } = new();

    /// <summary>When set, the first answer to each event is lost (500 after handling), so Altinn delivers it again.</summary>
    public bool LoseFirstAnswer { get; set; }

    public static async Task<WebhookHost> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        WebhookHost? host = null;
        app.MapPost(Path + "{secret}", async (string secret, HttpRequest request, CancellationToken ct) =>
        {
            EventWebhookResult result = await host!.Receiver.ReceiveAsync(request.Body, request.ContentType, secret, ct);
            host.Received.Enqueue(result);
            if (result.ShouldHandle)
            {
                host.Handled.Enqueue(result.Event!);
                if (host.LoseFirstAnswer) return Results.StatusCode(500);
            }

            return Results.StatusCode(result.StatusCode);
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host = new WebhookHost(app, new Uri(address.TrimEnd('/') + Path + Secret));
        return host;
    }

    /// <summary>The endpoint with another secret in its path.</summary>
    public Uri EndpointWith(string secret) => new(Endpoint, Path + Uri.EscapeDataString(secret));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
