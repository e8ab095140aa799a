using Altinn.Sdk.Testing;
using Xunit.Abstractions;

namespace Altinn.Sdk.Reliability.Tests;

/// <summary>
/// The archive workflow over many instances while a fifth of all requests fail (429 with Retry-After, 503, dropped
/// connections, latency): nothing lost, nothing confirmed early, no unsafe request repeated. The full-size run (2,000
/// instances) is the benchmark suite <c>archive-faults</c>.
/// </summary>
/// <remarks>
/// Speed: the SDK's back-off (1 s, exponential, jitter) is not an option, so the suite keeps its time down with
/// the emulator's settings instead — Retry-After of 1 s (the smallest whole second), 50 ms of injected latency — and
/// with 16 instances at a time. MaxRetries is raised to 5 so that a run rarely ends with failed instances; when one
/// does, the workflow is simply run again, as its documentation says.
/// </remarks>
[Collection(nameof(FaultSuiteTests))]
public sealed class FaultSuiteTests(ITestOutputHelper output) : IDisposable
{
    private const int Instances = 200;
    private readonly string _root = Directory.CreateTempSubdirectory("altinn-reliability-").FullName;

    [Fact]
    public async Task Archive_under_20_percent_faults_loses_nothing_confirms_nothing_early_and_repeats_no_unsafe_request()
    {
        string seeded = Path.Combine(_root, "seeded");
        await ArchiveFaultScenario.SeedAsync(seeded, Instances, elementBytes: 2048);
        string clean = Path.Combine(_root, "clean");
        ArchiveFaultScenario.CopyDirectory(seeded, clean);

        ArchiveRun baseline = await ArchiveFaultScenario.RunAsync(clean, Path.Combine(_root, "archive-clean"), faults: null, maxRetries: 5, maxConcurrency: 16, maxRuns: 1);
        var faults = new EmulatorFaultOptions { Rate = 0.2, Seed = 2026, Kinds = ArchiveFaultScenario.Kinds, RetryAfter = TimeSpan.FromSeconds(1), Latency = TimeSpan.FromMilliseconds(50) };
        ArchiveRun faulty = await ArchiveFaultScenario.RunAsync(seeded, Path.Combine(_root, "archive-faults"), faults, maxRetries: 5, maxConcurrency: 16, maxRuns: 5);

        output.WriteLine(baseline.Figures("fault-free", Instances));
        output.WriteLine(faulty.Figures("20 % faults", Instances));
        output.WriteLine($"wall time ratio {faulty.Elapsed / baseline.Elapsed:0.00}, request ratio {(double)faulty.Requests.Count / baseline.Requests.Count:0.00}");

        Verification clear = baseline.Verify();
        clear.Problems.Should().BeEmpty();
        clear.Instances.Should().Be(Instances);
        clear.Confirmed.Should().Be(Instances);
        baseline.Faults.Should().Be(0);

        Verification verified = faulty.Verify();
        verified.Problems.Should().BeEmpty();
        verified.Instances.Should().Be(Instances);
        verified.Confirmed.Should().Be(Instances, "every instance is archived and confirmed exactly once");
        verified.FilesVerified.Should().Be(Instances * ArchiveFaultScenario.ElementsPerInstance);
        faulty.Results.Should().NotBeEmpty().And.Subject.Last().Failed.Should().BeEmpty();

        // The faults happened and hit writes too, so the checks above had something to catch.
        faulty.Faults.Should().BeGreaterThan(faulty.Requests.Count / 10);
        faulty.Requests.Should().Contain(r => r.IsWrite && r.Fault != EmulatorFaultKinds.None && r.Fault != EmulatorFaultKinds.Latency);
        faulty.Requests.Count.Should().BeGreaterThan(baseline.Requests.Count);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

[CollectionDefinition(nameof(FaultSuiteTests), DisableParallelization = true)]
public sealed class FaultSuiteCollection;
