using Altinn.Sdk;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Testing;
using Altinn.Sdk.Workflows;
using Microsoft.Extensions.DependencyInjection;

// Set a substatus on every completed instance of an app with WorkflowClient.SetSubstatusAsync. Runs against the
// embedded emulator (demo seed) unless ALTINN__ENVIRONMENT is set; see README.md next to this file.
string? environment = Environment.GetEnvironmentVariable("ALTINN__ENVIRONMENT");
AppId appId = AppId.Parse(Environment.GetEnvironmentVariable("SUBSTATUS__APPID") ?? "ttd/demo-app");
var substatus = new Substatus
{
    Label = Environment.GetEnvironmentVariable("SUBSTATUS__LABEL") ?? "Godkjent",
    Description = Environment.GetEnvironmentVariable("SUBSTATUS__DESCRIPTION") ?? "Din søknad er godkjent av kongen.",
};

// Against a real environment nothing is written unless asked for: dry run by default.
bool apply = environment is null || string.Equals(Environment.GetEnvironmentVariable("SUBSTATUS__APPLY"), "true", StringComparison.OrdinalIgnoreCase);

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
        options.Scopes.Add("altinn:serviceowner/instances.write");
    });
}

services.AddAltinnWorkflows();
await using ServiceProvider provider = services.BuildServiceProvider();
var workflows = provider.GetRequiredService<WorkflowClient>();

// How the inbox will show the label: whole up to 25 characters, else 22 characters and "...".
Console.WriteLine($"Label \"{substatus.Label}\" shows in the inbox as \"{SubstatusLabel.Preview(substatus.Label)}\"");

// Oldest change first: Storage lists every match in that order (newest first can skip instances that share a lastChanged).
var query = new InstanceQuery(appId) { IsComplete = true, Order = InstanceQueryOrder.LastChangedAscending };
var options = new WorkflowOptions { DryRun = !apply };
Console.WriteLine($"Setting the substatus on every instance of {appId} with process.isComplete=true{(options.DryRun ? " (dry run)" : string.Empty)}");
Print(await workflows.SetSubstatusAsync(query, substatus, options));

// Safe to re-run: instances that already have this substatus are skipped, nothing is sent.
Console.WriteLine("Running again:");
Print(await workflows.SetSubstatusAsync(query, substatus, options));

static void Print(SubstatusResult result)
{
    Console.WriteLine($"  {result}");
    foreach (WorkflowItemResult item in result.Items) Console.WriteLine($"    {item}");
    foreach (string warning in result.Warnings) Console.WriteLine($"  warning: {warning}");
}
