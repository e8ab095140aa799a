using System.Text;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static Altinn.Sdk.Workflows.Tests.WorkflowEmulator;

namespace Altinn.Sdk.Workflows.Tests.Worker;

/// <summary>
/// A Generic Host with the archive worker on the test's emulator and archive folder: short intervals, the leak watch
/// and a fake log collector on its logging, and the confirmation observer (plus any handler the test adds) in the
/// Storage client's pipeline.
/// </summary>
public static class WorkerHost
{
    public static IHost Build(WorkflowEmulator env, ObservedStorage observed, Action<ArchiveWorkerOptions>? configure = null, Func<DelegatingHandler>? storageHandler = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddLeakWatch().AddFakeLogging().SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(env.Emulator.Environment);
        builder.Services.AddSingleton(env.Emulator.CreateOrgCredential("ttd"));
        builder.Services.AddAltinn(options => options.MaxRetries = 0);
        builder.Services.AddAltinnArchiveWorker(options =>
        {
            options.Apps.Add(DemoApp);
            options.Folder = env.Folder;
            options.Interval = TimeSpan.FromMilliseconds(100);
            options.MaxBackoff = TimeSpan.FromMilliseconds(400);
            options.FullScanEvery = 10_000; // the tests see the events feed at work; the safety net has its own test
            configure?.Invoke(options);
        });
        builder.Services.AddHealthChecks().AddAltinnArchiveWorker();
        var storage = builder.Services.AddHttpClient(StorageServiceCollectionExtensions.HttpClientName)
            .AddHttpMessageHandler(() => new ConfirmationObserver(env.AppFolder, observed));
        if (storageHandler is not null) storage.AddHttpMessageHandler(storageHandler);
        return builder.Build();
    }

    public static FakeLogCollector Logs(this IHost host) => host.Services.GetFakeLogCollector();

    public static Task<HealthReport> HealthAsync(this IHost host) => host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    /// <summary>Waits until <paramref name="condition"/> holds, checking every 50 ms, or fails after <paramref name="seconds"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, int seconds = 60)
    {
        DateTime end = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > end) throw new TimeoutException("Waited in vain for " + what);
            await Task.Delay(50);
        }
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        DateTime end = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > end) throw new TimeoutException("Waited in vain for " + what);
            await Task.Delay(50);
        }
    }

    /// <summary>How many complete confirmations the emulator received for each instance, by instance id.</summary>
    public static Dictionary<string, int> ConfirmationsPerInstance(this WorkflowEmulator env) =>
        env.Confirmations()
            .Select(r => r.PathAndQuery[(StoragePath + "instances/").Length..^"/complete".Length])
            .GroupBy(id => id)
            .ToDictionary(g => g.Key, g => g.Count());

    /// <summary>An end-user system submits an instance for the demo organisation through the app: form data, an attachment, process to the end.</summary>
    public static async Task<InstanceId> SubmitAsync(this WorkflowEmulator env, string title)
    {
        AppClient app = AppsClient.Create(env.Emulator.Environment, env.Emulator.CreateSystemUserCredential(), o => o.MaxRetries = 0, loggerFactory: LeakWatch.LoggerFactory).GetAppClient(DemoApp);
        var asCustomer = new AltinnRequestOptions { SystemUser = new SystemUserContext("312345676") };
        Instance instance = await app.Instances.CreateAsync(InstanceOwnerReference.Organisation("312345676"), asCustomer);
        Guid form = instance.Data!.Single(d => d.DataType == "model").Id;
        await app.Data.WriteFormDataAsync(instance.Id!, form, $"<Skjema><Tittel>{title}</Tittel></Skjema>", FormDataFormat.Xml, asCustomer);
        using (var pdf = new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n")))
        {
            await app.Data.UploadAsync(instance.Id!, "vedleggA", pdf, "application/pdf", "vedlegg.pdf", asCustomer);
        }

        ProcessState process = await app.Process.GetAsync(instance.Id!, asCustomer);
        while (process.Ended is null) process = await app.Process.NextAsync(instance.Id!, null, asCustomer);
        return instance.Id!;
    }
}
