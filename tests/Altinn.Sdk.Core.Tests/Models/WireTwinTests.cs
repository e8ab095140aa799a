using System.Reflection;
using System.Text.Json.Serialization;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Tests.Models;

/// <summary>
/// Guards how models bind to JSON: every public init-only property is ignored by the serializer and read through an
/// internal settable twin, so the source-generated reader sets values as it reads them instead of collecting boxed
/// constructor arguments (the slow path that made pages slow to read; see bench/README.md, json-page).
/// </summary>
public class WireTwinTests
{
    [Theory]
    [MemberData(nameof(ModelShapeTests.Models), MemberType = typeof(ModelShapeTests))]
    public void Every_init_only_property_is_read_through_a_settable_twin(Type model)
    {
        foreach (PropertyInfo property in model.GetProperties(BindingFlags.Instance | BindingFlags.Public).Where(p => p.SetMethod is not null))
        {
            property.GetCustomAttribute<JsonIgnoreAttribute>().Should().NotBeNull("{0}.{1} is bound through its twin", model.Name, property.Name);
            PropertyInfo? twin = model.GetProperty(property.Name + "OnWire", BindingFlags.Instance | BindingFlags.NonPublic);
            twin.Should().NotBeNull("{0}.{1} needs an internal {1}OnWire", model.Name, property.Name);
            twin!.PropertyType.Should().Be(property.PropertyType);
            twin.SetMethod!.ReturnParameter.GetRequiredCustomModifiers().Should().BeEmpty("{0}.{1}OnWire must have a plain setter", model.Name, property.Name);
            twin.GetCustomAttribute<JsonIncludeAttribute>().Should().NotBeNull();
            twin.GetCustomAttribute<JsonPropertyNameAttribute>().Should().NotBeNull();
        }
    }

    [Theory]
    [MemberData(nameof(ModelShapeTests.Models), MemberType = typeof(ModelShapeTests))]
    public void The_context_creates_models_without_constructor_arguments(Type model)
    {
        AltinnJsonContext.Default.GetTypeInfo(model)!.CreateObject.Should().NotBeNull(
            "{0} must be created first and filled as it is read", model.Name);
    }

    [Fact]
    public void The_public_property_and_its_twin_are_one_value()
    {
        var element = new DataElement { ContentType = "application/pdf", IsRead = false };

        element.ContentTypeOnWire.Should().Be("application/pdf");
        element.IsReadOnWire.Should().BeFalse();
        (element with { ContentType = "text/xml" }).ContentTypeOnWire.Should().Be("text/xml");
        new DataElement().IsRead.Should().BeTrue("an element is read unless Storage says otherwise");
    }
}
