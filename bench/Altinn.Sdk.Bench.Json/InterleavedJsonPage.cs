using System.Diagnostics;
using System.Globalization;

namespace Altinn.Sdk.Bench;

/// <summary>
/// The <c>json-page</c> paths measured in alternation: many short rounds, each timing every path once (with the
/// order rotating), and the ratio to the SDK taken per round. On a shared machine the load changes over seconds,
/// which skews BenchmarkDotNet's one-path-after-the-other runs; a per-round ratio sees the same load on both sides.
/// Each batch of reads starts on a collected heap, outside the timing.
/// </summary>
internal static class InterleavedJsonPage
{
    public static int Run(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
        int perRound = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var bench = new JsonPageBenchmarks();
        bench.Setup();
        (string Name, Func<object> Read)[] paths =
        [
            ("SDK: AltinnJsonContext (baseline)", bench.Sdk),
            ("Interface + Newtonsoft (string)", bench.NewtonsoftString),
            ("Interface + Newtonsoft (stream)", bench.NewtonsoftStream),
            ("Interface + STJ reflection (web)", bench.InterfaceReflection),
        ];

        // Warm-up: past tiered compilation (tier 1 after 30 calls plus the background delay) on every path.
        foreach (var (_, read) in paths)
        {
            for (int i = 0; i < 200; i++) read();
        }

        var times = paths.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < rounds; round++)
        {
            for (int k = 0; k < paths.Length; k++)
            {
                int p = (k + round) % paths.Length;

                // Each batch starts on a collected heap, so a collection it triggers pays for its own garbage and
                // not for the path before it (Newtonsoft's large strings would otherwise tax the next path).
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var watch = Stopwatch.StartNew();
                for (int i = 0; i < perRound; i++) paths[p].Read();
                times[p].Add(watch.Elapsed.TotalMilliseconds * 1000 / perRound);
            }
        }

        Console.WriteLine($"json-page, interleaved: {rounds} rounds of {perRound} reads per path, order rotating; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores.");
        Console.WriteLine("| path | median µs | median ratio to SDK per round | allocated per read |");
        Console.WriteLine("| --- | --- | --- | --- |");
        for (int p = 0; p < paths.Length; p++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            paths[p].Read();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            double ratio = Median(times[p].Zip(times[0], (t, sdk) => t / sdk));
            Console.WriteLine($"| {paths[p].Name} | {Median(times[p]):N0} | {ratio:0.00} | {allocated / 1024.0:N1} KB |");
        }

        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
