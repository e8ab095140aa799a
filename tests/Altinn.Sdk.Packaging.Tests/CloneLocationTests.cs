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
        // A clone: git's files in a repository of their own, with no tags (the version is MinVer's default).
        await RepositoryCopy.CreateAsync(clone);

        // Restored from the machine's packages folder, which the build the tests run in has filled already. The whole
        // solution is built once, in parallel; it takes longer than the other runs, so its hang guard is longer too.
        (int exitCode, string output) = await DotNet.RunAsync(clone, null, TimeSpan.FromMinutes(30), "build", "Altinn.Sdk.sln", "-m", "-tl:off", "-v", "m", "-nologo");

        List<string> diagnostics = Diagnostic().Matches(output).Select(m => m.Value.Trim()).Distinct().ToList();
        diagnostics.Should().BeEmpty("the solution builds without errors or warnings under a src/ parent; found {0}, the first:\n  {1}",
            diagnostics.Count, string.Join("\n  ", diagnostics.Take(20)));
        exitCode.Should().Be(0, "the build succeeds:\n{0}", output);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [GeneratedRegex(@"[^\r\n]*: (?:error|warning) [A-Z]+\d+[^\r\n]*")]
    private static partial Regex Diagnostic();
}
