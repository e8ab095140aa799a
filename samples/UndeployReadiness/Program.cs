using Altinn.Sdk;
using Altinn.Sdk.Testing;
using Altinn.Sdk.Workflows;
using Microsoft.Extensions.DependencyInjection;

// What undeploying an app would leave behind, with WorkflowClient.GetUndeployReadinessAsync, and an export of every
// instance through Storage. Runs against the embedded emulator (demo seed) unless ALTINN__ENVIRONMENT is set; see
// README.md next to this file.
string? environment = Environment.GetEnvironmentVariable("ALTINN__ENVIRONMENT");
AppId appId = AppId.Parse(Environment.GetEnvironmentVariable("UNDEPLOY__APPID") ?? "ttd/demo-app");

// The export only writes local files (nothing is confirmed in Altinn); without UNDEPLOY__EXPORT a temporary folder is used.
string export = Environment.GetEnvironmentVariable("UNDEPLOY__EXPORT") ?? Directory.CreateTempSubdirectory("altinn-export-").FullName;

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

services.AddAltinnWorkflows();
await using ServiceProvider provider = services.BuildServiceProvider();
var workflows = provider.GetRequiredService<WorkflowClient>();

UndeployReadinessReport report = await workflows.GetUndeployReadinessAsync(appId, new UndeployReadinessOptions { ExportDirectory = export });
Console.Write(report);
foreach (string warning in report.Export!.Warnings) Console.WriteLine($"  warning: {warning}");
foreach (WorkflowItemResult failed in report.Export.Failed) Console.WriteLine($"  export failed: {failed}");

// Deleting the active instances needs the app's API (gone after undeploy): WorkflowClient.DeleteInstancesAsync with
// report.ActiveInstancesQuery and an AppInstanceDeleter over the App API.
Console.WriteLine($"Active instances to decide on before undeploying: GET {provider.GetRequiredService<Altinn.Sdk.Storage.StorageClient>().Environment.StorageBaseUrl}instances?{report.ActiveInstancesQuery.ToQueryString()}");
