using Altinn.Sdk;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

// The archive worker on the Generic Host: settings from appsettings.json, environment variables (ArchiveWorker__Folder,
// Altinn__Environment, ...) and, in Development, dotnet user-secrets. Without Altinn:Environment it runs against the
// embedded emulator and completes a few instances over time, so the worker has something to archive.
HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
bool emulated = string.IsNullOrWhiteSpace(builder.Configuration["Altinn:Environment"]);
await using AltinnEmulator? emulator = emulated ? await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true }) : null;

if (emulator is not null)
{
    builder.Services.AddSingleton(emulator.Environment);
    builder.Services.AddSingleton(emulator.CreateOrgCredential("ttd"));
    builder.Services.AddAltinn(_ => { });
    builder.Services.AddHostedService(_ => new EmulatedSubmissions(emulator));
}
else
{
    builder.Services.AddAltinn(builder.Configuration);
}

builder.Services.AddAltinnArchiveWorker(builder.Configuration);
builder.Services.AddHealthChecks().AddAltinnArchiveWorker();
builder.Services.AddHostedService<HealthPrinter>();

using IHost host = builder.Build();
await host.RunAsync(); // Ctrl+C stops the worker cleanly: the running pass is cancelled and confirms nothing more

/// <summary>An end-user system submits an instance of the demo app every few seconds (emulator only).</summary>
internal sealed class EmulatedSubmissions(AltinnEmulator emulator) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        AppClient app = AppsClient.Create(emulator.Environment, emulator.CreateSystemUserCredential()).GetAppClient(AppId.Parse("ttd/demo-app"));
        var asCustomer = new AltinnRequestOptions { SystemUser = new SystemUserContext("312345676") };
        for (int i = 1; i <= 5 && !stoppingToken.IsCancellationRequested; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(3), stoppingToken);
            Instance instance = await app.Instances.CreateAsync(InstanceOwnerReference.Organisation("312345676"), asCustomer, stoppingToken);
            Guid form = instance.Data!.Single(d => d.DataType == "model").Id;
            await app.Data.WriteFormDataAsync(instance.Id!, form, $"<Skjema><Tittel>Innsending {i}</Tittel></Skjema>", FormDataFormat.Xml, asCustomer, stoppingToken);
            ProcessState process = await app.Process.GetAsync(instance.Id!, asCustomer, stoppingToken);
            while (process.Ended is null) process = await app.Process.NextAsync(instance.Id!, null, asCustomer, stoppingToken);
            Console.WriteLine($"Emulator: instance {instance.Id} completed; the worker archives it in its next pass.");
        }
    }
}

/// <summary>Prints the worker's health every 10 seconds (a real deployment maps it to an endpoint or a probe).</summary>
internal sealed class HealthPrinter(HealthCheckService health) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken);
            HealthReport report = await health.CheckHealthAsync(stoppingToken);
            foreach (var (name, entry) in report.Entries)
            {
                Console.WriteLine($"Health {name}: {entry.Status}: {entry.Description} (backlog {entry.Data["backlog"]}, last error '{entry.Data["lastError"]}')");
            }
        }
    }
}
