using System.Text.Json;
using System.Text.RegularExpressions;

namespace Altinn.Sdk.Packaging.Tests;

/// <summary>
/// Where and from what the repository is cloned does not change its build. Which projects are shipped libraries is
/// decided from the path below the repository's root, so a clone under a folder named <c>src</c>
/// (<c>~/src/altinn-sdk</c>), where every project's path contains <c>/src/</c>, makes no test, sample or benchmark a
/// library: each project of the solution is evaluated in such a copy (evaluation is what the decision is, and takes
/// seconds where building the whole copy took minutes). And a clone of a local path, whose origin remote is no web
/// address, builds.
/// </summary>
[Trait("Category", "Packaging")]
[Collection(PackagingCollection.Name)]
public sealed partial class CloneLocationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("altinn-sdk-clone-").FullName;

    [Fact]
    public async Task Under_a_src_folder_exactly_the_projects_in_the_repositorys_own_src_are_shipped_libraries()
    {
        string clone = Path.Combine(_folder, "src", "altinn-sdk");
        await RepositoryCopy.CreateAsync(clone);

        (int listed, string list) = await DotNet.RunAsync(clone, null, "sln", "Altinn.Sdk.sln", "list");
        listed.Should().Be(0, list);
        List<string> projects = list.Split('\n').Select(l => l.Trim().Replace('\\', '/')).Where(l => l.EndsWith(".csproj", StringComparison.Ordinal)).ToList();
        projects.Should().Contain(p => p.StartsWith("src/", StringComparison.Ordinal)).And.Contain(p => !p.StartsWith("src/", StringComparison.Ordinal));

        var wrong = new List<string>();
        foreach (string project in projects)
        {
            (int exitCode, string output) = await DotNet.RunAsync(clone, null, "msbuild", project, "-getProperty:IsSdkLibrary", "-getProperty:IsPackable", "-nologo");
            exitCode.Should().Be(0, "{0} evaluates: {1}", project, output);
            JsonElement properties = JsonDocument.Parse(output).RootElement.GetProperty("Properties");
            bool library = properties.GetProperty("IsSdkLibrary").GetString() == "true";
            bool packable = properties.GetProperty("IsPackable").GetString() == "true";

            bool expected = project.StartsWith("src/", StringComparison.Ordinal);
            if (library != expected || packable != expected)
            {
                wrong.Add($"{project}: IsSdkLibrary={library}, IsPackable={packable}");
            }
        }

        wrong.Should().BeEmpty("a project is a packable library exactly when it lies under the repository's src/ ({0} projects evaluated); wrong:\n  {1}",
            projects.Count, string.Join("\n  ", wrong));
    }

    [Fact]
    public async Task A_clone_of_a_local_path_builds_a_library_without_warnings()
    {
        // git clone /srv/mirrors/altinn-sdk: the origin remote is a path, which SourceLink cannot make a web address of.
        string clone = Path.Combine(_folder, "altinn-sdk");
        await RepositoryCopy.CreateAsync(clone);
        await RepositoryCopy.GitAsync(clone, "remote", "add", "origin", DotNet.RepoRoot);

        // Both target frameworks: the netstandard2.0 build is where an older SourceLink failed on such a remote.
        (int exitCode, string output) = await DotNet.RunAsync(clone, null, "build", "src/Altinn.Sdk.Core", "-tl:off", "-v", "m", "-nologo");

        List<string> diagnostics = Diagnostic().Matches(output).Select(m => m.Value.Trim()).Distinct().ToList();
        diagnostics.Should().BeEmpty("the library builds without errors or warnings; found:\n  {0}", string.Join("\n  ", diagnostics.Take(20)));
        exitCode.Should().Be(0, "the build succeeds:\n{0}", output);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [GeneratedRegex(@"[^\r\n]*: (?:error|warning) [A-Z]*\d*[^\r\n]*")]
    private static partial Regex Diagnostic();
}
