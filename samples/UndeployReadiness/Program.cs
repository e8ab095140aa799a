using Altinn.Sdk;
using Altinn.Sdk.Testing;
using Altinn.Sdk.Workflows;
using Microsoft.Extensions.DependencyInjection;

// What undeploying an app would leave behind, with WorkflowClient.GetUndeployReadinessAsync, and an export of every
// instance through Storage; with UNDEPLOY__DELETEACTIVE=true the active instances are then deleted through the app. Runs against the embedded emulator (demo seed) unless ALTINN__ENVIRONMENT is set; see
// README.md next to this file.
string? environment = Environment.GetEnvironmentVariable("ALTINN__ENVIRONMENT");
AppId appId = AppId.Parse(Environment.GetEnvironmentVariable("UNDEPLOY__APPID") ?? "ttd/demo-app");

// The export only writes local files (nothing is confirmed in Altinn); without UNDEPLOY__EXPORT a temporary folder is used.
string export = Environment.GetEnvironmentVariable("UNDEPLOY__EXPORT") ?? Directory.CreateTempSubdirectory("altinn-export-").FullName;
bool deleteActive = string.Equals(Environment.GetEnvironmentVariable("UNDEPLOY__DELETEACTIVE"), "true", StringComparison.OrdinalIgnoreCase);

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
        if (deleteActive) options.Scopes.Add("altinn:serviceowner/instances.write");
    });
}

services.AddAltinnWorkflows();
await using ServiceProvider provider = services.BuildServiceProvider();
var workflows = provider.GetRequiredService<WorkflowClient>();

UndeployReadinessReport report = await workflows.GetUndeployReadinessAsync(
    appId, new UndeployReadinessOptions { ExportDirectory = export, DeleteActiveInstances = deleteActive });
Console.Write(report);
foreach (string warning in report.Export!.Warnings) Console.WriteLine($"  warning: {warning}");
foreach (WorkflowItemResult failed in report.Export.Failed) Console.WriteLine($"  export failed: {failed}");
foreach (WorkflowItemResult item in report.ActiveInstancesDeletion?.Items ?? []) Console.WriteLine($"  delete: {item}");
if (!deleteActive && report.Drafts > 0)
{
    Console.WriteLine("Set UNDEPLOY__DELETEACTIVE=true to delete the active instances through the app (its API is gone after undeploy).");
}
