using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Tests.Models;

/// <summary>
/// Guards how models bind to JSON: every public init-only property is ignored by the serializer and read through an
/// internal settable twin, so the source-generated reader sets values as it reads them instead of collecting boxed
/// constructor arguments (the slow path that made pages slow to read; see bench/README.md, json-page). The twins are
/// generated at build time (src/Altinn.Sdk.Core/Models/WireTwins.targets), never written by hand.
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

    [Fact]
    public void No_twin_is_written_by_hand_in_src()
    {
        string src = Path.Combine(RepositoryRoot(), "src");
        var handWritten = new Regex(@"\w+OnWire\s*\{\s*get", RegexOptions.CultureInvariant);

        List<string> offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(d => d is "obj" or "bin"))
            .Where(f => handWritten.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(src, f))
            .ToList();

        offenders.Should().BeEmpty("a model declares `public partial T Name { get; init; }` and the build generates its twin");
    }

    [Fact]
    public void Generated_twins_carry_the_declared_wire_attributes()
    {
        PropertyInfo next = typeof(InstanceQueryResponse).GetProperty("NextOnWire", BindingFlags.Instance | BindingFlags.NonPublic)!;
        next.GetCustomAttribute<JsonIgnoreAttribute>()!.Condition.Should().Be(JsonIgnoreCondition.Never, "[WrittenWhenNull] on Next");

        PropertyInfo dataType = typeof(DataElement).GetProperty("DataTypeOnWire", BindingFlags.Instance | BindingFlags.NonPublic)!;
        dataType.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name.Should().Be("dataType");
        dataType.GetCustomAttribute<JsonConverterAttribute>()!.ConverterType!.Name.Should().Be("RepeatedStringConverter");

        PropertyInfo occurred = typeof(ProcessHistoryItem).GetProperty("OccurredOnWire", BindingFlags.Instance | BindingFlags.NonPublic)!;
        occurred.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name.Should().Be("occured", "Altinn's spelling");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Altinn.Sdk.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException("The tests run outside the repository.");
    }
}
