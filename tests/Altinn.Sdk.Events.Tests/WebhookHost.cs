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
/// an integrator would map it: what arrives, what was handled, and a switch to lose the answer to an event.
/// </summary>
public sealed class WebhookHost : IAsyncDisposable
{
    public const string Path = "/hooks/altinn";

    private readonly WebApplication _app;

    private WebhookHost(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public EventWebhookReceiver Receiver { get; } = new();

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
        app.MapPost(Path, async (HttpRequest request, CancellationToken ct) =>
        {
            EventWebhookResult result = await host!.Receiver.ReceiveAsync(request.Body, request.ContentType, ct);
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
        host = new WebhookHost(app, new Uri(address.TrimEnd('/') + Path));
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
