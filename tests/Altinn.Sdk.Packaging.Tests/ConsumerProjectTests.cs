using System.Text.RegularExpressions;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Testing;

namespace Altinn.Sdk.Packaging.Tests;

/// <summary>
/// A new console project, outside the repository, restores Altinn.Sdk.Storage and Altinn.Sdk.Testing from the
/// packages just packed and queries the emulator with them: what a user does after `dotnet add package`.
/// </summary>
[Trait("Category", "Packaging")]
[Collection(PackagingCollection.Name)]
public sealed partial class ConsumerProjectTests(PackedPackages packages) : IDisposable
{
    private const string Program = """
        using Altinn.Sdk;
        using Altinn.Sdk.Models;
        using Altinn.Sdk.Storage;
        using Altinn.Sdk.Testing;

        await using AltinnEmulator emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        StorageClient storage = StorageClient.Create(emulator.Environment, emulator.CreateOrgCredential("ttd"));
        int count = 0;
        await foreach (Instance instance in storage.Instances.QueryAsync(new InstanceQuery(AppId.Parse("ttd/demo-app"))))
        {
            count++;
        }

        Console.WriteLine($"instances: {count}");
        Console.WriteLine($"storage requests: {emulator.Requests.Count(r => r.PathAndQuery.StartsWith("/storage/", StringComparison.Ordinal))}");
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("altinn-sdk-consumer-").FullName;

    [Fact]
    public async Task A_new_console_project_restores_the_packages_and_queries_the_emulator()
    {
        int expected = await CountDemoInstancesInProcessAsync();
        expected.Should().BePositive("the demo seed has instances of ttd/demo-app");

        string project = Path.Combine(_folder, "consumer");
        Directory.CreateDirectory(project);
        await File.WriteAllTextAsync(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Altinn.Sdk.Storage" Version="{packages.Version}" />
                <PackageReference Include="Altinn.Sdk.Testing" Version="{packages.Version}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), Program);

        string packagesFolder = Path.Combine(_folder, "packages");
        await packages.WriteNuGetConfigAsync(project);

        (int exitCode, string output) = await DotNet.RunAsync(project, new Dictionary<string, string> { ["NUGET_PACKAGES"] = packagesFolder }, "run", "-c", "Release");

        exitCode.Should().Be(0, "the consumer builds and runs:\n{0}", output);
        output.Should().Contain($"instances: {expected}");
        int requests = int.Parse(StorageRequests().Match(output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        requests.Should().BePositive("the query went to the emulator's Storage API");
        Directory.EnumerateDirectories(packagesFolder).Select(Path.GetFileName)
            .Should().Contain(["altinn.sdk.storage", "altinn.sdk.testing", "altinn.sdk.core"], "the SDK came from the packed folder");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The same query through the project references: what the packaged code must answer.
    private static async Task<int> CountDemoInstancesInProcessAsync()
    {
        await using AltinnEmulator emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        StorageClient storage = StorageClient.Create(emulator.Environment, emulator.CreateOrgCredential("ttd"), loggerFactory: LeakWatch.LoggerFactory);
        int count = 0;
        await foreach (Instance _ in storage.Instances.QueryAsync(new InstanceQuery(AppId.Parse("ttd/demo-app"))))
        {
            count++;
        }

        return count;
    }

    [GeneratedRegex(@"storage requests: (\d+)")]
    private static partial Regex StorageRequests();
}
