using System.Text.Json;
using Altinn.Sdk;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

// The SDK's main story, on the embedded emulator: an app owner signs in with Maskinporten, exchanges the token for an
// Altinn token, and finds the stale drafts of an app with Storage's documented query. Nothing leaves this machine.
await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
Console.WriteLine($"Emulator with the demo app listening on {emulator.BaseUrl}");

// 1. A Maskinporten client for the app owner ttd (in Altinn you register it in Samarbeidsportalen).
string jwk = emulator.CreateMaskinportenClient("quickstart-client", "405003309");

// 2. The SDK as an integrator configures it; only the environment differs from tt02 or production.
var services = new ServiceCollection();
services.AddSingleton(emulator.Environment);
services.AddAltinn(options =>
{
    options.Maskinporten.ClientId = "quickstart-client";
    options.Maskinporten.Jwk = jwk;
    options.Scopes.Add("altinn:serviceowner/instances.read");
    options.Scopes.Add("altinn:serviceowner/instances.write");
});
services.AddHttpClient("altinn").AddAltinnPipeline();
await using var provider = services.BuildServiceProvider();
var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("altinn");

// 3. Stale drafts: created on or before 30 September 2020 and still in the filling-in task (Altinn's recipe).
var appId = AppId.Parse("ttd/demo-app");
var created = DateFilter.OnOrBefore(2020, 9, 30);
var query = $"instances?appId={appId}&{string.Join("&", created.ToQueryValues().Select(v => "created=" + v))}&process.currentTask=Task_1";
Console.WriteLine($"GET {emulator.Environment.StorageBaseUrl}{query}");

using var response = await http.GetAsync(new Uri(emulator.Environment.StorageBaseUrl, query));
if (!response.IsSuccessStatusCode) throw await AltinnRequestFailedException.CreateAsync(response);
await using var body = await response.Content.ReadAsStreamAsync();
var page = await JsonSerializer.DeserializeAsync(body, AltinnJsonContext.Default.InstanceQueryResponse)
    ?? throw new InvalidOperationException("Storage sent an empty page.");

Console.WriteLine($"{page.Count} stale draft(s):");
foreach (var instance in page.Instances ?? [])
{
    Console.WriteLine($"  {instance.Id}  created {instance.Created:yyyy-MM-dd}  task {instance.Process?.CurrentTask?.ElementId}  reference {instance.Id!.Reference}");
}

Console.WriteLine();
Console.WriteLine("Next in the SDK: typed Storage, App and Events clients, and ready-made workflows (archive, delete drafts, undeploy check).");
