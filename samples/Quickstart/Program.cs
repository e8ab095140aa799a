using Altinn.Sdk;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

// The SDK's main story, on the embedded emulator: an app owner signs in with Maskinporten (the token is exchanged for
// an Altinn token), finds the stale drafts of an app with Storage's documented query, and looks at what is ready to
// archive. Nothing leaves this machine.
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
}).AddAltinnStorage();
await using var provider = services.BuildServiceProvider();
var storage = provider.GetRequiredService<StorageClient>();
var appId = AppId.Parse("ttd/demo-app");

// 3. Stale drafts: created on or before 30 September 2020 and still in the filling-in task (Altinn's recipe).
var drafts = new InstanceQuery(appId) { Created = DateFilter.OnOrBefore(2020, 9, 30), CurrentTask = "Task_1" };
Console.WriteLine($"GET {emulator.Environment.StorageBaseUrl}instances?{drafts.ToQueryString()}");
await foreach (Instance instance in storage.Instances.QueryAsync(drafts))
{
    Console.WriteLine($"  stale draft {instance.Id}  created {instance.Created:yyyy-MM-dd}  reference {instance.Id!.Reference}");
}

// 4. Completed instances the app owner has not confirmed yet: what an archiving system downloads next.
var toArchive = new InstanceQuery(appId) { IsComplete = true, ExcludeConfirmedBy = "ttd" };
await foreach (Instance instance in storage.Instances.QueryAsync(toArchive))
{
    var elements = instance.Data ?? [];
    Console.WriteLine($"  to archive  {instance.Id}  {elements.Count} data element(s): {string.Join(", ", elements.Select(d => d.DataType))}");
}

Console.WriteLine();
Console.WriteLine("Next in the SDK: the App and Events clients, and ready-made workflows (archive, delete drafts, undeploy check).");
