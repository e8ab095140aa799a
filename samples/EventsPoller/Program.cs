using System.Net.Http.Headers;
using System.Text.Json;
using Altinn.Sdk;
using Altinn.Sdk.Events;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

// Archive completed instances as they complete: poll the app's event feed, and on app.instance.process.completed
// download the instance's data through StorageClient into a folder. Runs against the embedded emulator unless
// ALTINN__ENVIRONMENT is set; see README.md next to this file for a real environment.
string? environment = Environment.GetEnvironmentVariable("ALTINN__ENVIRONMENT");
AppId appId = AppId.Parse(Environment.GetEnvironmentVariable("EVENTSPOLLER__APPID") ?? "ttd/demo-app");
string dataFolder = Environment.GetEnvironmentVariable("EVENTSPOLLER__FOLDER") ?? Directory.CreateTempSubdirectory("events-poller-").FullName;

await using AltinnEmulator? emulator = environment is null
    ? await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true })
    : null;

var services = new ServiceCollection();
if (emulator is not null)
{
    Console.WriteLine($"Emulator with the demo app on {emulator.BaseUrl}");
    services.AddSingleton(emulator.Environment);
    services.AddSingleton(emulator.CreateOrgCredential("ttd"));
    services.AddAltinn(_ => { });
}
else
{
    services.AddAltinn(options =>
    {
        options.Environment = environment;
        options.Maskinporten.ClientId = Environment.GetEnvironmentVariable("ALTINN__MASKINPORTEN__CLIENTID");
        options.Maskinporten.JwkPath = Environment.GetEnvironmentVariable("ALTINN__MASKINPORTEN__JWKPATH");
        options.Maskinporten.KeyId = Environment.GetEnvironmentVariable("ALTINN__MASKINPORTEN__KEYID");
        options.Scopes.Add("altinn:serviceowner/instances.read");
    });
}

services.AddAltinnStorage();
services.AddAltinnEvents();
await using ServiceProvider provider = services.BuildServiceProvider();
var storage = provider.GetRequiredService<StorageClient>();
var events = provider.GetRequiredService<EventsClient>();

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

// Without a checkpoint, start at the beginning of the feed ("0"); after a restart, after the last event handled.
var query = new AppEventsQuery(appId) { After = "0" };
query.Types.Add("app.instance.process.completed");
var poller = new EventsPoller(
    events,
    query,
    new FileEventCheckpointStore(Path.Combine(dataFolder, "checkpoints")),
    new EventsPollerOptions { PollingInterval = emulator is null ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(1) });

string archive = Path.Combine(dataFolder, "archive");
Console.WriteLine($"Archiving completed instances of {appId} into {archive} (Ctrl+C stops)");

int archived = 0;
async Task ArchiveAsync(CloudEvent cloudEvent, CancellationToken ct)
{
    if (!cloudEvent.TryGetInstanceId(out InstanceId? id)) return;

    // The handler may see an event again after a crash: writing the same files again is harmless.
    Instance instance = await storage.Instances.GetAsync(id, ct);
    string folder = Path.Combine(archive, $"{id.PartyId}-{id.InstanceGuid}");
    Directory.CreateDirectory(folder);
    foreach (DataElement element in instance.Data ?? [])
    {
        if (element.DeleteStatus is { IsHardDeleted: true }) continue;
        // The file name comes from whoever uploaded the element: keep only its last segment so it stays in the folder.
        string name = Path.GetFileName(element.Filename ?? string.Empty);
        string path = Path.Combine(folder, $"{element.DataType}-{element.Id}-{(string.IsNullOrWhiteSpace(name) ? "content" : name)}");
        long bytes = await storage.Data.DownloadToAsync(id, element.Id, path, ct);
        Console.WriteLine($"  {id}: {element.DataType} ({element.ContentType}), {bytes} bytes");
    }

    await File.WriteAllTextAsync(Path.Combine(folder, "event.json"), JsonSerializer.Serialize(cloudEvent, EventsJsonContext.Default.CloudEvent), ct);
    Console.WriteLine($"Archived {id} (event {cloudEvent.Id}, completed {cloudEvent.Time:u})");

    // The emulator demo ends once the instance it completed below is archived; against Altinn it runs until Ctrl+C.
    if (emulator is not null && ++archived == 1) stop.Cancel();
}

if (emulator is not null)
{
    // Something to archive: a user fills in and submits an instance of the demo app (it completes after two steps).
    using var app = new HttpClient { BaseAddress = emulator.AppBaseUrl(appId) };
    app.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.CreateUserToken(1337));
    using HttpResponseMessage created = await app.PostAsync("instances?instanceOwnerPartyId=50001337", null);
    created.EnsureSuccessStatusCode();
    using JsonDocument instance = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
    string instanceId = instance.RootElement.GetProperty("id").GetString()!;
    (await app.PutAsync($"instances/{instanceId}/process/next", null)).EnsureSuccessStatusCode();
    (await app.PutAsync($"instances/{instanceId}/process/next", null)).EnsureSuccessStatusCode();
    Console.WriteLine($"A user completed {instanceId}");
}

try
{
    await poller.RunAsync(ArchiveAsync, stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.WriteLine($"Stopped; the checkpoint is in {Path.Combine(dataFolder, "checkpoints")}");
}
