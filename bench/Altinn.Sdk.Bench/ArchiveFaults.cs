using System.Globalization;
using Altinn.Sdk.Reliability;
using Altinn.Sdk.Testing;

namespace Altinn.Sdk.Bench;

/// <summary>
/// The archive workflow over many completed instances (three data elements each), fault-free and then with 20 % of
/// requests failing (429 with Retry-After 1 s, 503, dropped connections, 200 ms latency), both from the same seeded
/// data folder in one run. Reports requests, retries and wall time, and verifies the outcome the way the reliability
/// tests do (every instance confirmed exactly once, every file's SHA-256 equal to what the emulator holds, no
/// confirmation before all downloads, no unsafe request repeated).
/// </summary>
internal static class ArchiveFaults
{
    public static async Task<int> RunAsync(int instances, int elementBytes, int maxConcurrency)
    {
        string root = Directory.CreateTempSubdirectory("altinn-bench-archive-faults-").FullName;
        try
        {
            string seeded = Path.Combine(root, "seeded");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeding {instances} instances x {ArchiveFaultScenario.ElementsPerInstance} elements of ~{elementBytes} bytes..."));
            await ArchiveFaultScenario.SeedAsync(seeded, instances, elementBytes);
            string clean = Path.Combine(root, "clean");
            ArchiveFaultScenario.CopyDirectory(seeded, clean);

            ArchiveRun baseline = await ArchiveFaultScenario.RunAsync(clean, Path.Combine(root, "archive-clean"), faults: null, maxRetries: 5, maxConcurrency, maxRuns: 1);
            var faults = new EmulatorFaultOptions { Rate = 0.2, Seed = 2026, Kinds = ArchiveFaultScenario.Kinds };
            ArchiveRun faulty = await ArchiveFaultScenario.RunAsync(seeded, Path.Combine(root, "archive-faults"), faults, maxRetries: 5, maxConcurrency, maxRuns: 5);

            Console.WriteLine(baseline.Figures("fault-free ", instances));
            Console.WriteLine(faulty.Figures("20 % faults", instances));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio (faults / fault-free): wall time {faulty.Elapsed / baseline.Elapsed:0.00}x, requests {(double)faulty.Requests.Count / baseline.Requests.Count:0.00}x"));
            var byKind = faulty.Requests.Where(r => r.Fault != EmulatorFaultKinds.None).GroupBy(r => r.Fault).OrderBy(g => g.Key.ToString());
            Console.WriteLine("faults by kind: " + string.Join(", ", byKind.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count()}"))));

            int failures = 0;
            foreach ((string name, ArchiveRun run) in new[] { ("fault-free", baseline), ("20 % faults", faulty) })
            {
                Verification verified = run.Verify();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {verified.Confirmed}/{verified.Instances} instances confirmed, {verified.FilesVerified} files verified by SHA-256, {verified.Problems.Count} problems"));
                foreach (string problem in verified.Problems.Take(20)) Console.WriteLine("  " + problem);
                if (verified.Problems.Count > 0 || verified.Confirmed != instances) failures++;
            }

            return failures == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
