using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Altinn.Sdk;
using Altinn.Sdk.Testing;
using Altinn.Sdk.Workflows;
using Microsoft.Extensions.DependencyInjection;

// Archive and confirm with WorkflowClient.ArchiveAsync. Runs against the embedded emulator (demo seed plus a few
// completed instances) unless ALTINN__ENVIRONMENT is set; see README.md next to this file for a real environment.
string? environment = Environment.GetEnvironmentVariable("ALTINN__ENVIRONMENT");
AppId appId = AppId.Parse(Environment.GetEnvironmentVariable("ARCHIVE__APPID") ?? "ttd/demo-app");
string output = Environment.GetEnvironmentVariable("ARCHIVE__OUT") ?? Directory.CreateTempSubdirectory("altinn-archive-").FullName;

// Against a real environment nothing is written to Altinn unless asked for: dry run by default.
bool apply = environment is null || string.Equals(Environment.GetEnvironmentVariable("ARCHIVE__APPLY"), "true", StringComparison.OrdinalIgnoreCase);
bool confirm = !string.Equals(Environment.GetEnvironmentVariable("ARCHIVE__CONFIRM"), "false", StringComparison.OrdinalIgnoreCase);

await using AltinnEmulator? emulator = environment is null
    ? await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true })
    : null;

var services = new ServiceCollection();
if (emulator is not null)
{
    Console.WriteLine($"Emulator with the demo app on {emulator.BaseUrl}");
    await SeedCompletedInstancesAsync(emulator, count: 3);
    services.AddSingleton(emulator.Environment);
    services.AddSingleton(emulator.CreateOrgCredential("ttd"));
    services.AddAltinn(_ => { });
}
else
{
    // The same keys as the "Altinn" configuration section, as environment variables (ALTINN__MASKINPORTEN__CLIENTID ...).
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

var options = new ArchiveOptions
{
    DryRun = !apply,
    ConfirmComplete = confirm,
    MaxConcurrency = 4,
    Progress = new ConsoleProgress(),
};

Console.WriteLine($"Archiving completed, unconfirmed instances of {appId} to {output}{(options.DryRun ? " (dry run)" : string.Empty)}");
ArchiveResult result = await workflows.ArchiveAsync(appId, output, options);
Print(result);

// A second run is a no-op: confirmed instances are no longer listed, verified files are not downloaded again.
if (!options.DryRun)
{
    Console.WriteLine("Running again:");
    Print(await workflows.ArchiveAsync(appId, output, options));
}

if (Directory.Exists(result.AppDirectory))
{
    Console.WriteLine($"Files under {result.AppDirectory}:");
    foreach (string file in Directory.EnumerateFiles(result.AppDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(20))
    {
        Console.WriteLine($"  {Path.GetRelativePath(result.AppDirectory, file)}  {new FileInfo(file).Length} bytes");
    }
}

static void Print(ArchiveResult result)
{
    Console.WriteLine($"  {result}");
    foreach (string warning in result.Warnings) Console.WriteLine($"  warning: {warning}");
    foreach (WorkflowItemResult failed in result.Failed) Console.WriteLine($"  failed: {failed}");
}

// Completed instances with a form and an attachment, created through Storage as the app owner (as the tests do).
static async Task SeedCompletedInstancesAsync(AltinnEmulator emulator, int count)
{
    using var http = new HttpClient();
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.CreateOrgToken("ttd"));
    Uri storage = emulator.Environment.StorageBaseUrl;
    for (int i = 1; i <= count; i++)
    {
        DateTimeOffset ended = DateTimeOffset.UtcNow.AddMinutes(-i);
        var template = new
        {
            instanceOwner = new { partyId = "50006000" },
            process = new { started = ended.AddHours(-1), startEvent = "StartEvent_1", ended, endEvent = "EndEvent_1" },
            status = new { isArchived = true, archived = ended },
        };
        using HttpResponseMessage created = await http.PostAsJsonAsync(new Uri(storage, "instances?appId=ttd/demo-app"), template);
        created.EnsureSuccessStatusCode();
        var instance = await created.Content.ReadFromJsonAsync(Altinn.Sdk.Models.AltinnJsonContext.Default.Instance);
        string path = "instances/" + instance!.Id + "/data?dataType=";

        using var form = new StringContent($"<Skjema><Tittel>Søknad {i.ToString(CultureInfo.InvariantCulture)}</Tittel></Skjema>", System.Text.Encoding.UTF8, "application/xml");
        (await http.PostAsync(new Uri(storage, path + "model"), form)).EnsureSuccessStatusCode();

        using var attachment = new ByteArrayContent(new byte[64 * 1024 * i]);
        attachment.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        attachment.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "vedlegg.pdf" };
        (await http.PostAsync(new Uri(storage, path + "vedleggA"), attachment)).EnsureSuccessStatusCode();
    }

    Console.WriteLine($"Seeded {count} more completed instances with data");
}

// Prints each finished instance as it happens (reports arrive from several threads).
internal sealed class ConsoleProgress : IProgress<WorkflowProgress>
{
    private readonly Lock _gate = new();

    public void Report(WorkflowProgress value)
    {
        if (value.Step == WorkflowStep.Started) return;
        lock (_gate) Console.WriteLine($"  {value}");
    }
}
