using Altinn.Sdk.Testing;

namespace Altinn.Sdk.Cli.Tests;

/// <summary>An emulator with the demo seed, shared by the tests of a class that only read (or send nothing).</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const string DemoApp = "ttd/demo-app";

    public AltinnEmulator Emulator { get; private set; } = null!;

    /// <summary>The emulator's URL, as --env takes it.</summary>
    public string Url => Emulator.BaseUrl.AbsoluteUri;

    /// <summary>An app owner token for ttd.</summary>
    public string Token { get; private set; } = null!;

    /// <summary>The emulator and token options: <c>--env URL --token TOKEN</c>.</summary>
    public string[] Connection => ["--env", Url, "--token", Token];

    /// <summary>Demo instance n (1-7) as the CLI takes it.</summary>
    public static string Demo(int n) => $"{(n is 2 or 4 or 6 ? 50001337 : 50006000)}/de000000-0000-4000-8000-00000000000{n}";

    public async Task InitializeAsync()
    {
        Emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        Token = Emulator.CreateOrgToken("ttd");
    }

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    /// <summary>Runs the CLI against this emulator with the ttd token: <paramref name="args"/> then <c>--env URL --token TOKEN</c>.</summary>
    public Task<CliRun> RunAsync(params string[] args) => Cli.RunAsync([.. args, .. Connection]);

    /// <summary>The Storage requests logged since the last <see cref="AltinnEmulator.ClearRequests"/>.</summary>
    public IReadOnlyList<EmulatorRequest> StorageRequests() =>
        Emulator.Requests.Where(r => r.PathAndQuery.StartsWith("/storage/", StringComparison.Ordinal)).ToList();
}

[CollectionDefinition(Name)]
public sealed class SharedEmulator : ICollectionFixture<EmulatorFixture>
{
    public const string Name = "shared emulator";
}
