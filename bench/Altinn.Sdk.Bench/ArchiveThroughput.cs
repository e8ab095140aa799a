using System.Globalization;
using Altinn.Sdk.Reliability;
using Altinn.Sdk.Testing;

namespace Altinn.Sdk.Bench;

/// <summary>
/// The archive workflow's throughput: <c>WorkflowClient.ArchiveAsync</c> over many completed instances (three data
/// elements each) against a fault-free emulator at several <c>MaxConcurrency</c> settings, each from a fresh copy of
/// the same seeded data folder, reported against concurrency 1 in the same run. Every run is verified as in
/// archive-faults (all confirmed once, every file's SHA-256 equal to what the emulator holds).
/// </summary>
internal static class ArchiveThroughput
{
    private static readonly int[] s_concurrency = [1, 4, 16];

    public static async Task<int> RunAsync(int instances, int elementBytes, int rounds)
    {
        string root = Directory.CreateTempSubdirectory("altinn-bench-archive-throughput-").FullName;
        try
        {
            string seeded = Path.Combine(root, "seeded");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Archive throughput: {instances} instances x {ArchiveFaultScenario.ElementsPerInstance} elements of ~{elementBytes} bytes, MaxConcurrency {string.Join("/", s_concurrency)}, {rounds} round(s), {Environment.ProcessorCount} cores."));
            await ArchiveFaultScenario.SeedAsync(seeded, instances, elementBytes);

            var seconds = s_concurrency.ToDictionary(c => c, _ => new List<double>());
            var speedups = s_concurrency.ToDictionary(c => c, _ => new List<double>());
            var requests = new Dictionary<int, int>();
            long archivedBytes = 0;
            int failures = 0;
            int run = 0;
            for (int round = 0; round < rounds; round++)
            {
                // Rotate the order, so that no setting always runs first (or last) on a busy machine.
                foreach (int concurrency in s_concurrency.Skip(round % s_concurrency.Length).Concat(s_concurrency.Take(round % s_concurrency.Length)))
                {
                    run++;
                    string data = Path.Combine(root, $"data-{run}");
                    string archive = Path.Combine(root, $"archive-{run}");
                    ArchiveFaultScenario.CopyDirectory(seeded, data);
                    ArchiveRun result = await ArchiveFaultScenario.RunAsync(data, archive, faults: null, maxRetries: 5, concurrency, maxRuns: 1);
                    Verification verified = result.Verify();
                    long bytes = ContentBytes(archive);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MaxConcurrency {concurrency,2}: {result.Elapsed.TotalSeconds:0.00} s, {result.Requests.Count} requests, {verified.Confirmed}/{verified.Instances} confirmed, {verified.FilesVerified} files verified, {verified.Problems.Count} problems"));
                    foreach (string problem in verified.Problems.Take(20)) Console.WriteLine("  " + problem);
                    if (concurrency == 1) Console.WriteLine("  " + TimeByStep(result, instances));
                    if (verified.Problems.Count > 0 || verified.Confirmed != instances || result.WorkflowRuns != 1) failures++;
                    seconds[concurrency].Add(result.Elapsed.TotalSeconds);
                    requests[concurrency] = result.Requests.Count;
                    archivedBytes = bytes;
                    Directory.Delete(data, recursive: true);
                    Directory.Delete(archive, recursive: true);
                }

                // The settings of one round ran back to back: their ratio does not see a change in load between rounds.
                foreach (int concurrency in s_concurrency) speedups[concurrency].Add(seconds[s_concurrency[0]][^1] / seconds[concurrency][^1]);
            }

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| MaxConcurrency | wall time (median of {rounds}) | instances/s | MiB/s (content) | requests | speed vs concurrency 1 (median of per-round ratios) | per-round ratios |"));
            Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
            foreach (int concurrency in s_concurrency)
            {
                double median = BenchSupport.Median(seconds[concurrency]);
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {concurrency} | {median:0.00} s | {instances / median:N1} | {archivedBytes / (1024.0 * 1024) / median:N1} | {requests[concurrency]:N0} | {BenchSupport.Median(speedups[concurrency]):0.00}x | {string.Join(", ", speedups[concurrency].Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))} |"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"content archived per run: {BenchSupport.MiB(archivedBytes)} in {instances * ArchiveFaultScenario.ElementsPerInstance:N0} files"));
            return failures == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// At concurrency 1 the requests follow each other, so the time from one request's arrival to the next one's is
    /// that request's cost (the emulator's handling and the client's work on the answer); summed by kind of request.
    /// </summary>
    private static string TimeByStep(ArchiveRun run, int instances)
    {
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        IReadOnlyList<EmulatorRequest> requests = run.Requests; // in order of arrival
        for (int i = 0; i + 1 < requests.Count; i++)
        {
            EmulatorRequest request = requests[i];
            string kind = request.Method == "POST" && request.PathAndQuery.EndsWith("/complete", StringComparison.Ordinal) ? "confirm"
                : request.Method == "GET" && request.PathAndQuery.Contains("/data/", StringComparison.Ordinal) ? "download"
                : request.Method == "GET" && request.PathAndQuery.Contains("instances?", StringComparison.Ordinal) ? "list"
                : "other";
            double ms = (requests[i + 1].Time - request.Time).TotalMilliseconds;
            totals[kind] = totals.GetValueOrDefault(kind) + ms;
        }

        return "time per instance by step: " + string.Join(", ", totals.OrderByDescending(t => t.Value).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value / instances:0.00} ms")));
    }

    /// <summary>The bytes of the archived data elements (the manifests left out).</summary>
    private static long ContentBytes(string archive) =>
        Directory.EnumerateFiles(archive, "*", SearchOption.AllDirectories)
            .Where(f => !string.Equals(Path.GetFileName(f), "manifest.json", StringComparison.Ordinal))
            .Sum(f => new FileInfo(f).Length);
}
