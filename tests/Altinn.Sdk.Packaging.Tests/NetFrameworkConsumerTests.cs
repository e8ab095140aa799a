using System.Text.Json;

namespace Altinn.Sdk.Packaging.Tests;

/// <summary>
/// The netstandard2.0 promise, from the packages: a .NET Framework 4.8 and 4.6.2 console project, outside the repository,
/// restores the packed libraries and builds with warnings as errors (the reference assemblies come as a package, so
/// it builds on Linux too). A package without a netstandard2.0 build fails the restore; a missing type forward or a
/// conflict between dependency versions fails the build, and so does a dependency that warns it does not support
/// .NET Framework.
/// </summary>
[Trait("Category", "Packaging")]
[Collection(PackagingCollection.Name)]
public sealed class NetFrameworkConsumerTests(PackedPackages packages) : IDisposable
{
    public static readonly string[] Frameworks = ["net48", "net462"];

    /// <summary>Every library a .NET Framework archive system may use (Testing hosts ASP.NET Core: modern .NET only).</summary>
    public static readonly string[] NetStandardLibraries = PackedPackages.Libraries.Where(id => id != "Altinn.Sdk.Testing").ToArray();

    // C# 7.3, the language version .NET Framework projects get by default: what most of those projects compile with.
    private const string Program = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Altinn.Sdk;
        using Altinn.Sdk.Apps;
        using Altinn.Sdk.Authentication;
        using Altinn.Sdk.Events;
        using Altinn.Sdk.FormData;
        using Altinn.Sdk.Models;
        using Altinn.Sdk.Storage;
        using Altinn.Sdk.Workflows;
        using Microsoft.Extensions.DependencyInjection;

        internal static class Program
        {
            private static async Task<int> Main()
            {
                AltinnEnvironment environment = AltinnEnvironment.Tt02;
                AltinnCredential credential = new StaticTokenCredential("not-a-token", DateTimeOffset.UtcNow.AddMinutes(5));
                StorageClient storage = StorageClient.Create(environment, credential);
                AppClient app = AppsClient.Create(environment, credential, options => options.MaxRetries = 2).GetAppClient(AppId.Parse("ttd/demo-app"));
                EventsClient events = EventsClient.Create(environment, credential);
                WorkflowClient workflows = WorkflowClient.Create(environment, credential);

                var query = new InstanceQuery(AppId.Parse("ttd/demo-app")) { CurrentTask = "Task_1" };
                AsyncPageable<Instance> instances = storage.Instances.QueryAsync(query);
                IAsyncEnumerator<Instance> enumerator = instances.GetAsyncEnumerator();
                await enumerator.DisposeAsync();

                var services = new ServiceCollection();
                services.AddAltinn(options =>
                {
                    options.Environment = "tt02";
                    options.Token = "not-a-token";
                });
                services.AddAltinnStorage().AddAltinnApps().AddAltinnEvents().AddAltinnWorkflows();
                using (ServiceProvider provider = services.BuildServiceProvider())
                {
                    Console.WriteLine(provider.GetRequiredService<StorageClient>().GetType().Name);
                }

                ModelSchema schema = await ModelSchema.LoadAsync("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}");
                IReadOnlyList<FormDataError> errors = schema.Validate("{\"name\":1}");
                Console.WriteLine(string.Join(", ", storage, app, events, workflows, errors.Count));
                return 0;
            }
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("altinn-sdk-netfx-consumer-").FullName;

    [Fact]
    public async Task A_net48_and_a_net462_project_build_against_the_netstandard_packages_with_warnings_as_errors()
    {
        string project = Path.Combine(_folder, "consumer");
        Directory.CreateDirectory(project);
        string references = string.Join("\n    ", NetStandardLibraries.Select(id => $"""<PackageReference Include="{id}" Version="{packages.Version}" />"""));
        await File.WriteAllTextAsync(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFrameworks>{string.Join(';', Frameworks)}</TargetFrameworks>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- MSBuild's own warnings too: a binding conflict (MSB3277) is one. -->
                <MSBuildTreatWarningsAsErrors>true</MSBuildTreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                {references}
                <!-- The lowest version the SDK's floors allow; ServiceCollection itself lives here. -->
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="8.0.1" />
                <!-- The .NET Framework reference assemblies as a package: builds without the targeting packs installed. -->
                <PackageReference Include="Microsoft.NETFramework.ReferenceAssemblies" Version="1.0.3" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), Program);
        await packages.WriteNuGetConfigAsync(project);
        string packagesFolder = Path.Combine(_folder, "packages");

        (int exitCode, string output) = await DotNet.RunAsync(project, new Dictionary<string, string> { ["NUGET_PACKAGES"] = packagesFolder }, "build", "-c", "Release");

        exitCode.Should().Be(0, "the .NET Framework consumer restores and builds:\n{0}", output);
        output.Should().NotContain(": warning ", "warnings are errors, and none may be left over either");
        using JsonDocument assets = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(project, "obj", "project.assets.json")));
        JsonElement targets = assets.RootElement.GetProperty("targets");
        foreach (string framework in Frameworks)
        {
            // NuGet names a target graph by the framework's alias (net48) or, in older releases, its full name.
            string fullName = framework == "net48" ? ".NETFramework,Version=v4.8" : ".NETFramework,Version=v4.6.2";
            JsonElement graph = targets.EnumerateObject().Single(t => t.Name == framework || t.Name == fullName).Value;
            foreach (string id in NetStandardLibraries)
            {
                graph.TryGetProperty($"{id}/{packages.Version}", out JsonElement library).Should().BeTrue("{0} restores {1} {2}", framework, id, packages.Version);
                library.GetProperty("compile").EnumerateObject().Select(p => p.Name).Should().Contain($"lib/netstandard2.0/{id}.dll", "{0} compiles against {1}'s netstandard2.0 build", framework, id);
            }

            File.Exists(Path.Combine(project, "bin", "Release", framework, "Consumer.exe")).Should().BeTrue("{0} produced its program", framework);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
