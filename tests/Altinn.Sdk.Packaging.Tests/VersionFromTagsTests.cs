namespace Altinn.Sdk.Packaging.Tests;

/// <summary>
/// The packages' version comes from git tags (MinVer, tag prefix v): in a copy of the repository, the version a
/// library's pack would use is read with no tag, on a tagged commit and on a commit after the tag.
/// </summary>
[Trait("Category", "Packaging")]
[Collection(PackagingCollection.Name)]
public sealed class VersionFromTagsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("altinn-sdk-version-").FullName;

    [Fact]
    public async Task The_package_version_is_the_tag_on_the_commit_or_the_next_patch_s_prerelease_after_it()
    {
        await RepositoryCopy.CreateAsync(_folder);
        string core = Path.Combine("src", "Altinn.Sdk.Core", "Altinn.Sdk.Core.csproj");
        (int restored, string restoreOutput) = await DotNet.RunAsync(_folder, null, "restore", core);
        restored.Should().Be(0, restoreOutput);

        string untagged = await PackageVersionAsync(core);
        await RepositoryCopy.GitAsync(_folder, "tag", "v1.2.3");
        string tagged = await PackageVersionAsync(core);
        await RepositoryCopy.CommitAsync(_folder, "After the release");
        string after = await PackageVersionAsync(core);
        await RepositoryCopy.GitAsync(_folder, "tag", "1.9.0");
        string otherPrefix = await PackageVersionAsync(core);

        untagged.Should().Be("0.0.0-alpha.0", "a clone without tags gets MinVer's default version (height 0 on the first commit)");
        tagged.Should().Be("1.2.3");
        after.Should().Be("1.2.4-alpha.0.1");
        otherPrefix.Should().Be(after, "only tags with the v prefix are versions");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Runs MinVer's target alone and reads the version it sets for the pack (a property set by a target, so -getTargetResult-free).
    private async Task<string> PackageVersionAsync(string project)
    {
        (int exitCode, string output) = await DotNet.RunAsync(_folder, null,
            "msbuild", project, "-nologo", "-t:MinVer", "-p:TargetFramework=net10.0", "-getProperty:PackageVersion");
        exitCode.Should().Be(0, output);
        output.Should().NotContain("warning", "MinVer finds the repository and its tags without warnings");
        return output.Trim();
    }
}
