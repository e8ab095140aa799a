using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Testing.Tests.Events;

/// <summary>Helpers for the Events tests: publishing into the feed, calling the API, and reading answers.</summary>
internal static class EventsTestSupport
{
    public const string ValidationType = "platform.events.validatesubscription";

    public static readonly AppId TestApp = AppId.Parse("ttd/apps-test");

    /// <summary>Publishes an app event for a fresh instance of <paramref name="app"/> (default ttd/apps-test) owned by <paramref name="partyId"/>.</summary>
    public static EmulatedCloudEvent Publish(this AltinnEmulator emulator, int partyId, string type = "app.instance.created", AppId? app = null, string? alternativeSubject = null)
    {
        app ??= TestApp;
        var instance = new Instance { Id = new InstanceId(partyId, Guid.NewGuid()), AppId = app, Org = app.Org };
        return emulator.Context.State.PublishAppEvent(instance, type, emulator.AppBaseUrl(app), alternativeSubject);
    }

    public static Uri EventsUrl(this AltinnEmulator emulator, string relative) => new(emulator.BaseUrl, "events/api/v1/" + relative);

    public static async Task<HttpResponseMessage> GetAsync(this HttpClient http, Uri url, string? token, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        configure?.Invoke(request);
        return await http.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> SendJsonAsync(this HttpClient http, HttpMethod method, Uri url, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        return await http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static async Task<string[]> EventIdsAsync(this HttpResponseMessage response) =>
        [.. (await response.JsonAsync()).EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];

    public static string? Next(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("next", out var values) ? values.Single() : null;

    /// <summary>Polls until <paramref name="condition"/> holds (real time), or fails after a while.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string because, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Timed out waiting: " + because);
            await Task.Delay(10);
        }
    }
}

/// <summary>A webhook on loopback that records what it receives and answers with a chosen status.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ReceivedWebhook> _received = [];

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The endpoint to subscribe with.</summary>
    public Uri Url { get; }

    /// <summary>The status for a request; gets the request and how many requests came before it. Default 200.</summary>
    public Func<ReceivedWebhook, int, int> Respond { get; set; } = (_, _) => StatusCodes.Status200OK;

    /// <summary>Everything received, oldest first.</summary>
    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (_received) return [.. _received];
        }
    }

    /// <summary>The events received, without the validation events.</summary>
    public IReadOnlyList<ReceivedWebhook> Events => [.. Received.Where(r => r.Type != EventsTestSupport.ValidationType)];

    /// <summary>The validation events received.</summary>
    public IReadOnlyList<ReceivedWebhook> Validations => [.. Received.Where(r => r.Type == EventsTestSupport.ValidationType)];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook/{**rest}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            string body = await reader.ReadToEndAsync();
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement.Clone();
            var received = new ReceivedWebhook(
                context.Request.Path + context.Request.QueryString,
                context.Request.ContentType,
                root,
                root.TryGetProperty("type", out var type) ? type.GetString() : null,
                root.TryGetProperty("id", out var id) ? id.GetString() : null);
            int before;
            lock (receiver!._received)
            {
                before = receiver._received.Count;
                receiver._received.Add(received);
            }

            context.Response.StatusCode = receiver.Respond(received, before);
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(address.TrimEnd('/') + "/hook/events"));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request a webhook received.</summary>
internal sealed record ReceivedWebhook(string PathAndQuery, string? ContentType, JsonElement Body, string? Type, string? Id);

/// <summary>One emulator shared by a test class's read-only cases (starting one costs about a second).</summary>
public sealed class SharedEmulator : IAsyncLifetime
{
    public AltinnEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await AltinnEmulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}
