using System.Reflection;
using Altinn.Sdk.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Altinn.Sdk.Workflows.Tests;

/// <summary>The client follows the SDK's conventions: mockable, async, CancellationToken last.</summary>
public sealed class WorkflowClientConventionTests
{
    [Fact]
    public void Every_service_method_is_virtual_async_and_takes_a_cancellation_token_last()
    {
        MethodInfo[] methods = typeof(WorkflowClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);

        methods.Should().HaveCount(6);
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
