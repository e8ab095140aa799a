using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Testing;
using Xunit.Abstractions;

namespace Altinn.Sdk.Reliability.Tests;

/// <summary>
/// The crash suite: the archiver as a child process (<c>altinn archive</c>), killed (SIGKILL, no chance to clean up) at ten
/// seeded random moments and restarted each time against the same emulator, must end with the same archive folder and the
/// same confirmations as one uninterrupted run from the same starting data.
/// </summary>
public sealed class CrashSuiteTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20261123;
    private const int Instances = 50;
    private const int ElementBytes = 96 * 1024;
    private const int Kills = 10;

    private readonly string _root = Directory.CreateTempSubdirectory("altinn-sdk-crash-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Killed_ten_times_at_seeded_moments_the_archiver_ends_as_an_uninterrupted_run_does()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        CancellationToken ct = timeout.Token;
        string seeded = Path.Combine(_root, "seeded");
        await ArchiveFaultScenario.SeedAsync(seeded, Instances, ElementBytes, ct);
        string dataA = Path.Combine(_root, "data-uninterrupted"), dataB = Path.Combine(_root, "data-crashed");
        ArchiveFaultScenario.CopyDirectory(seeded, dataA);
        ArchiveFaultScenario.CopyDirectory(seeded, dataB);
        string archiveA = Path.Combine(_root, "archive-uninterrupted"), archiveB = Path.Combine(_root, "archive-crashed");

        // The uninterrupted run: one child process from start to end.
        int uninterruptedRequests, port;
        await using (var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { DataDirectory = dataA }, ct))
        {
            port = emulator.BaseUrl.Port;
            ChildRun run = await ArchiverProcess.RunAsync(emulator, archiveA, kill: null, ct);
            run.ExitCode.Should().Be(0, run.ToString());
            uninterruptedRequests = emulator.Requests.Count;
        }

        // The crashed run: killed at ten seeded moments, then run to its end.
        var random = new Random(Seed);
        var moments = new List<string>();
        // On the same port: Storage's instance JSON, archived as sent, carries self links with the host and port.
        // Every request 15 ms slower (same answers), so that a kill's polling and delay stay small against the work left.
        var latency = new EmulatorFaultOptions { Rate = 1, Kinds = EmulatorFaultKinds.Latency, Latency = TimeSpan.FromMilliseconds(15) };
        await using (var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { DataDirectory = dataB, Port = port, Faults = latency }, ct))
        {
            // Reads what is left to archive, so that each kill lands while the run still has work, however fast it goes.
            StorageClient storage = StorageClient.Create(emulator.Environment, emulator.CreateOrgCredential("ttd"), loggerFactory: LeakWatch.LoggerFactory);
            var unconfirmed = new InstanceQuery(ArchiveFaultScenario.App) { IsComplete = true, ExcludeConfirmedBy = "ttd" };
            double requestsPerInstance = (double)uninterruptedRequests / Instances;
            for (int kill = 0; kill < Kills; kill++)
            {
                int remaining = (await storage.Instances.QueryAsync(unconfirmed, ct).ToListAsync(ct)).Count;
                remaining.Should().BeGreaterThan(0, $"kill {kill + 1} needs work left");

                // Most kills come after a random number of requests, within the first quarter of the work left
                // (somewhere in listing, downloading, writing or confirming); while more than half is left, some come at
                // a random time after start, before or during the first requests.
                int budget = Math.Max(2, (int)(remaining * requestsPerInstance / 4));
                KillMoment moment = remaining > Instances / 2 && random.NextDouble() < 0.25
                    ? KillMoment.AfterDelay(TimeSpan.FromMilliseconds(random.Next(100, 900)), budget)
                    : KillMoment.AfterRequests(random.Next(1, budget), TimeSpan.FromMilliseconds(random.Next(0, 10)));
                ChildRun run = await ArchiverProcess.RunAsync(emulator, archiveB, moment, ct);
                run.Killed.Should().BeTrue($"kill {kill + 1} ({moment}) should have stopped a run that still had work: {run}");
                int leftovers = Directory.Exists(archiveB) ? Directory.EnumerateFiles(archiveB, "*.partial", SearchOption.AllDirectories).Count() : 0;
                moments.Add($"{moment}, {remaining} instance(s) left: last answered {run.LastRequest}; {leftovers} half-written file(s) left");
            }

            ChildRun last = await ArchiverProcess.RunAsync(emulator, archiveB, kill: null, ct);
            last.ExitCode.Should().Be(0, last.ToString());
            output.WriteLine($"uninterrupted: {uninterruptedRequests} requests; crashed: {emulator.Requests.Count} requests over {Kills + 1} processes");
        }

        foreach (string moment in moments) output.WriteLine("killed " + moment);

        // Same files with the same bytes (the manifests differ only in when they were written), no temporary leftovers.
        Snapshot(archiveB).Should().Equal(Snapshot(archiveA));
        Directory.EnumerateFiles(archiveB, "*", SearchOption.AllDirectories).Should().NotContain(f => f.EndsWith(".partial", StringComparison.Ordinal));

        // Same confirmations: every instance confirmed by ttd, in both (the emulator, like Storage, keeps one
        // confirmation per stakeholder however often it is asked; the archive comparison above is what shows that no
        // confirmation came before its files).
        IReadOnlyDictionary<string, int> confirmationsA = Confirmations(dataA), confirmationsB = Confirmations(dataB);
        confirmationsA.Should().HaveCount(Instances).And.OnlyContain(c => c.Value == 1);
        confirmationsB.Should().Equal(confirmationsA);

        // And the crashed archive holds what the emulator holds, checked file by file.
        var verification = new ArchiveRun(dataB, archiveB, [], [], [], TimeSpan.Zero).Verify();
        verification.Problems.Should().BeEmpty();
        verification.FilesVerified.Should().Be(Instances * ArchiveFaultScenario.ElementsPerInstance);
    }

    /// <summary>Every file under the archive, by relative path, with its SHA-256 (for a manifest: of its JSON without the time it was written).</summary>
    private static List<string> Snapshot(string archive) => Directory.EnumerateFiles(archive, "*", SearchOption.AllDirectories)
        .Select(file =>
        {
            string relative = Path.GetRelativePath(archive, file).Replace('\\', '/');
            // The BagIt tag manifest holds manifest.json's hash, so it differs by that time too: compared without that line.
            if (Path.GetFileName(file) == "tagmanifest-sha256.txt") return $"{relative} {string.Join("|", File.ReadAllLines(file).Where(l => !l.EndsWith("  manifest.json", StringComparison.Ordinal)))}";
            if (Path.GetFileName(file) != "manifest.json") return $"{relative} {ArchiveFaultScenario.Sha256(file)}";
            JsonObject manifest = JsonNode.Parse(File.ReadAllBytes(file))!.AsObject();
            manifest.Remove("archived").Should().BeTrue($"{relative} should say when it was written");
            return $"{relative} {manifest.ToJsonString()}";
        })
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Per instance of the app in an emulator data folder: how many complete confirmations by ttd it has.</summary>
    private static Dictionary<string, int> Confirmations(string dataDirectory)
    {
        string owner = Path.Combine(dataDirectory, "instances", ArchiveFaultScenario.Party.ToString(CultureInfo.InvariantCulture));
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(owner, "*.json").Where(f => !f.EndsWith(".events.json", StringComparison.Ordinal)))
        {
            using JsonDocument instance = JsonDocument.Parse(File.ReadAllBytes(file));
            if (instance.RootElement.GetProperty("appId").GetString() != ArchiveFaultScenario.App.ToString()) continue;
            result[Path.GetFileNameWithoutExtension(file)] = instance.RootElement.TryGetProperty("completeConfirmations", out JsonElement list)
                ? list.EnumerateArray().Count(c => c.GetProperty("stakeholderId").GetString() == "ttd")
                : 0;
        }

        return result;
    }
}

/// <summary>
/// When to kill the child: after it has sent a number of requests (plus a short delay), or after a time but no later
/// than a number of requests (so that a fast run cannot finish first).
/// </summary>
internal sealed record KillMoment(int? Requests, TimeSpan Delay, int? MaxRequests = null)
{
    public static KillMoment AfterRequests(int requests, TimeSpan then) => new(requests, then);

    public static KillMoment AfterDelay(TimeSpan delay, int maxRequests) => new(null, delay, maxRequests);

    public override string ToString() => Requests is { } n
        ? string.Create(CultureInfo.InvariantCulture, $"after request {n} + {Delay.TotalMilliseconds:0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{Delay.TotalMilliseconds:0} ms after start (or at request {MaxRequests})");
}

/// <summary>How a child run ended: its exit code (or killed), what it printed and the last request the emulator answered before the kill.</summary>
internal sealed record ChildRun(bool Killed, int ExitCode, string Output, string Error, string LastRequest)
{
    public override string ToString() => $"{(Killed ? "killed" : "exit " + ExitCode.ToString(CultureInfo.InvariantCulture))}, last request {LastRequest}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Starts <c>altinn archive</c> (the CLI built next to the tests) as a child process against an emulator.</summary>
internal static class ArchiverProcess
{
    public static async Task<ChildRun> RunAsync(AltinnEmulator emulator, string archive, KillMoment? kill, CancellationToken cancellationToken)
    {
        // The CLI's own deps file expects the app folder it was built in; the test's deps and runtime config carry the
        // same assemblies as they are laid out here.
        string folder = AppContext.BaseDirectory;
        string tests = typeof(ArchiverProcess).Assembly.GetName().Name!;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "exec", "--runtimeconfig", Path.Combine(folder, tests + ".runtimeconfig.json"), "--depsfile", Path.Combine(folder, tests + ".deps.json"), Path.Combine(folder, "altinn.dll"),
            "archive", "--app", ArchiveFaultScenario.App.ToString(), "--out", archive, "--env", emulator.BaseUrl.AbsoluteUri, "--concurrency", "4", "--json",
        })
        {
            start.ArgumentList.Add(argument);
        }

        // The token comes from the environment (never a flag), and no config file from the user's profile is read.
        string home = Path.Combine(archive + ".home");
        Directory.CreateDirectory(home);
        string token = emulator.CreateOrgToken("ttd");
        LeakWatch.AddSecret(token);
        start.Environment["ALTINN__TOKEN"] = token;
        start.Environment["HOME"] = home;
        start.Environment["USERPROFILE"] = home;

        int before = emulator.Requests.Count;
        using Process process = Process.Start(start)!;
        try
        {
            return await WatchAsync(process, emulator, kill, before, cancellationToken);
        }
        finally
        {
            // Never left running when the test fails or times out.
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    private static async Task<ChildRun> WatchAsync(Process process, AltinnEmulator emulator, KillMoment? kill, int before, CancellationToken cancellationToken)
    {
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        bool killed = false;
        if (kill is not null)
        {
            var clock = Stopwatch.StartNew();
            while (!process.HasExited)
            {
                int sent = emulator.Requests.Count - before;
                bool due = kill.Requests is { } n ? sent >= n : clock.Elapsed >= kill.Delay || sent >= kill.MaxRequests;
                if (due)
                {
                    if (kill.Requests is not null && kill.Delay > TimeSpan.Zero) await Task.Delay(kill.Delay, cancellationToken);
                    process.Kill(entireProcessTree: true);
                    killed = true;
                    break;
                }

                await Task.Delay(1, cancellationToken);
            }
        }

        await process.WaitForExitAsync(cancellationToken);
        IReadOnlyList<EmulatorRequest> log = emulator.Requests;
        string last = log.Count > before ? $"{log[^1].Method} {log[^1].PathAndQuery} ({log.Count - before} sent)" : "(none sent)";
        string output = await stdout, error = await stderr;
        LeakWatch.Scan("altinn archive (child process) stdout", output, isRequestedData: true);
        LeakWatch.Scan("altinn archive (child process) stderr", error);
        return new ChildRun(killed && process.ExitCode != 0, process.ExitCode, output, error, last);
    }
}
