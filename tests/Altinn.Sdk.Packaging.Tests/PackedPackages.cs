namespace Altinn.Sdk.Packaging.Tests;

/// <summary>
/// Packs the libraries once, from the build the tests were compiled against, into a temporary folder under a
/// version unique to this run, so a consumer can only restore what was just packed.
/// </summary>
public sealed class PackedPackages : IAsyncLifetime
{
    public static readonly string[] Libraries =
        ["Altinn.Sdk.Core", "Altinn.Sdk.Storage", "Altinn.Sdk.Apps", "Altinn.Sdk.Events", "Altinn.Sdk.Workflows", "Altinn.Sdk.Workflows.AzureBlobs", "Altinn.Sdk.FormData", "Altinn.Sdk.Testing"];

    /// <summary>The altinn command-line tool, packed with PackAsTool.</summary>
    public const string Tool = "Altinn.Sdk.Cli";

    /// <summary>
    /// Stands for the address a release passes with -p:RepositoryUrl=...; the tests check the packages carry what the
    /// build was given (a placeholder on a reserved domain, not the repository's address).
    /// </summary>
    public const string RepositoryUrl = "https://example.org/altinn-sdk.git";

    public string Folder { get; } = Directory.CreateTempSubdirectory("altinn-sdk-packages-").FullName;

    public string Version { get; } = $"0.1.0-packtest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    public async Task InitializeAsync()
    {
        // MinVer sets the version in a target, over a -p:PackageVersion; its own override is what a pack takes.
        foreach (string library in Libraries.Append(Tool))
        {
            string project = Path.Combine(DotNet.RepoRoot, "src", library, library + ".csproj");
            (int exitCode, string output) = await DotNet.RunAsync(DotNet.RepoRoot, null,
                "pack", project, "-c", DotNet.Configuration, "--no-build", "-o", Folder, "-p:MinVerVersionOverride=" + Version, "-p:RepositoryUrl=" + RepositoryUrl);
            if (exitCode != 0 || output.Contains(": warning ", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"dotnet pack {library} exited with {exitCode} or warned:\n{output}");
            }
        }
    }

    /// <summary>
    /// Writes a nuget.config into a consumer's <paramref name="projectFolder"/>: only the packed folder and nuget.org.
    /// Run the consumer with a NUGET_PACKAGES folder of its own, so nothing cached elsewhere is used; the machine's
    /// packages folder is a read-only fallback for the third-party dependencies (the SDK's own packages carry this
    /// run's version, which no other folder has).
    /// </summary>
    public Task WriteNuGetConfigAsync(string projectFolder)
    {
        string machineFolder = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string fallback = Directory.Exists(machineFolder)
            ? $"""<fallbackPackageFolders><clear /><add key="machine" value="{machineFolder}" /></fallbackPackageFolders>"""
            : string.Empty;
        return File.WriteAllTextAsync(Path.Combine(projectFolder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{Folder}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              {fallback}
            </configuration>
            """);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>The slow tests share one collection: they compete for the same CPUs, so they run one after the other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackagingCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "Packaging";
}
