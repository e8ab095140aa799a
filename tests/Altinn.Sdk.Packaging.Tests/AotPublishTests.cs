using System.Text.RegularExpressions;

namespace Altinn.Sdk.Packaging.Tests;

/// <summary>
/// samples/AotCheck (Core, Storage, Apps and Events) published as native code: the trim and AOT analysers and the
/// ILCompiler see the whole program, and must not warn.
/// </summary>
[Trait("Category", "Packaging")]
[Collection(PackagingCollection.Name)]
public sealed partial class AotPublishTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("altinn-sdk-aot-").FullName;

    [Fact]
    public async Task The_sdk_publishes_as_native_code_without_trim_or_aot_warnings()
    {
        string sample = Path.Combine(DotNet.RepoRoot, "samples", "AotCheck", "AotCheck.csproj");

        // PublishAot=true is set in the sample's project, not on the command line: a global property would reach the
        // netstandard2.0 builds of the libraries, which cannot be compiled ahead of time (NETSDK1207). Warnings are
        // reported, not turned into errors, so the test can list every one of them.
        (int exitCode, string output) = await DotNet.RunAsync(DotNet.RepoRoot, null,
            "publish", sample, "-c", "Release", "-r", "linux-x64", "-p:TreatWarningsAsErrors=false", "-o", _output);

        List<string> warnings = TrimOrAotWarning().Matches(output).Select(m => m.Value.Trim()).Distinct().ToList();
        warnings.Should().BeEmpty("publishing with PublishAot=true gives no IL2xxx/IL3xxx warning; found:\n  {0}", string.Join("\n  ", warnings));
        exitCode.Should().Be(0, "the native publish succeeds:\n{0}", output);

        string binary = Path.Combine(_output, "AotCheck");
        File.Exists(binary).Should().BeTrue("a native executable was produced");
        File.Exists(Path.Combine(_output, "AotCheck.dll")).Should().BeFalse("a native publish has no IL assembly to load");

        (int runExit, string runOutput) = await RunNativeAsync(binary);
        runExit.Should().Be(0, runOutput);
        runOutput.Should().Contain("nothing to do");
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);

    private static async Task<(int, string)> RunNativeAsync(string binary)
    {
        var start = new System.Diagnostics.ProcessStartInfo(binary) { RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment.Remove("ALTINN__ENVIRONMENT");
        start.Environment.Remove("ALTINN__TOKEN");
        using var process = System.Diagnostics.Process.Start(start)!;
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    [GeneratedRegex(@"[^\r\n]*\b(IL[23]\d{3})\b[^\r\n]*")]
    private static partial Regex TrimOrAotWarning();
}
