using System.IO.Compression;
using System.Xml.Linq;

namespace Altinn.Sdk.Packaging.Tests;

[Trait("Category", "Packaging")]
[Collection(PackagingCollection.Name)]
public sealed class PackageContentTests(PackedPackages packages)
{
    public static TheoryData<string> Libraries() => new(PackedPackages.Libraries);

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Every_library_package_has_its_readme_docs_and_symbols(string id)
    {
        string nupkg = Path.Combine(packages.Folder, $"{id}.{packages.Version}.nupkg");
        string snupkg = Path.ChangeExtension(nupkg, ".snupkg");
        File.Exists(nupkg).Should().BeTrue();
        File.Exists(snupkg).Should().BeTrue("symbols ship as a .snupkg next to {0}", nupkg);

        using ZipArchive package = ZipFile.OpenRead(nupkg);
        using ZipArchive symbols = ZipFile.OpenRead(snupkg);
        List<string> entries = package.Entries.Select(e => e.FullName).ToList();
        List<string> symbolEntries = symbols.Entries.Select(e => e.FullName).ToList();

        entries.Should().Contain("README.md");
        List<string> assemblies = entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal)).ToList();
        assemblies.Should().Contain($"lib/net10.0/{id}.dll");
        var missing = assemblies.Where(dll => !entries.Contains(Path.ChangeExtension(dll, ".xml")))
            .Select(dll => $"{dll}: no XML documentation")
            .Concat(assemblies.Where(dll => !symbolEntries.Contains(Path.ChangeExtension(dll, ".pdb"))).Select(dll => $"{dll}: no .pdb in the .snupkg"))
            .ToList();
        missing.Should().BeEmpty();

        XElement metadata = Nuspec(package).Elements().Single(e => e.Name.LocalName == "metadata");
        ((string?)metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "readme")).Should().Be("README.md");
        ((string?)metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "description")).Should().NotBeNullOrWhiteSpace();
        ((string?)metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "license")).Should().Be("MIT");

        // SourceLink's git information: the package names the commit it was built from (the URL too, once the
        // clone has a remote; a local clone without one has no URL to give).
        XElement? repository = metadata.Elements().SingleOrDefault(e => e.Name.LocalName == "repository");
        repository.Should().NotBeNull("SourceLink records the repository in the package");
        ((string?)repository!.Attribute("commit")).Should().MatchRegex("^[0-9a-f]{40}$");
    }

    [Fact]
    public void The_tool_package_installs_the_altinn_command()
    {
        string nupkg = Path.Combine(packages.Folder, $"{PackedPackages.Tool}.{packages.Version}.nupkg");
        File.Exists(Path.ChangeExtension(nupkg, ".snupkg")).Should().BeTrue("the tool ships its symbols too");

        using ZipArchive package = ZipFile.OpenRead(nupkg);
        package.GetEntry("README.md").Should().NotBeNull();
        package.GetEntry("tools/net10.0/any/altinn.dll").Should().NotBeNull();
        XElement metadata = Nuspec(package).Elements().Single(e => e.Name.LocalName == "metadata");
        metadata.Elements().Single(e => e.Name.LocalName == "packageTypes").Elements()
            .Select(e => (string?)e.Attribute("name")).Should().Contain("DotnetTool");

        using Stream settings = package.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open();
        XDocument.Load(settings).Descendants("Command").Select(c => (string?)c.Attribute("Name")).Should().Equal("altinn");
    }

    [Fact]
    public void The_readme_in_each_package_is_the_package_own_when_it_has_one()
    {
        var offenders = new List<string>();
        foreach (string id in PackedPackages.Libraries)
        {
            string ownReadme = Path.Combine(DotNet.RepoRoot, "src", id, "README.md");
            if (!File.Exists(ownReadme))
            {
                continue;
            }

            using ZipArchive package = ZipFile.OpenRead(Path.Combine(packages.Folder, $"{id}.{packages.Version}.nupkg"));
            using var reader = new StreamReader(package.GetEntry("README.md")!.Open());
            if (reader.ReadToEnd() != File.ReadAllText(ownReadme))
            {
                offenders.Add(id);
            }
        }

        offenders.Should().BeEmpty("each package ships its own README.md");
    }

    private static XElement Nuspec(ZipArchive package)
    {
        ZipArchiveEntry entry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using Stream stream = entry.Open();
        return XDocument.Load(stream).Root!;
    }
}
