using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Altinn.Sdk.Leaks;

/// <summary>
/// The check of the whole run: no log message, exception or command output of any test of this assembly held a
/// token, key material or a national identity number. Runs after every other test (see <see cref="LeakScanTestFramework"/>).
/// </summary>
[Collection(Name)]
public sealed class LeakScan(ITestOutputHelper output)
{
    public const string Name = "leak scan, after every other test";

    /// <summary>The assembly metadata key of a test assembly that builds no SDK client, so has no SDK logs to watch.</summary>
    public const string NoSdkLogs = "LeakScan.NoSdkLogs";

    [Fact]
    public void NoSecretsInLogsExceptionsOrOutput()
    {
        output.WriteLine($"leak scan: {LeakWatch.LinesScanned} lines in {LeakWatch.TextsScanned} texts, {LeakWatch.Hits.Count} hits");
        foreach ((string reason, int count) in LeakWatch.IgnoredHits) output.WriteLine($"  ignored on purpose: {count} x {reason}");

        string[] hits = [.. LeakWatch.Hits.GroupBy(h => h, StringComparer.Ordinal).Select(g => $"{g.Count()} x {g.Key}").Order(StringComparer.Ordinal)];
        foreach (string hit in hits) output.WriteLine("  " + hit);

        LeakWatch.OtherTestsFinished.Should().BeTrue("the scan runs after every other test of the assembly");
        hits.Should().BeEmpty("no log message, exception or command output may hold a credential or a national identity number; found:\n" + string.Join("\n", hits));
        LeakWatch.LinesScanned.Should().BePositive("the watch saw the other tests' logs, exceptions or output");
        output.WriteLine($"  of which log messages: {LeakWatch.LogMessagesScanned}");
        if (!typeof(LeakScan).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Any(a => a.Key == NoSdkLogs))
        {
            LeakWatch.LogMessagesScanned.Should().BePositive("the tests' SDK clients log through the watch (an assembly without SDK clients says so with [assembly: AssemblyMetadata(\"" + NoSdkLogs + "\", ...)])");
        }
    }
}

[CollectionDefinition(LeakScan.Name, DisableParallelization = true)]
public sealed class LeakScanCollection;

/// <summary>
/// xunit's framework, except that the <see cref="LeakScan"/> collection runs after every other collection (which
/// still run in parallel), and not at all when no other test of the assembly runs (a filter left only it).
/// </summary>
public sealed class LeakScanTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new Runner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class Runner(
        ITestAssembly testAssembly,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task<RunSummary> RunTestCollectionsAsync(IMessageBus messageBus, CancellationTokenSource cancellationTokenSource)
        {
            List<IXunitTestCase> all = [.. TestCases];
            List<IXunitTestCase> scan = [.. all.Where(IsLeakScan)];
            List<IXunitTestCase> others = [.. all.Where(c => !IsLeakScan(c))];
            TestCases = others;
            try
            {
                RunSummary summary = others.Count > 0 ? await base.RunTestCollectionsAsync(messageBus, cancellationTokenSource) : new RunSummary();
                if (scan.Count == 0 || others.Count == 0 || cancellationTokenSource.IsCancellationRequested) return summary;

                LeakWatch.OtherTestsFinished = true;
                summary.Aggregate(await RunTestCollectionAsync(messageBus, scan[0].TestMethod.TestClass.TestCollection, scan, cancellationTokenSource));
                return summary;
            }
            finally
            {
                TestCases = all;
            }
        }

        private static bool IsLeakScan(IXunitTestCase testCase) => testCase.TestMethod.TestClass.TestCollection.DisplayName == LeakScan.Name;
    }
}
