using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Altinn.Sdk.Packaging.Tests;

/// <summary>
/// The repository builds wherever it is cloned, also under a folder named <c>src</c> (<c>~/src/altinn-sdk</c>), where
/// every project's path contains <c>/src/</c>, library or not.
/// </summary>
[Trait("Category", "Packaging")]
[Collection(PackagingCollection.Name)]
public sealed partial class CloneLocationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("altinn-sdk-clone-").FullName;

    [Fact]
    public async Task The_solution_builds_without_warnings_when_cloned_under_a_src_folder()
    {
        string clone = Path.Combine(_folder, "src", "altinn-sdk");
        foreach (string file in await RepositoryFilesAsync())
        {
            string target = Path.Combine(clone, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(DotNet.RepoRoot, file), target);
        }

        // Restored from the machine's packages folder, which the build the tests run in has filled already. The whole
        // solution is built once, in parallel; it takes longer than the other runs, so its hang guard is longer too.
        (int exitCode, string output) = await DotNet.RunAsync(clone, null, TimeSpan.FromMinutes(30), "build", "Altinn.Sdk.sln", "-m", "-tl:off", "-v", "m", "-nologo");

        List<string> diagnostics = Diagnostic().Matches(output).Select(m => m.Value.Trim()).Distinct().ToList();
        diagnostics.Should().BeEmpty("the solution builds without errors or warnings under a src/ parent; found {0}, the first:\n  {1}",
            diagnostics.Count, string.Join("\n  ", diagnostics.Take(20)));
        exitCode.Should().Be(0, "the build succeeds:\n{0}", output);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The working tree's files that git tracks or would track: no bin/, obj/ or other ignored output.</summary>
    private static async Task<List<string>> RepositoryFilesAsync()
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = DotNet.RepoRoot, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in new[] { "ls-files", "-z", "--cached", "--others", "--exclude-standard" }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        string list = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, "git lists the repository's files");

        // A file deleted but not yet staged is still listed.
        return list.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(f => File.Exists(Path.Combine(DotNet.RepoRoot, f))).ToList();
    }

    [GeneratedRegex(@"[^\r\n]*: (?:error|warning) [A-Z]+\d+[^\r\n]*")]
    private static partial Regex Diagnostic();
}
