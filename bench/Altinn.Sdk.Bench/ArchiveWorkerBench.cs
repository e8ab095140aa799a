using System.Diagnostics;
using System.Globalization;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing;
using Altinn.Sdk.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Bench;

/// <summary>
/// The archive worker (<c>AddAltinnArchiveWorker</c>, events feed, folder sink) on a Generic Host against the emulator,
/// while an end-user system completes instances through the app one after the other: throughput (instances confirmed
/// per second) and the time from each instance's process end to its confirmed archive (p50, p95). Checks that every
/// instance was confirmed exactly once.
/// </summary>
internal static class ArchiveWorkerBench
{
    public static async Task<int> RunAsync(int instances, int intervalMs, int concurrency)
    {
        string folder = Directory.CreateTempSubdirectory("altinn-bench-archive-worker-").FullName;
        try
        {
            await using AltinnEmulator emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Archive worker: {instances} instances completed one after the other through the app, worker interval {intervalMs} ms, MaxConcurrency {concurrency}, {Environment.ProcessorCount} cores."));
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(emulator.Environment);
            builder.Services.AddSingleton(emulator.CreateOrgCredential("ttd"));
            builder.Services.AddAltinn(_ => { });
            builder.Services.AddAltinnArchiveWorker(o =>
            {
                o.Apps.Add(AppId.Parse("ttd/demo-app"));
                o.Folder = folder;
                o.Interval = TimeSpan.FromMilliseconds(intervalMs);
                o.MaxConcurrency = concurrency;
            });
            using IHost host = builder.Build();
            await host.StartAsync();

            AppClient app = AppsClient.Create(emulator.Environment, emulator.CreateSystemUserCredential(), o => o.MaxRetries = 0).GetAppClient(AppId.Parse("ttd/demo-app"));
            var asCustomer = new AltinnRequestOptions { SystemUser = new SystemUserContext("312345676") };
            var ended = new Dictionary<string, DateTimeOffset>();
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < instances; i++)
            {
                Instance instance = await app.Instances.CreateAsync(InstanceOwnerReference.Organisation("312345676"), asCustomer);
                Guid form = instance.Data!.Single(d => d.DataType == "model").Id;
                await app.Data.WriteFormDataAsync(instance.Id!, form, $"<Skjema><Tittel>Bench {i}</Tittel></Skjema>", FormDataFormat.Xml, asCustomer);
                ProcessState process = await app.Process.GetAsync(instance.Id!, asCustomer);
                while (process.Ended is null) process = await app.Process.NextAsync(instance.Id!, null, asCustomer);
                ended[instance.Id!.ToString()] = DateTimeOffset.UtcNow;
            }

            TimeSpan submitting = clock.Elapsed;
            DateTimeOffset deadline = DateTimeOffset.UtcNow.AddMinutes(5);
            Dictionary<string, List<DateTimeOffset>> confirmed;
            while (true)
            {
                confirmed = emulator.Requests
                    .Where(r => r.Method == "POST" && r.Status < 300 && r.PathAndQuery.EndsWith("/complete", StringComparison.Ordinal))
                    .GroupBy(r => r.PathAndQuery.Split('/')[^3] + "/" + r.PathAndQuery.Split('/')[^2])
                    .ToDictionary(g => g.Key, g => g.Select(r => r.Time).ToList());
                if (ended.Keys.All(confirmed.ContainsKey) || DateTimeOffset.UtcNow > deadline) break;
                await Task.Delay(20);
            }

            TimeSpan total = clock.Elapsed;
            await host.StopAsync();

            int missing = ended.Keys.Count(id => !confirmed.ContainsKey(id));
            int twice = confirmed.Values.Count(times => times.Count > 1);
            var latencies = ended.Where(e => confirmed.ContainsKey(e.Key)).Select(e => (confirmed[e.Key][0] - e.Value).TotalMilliseconds).Order().ToList();
            Console.WriteLine();
            Console.WriteLine("| instances | submitting (client) | until all confirmed | instances/s confirmed | process end to confirmed archive p50 | p95 | max | missing | confirmed twice |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {instances} | {submitting.TotalSeconds:0.0} s | {total.TotalSeconds:0.0} s | {instances / total.TotalSeconds:0.0} | {Percentile(latencies, 0.50):0} ms | {Percentile(latencies, 0.95):0} ms | {latencies.LastOrDefault():0} ms | {missing} | {twice} |"));
            return missing == 0 && twice == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
