using System.Reflection;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Altinn.Sdk.Workflows.Tests;

/// <summary>The client follows the SDK's conventions: mockable, async, CancellationToken last.</summary>
public sealed class WorkflowClientConventionTests
{
    [Fact]
    public void Every_service_method_is_virtual_async_and_takes_a_cancellation_token_last()
    {
        MethodInfo[] methods = typeof(WorkflowClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);

        methods.Should().HaveCount(8, "ArchiveAsync and ArchiveFromEventsAsync each take a folder or a sink");
        methods.Should().AllSatisfy(m =>
        {
            m.IsVirtual.Should().BeTrue(m.Name);
            m.Name.Should().EndWith("Async");
            typeof(Task).IsAssignableFrom(m.ReturnType).Should().BeTrue(m.Name);
            m.GetParameters()[^1].ParameterType.Should().Be<CancellationToken>(m.Name);
            m.GetParameters()[^1].HasDefaultValue.Should().BeTrue(m.Name);
        });
        typeof(WorkflowClient).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes)!.IsFamily.Should().BeTrue("a protected constructor allows mocking");
    }

    [Fact]
    public async Task Create_sends_the_SDK_logs_and_its_own_to_the_logger_factory_given()
    {
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        using var logs = new FakeLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs).AddLeakWatch());

        WorkflowClient workflows = WorkflowClient.Create(emulator.Environment, emulator.CreateOrgCredential("ttd"), loggerFactory: factory);
        await workflows.SetSubstatusAsync(new InstanceQuery(AppId.Parse("ttd/demo-app")), new Substatus { Label = "Behandles" });

        IReadOnlyList<FakeLogRecord> records = logs.Collector.GetSnapshot();
        records.Should().Contain(r => r.Id.Name == "TokenAttached" && r.Level == LogLevel.Trace, "the pipeline's handler logs through the factory");
        records.Should().Contain(r => r.Category == typeof(WorkflowClient).FullName, "the workflow client logs through it too");
    }

    [Fact]
    public void AddAltinnWorkflows_registers_the_client_once()
    {
        var services = new ServiceCollection();
        services.AddSingleton(AltinnEnvironment.Tt02);
        services.AddSingleton<AltinnCredential>(new StaticTokenCredential("not-used"));
        services.AddAltinn(_ => { });

        services.AddAltinnWorkflows().AddAltinnWorkflows();

        services.Count(d => d.ServiceType == typeof(WorkflowClient)).Should().Be(1);
        using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredService<WorkflowClient>().Should().NotBeNull();
    }
}
