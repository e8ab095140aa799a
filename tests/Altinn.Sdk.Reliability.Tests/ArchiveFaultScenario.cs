using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing;
using Altinn.Sdk.Workflows;

namespace Altinn.Sdk.Reliability;

/// <summary>
/// The archive workflow over many completed instances (three data elements each) against an emulator with a data folder,
/// with and without injected faults, and the checks that nothing was lost, nothing confirmed too early and no unsafe
/// request repeated. Shared by the reliability tests (small sizes) and the benchmark's full-size fault run.
/// </summary>
/// <remarks>
/// The emulator's data folder is "what the emulator holds": after a run, each archived file is compared by SHA-256 with
/// the content file the emulator keeps for that data element, and each instance's confirmations are read from the
/// emulator's own instance file.
/// </remarks>
public static class ArchiveFaultScenario
{
    public static readonly AppId App = AppId.Parse("ttd/reliability-app");
    public const int Party = 50006000;
    public const int ElementsPerInstance = 3;

    /// <summary>The fault kinds the suite injects: 429 with Retry-After, 503, dropped connections and latency.</summary>
    public const EmulatorFaultKinds Kinds = EmulatorFaultKinds.TooManyRequests | EmulatorFaultKinds.ServiceUnavailable | EmulatorFaultKinds.DropConnection | EmulatorFaultKinds.Latency;

    /// <summary>Creates a data folder holding <paramref name="instances"/> completed, unconfirmed instances of <see cref="App"/>, through a fault-free emulator.</summary>
    public static async Task SeedAsync(string dataDirectory, int instances, int elementBytes, CancellationToken cancellationToken = default)
    {
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { DataDirectory = dataDirectory, SeedDemo = true }, cancellationToken);
        emulator.AddApp(new ApplicationMetadata
        {
            Id = App.ToString(),
            Org = App.Org,
            DataTypes =
            [
                new DataType { Id = "attachment", AllowedContentTypes = ["application/octet-stream"], TaskId = "Task_1", MaxCount = ElementsPerInstance, MinCount = 0 },
            ],
        });
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.CreateOrgToken("ttd"));
        await Parallel.ForAsync(0, instances, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (n, ct) =>
        {
            DateTimeOffset ended = DateTimeOffset.UtcNow.AddMinutes(-5);
            var template = new
            {
                instanceOwner = new { partyId = Party.ToString(CultureInfo.InvariantCulture) },
                process = new { started = ended.AddHours(-1), startEvent = "StartEvent_1", ended, endEvent = "EndEvent_1" },
                status = new { isArchived = true, archived = ended },
            };
            using var created = await http.PostAsJsonAsync(new Uri(emulator.Environment.StorageBaseUrl, $"instances?appId={App}"), template, ct);
            created.EnsureSuccessStatusCode();
            Instance instance = (await created.Content.ReadFromJsonAsync(AltinnJsonContext.Default.Instance, ct))!;
            for (int e = 0; e < ElementsPerInstance; e++)
            {
                var bytes = new byte[elementBytes + e];
                new Random((n * ElementsPerInstance) + e).NextBytes(bytes);
                using var body = new ByteArrayContent(bytes);
                body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                body.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"file{e}.bin" };
                using var response = await http.PostAsync(new Uri(emulator.Environment.StorageBaseUrl, $"instances/{instance.Id}/data?dataType=attachment"), body, ct);
                response.EnsureSuccessStatusCode();
            }
        });
    }

    /// <summary>Copies a seeded data folder, so two runs start from the same state.</summary>
    public static void CopyDirectory(string from, string to)
    {
        foreach (string directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
        }
    }

    /// <summary>
    /// Archives <see cref="App"/> from the data folder into <paramref name="archiveDirectory"/>, re-running the workflow
    /// (as an operator would) while instances fail, up to <paramref name="maxRuns"/> times.
    /// </summary>
    /// <param name="faults">Faults to inject, or null for a fault-free run.</param>
    /// <param name="maxRetries">The SDK's retries per request (AltinnOptions.MaxRetries).</param>
    public static async Task<ArchiveRun> RunAsync(string dataDirectory, string archiveDirectory, EmulatorFaultOptions? faults, int maxRetries, int maxConcurrency, int maxRuns, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<EmulatorRequest> log;
        var results = new List<ArchiveResult>();
        var stops = new List<Exception>();
        var clock = Stopwatch.StartNew();
        await using (var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { DataDirectory = dataDirectory, Faults = faults }, cancellationToken))
        {
            // The org token is made locally by the emulator, so the run sends only Storage requests.
            WorkflowClient workflows = WorkflowClient.Create(emulator.Environment, emulator.CreateOrgCredential("ttd"), o => o.MaxRetries = maxRetries);
            emulator.ClearRequests();
            clock.Restart();
            for (int run = 0; run < maxRuns; run++)
            {
                try
                {
                    ArchiveResult result = await workflows.ArchiveAsync(App, archiveDirectory, new ArchiveOptions { MaxConcurrency = maxConcurrency }, cancellationToken);
                    results.Add(result);
                    if (result.Failed.Count == 0) break;
                }
                catch (WorkflowStoppedException stopped)
                {
                    // The listing itself failed after its retries: run again, as the documentation says.
                    stops.Add(stopped);
                }
            }

            clock.Stop();
            log = emulator.Requests;
        }

        return new ArchiveRun(dataDirectory, archiveDirectory, results, stops, log, clock.Elapsed);
    }

    public static string Sha256(string file)
    {
        using FileStream stream = File.OpenRead(file);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}

/// <summary>One archive run (possibly several workflow runs) and what it left behind.</summary>
public sealed record ArchiveRun(string DataDirectory, string ArchiveDirectory, IReadOnlyList<ArchiveResult> Results, IReadOnlyList<Exception> Stops, IReadOnlyList<EmulatorRequest> Requests, TimeSpan Elapsed)
{
    private const string StoragePath = "/storage/api/v1/";

    /// <summary>How many workflow runs it took until nothing failed.</summary>
    public int WorkflowRuns => Results.Count + Stops.Count;

    public int Faults => Requests.Count(r => r.Fault != EmulatorFaultKinds.None);

    /// <summary>Requests the client sent again after a transient failure: every faulted request but latency is answered with a failure and, if safe, retried.</summary>
    public int FailedAttempts => Requests.Count(r => r.Fault is EmulatorFaultKinds.TooManyRequests or EmulatorFaultKinds.ServiceUnavailable or EmulatorFaultKinds.DropConnection or EmulatorFaultKinds.InternalServerError);

    /// <summary>
    /// Checks the outcome against the emulator's data folder and request log; returns every problem found (empty when all is well)
    /// and the number of instances and files verified.
    /// </summary>
    public Verification Verify()
    {
        var problems = new List<string>();
        int instances = 0, confirmed = 0, files = 0;
        string appFolder = Path.Combine(ArchiveDirectory, ArchiveFaultScenario.App.Org, ArchiveFaultScenario.App.App);
        string ownerFolder = Path.Combine(DataDirectory, "instances", ArchiveFaultScenario.Party.ToString(CultureInfo.InvariantCulture));

        // Done items across the runs: an instance archived (confirmed) by two runs would show twice.
        var done = Results.SelectMany(r => r.Done).GroupBy(i => i.InstanceId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        problems.AddRange(done.Select(id => $"{id} was reported done by more than one run"));

        foreach (string instanceFile in Directory.EnumerateFiles(ownerFolder, "*.json").Where(f => !f.EndsWith(".events.json", StringComparison.Ordinal)))
        {
            using JsonDocument stored = JsonDocument.Parse(File.ReadAllBytes(instanceFile));
            JsonElement root = stored.RootElement;
            if (root.GetProperty("appId").GetString() != ArchiveFaultScenario.App.ToString()) continue;
            instances++;
            string guid = Path.GetFileNameWithoutExtension(instanceFile);
            string id = $"{ArchiveFaultScenario.Party}/{guid}";
            int confirmations = root.TryGetProperty("completeConfirmations", out JsonElement list) ? list.EnumerateArray().Count(c => c.GetProperty("stakeholderId").GetString() == "ttd") : 0;
            if (confirmations != 1) problems.Add($"{id} has {confirmations} confirmations by ttd, expected exactly 1");
            if (confirmations == 0) continue;
            confirmed++;

            string folder = Path.Combine(appFolder, ArchiveFaultScenario.Party.ToString(CultureInfo.InvariantCulture), guid);
            string manifestFile = Path.Combine(folder, "manifest.json");
            if (!File.Exists(manifestFile))
            {
                problems.Add($"{id} is confirmed but has no manifest");
                continue;
            }

            using JsonDocument manifest = JsonDocument.Parse(File.ReadAllBytes(manifestFile));
            var entries = manifest.RootElement.GetProperty("files").EnumerateArray().ToList();
            var elements = root.GetProperty("data").EnumerateArray().ToList();
            if (elements.Count != ArchiveFaultScenario.ElementsPerInstance) problems.Add($"{id} holds {elements.Count} data elements, expected {ArchiveFaultScenario.ElementsPerInstance}");
            foreach (JsonElement element in elements)
            {
                string elementId = element.GetProperty("id").GetString()!;
                JsonElement? entry = entries.Cast<JsonElement?>().FirstOrDefault(f => f!.Value.TryGetProperty("dataElementId", out JsonElement e) && e.GetString() == elementId);
                if (entry is null)
                {
                    problems.Add($"{id} is confirmed but data element {elementId} is not in its manifest");
                    continue;
                }

                string archived = Path.Combine(folder, entry.Value.GetProperty("name").GetString()!);
                string held = Path.Combine(DataDirectory, "data", guid, elementId);
                if (!File.Exists(archived))
                {
                    problems.Add($"{id}: {archived} is missing");
                    continue;
                }

                string hash = ArchiveFaultScenario.Sha256(archived);
                files++;
                if (hash != ArchiveFaultScenario.Sha256(held)) problems.Add($"{id}: data element {elementId} differs from what the emulator holds");
                if (!string.Equals(hash, entry.Value.GetProperty("sha256").GetString(), StringComparison.OrdinalIgnoreCase)) problems.Add($"{id}: data element {elementId} differs from its manifest");
            }
        }

        problems.AddRange(CheckRequestLog());
        return new Verification(problems, instances, confirmed, files);
    }

    /// <summary>
    /// From the request log: no write repeated unless the SDK marks it retry-safe (here only the complete confirmation,
    /// which Storage treats as idempotent), and no confirmation answered before every data element of its instance
    /// was downloaded successfully.
    /// </summary>
    private List<string> CheckRequestLog()
    {
        var problems = new List<string>();
        // The emulator's log is in order of arrival, which is the order the client sent in.
        var storage = Requests.Where(r => r.PathAndQuery.StartsWith(StoragePath, StringComparison.Ordinal)).ToList();
        foreach (var repeated in storage.Where(r => r.IsWrite).GroupBy(r => (r.Method, r.PathAndQuery)).Where(g => g.Count() > 1))
        {
            bool retrySafe = repeated.Key.Method == "POST" && repeated.Key.PathAndQuery.EndsWith("/complete", StringComparison.Ordinal);
            if (!retrySafe) problems.Add($"{repeated.Key.Method} {repeated.Key.PathAndQuery} was sent {repeated.Count()} times and is not retry-safe");
        }

        var downloaded = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (EmulatorRequest request in storage)
        {
            string path = request.PathAndQuery[StoragePath.Length..];
            string[] parts = path.Split('/');
            if (request.Method == "GET" && request.Status == 200 && parts is ["instances", _, var g, "data", var element])
            {
                if (!downloaded.TryGetValue(g, out var set)) downloaded[g] = set = [];
                set.Add(element);
            }
            else if (request.Method == "POST" && request.Status is >= 200 and < 300 && parts is ["instances", _, var guid, "complete"])
            {
                int have = downloaded.TryGetValue(guid, out var set) ? set.Count : 0;
                // A re-run confirms an instance whose files verify without downloading again; such an instance was
                // downloaded in full by an earlier run, which the same log shows.
                if (have < ArchiveFaultScenario.ElementsPerInstance) problems.Add($"instance {guid} was confirmed after {have} of {ArchiveFaultScenario.ElementsPerInstance} successful downloads");
            }
        }

        return problems;
    }

    public string Figures(string name, int instances) => string.Create(
        CultureInfo.InvariantCulture,
        $"{name}: {Requests.Count} requests ({(double)Requests.Count / instances:0.00} per instance), {Faults} faults, {FailedAttempts} failed attempts, {WorkflowRuns} workflow run(s), {Elapsed.TotalSeconds:0.0} s");
}

public sealed record Verification(IReadOnlyList<string> Problems, int Instances, int Confirmed, int FilesVerified);
