using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Altinn.Sdk.Bench;

/// <summary>Seeding and statistics shared by the console suites.</summary>
internal static class BenchSupport
{
    /// <summary>
    /// Creates <paramref name="count"/> instances of <paramref name="appId"/> through Storage's
    /// <c>POST storage/api/v1/instances?appId=</c> (8 requests in flight, owners spread over 500 parties), returning the
    /// id of the first.
    /// </summary>
    public static async Task<string> SeedInstancesAsync(HttpClient http, string appId, int count)
    {
        string first = string.Empty;
        int next = 0;
        async Task WorkerAsync()
        {
            while (true)
            {
                int i = Interlocked.Increment(ref next);
                if (i > count) return;
                string party = (50_000_000 + (i % 500)).ToString(CultureInfo.InvariantCulture);
                using var content = new StringContent(
                    $$$"""{"instanceOwner":{"partyId":"{{{party}}}"},"presentationTexts":{"title":"Bench {{{i}}}","Saksnummer":"2025/{{{i:D5}}}"},"dataValues":{"A2ArchRef":"AR{{{i}}}"}}""",
                    Encoding.UTF8,
                    "application/json");
                using var response = await http.PostAsync($"storage/api/v1/instances?appId={appId}", content);
                response.EnsureSuccessStatusCode();
                if (i == 1)
                {
                    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    first = json.RootElement.GetProperty("id").GetString()!;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => WorkerAsync()));
        return first;
    }

    /// <summary>The median (the upper one for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>The managed heap after a full, compacting collection.</summary>
    public static long ManagedHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Parses an optional integer argument.</summary>
    public static long Arg(string[] args, int index, long fallback) =>
        args.Length > index ? long.Parse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;

    /// <summary>
    /// Parses an integer given by name (<c>--instances 500</c>) or, when no names are used, by position.
    /// </summary>
    public static long Option(string[] args, string name, int index, long fallback)
    {
        int at = Array.IndexOf(args, name);
        if (at >= 0 && at + 1 < args.Length) return long.Parse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture);
        bool named = args.Any(a => a.StartsWith("--", StringComparison.Ordinal));
        return named ? fallback : Arg(args, index, fallback);
    }

    /// <summary>Bytes as MiB with one decimal.</summary>
    public static string MiB(long bytes) => (bytes / (1024.0 * 1024)).ToString("N1", CultureInfo.InvariantCulture) + " MiB";

    /// <summary>The current working set (refreshed).</summary>
    public static long WorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
