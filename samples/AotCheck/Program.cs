using Altinn.Sdk;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Events;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Microsoft.Extensions.DependencyInjection;

// A native (AOT) build of the SDK's main calls: Storage, the App API and Events, both through AddAltinn and through
// the Create factories. It exists so that `dotnet publish -r linux-x64` shows any trim or AOT warning; run against a
// real environment it reads one page of each:
//   ALTINN__ENVIRONMENT=tt02 ALTINN__TOKEN=<an Altinn token> AOTCHECK__APPID=ttd/my-app ./AotCheck
string? environmentName = Environment.GetEnvironmentVariable("ALTINN__ENVIRONMENT");
string? token = Environment.GetEnvironmentVariable("ALTINN__TOKEN");
if (environmentName is null || token is null)
{
    Console.WriteLine("Set ALTINN__ENVIRONMENT, ALTINN__TOKEN and AOTCHECK__APPID to call a real environment; nothing to do.");
    return 0;
}

AltinnEnvironment environment = AltinnEnvironment.Parse(environmentName);
AppId appId = AppId.Parse(Environment.GetEnvironmentVariable("AOTCHECK__APPID") ?? "ttd/demo-app");
var credential = new StaticTokenCredential(token);

// Through dependency injection, as a hosted service would.
var services = new ServiceCollection();
services.AddSingleton<AltinnCredential>(credential);
services.AddAltinn(options => options.Environment = environmentName);
services.AddAltinnStorage().AddAltinnApps().AddAltinnEvents();
await using ServiceProvider provider = services.BuildServiceProvider();

var storage = provider.GetRequiredService<StorageClient>();
await foreach (Page<Instance> page in storage.Instances.QueryAsync(new InstanceQuery(appId) { PageSize = 10 }).AsPages())
{
    Console.WriteLine($"Storage: {page.Values.Count} instance(s) on the first page");
    break;
}

ApplicationMetadata metadata = await provider.GetRequiredService<AppsClient>().GetAppClient(appId).Metadata.GetAsync();
Console.WriteLine($"App API: {metadata.Id} has {metadata.DataTypes?.Count ?? 0} data type(s)");

// Without a host, as a script would.
EventsClient events = EventsClient.Create(environment, credential);
await foreach (Page<CloudEvent> page in events.GetEventsAsync(new AppEventsQuery(appId)).AsPages())
{
    Console.WriteLine($"Events: {page.Values.Count} event(s) on the first page");
    break;
}

return 0;
