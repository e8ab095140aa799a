using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Tests.Models;

/// <summary>Guards the conventions every model follows, so a new model cannot silently break them.</summary>
public class ModelShapeTests
{
    public static TheoryData<Type> Models()
    {
        var data = new TheoryData<Type>();
        foreach (Type type in typeof(Instance).Assembly.GetExportedTypes()
                     .Where(t => t.Namespace == "Altinn.Sdk.Models" && t.IsClass && t.GetMethod("<Clone>$") is not null)
                     .OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            data.Add(type);
        }

        return data;
    }

    [Fact]
    public void The_models_are_found()
    {
        Models().Count.Should().BeGreaterThan(35);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Model_is_a_sealed_record_known_to_the_context(Type model)
    {
        model.IsSealed.Should().BeTrue();
        AltinnJsonContext.Default.GetTypeInfo(model).Should().NotBeNull("{0} must be serializable without reflection", model.Name);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Model_keeps_unknown_properties_in_a_non_public_dictionary(Type model)
    {
        PropertyInfo? extension = model.GetProperty("ExtensionData", BindingFlags.Instance | BindingFlags.NonPublic);

        extension.Should().NotBeNull("{0} must keep unknown JSON properties", model.Name);
        extension!.GetCustomAttribute<JsonExtensionDataAttribute>().Should().NotBeNull();
        extension.GetMethod!.IsPublic.Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Model_has_no_public_setters_or_mutable_collections(Type model)
    {
        foreach (PropertyInfo property in model.GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            if (property.SetMethod is { IsPublic: true } setter)
            {
                setter.ReturnParameter.GetRequiredCustomModifiers().Should().Contain(typeof(IsExternalInit),
                    "{0}.{1} must be init-only", model.Name, property.Name);
            }

            Type type = property.PropertyType;
            if (type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            {
                type.IsGenericType.Should().BeTrue();
                Type definition = type.GetGenericTypeDefinition();
                (definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyDictionary<,>)).Should().BeTrue(
                    "{0}.{1} must be a read-only collection", model.Name, property.Name);
            }
        }
    }

    [Fact]
    public void Context_options_are_the_documented_ones()
    {
        JsonSerializerOptions options = AltinnJsonContext.Default.Options;

        options.PropertyNamingPolicy.Should().Be(JsonNamingPolicy.CamelCase);
        options.PropertyNameCaseInsensitive.Should().BeTrue();
        options.DefaultIgnoreCondition.Should().Be(JsonIgnoreCondition.WhenWritingNull);
        options.NumberHandling.Should().Be(JsonNumberHandling.AllowReadingFromString);
        options.Converters.Should().ContainSingle(c => c is AltinnDateTimeOffsetConverter);
    }
}
