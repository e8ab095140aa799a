using System.Reflection;

namespace Altinn.Sdk.Conventions.Tests;

/// <summary>Clients can be mocked: not sealed, a protected parameterless constructor, everything virtual.</summary>
public sealed class ClientConventionTests
{

    [Fact]
    public void Every_shipped_package_with_a_service_has_a_client()
    {
        // Guards the discovery below: if it found nothing, every other check would pass vacuously.
        Clients().Select(t => t.Assembly.GetName().Name).Distinct().Should().BeEquivalentTo(
            "Altinn.Sdk.Core", "Altinn.Sdk.Storage", "Altinn.Sdk.Apps", "Altinn.Sdk.Events", "Altinn.Sdk.Workflows");
    }

    [Fact]
    public void Every_client_is_mockable()
    {
        List<string> offenders = Clients().SelectMany(Violations).ToList();

        offenders.Should().BeEmpty(
            "a public class named *Client is not sealed, has a protected parameterless constructor, and its public instance methods and properties are virtual; offenders:\n  {0}",
            string.Join("\n  ", offenders));
    }

    internal static IEnumerable<Type> Clients() =>
        ShippedAssemblies.PublicTypes().Where(t => t.IsClass && t.Name.EndsWith("Client", StringComparison.Ordinal));

    internal static IEnumerable<string> Violations(Type type)
    {
        string name = ShippedAssemblies.Name(type);
        if (type.IsSealed)
        {
            yield return $"{name} is sealed";
        }

        if (type.IsAbstract)
        {
            yield return $"{name} is abstract (a mock should need to override only what a test uses)";
        }

        ConstructorInfo? parameterless = type.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes);
        if (parameterless is null || !parameterless.IsFamily)
        {
            yield return $"{name} has no protected parameterless constructor";
        }

        // Static factories (Create) cannot be virtual and need not be: a mock is made with the constructor.
        foreach (MethodInfo method in ShippedAssemblies.VisibleMethods(type).Where(m => m.IsPublic && !m.IsStatic))
        {
            if (!method.IsVirtual || method.IsFinal)
            {
                yield return $"{ShippedAssemblies.Describe(method)} is not virtual";
            }
        }

        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            foreach (MethodInfo accessor in property.GetAccessors(nonPublic: false))
            {
                if (!accessor.IsVirtual || accessor.IsFinal)
                {
                    yield return $"{name}.{property.Name} ({accessor.Name}) is not virtual";
                }
            }
        }
    }
}
