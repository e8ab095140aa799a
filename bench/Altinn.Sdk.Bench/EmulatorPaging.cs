using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing;

namespace Altinn.Sdk.Bench;

/// <summary>
/// The emulator's Storage query under paging: requests per second and instances per second for paging every instance
/// of an app, against a baseline of the cheapest authenticated Storage request (one instance by id) on the same
/// emulator; and the emulator's memory for the stored instances.
/// </summary>
internal static class EmulatorPaging
{
    public static async Task RunAsync(int instances, int pageSize, int rounds)
    {
        long heapBefore = ManagedHeap();
        await using var emulator = await AltinnEmulator.StartAsync();
        emulator.AddApp(new ApplicationMetadata { Id = "ttd/bench-app", Org = "ttd" });
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.CreateOrgToken("ttd"));

        var seeding = Stopwatch.StartNew();
        string firstId = await SeedAsync(http, instances);
        seeding.Stop();
        long heapAfter = ManagedHeap();

        int pagesPerRound = (instances + pageSize - 1) / pageSize + (instances % pageSize == 0 ? 1 : 0);
        Console.WriteLine($"Emulator paging: {instances:N0} instances, page size {pageSize}, {rounds} rounds, {Environment.ProcessorCount} cores.");
        Console.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:F1} s ({instances / seeding.Elapsed.TotalSeconds:N0} creates/s).");

        // Warm up both paths once.
        await PageAllAsync(http, pageSize);
        await GetOneAsync(http, firstId, pagesPerRound);

        var pagingTimes = new List<double>();
        var baselineTimes = new List<double>();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        int pages = 0;
        for (int round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            (int seen, int pageCount) = await PageAllAsync(http, pageSize);
            pagingTimes.Add(clock.Elapsed.TotalSeconds);
            pages += pageCount;
            if (seen != instances) throw new InvalidOperationException($"Paging saw {seen} instances, expected {instances}.");
        }

        long allocatedPerPage = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / pages;
        for (int round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            await GetOneAsync(http, firstId, pagesPerRound);
            baselineTimes.Add(clock.Elapsed.TotalSeconds);
        }

        double pagingMedian = Median(pagingTimes);
        double baselineMedian = Median(baselineTimes);
        double pagingRps = pagesPerRound / pagingMedian;
        double baselineRps = pagesPerRound / baselineMedian;
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("| --- | --- |");
        Console.WriteLine($"| paging: requests/s (median of {rounds}) | {pagingRps:N0} |");
        Console.WriteLine($"| paging: instances/s | {instances / pagingMedian:N0} |");
        Console.WriteLine($"| baseline (GET one instance): requests/s | {baselineRps:N0} |");
        Console.WriteLine($"| paging request cost vs baseline request | {baselineRps / pagingRps:F1}x |");
        Console.WriteLine($"| allocated per page request (client + emulator) | {allocatedPerPage / 1024.0:N0} KiB |");
        Console.WriteLine($"| managed heap for {instances:N0} stored instances | {(heapAfter - heapBefore) / (1024.0 * 1024):N1} MiB ({(heapAfter - heapBefore) / instances:N0} bytes each) |");
        Console.WriteLine($"| process working set | {Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024):N0} MiB |");
    }

    private static Task<string> SeedAsync(HttpClient http, int count) => BenchSupport.SeedInstancesAsync(http, "ttd/bench-app", count);

    private static async Task<(int Instances, int Pages)> PageAllAsync(HttpClient http, int pageSize)
    {
        // Oldest change first, the order that lists every instance once (see StoragePaging).
        string? url = $"storage/api/v1/instances?appId=ttd/bench-app&order=asc:lastChanged&size={pageSize}";
        int seen = 0;
        int pages = 0;
        while (url is not null)
        {
            using var response = await http.GetAsync(url);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync();
            using var page = await JsonDocument.ParseAsync(stream);
            seen += page.RootElement.GetProperty("instances").GetArrayLength();
            pages++;
            url = page.RootElement.GetProperty("next").ValueKind == JsonValueKind.String ? page.RootElement.GetProperty("next").GetString() : null;
        }

        return (seen, pages);
    }

    private static async Task GetOneAsync(HttpClient http, string id, int times)
    {
        for (int i = 0; i < times; i++)
        {
            using var response = await http.GetAsync($"storage/api/v1/instances/{id}");
            response.EnsureSuccessStatusCode();
            await response.Content.CopyToAsync(Stream.Null);
        }
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static long ManagedHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
