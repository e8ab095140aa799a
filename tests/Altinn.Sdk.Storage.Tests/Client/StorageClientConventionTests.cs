using System.Reflection;

namespace Altinn.Sdk.Storage.Tests.Client;

/// <summary>The client conventions for the Storage clients: virtual service methods, CancellationToken last, a protected parameterless constructor.</summary>
public sealed class StorageClientConventionTests
{
    private static readonly Type[] Clients = [typeof(StorageClient), typeof(StorageInstancesClient), typeof(StorageDataClient), typeof(StorageApplicationsClient)];

    public static TheoryData<string> ServiceMethods => new(
        Clients.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName)
            .Select(m => m.DeclaringType!.Name + "." + m.Name + "(" + string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name)) + ")"));

    [Theory]
    [MemberData(nameof(ServiceMethods))]
    public void Service_methods_are_virtual_async_and_take_a_cancellation_token_last(string signature)
    {
        MethodInfo method = Clients.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Single(m => m.DeclaringType!.Name + "." + m.Name + "(" + string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name)) + ")" == signature);

        method.IsVirtual.Should().BeTrue();
        method.Name.Should().EndWith("Async");
        method.GetParameters().Last().ParameterType.Should().Be<CancellationToken>();
        method.GetParameters().Last().HasDefaultValue.Should().BeTrue();
        (method.ReturnType.IsGenericType && (method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>) || method.ReturnType.GetGenericTypeDefinition() == typeof(AsyncPageable<>)))
            .Should().BeTrue();
    }

    [Fact]
    public void Clients_have_a_protected_parameterless_constructor_and_virtual_sub_clients()
    {
        foreach (Type client in Clients)
        {
            client.GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes).Should().NotBeNull(client.Name).And.Match<ConstructorInfo>(c => c.IsFamily);
            client.IsSealed.Should().BeFalse();
        }

        foreach (string name in new[] { "Instances", "Data", "Applications", "Environment" })
        {
            typeof(StorageClient).GetProperty(name)!.GetMethod!.IsVirtual.Should().BeTrue(name);
        }
    }
}
