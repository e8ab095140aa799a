using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Conventions.Tests;

/// <summary>Models read from the wire are not changed behind the caller's back: collections are read-only views.</summary>
public sealed class ModelConventionTests
{
    // Deliberate mutable collections, with the reason.
    private static readonly Dictionary<string, string> s_allowed = new(StringComparer.Ordinal)
    {
        ["Altinn.Sdk.Events.CloudEvent.AdditionalProperties"] =
            "[JsonExtensionData]: System.Text.Json fills extension data through a settable IDictionary",
    };

    [Fact]
    public void Models_expose_no_mutable_collections()
    {
        List<Type> models = Models().ToList();
        models.Should().Contain(typeof(Models.Instance)).And.Contain(typeof(Events.CloudEvent), "the model discovery finds both model sets");

        List<string> offenders = models
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => IsMutableCollection(p.PropertyType) && !s_allowed.ContainsKey(Key(p)))
            .Select(p => $"{Key(p)}: {ShippedAssemblies.Name(p.PropertyType)}")
            .ToList();

        offenders.Should().BeEmpty(
            "model properties use IReadOnlyList/IReadOnlyDictionary rather than arrays, List, Dictionary or other mutable collections; offenders:\n  {0}",
            string.Join("\n  ", offenders));
    }

    [Fact]
    public void The_allow_list_names_only_properties_that_exist()
    {
        var existing = Models().SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)).Select(Key).ToHashSet();

        s_allowed.Keys.Where(k => !existing.Contains(k)).Should().BeEmpty("allow-list entries must match a model property, or be removed");
    }

    [Fact]
    public void The_check_knows_mutable_from_read_only_collections()
    {
        Type[] mutable = [typeof(int[]), typeof(List<int>), typeof(IList<int>), typeof(ICollection<int>), typeof(Dictionary<string, int>), typeof(IDictionary<string, int>), typeof(HashSet<int>), typeof(ArrayList)];
        Type[] readOnly = [typeof(IReadOnlyList<int>), typeof(IReadOnlyDictionary<string, int>), typeof(IEnumerable<int>), typeof(string), typeof(System.Collections.ObjectModel.ReadOnlyCollection<int>), typeof(System.Collections.Immutable.ImmutableArray<int>)];

        mutable.Where(t => !IsMutableCollection(t)).Should().BeEmpty();
        readOnly.Where(IsMutableCollection).Should().BeEmpty();
    }

    /// <summary>Types in Altinn.Sdk.Models, and any public type whose properties carry System.Text.Json attributes (the Events models).</summary>
    internal static IEnumerable<Type> Models() =>
        ShippedAssemblies.PublicTypes().Where(t =>
            t.Namespace == "Altinn.Sdk.Models"
            || t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Any(p => p.GetCustomAttributes().Any(a => a.GetType().Namespace == typeof(JsonPropertyNameAttribute).Namespace)));

    internal static bool IsMutableCollection(Type type)
    {
        if (type == typeof(string) || type.Namespace == "System.Collections.Immutable")
        {
            return false;
        }

        if (type.IsArray)
        {
            return true;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition().Name.StartsWith("ReadOnly", StringComparison.Ordinal))
        {
            return false;
        }

        IEnumerable<Type> shapes = type.IsInterface ? type.GetInterfaces().Append(type) : type.GetInterfaces();
        return shapes.Any(i =>
            i == typeof(IList) || i == typeof(IDictionary)
            || (i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(ICollection<>) || i.GetGenericTypeDefinition() == typeof(IDictionary<,>))));
    }

    private static string Key(PropertyInfo property) => $"{property.DeclaringType!.FullName}.{property.Name}";
}
