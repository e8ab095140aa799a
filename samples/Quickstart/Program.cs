using Altinn.Sdk;

// The Quickstart runs the SDK's main story against the embedded emulator once the emulator ships.
// Until then it shows how the SDK addresses Altinn: environments, app ids and instance ids.
var environment = AltinnEnvironment.Tt02;
var appId = AppId.Parse("ttd/apps-test");
var instanceId = InstanceId.Parse("50019855/f21e5a3c-0e1c-4c6c-9d5b-3a2d1b0c9e8f");

Console.WriteLine($"Environment     {environment.Name}");
Console.WriteLine($"Storage API     {environment.StorageBaseUrl}");
Console.WriteLine($"App API         {environment.GetAppBaseUrl(appId)}");
Console.WriteLine($"Instance        {instanceId} (reference {instanceId.Reference})");
Console.WriteLine("The embedded emulator and the end-to-end story arrive with the emulator and workflow packages.");
