using Altinn.Sdk.Authentication;
using Altinn.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Altinn.Sdk.Storage.Tests.Client;

/// <summary>An emulator with the demo seed and a <see cref="StorageClient"/> built the DI way (AddAltinn + AddAltinnStorage).</summary>
public sealed class EmulatorStorage : IAsyncDisposable
{
    public const string DemoApp = "ttd/demo-app";
    public const int OrganisationParty = 50006000;
    public const int PersonParty = 50001337;

    private readonly ServiceProvider _provider;

    private EmulatorStorage(AltinnEmulator emulator, ServiceProvider provider, FakeLogger<StorageClient> logger)
    {
        Emulator = emulator;
        _provider = provider;
        Logger = logger;
        Client = provider.GetRequiredService<StorageClient>();
    }

    public AltinnEmulator Emulator { get; }

    public StorageClient Client { get; }

    public FakeLogger<StorageClient> Logger { get; }

    /// <summary>Storage's path prefix as the request log shows it.</summary>
    public const string StoragePath = "/storage/api/v1/";

    public static Guid Demo(int n) => Guid.Parse($"de000000-0000-4000-8000-00000000000{n}");

    public static InstanceId DemoId(int n) => new(n is 2 or 4 or 6 ? PersonParty : OrganisationParty, Demo(n));

    public static Guid DemoData(int n, int k) => Guid.Parse($"da000000-0000-4000-8000-0000000000{n}{k}");

    /// <summary>The demo instance number (1-7) of an instance of the seed, or 0.</summary>
    public static int Number(Models.Instance instance) =>
        instance.Id!.InstanceGuid.ToString().StartsWith("de000000", StringComparison.Ordinal) ? instance.Id.InstanceGuid.ToString()[^1] - '0' : 0;

    public static async Task<EmulatorStorage> StartAsync(
        Func<AltinnEmulator, AltinnCredential>? credential = null,
        EmulatorFaultOptions? faults = null,
        int maxRetries = 3,
        bool seed = true,
        TimeProvider? clock = null,
        string? dataDirectory = null)
    {
        var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = seed, Faults = faults, TimeProvider = clock, DataDirectory = dataDirectory });
        var services = new ServiceCollection();
        services.AddSingleton(emulator.Environment);
        services.AddSingleton(credential?.Invoke(emulator) ?? emulator.CreateOrgCredential("ttd"));
        var logger = new FakeLogger<StorageClient>();
        services.AddSingleton(LeakWatch.LoggerFactory);
        services.AddSingleton(LeakWatch.Tee<StorageClient>(logger));
        services.AddAltinn(options => options.MaxRetries = maxRetries);
        services.AddAltinnStorage();
        return new EmulatorStorage(emulator, services.BuildServiceProvider(), logger);
    }

    /// <summary>An HttpClient with the same Altinn pipeline the StorageClient uses (token, retries).</summary>
    public HttpClient CreatePipelineClient() =>
        _provider.GetRequiredService<IHttpClientFactory>().CreateClient(StorageServiceCollectionExtensions.HttpClientName);

    /// <summary>The Storage requests in the log (method and path with query), oldest first.</summary>
    public IReadOnlyList<EmulatorRequest> StorageRequests() =>
        Emulator.Requests.Where(r => r.PathAndQuery.StartsWith(StoragePath, StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
