using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Altinn.Sdk.Packaging.Tests;

/// <summary>What nuget.org shows of each package: repository and project URL, icon, tags and a README whose links work there.</summary>
[Trait("Category", "Packaging")]
[Collection(PackagingCollection.Name)]
public sealed partial class PackageMetadataTests(PackedPackages packages)
{
    public static TheoryData<string> Packages() => new(PackedPackages.Libraries.Append(PackedPackages.Tool));

    [Theory]
    [MemberData(nameof(Packages))]
    public void Every_package_carries_the_repository_url_it_was_packed_with_an_icon_and_its_own_tags(string id)
    {
        using ZipArchive package = ZipFile.OpenRead(Path.Combine(packages.Folder, $"{id}.{packages.Version}.nupkg"));
        XElement metadata = Metadata(package);

        ((string?)Element(metadata, "repository")?.Attribute("url")).Should().Be(PackedPackages.RepositoryUrl);
        ((string?)Element(metadata, "projectUrl")).Should().Be(PackedPackages.RepositoryUrl);

        string? icon = (string?)Element(metadata, "icon");
        icon.Should().NotBeNullOrEmpty();
        ZipArchiveEntry? iconEntry = package.GetEntry(icon!);
        iconEntry.Should().NotBeNull("the icon {0} is in the package", icon);
        using (Stream stream = iconEntry!.Open())
        {
            byte[] signature = new byte[8];
            stream.ReadExactly(signature);
            signature.Should().Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        }

        // Beyond the tags every package shares, each names what it is for.
        string[] tags = ((string?)Element(metadata, "tags") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        tags.Should().Contain("altinn");
        tags.Except(SharedTags).Should().NotBeEmpty("{0} has tags of its own", id);
    }

    [Fact]
    public void Every_package_has_a_readme_of_its_own_without_relative_links()
    {
        var offenders = new List<string>();
        foreach (string id in PackedPackages.Libraries.Append(PackedPackages.Tool))
        {
            File.Exists(Path.Combine(DotNet.RepoRoot, "src", id, "README.md")).Should().BeTrue("{0} has a README of its own", id);
            using ZipArchive package = ZipFile.OpenRead(Path.Combine(packages.Folder, $"{id}.{packages.Version}.nupkg"));
            ((string?)Element(Metadata(package), "readme")).Should().Be("README.md");
            using var reader = new StreamReader(package.GetEntry("README.md")!.Open());
            string readme = reader.ReadToEnd();

            // nuget.org shows the README on its own page: only absolute links (and anchors within it) lead anywhere.
            offenders.AddRange(LinkTargets().Matches(readme).Select(m => m.Groups["target"].Value)
                .Where(target => !target.StartsWith("https://", StringComparison.Ordinal)
                    && !target.StartsWith("http://", StringComparison.Ordinal)
                    && !target.StartsWith("mailto:", StringComparison.Ordinal)
                    && !target.StartsWith('#'))
                .Select(target => $"{id}: {target}"));
        }

        offenders.Should().BeEmpty("a packed README has no relative links");
    }

    private static readonly string[] SharedTags = ["altinn", "altinn3", "maskinporten", "norway", "sdk"];

    private static XElement Metadata(ZipArchive package)
    {
        ZipArchiveEntry entry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using Stream stream = entry.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static XElement? Element(XElement metadata, string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name);

    // Markdown links and images ([text](target), ![alt](target)), reference definitions ([id]: target) and HTML src/href.
    [GeneratedRegex(@"\]\(\s*<?(?<target>[^)\s>]+)|^\s*\[[^\]]+\]:\s*<?(?<target>\S+?)>?\s*$|(?:src|href)\s*=\s*[""'](?<target>[^""']+)", RegexOptions.Multiline)]
    private static partial Regex LinkTargets();
}
