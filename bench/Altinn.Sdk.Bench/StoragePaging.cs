using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing;
using Newtonsoft.Json;
using JsonException = System.Text.Json.JsonException;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace Altinn.Sdk.Bench;

/// <summary>What one pass over every page saw: the instances, and their ids when asked for.</summary>
internal sealed record PagingResult(int Instances, HashSet<string>? Ids);

/// <summary>One way of paging every instance of the bench app; <c>collectIds</c> asks for the ids (checked once, not timed).</summary>
internal sealed record PagingVariant(string Name, Func<bool, CancellationToken, Task<PagingResult>> PageAllAsync);

/// <summary>
/// Pages every instance of an app through the emulator's Storage query, page size 100, oldest change first (the
/// order that lists every instance once), following <c>next</c>:
/// (a) a hand-written raw <see cref="HttpClient"/> loop with the source-generated <see cref="AltinnJsonContext"/>
/// (the baseline), (b) the same loop with Newtonsoft and the <c>Altinn.Platform.Storage.Interface</c> models (what
/// integrators write today) and (c) the SDK's <c>StorageClient</c>, added by <see cref="AddSdkVariant"/> in
/// <c>StoragePaging.Sdk.cs</c>. Rounds are interleaved (the order rotates) and the median wall time is reported with
/// its ratio to the raw loop in the same run.
/// </summary>
internal static partial class StoragePaging
{
    private const string BenchAppId = "ttd/bench-app";

    public static async Task RunAsync(int instances, int pageSize, int rounds)
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        emulator.AddApp(new ApplicationMetadata { Id = BenchAppId, Org = "ttd" });
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.CreateOrgToken("ttd"));

        var seeding = Stopwatch.StartNew();
        await BenchSupport.SeedInstancesAsync(http, BenchAppId, instances);
        Console.WriteLine($"Storage paging: {instances:N0} instances, page size {pageSize}, {rounds} rounds, {Environment.ProcessorCount} cores.");
        Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:F1} s.");

        // Oldest change first: Storage's default order (newest first) repeats and skips instances that share the
        // lastChanged of a page's last row, which the parallel seeding sometimes gives two instances.
        string firstPage = $"storage/api/v1/instances?appId={BenchAppId}&order=asc:lastChanged&size={pageSize.ToString(CultureInfo.InvariantCulture)}";
        var variants = new List<PagingVariant>
        {
            new("raw HttpClient + AltinnJsonContext (baseline)", (collect, ct) => RawAsync(http, firstPage, collect, ct)),
            new("HttpClient + Newtonsoft + Storage.Interface", (collect, ct) => NewtonsoftAsync(http, firstPage, collect, ct)),
        };
        AddSdkVariant(variants, emulator, pageSize);

        await MeasureAsync(variants, instances, rounds, "client + emulator");
    }

    /// <summary>
    /// One untimed pass of each variant (warm-up, and a check that every instance comes exactly once), then
    /// <paramref name="rounds"/> rounds with the order rotating; prints the median wall time of each and its ratio to
    /// the first variant's, and the bytes allocated per pass.
    /// </summary>
    private static async Task MeasureAsync(List<PagingVariant> variants, int instances, int rounds, string allocatedBy)
    {
        // One pass each, untimed, as warm-up and to check that every instance comes exactly once.
        foreach (var variant in variants)
        {
            var result = await variant.PageAllAsync(true, CancellationToken.None);
            if (result.Instances != instances || result.Ids!.Count != instances)
            {
                throw new InvalidOperationException($"{variant.Name}: saw {result.Instances} instances, {result.Ids!.Count} distinct; expected {instances}.");
            }
        }

        var times = variants.ToDictionary(v => v.Name, _ => new List<double>());
        var allocated = variants.ToDictionary(v => v.Name, _ => new List<long>());
        for (int round = 0; round < rounds; round++)
        {
            for (int k = 0; k < variants.Count; k++)
            {
                var variant = variants[(round + k) % variants.Count];
                long before = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                var result = await variant.PageAllAsync(false, CancellationToken.None);
                times[variant.Name].Add(clock.Elapsed.TotalSeconds);
                allocated[variant.Name].Add(GC.GetTotalAllocatedBytes(precise: true) - before);
                if (result.Instances != instances) throw new InvalidOperationException($"{variant.Name}: saw {result.Instances} instances, expected {instances}.");
            }
        }

        double baseline = BenchSupport.Median(times[variants[0].Name]);
        Console.WriteLine();
        Console.WriteLine($"| variant | median s (of {rounds}) | instances/s | ratio vs raw | allocated per pass ({allocatedBy}) |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var variant in variants)
        {
            double median = BenchSupport.Median(times[variant.Name]);
            double alloc = BenchSupport.Median(allocated[variant.Name].Select(a => (double)a));
            Console.WriteLine($"| {variant.Name} | {median:F3} | {instances / median:N0} | {median / baseline:F2}x | {alloc / (1024 * 1024):N1} MiB |");
        }
    }

    /// <summary>Adds the SDK's StorageClient variant, in <c>StoragePaging.Sdk.cs</c>.</summary>
    static partial void AddSdkVariant(List<PagingVariant> variants, AltinnEmulator emulator, int pageSize);

    /// <summary>(a) The baseline: raw HttpClient, headers first, source-generated System.Text.Json from the stream.</summary>
    private static async Task<PagingResult> RawAsync(HttpClient http, string firstPage, bool collectIds, CancellationToken cancellationToken)
    {
        HashSet<string>? ids = collectIds ? [] : null;
        int seen = 0;
        string? url = firstPage;
        while (url is not null)
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var page = await JsonSerializer.DeserializeAsync(stream, AltinnJsonContext.Default.InstanceQueryResponse, cancellationToken)
                ?? throw new JsonException("The page was null.");
            foreach (var instance in page.Instances ?? [])
            {
                seen++;
                ids?.Add(instance.Id!.ToString()!);
            }

            url = page.Next;
        }

        return new PagingResult(seen, ids);
    }

    /// <summary>(b) What integrators write today: the body as a string, Newtonsoft into the Storage.Interface models.</summary>
    private static async Task<PagingResult> NewtonsoftAsync(HttpClient http, string firstPage, bool collectIds, CancellationToken cancellationToken)
    {
        HashSet<string>? ids = collectIds ? [] : null;
        int seen = 0;
        string? url = firstPage;
        while (url is not null)
        {
            using var response = await http.GetAsync(url, cancellationToken);
            response.EnsureSuccessStatusCode();
            string json = await response.Content.ReadAsStringAsync(cancellationToken);
            var page = JsonConvert.DeserializeObject<InterfaceQueryResponse>(json)
                ?? throw new JsonException("The page was null.");
            foreach (var instance in page.Instances ?? [])
            {
                seen++;
                ids?.Add(instance.Id);
            }

            url = page.Next;
        }

        return new PagingResult(seen, ids);
    }
}
