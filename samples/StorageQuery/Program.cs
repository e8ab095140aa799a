using Altinn.Sdk;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

// Query, page and download with StorageClient. Runs against the embedded emulator (demo seed) unless
// ALTINN__ENVIRONMENT is set; see README.md next to this file for a real environment.
string? environment = Environment.GetEnvironmentVariable("ALTINN__ENVIRONMENT");
AppId appId = AppId.Parse(Environment.GetEnvironmentVariable("STORAGEQUERY__APPID") ?? "ttd/demo-app");

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
    // The same keys as the "Altinn" configuration section, as environment variables (ALTINN__MASKINPORTEN__CLIENTID ...).
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
await using ServiceProvider provider = services.BuildServiceProvider();
var storage = provider.GetRequiredService<StorageClient>();

// 1. Completed instances the app owner has not confirmed yet: what an archiver fetches.
var query = new InstanceQuery(appId) { IsComplete = true, ExcludeConfirmedBy = appId.Org, PageSize = 2 };
Console.WriteLine($"GET {storage.Environment.StorageBaseUrl}instances?{query.ToQueryString()}");

// 2. Page by page; the continuation token is what a job saves to resume after a restart.
Instance? withData = null;
await foreach (Page<Instance> page in storage.Instances.QueryAsync(query).AsPages())
{
    Console.WriteLine($"  page of {page.Values.Count}, continuation token: {page.ContinuationToken ?? "(last page)"}");
    foreach (Instance instance in page.Values)
    {
        Console.WriteLine($"    {instance.Id}  ended {instance.Process?.Ended:yyyy-MM-dd}  substatus {instance.Status?.Substatus?.Label ?? "-"}  {instance.Data?.Count ?? 0} data element(s)");
        withData ??= instance.Data is { Count: > 0 } ? instance : null;
    }
}

// 3. Download one data element to a temporary folder, streamed, and the instance JSON exactly as Storage sent it.
if (withData is not null)
{
    DataElement element = withData.Data!.First(d => d.DeleteStatus is not { IsHardDeleted: true });
    string folder = Directory.CreateTempSubdirectory("storage-query-").FullName;
    // The file name comes from whoever uploaded the element: keep only its last segment so it stays in the folder.
    string name = Path.GetFileName(element.Filename ?? string.Empty);
    string path = Path.Combine(folder, string.IsNullOrWhiteSpace(name) ? element.Id.ToString() : name);
    long bytes = await storage.Data.DownloadToAsync(withData.Id!, element.Id, path);
    Console.WriteLine($"Downloaded {element.DataType} ({element.ContentType}) to {path}: {bytes} bytes");

    InstanceJson raw = await storage.Instances.GetRawAsync(withData.Id!);
    await File.WriteAllBytesAsync(Path.Combine(folder, "instance.json"), raw.Utf8Json.ToArray());
    Console.WriteLine($"Saved the instance JSON as Storage sent it ({raw.Utf8Json.Length} bytes) to {Path.Combine(folder, "instance.json")}");
}
