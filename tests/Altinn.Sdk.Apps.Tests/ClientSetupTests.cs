using System.Reflection;
using Altinn.Sdk.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static Altinn.Sdk.Apps.Tests.AppsHarness;

namespace Altinn.Sdk.Apps.Tests;

/// <summary>Create, AddAltinnApps, app clients and their addresses, mocking, and the client conventions.</summary>
public sealed class ClientSetupTests
{
    private static readonly Type[] Clients =
        [typeof(AppsClient), typeof(AppClient), typeof(AppInstancesClient), typeof(AppDataClient), typeof(AppProcessClient), typeof(AppMetadataClient)];

    private static IEnumerable<MethodInfo> ServiceMethodInfos() =>
        Clients.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName && m.Name != nameof(AppsClient.GetAppClient));

    private static string Signature(MethodInfo m) => m.DeclaringType!.Name + "." + m.Name + "(" + string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name)) + ")";

    public static TheoryData<string> ServiceMethods => new(ServiceMethodInfos().Select(Signature));

    [Theory]
    [MemberData(nameof(ServiceMethods))]
    public void Service_methods_are_virtual_async_and_take_a_cancellation_token_last(string signature)
    {
        MethodInfo method = ServiceMethodInfos().Single(m => Signature(m) == signature);

        method.IsVirtual.Should().BeTrue();
        method.Name.Should().EndWith("Async");
        method.GetParameters().Last().ParameterType.Should().Be<CancellationToken>();
        method.GetParameters().Last().HasDefaultValue.Should().BeTrue();
        (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)).Should().BeTrue();
    }

    [Fact]
    public void Every_service_method_has_an_overload_with_request_options()
    {
        foreach (MethodInfo method in ServiceMethodInfos().Where(m => !m.GetParameters().Any(p => p.ParameterType == typeof(AltinnRequestOptions))))
        {
            // The exact overload with options; or, for the short forms of NextAsync, the longest one (instance, action, options).
            Type[] original = [.. method.GetParameters().SkipLast(1).Select(p => p.ParameterType)];
            method.DeclaringType!.GetMethods().Should().Contain(
                m => m.Name == method.Name
                    && m.GetParameters().Any(p => p.ParameterType == typeof(AltinnRequestOptions))
                    && original.All(t => m.GetParameters().Any(p => p.ParameterType == t || p.ParameterType.ToString() == t.ToString()))
                    && m.GetParameters().Length <= original.Length + 3,
                Signature(method));
        }
    }

    [Fact]
    public void Clients_have_a_protected_parameterless_constructor_and_virtual_members()
    {
        foreach (Type client in Clients)
        {
            client.GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes).Should().NotBeNull(client.Name).And.Match<ConstructorInfo>(c => c.IsFamily);
            client.IsSealed.Should().BeFalse();
        }

        foreach (string name in new[] { "AppId", "BaseUrl", "Instances", "Data", "Process", "Metadata" })
        {
            typeof(AppClient).GetProperty(name)!.GetMethod!.IsVirtual.Should().BeTrue(name);
        }

        typeof(AppsClient).GetMethod(nameof(AppsClient.GetAppClient))!.IsVirtual.Should().BeTrue();
        typeof(AppsClient).GetProperty(nameof(AppsClient.Environment))!.GetMethod!.IsVirtual.Should().BeTrue();
    }

    [Fact]
    public void App_clients_are_kept_per_app_and_live_at_the_environments_app_address()
    {
        var client = new AppsClient(new HttpClient(), AltinnEnvironment.Tt02);

        AppClient app = client.GetAppClient(DemoApp);

        client.GetAppClient(AppId.Parse("ttd/demo-app")).Should().BeSameAs(app);
        client.GetAppClient(AppId.Parse("ttd/other-app")).Should().NotBeSameAs(app);
        app.BaseUrl.Should().Be(new Uri("https://ttd.apps.tt02.altinn.no/ttd/demo-app/"));
        new AppsClient(new HttpClient(), AltinnEnvironment.Production).GetAppClient(DemoApp).BaseUrl.AbsoluteUri.Should().Be("https://ttd.apps.altinn.no/ttd/demo-app/");
        FluentActions.Invoking(() => client.GetAppClient(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public async Task Create_sends_the_SDK_logs_to_the_logger_factory_given()
    {
        await using var emulator = await Testing.AltinnEmulator.StartAsync(new Testing.AltinnEmulatorOptions { SeedDemo = true });
        using var logs = new FakeLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs).AddLeakWatch());

        AppClient app = AppsClient.Create(emulator.Environment, emulator.CreateOrgCredential("ttd"), loggerFactory: factory).GetAppClient(DemoApp);
        await app.Instances.GetAsync(new InstanceId(OrganisationParty, Guid.Parse("de000000-0000-4000-8000-000000000001")));

        logs.Collector.GetSnapshot().Should().Contain(r => r.Id.Name == "TokenAttached" && r.Level == LogLevel.Trace, "the pipeline's handler logs through the factory");
    }

    [Fact]
    public async Task Create_works_against_the_emulator_at_its_app_address()
    {
        await using var emulator = await Testing.AltinnEmulator.StartAsync(new Testing.AltinnEmulatorOptions { SeedDemo = true });
        AppsClient client = AppsClient.Create(emulator.Environment, emulator.CreateOrgCredential("ttd"), loggerFactory: LeakWatch.LoggerFactory);
        AppClient app = client.GetAppClient(DemoApp);

        app.BaseUrl.Should().Be(emulator.AppBaseUrl(DemoApp));
        Instance draft = await app.Instances.GetAsync(new InstanceId(OrganisationParty, Guid.Parse("de000000-0000-4000-8000-000000000001")));
        draft.Process!.CurrentTask!.ElementId.Should().Be("Task_1");

        // An end-user system whose only credential is its system user: the metadata read before an upload runs
        // with the upload's identity too.
        AppClient asSystem = AppsClient.Create(emulator.Environment, emulator.CreateSystemUserCredential(), loggerFactory: LeakWatch.LoggerFactory).GetAppClient(DemoApp);
        var customer = new AltinnRequestOptions { SystemUser = new Authentication.SystemUserContext(DemoOrgNumber) };
        Instance created = await asSystem.Instances.CreateAsync(InstanceOwnerReference.Organisation(DemoOrgNumber), customer);
        DataElement attachment = await asSystem.Data.UploadAsync(created.Id!, "vedleggA", new MemoryStream("%PDF-1.4"u8.ToArray()), "application/pdf", "a.pdf", customer);
        attachment.CreatedBy.Should().Be(DemoOrgNumber);
    }

    [Fact]
    public void AddAltinnApps_registers_one_singleton()
    {
        var services = new ServiceCollection();
        services.AddSingleton(AltinnEnvironment.Tt02);
        services.AddSingleton<Authentication.AltinnCredential>(new Authentication.StaticTokenCredential("token"));
        services.AddAltinn(_ => { });
        services.AddAltinnApps().AddAltinnApps();

        services.Count(d => d.ServiceType == typeof(AppsClient)).Should().Be(1);
        using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<AppsClient>().Should().BeSameAs(provider.GetRequiredService<AppsClient>());
        provider.GetRequiredService<AppsClient>().Environment.Should().Be(AltinnEnvironment.Tt02);
    }

    [Fact]
    public async Task Clients_can_be_mocked()
    {
        var app = new FakeAppClient();
        Instance instance = await app.Instances.GetAsync(new InstanceId(1, Guid.NewGuid()));
        instance.Org.Should().Be("fake");
    }

    private sealed class FakeAppClient : AppClient
    {
        public override AppInstancesClient Instances { get; } = new FakeInstances();
    }

    private sealed class FakeInstances : AppInstancesClient
    {
        public override Task<Instance> GetAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken = default) =>
            Task.FromResult(new Instance { Id = instanceId, Org = "fake" });
    }
}
