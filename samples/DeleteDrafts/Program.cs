using System.Globalization;
using Altinn.Sdk;
using Altinn.Sdk.Testing;
using Altinn.Sdk.Workflows;
using Microsoft.Extensions.DependencyInjection;

// Delete stale drafts the documented way with WorkflowClient.DeleteDraftsAsync: find them in Storage
// (created on or before a date, still in a task), then delete each through the app. Runs against the embedded
// emulator (demo seed: a draft from June 2020 in Task_1) unless ALTINN__ENVIRONMENT is set; see README.md next to this file.
string? environment = Environment.GetEnvironmentVariable("ALTINN__ENVIRONMENT");
AppId appId = AppId.Parse(Environment.GetEnvironmentVariable("DELETEDRAFTS__APPID") ?? "ttd/demo-app");
DateTime createdOnOrBefore = DateTime.ParseExact(
    Environment.GetEnvironmentVariable("DELETEDRAFTS__CREATEDONORBEFORE") ?? "2020-09-30", "yyyy-MM-dd", CultureInfo.InvariantCulture);
string? task = Environment.GetEnvironmentVariable("DELETEDRAFTS__TASK") ?? "Task_1";
bool hard = string.Equals(Environment.GetEnvironmentVariable("DELETEDRAFTS__HARD"), "true", StringComparison.OrdinalIgnoreCase);

// Against a real environment nothing is deleted unless asked for: dry run by default.
bool apply = environment is null || string.Equals(Environment.GetEnvironmentVariable("DELETEDRAFTS__APPLY"), "true", StringComparison.OrdinalIgnoreCase);

await using AltinnEmulator? emulator = environment is null
    ? await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true })
    : null;

var services = new ServiceCollection();
if (emulator is not null)
{
    // The demo app's emulated policy.xml lets the app owner delete (AddApp(..., orgMayDelete: true)).
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

DeleteDraftsOptions Options(bool dryRun) => new()
{
    Created = DateFilter.OnOrBefore(createdOnOrBefore.Year, createdOnOrBefore.Month, createdOnOrBefore.Day),
    CurrentTask = task.Length == 0 ? null : task,
    Hard = hard,
    DryRun = dryRun,
};

Console.WriteLine($"Drafts of {appId} created on or before {createdOnOrBefore:yyyy-MM-dd} in {(task.Length == 0 ? "any task" : task)}, {(hard ? "hard" : "soft")} delete");
Print("Listed", await workflows.DeleteDraftsAsync(appId, Options(dryRun: true)));
if (!apply)
{
    Console.WriteLine("Nothing deleted: set DELETEDRAFTS__APPLY=true to delete.");
    return;
}

Print("Delete", await workflows.DeleteDraftsAsync(appId, Options(dryRun: false)));

// Deleted drafts are no longer listed, so running again sends nothing.
Print("Again", await workflows.DeleteDraftsAsync(appId, Options(dryRun: false)));

static void Print(string title, WorkflowResult result)
{
    Console.WriteLine(result.DryRun ? result.ToString() : $"{title}: {result}");
    foreach (WorkflowItemResult item in result.Items) Console.WriteLine($"  {item.Outcome,-7} {item.InstanceId}  {item.Reason}");
    foreach (string warning in result.Warnings) Console.WriteLine($"  warning: {warning}");
}
