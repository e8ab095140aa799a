namespace Altinn.Sdk.Conventions.Tests;

/// <summary>
/// Every library records its public API in PublicAPI.Shipped.txt and PublicAPI.Unshipped.txt (plus PublicAPI/&lt;tfm&gt;/ for
/// members only one target framework has). The analyzer checks the code against them; these tests check the files themselves.
/// </summary>
public sealed class PublicApiFileTests
{
    private const string Header = "#nullable enable";
    private const string Removed = "*REMOVED*";
    private static readonly string[] s_fileNames = ["PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt"];

    public static TheoryData<string> Libraries()
    {
        var data = new TheoryData<string>();
        foreach (string directory in LibraryDirectories())
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    [Fact]
    public void Every_shipped_assembly_is_a_library_found_under_src()
    {
        IEnumerable<string?> found = LibraryDirectories().Select(Path.GetFileName);
        found.Should().Contain(ShippedAssemblies.All.Select(a => a.GetName().Name))
            .And.NotContain("Altinn.Sdk.Cli", "the command-line tool has no public API to track");
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Every_library_has_both_files_starting_with_nullable_enable(string library)
    {
        string directory = Path.Combine(SrcDirectory(), library);
        foreach (string folder in ApiFolders(directory).Prepend(directory))
        {
            foreach (string name in s_fileNames)
            {
                string path = Path.Combine(folder, name);
                File.Exists(path).Should().BeTrue("{0} records the library's public API", path);
                File.ReadLines(path).FirstOrDefault().Should().Be(Header, "the analyzer tracks nullability only after this header in {0}", path);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void No_member_is_listed_twice_in_shipped_and_unshipped(string library)
    {
        string directory = Path.Combine(SrcDirectory(), library);
        List<string> shared = s_fileNames.SelectMany(name => Entries(Path.Combine(directory, name))).ToList();
        shared.Should().HaveCountGreaterThan(10, "{0} has a public surface", library);
        Duplicates(shared).Should().BeEmpty("each member of {0} is either shipped or unshipped, once", library);

        // Each target framework sees the shared files and its own folder together.
        foreach (string folder in ApiFolders(directory))
        {
            IEnumerable<string> framework = s_fileNames.SelectMany(name => Entries(Path.Combine(folder, name)));
            Duplicates(shared.Concat(framework)).Should().BeEmpty("{0} lists no member the shared files already list", folder);
        }
    }

    [Fact]
    public void The_duplicate_check_finds_a_line_in_both_files()
    {
        string[] shipped = [Header, "Altinn.Sdk.AppId", "Altinn.Sdk.AppId.Org.get -> string!"];
        string[] unshipped = [Header, "Altinn.Sdk.AppId.Org.get -> string!", Removed + "Altinn.Sdk.AppId", ""];

        Duplicates(Entries(shipped).Concat(Entries(unshipped))).Should().Equal("Altinn.Sdk.AppId.Org.get -> string!");
    }

    private static IEnumerable<string> Entries(string path) => Entries(File.ReadAllLines(path));

    // A *REMOVED* line in Unshipped names a shipped member on purpose, so it is not a second listing.
    private static IEnumerable<string> Entries(IEnumerable<string> lines) =>
        lines.Where(l => l.Length > 0 && l != Header && !l.StartsWith(Removed, StringComparison.Ordinal));

    private static List<string> Duplicates(IEnumerable<string> entries) =>
        entries.GroupBy(e => e, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

    private static IEnumerable<string> ApiFolders(string library)
    {
        string folder = Path.Combine(library, "PublicAPI");
        return Directory.Exists(folder) ? Directory.GetDirectories(folder) : [];
    }

    /// <summary>Projects under src/ that build a library; the CLI is an executable.</summary>
    private static IEnumerable<string> LibraryDirectories() =>
        Directory.GetDirectories(SrcDirectory())
            .Where(d => Directory.GetFiles(d, "*.csproj").Any(p => !File.ReadAllText(p).Contains("<OutputType>Exe</OutputType>", StringComparison.Ordinal)))
            .OrderBy(d => d, StringComparer.Ordinal);

    private static string SrcDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Altinn.Sdk.sln")))
            {
                return Path.Combine(dir.FullName, "src");
            }
        }

        throw new InvalidOperationException("The repository root (Altinn.Sdk.sln) is not above " + AppContext.BaseDirectory);
    }
}
