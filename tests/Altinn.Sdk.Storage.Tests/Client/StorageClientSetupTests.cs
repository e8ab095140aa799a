using System.Collections.Concurrent;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static Altinn.Sdk.Storage.Tests.Client.EmulatorStorage;

namespace Altinn.Sdk.Storage.Tests.Client;

/// <summary>The ways to get a client: StorageClient.Create for scripts, AddAltinnStorage for hosts, and mocks.</summary>
public sealed class StorageClientSetupTests
{
    [Fact]
    public async Task Create_builds_a_working_client_without_a_host()
    {
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });

        StorageClient client = StorageClient.Create(emulator.Environment, emulator.CreateOrgCredential("ttd"), options => options.MaxRetries = 1, loggerFactory: LeakWatch.LoggerFactory);

        client.Environment.Should().Be(emulator.Environment);
        (await client.Instances.GetAsync(DemoId(1))).Id.Should().Be(DemoId(1));
        (await client.Instances.QueryAsync(new InstanceQuery(AppId.Parse(DemoApp))).CountAsync()).Should().Be(7);
    }

    [Fact]
    public async Task Create_sends_the_SDK_logs_to_the_logger_factory_given()
    {
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        using var logs = new FakeLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs).AddLeakWatch());

        StorageClient client = StorageClient.Create(emulator.Environment, emulator.CreateOrgCredential("ttd"), loggerFactory: factory);
        await client.Instances.GetAsync(DemoId(1));

        logs.Collector.GetSnapshot().Should().Contain(r => r.Id.Name == "TokenAttached" && r.Level == LogLevel.Trace, "the pipeline's handler logs through the factory");
    }

    [Fact]
    public async Task Create_asks_for_the_serviceowner_instance_scopes_unless_others_are_configured()
    {
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        var byDefault = new ConcurrentQueue<string>();
        var configured = new ConcurrentQueue<string>();
        AltinnCredential Recording(ConcurrentQueue<string> asked) => new DelegatedTokenCredential((request, _) =>
        {
            asked.Enqueue(request.Context.ScopeString);
            return new ValueTask<AltinnAccessToken>(new AltinnAccessToken(emulator.CreateOrgToken("ttd"), DateTimeOffset.UtcNow.AddMinutes(5)));
        });

        await StorageClient.Create(emulator.Environment, Recording(byDefault), loggerFactory: LeakWatch.LoggerFactory).Instances.GetAsync(DemoId(1));
        await StorageClient.Create(emulator.Environment, Recording(configured), o => o.Scopes.Add("altinn:serviceowner/instances.read"), LeakWatch.LoggerFactory)
            .Instances.GetAsync(DemoId(1));

        byDefault.Should().NotBeEmpty().And.OnlyContain(s => s == "altinn:serviceowner/instances.read altinn:serviceowner/instances.write");
        configured.Should().NotBeEmpty().And.OnlyContain(s => s == "altinn:serviceowner/instances.read");
    }

    [Fact]
    public async Task AddAltinnStorage_registers_the_typed_client_once_with_the_pipeline()
    {
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        var services = new ServiceCollection();
        services.AddSingleton(emulator.Environment);
        services.AddSingleton(emulator.CreateOrgCredential("ttd"));
        services.AddSingleton(LeakWatch.LoggerFactory);
        services.AddAltinn(_ => { }).AddAltinnStorage().AddAltinnStorage();
        await using var provider = services.BuildServiceProvider();

        services.Count(d => d.ServiceType == typeof(StorageClient)).Should().Be(1);
        var client = provider.GetRequiredService<StorageClient>();

        // The pipeline attached the token: an authenticated call succeeds.
        (await client.Data.ListAsync(DemoId(1))).Should().HaveCount(2);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        FluentActions.Invoking(() => new StorageClient(null!, AltinnEnvironment.Tt02)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new StorageClient(new HttpClient(), null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => StorageClient.Create(AltinnEnvironment.Tt02, null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ((IServiceCollection)null!).AddAltinnStorage()).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public async Task Clients_can_be_mocked_by_overriding()
    {
        StorageClient client = new MockStorage();
        (await client.Instances.GetAsync(DemoId(1))).Org.Should().Be("mock");
    }

    private sealed class MockStorage : StorageClient
    {
        public override StorageInstancesClient Instances { get; } = new MockInstances();
    }

    private sealed class MockInstances : StorageInstancesClient
    {
        public override Task<Models.Instance> GetAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken = default) =>
            Task.FromResult(new Models.Instance { Id = instanceId, Org = "mock" });
    }
}
