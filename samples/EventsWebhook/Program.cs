using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Threading.Channels;
using Altinn.Sdk;
using Altinn.Sdk.Events;
using Altinn.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Receive Altinn events by webhook in an ASP.NET Core minimal API: answer Altinn's validation, drop repeated pushes,
// answer fast and handle events in the background. Runs against the embedded emulator unless ALTINN__ENVIRONMENT is
// set; see README.md next to this file for a real environment.
string? environment = Environment.GetEnvironmentVariable("ALTINN__ENVIRONMENT");
AppId appId = AppId.Parse(Environment.GetEnvironmentVariable("EVENTSWEBHOOK__APPID") ?? "ttd/demo-app");

// Pushes are not signed: a secret path segment, checked by the receiver, keeps strangers out (add Altinn's outbound IP
// addresses in a firewall).
string secret = Environment.GetEnvironmentVariable("EVENTSWEBHOOK__SECRET") ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

await using AltinnEmulator? emulator = environment is null
    ? await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true })
    : null;

WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);

// Request logs at Information would print the secret path; keep the framework's logs to warnings.
builder.Logging.SetMinimumLevel(LogLevel.Warning);
if (emulator is not null)
{
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Services.AddSingleton(emulator.Environment);
    builder.Services.AddSingleton(emulator.CreateOrgCredential("ttd"));
    builder.Services.AddAltinn(_ => { });
}
else
{
    builder.Services.AddAltinn(options =>
    {
        options.Environment = environment;
        options.Maskinporten.ClientId = Environment.GetEnvironmentVariable("ALTINN__MASKINPORTEN__CLIENTID");
        options.Maskinporten.JwkPath = Environment.GetEnvironmentVariable("ALTINN__MASKINPORTEN__JWKPATH");
        options.Maskinporten.KeyId = Environment.GetEnvironmentVariable("ALTINN__MASKINPORTEN__KEYID");
        options.Scopes.Add("altinn:serviceowner/instances.read");
    });
}

builder.Services.AddAltinnEvents();
builder.Services.AddSingleton(new EventWebhookReceiver(secret));
builder.Services.AddSingleton(Channel.CreateUnbounded<CloudEvent>());
builder.Services.AddHostedService<EventWorker>();

WebApplication app = builder.Build();

// The webhook: Altinn waits at most 45 seconds, so only queue the event here; the worker handles it. The receiver
// answers a request without the secret (the handshake included) with 403, before reading its body.
app.MapPost("/altinn/events/{secret}", async (string secret, HttpRequest request, EventWebhookReceiver receiver, Channel<CloudEvent> queue, CancellationToken ct) =>
{
    EventWebhookResult result = await receiver.ReceiveAsync(request.Body, request.ContentType, secret, ct);
    switch (result.Kind)
    {
        case EventWebhookResultKind.SubscriptionValidation:
            Console.WriteLine("Altinn validated the subscription's endpoint");
            break;
        case EventWebhookResultKind.Duplicate:
            Console.WriteLine($"Repeated push of {result.Event!.Id}, already queued");
            break;
        case EventWebhookResultKind.Invalid:
            return Results.Problem(result.Error, statusCode: result.StatusCode);
        case EventWebhookResultKind.Event when !queue.Writer.TryWrite(result.Event!):
            // Not queued: let Altinn deliver it again later.
            receiver.Forget(result.Event!.Id);
            return Results.StatusCode(503);
    }

    return Results.StatusCode(result.StatusCode);
});

await app.StartAsync();

// Where Altinn reaches this app: a public https URL in a real environment, the loopback address with the emulator.
string publicUrl = Environment.GetEnvironmentVariable("EVENTSWEBHOOK__PUBLICURL")
    ?? app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
var endpoint = new Uri(publicUrl.TrimEnd('/') + "/altinn/events/" + secret);

// Subscribe (an identical subscription that exists is returned instead of a second one) and wait for the handshake.
var events = app.Services.GetRequiredService<EventsClient>();
EventSubscription subscription = await events.Subscriptions.CreateAsync(new EventSubscriptionRequest(endpoint)
{
    ResourceFilter = $"urn:altinn:resource:app_{appId.Org}_{appId.App}",
});
Console.WriteLine($"Subscription {subscription.Id} for {subscription.ResourceFilter}; waiting for Altinn to validate the endpoint");
for (int i = 0; i < 60 && !(await events.Subscriptions.GetAsync(subscription.Id)).Validated; i++)
{
    await Task.Delay(TimeSpan.FromSeconds(1));
}

if (emulator is not null)
{
    // Something to push: a user creates and submits an instance of the demo app; the demo stops after its completion.
    using var user = new HttpClient { BaseAddress = emulator.AppBaseUrl(appId) };
    user.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.CreateUserToken(1337));
    using HttpResponseMessage created = await user.PostAsync("instances?instanceOwnerPartyId=50001337", null);
    created.EnsureSuccessStatusCode();
    using var instance = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync());
    string instanceId = instance.RootElement.GetProperty("id").GetString()!;
    (await user.PutAsync($"instances/{instanceId}/process/next", null)).EnsureSuccessStatusCode();
    (await user.PutAsync($"instances/{instanceId}/process/next", null)).EnsureSuccessStatusCode();
    EventWorker.StopAfterCompleted = true;

    // The demo cleans up after itself; a real receiver keeps its subscription.
    app.Lifetime.ApplicationStopping.Register(() => events.Subscriptions.DeleteAsync(subscription.Id).GetAwaiter().GetResult());
}

await app.WaitForShutdownAsync();

/// <summary>Handles queued events one at a time, away from the webhook's request.</summary>
internal sealed class EventWorker(Channel<CloudEvent> queue, IHostApplicationLifetime lifetime) : BackgroundService
{
    /// <summary>The emulator demo stops once a completion has been handled.</summary>
    public static bool StopAfterCompleted { get; set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (CloudEvent cloudEvent in queue.Reader.ReadAllAsync(stoppingToken))
        {
            string instance = cloudEvent.TryGetInstanceId(out InstanceId? id) ? id.ToString() : "-";
            Console.WriteLine($"Handled {cloudEvent.Type} for {instance} (event {cloudEvent.Id})");
            if (StopAfterCompleted && cloudEvent.Type == "app.instance.process.completed") lifetime.StopApplication();
        }
    }
}
