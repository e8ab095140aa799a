using System.Text.Json;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Tests.Models;

/// <summary>The registry of unknown enum names is bounded per enum, whatever a server sends.</summary>
[Collection(UnknownEnumRegistry.Name)]
public class UnknownEnumBoundTests
{
    public UnknownEnumBoundTests() => UnknownEnumRegistry.Forget();

    // The documented bound (WireEnumConverter.MaxUnknownNames); the registry is emptied before each test.
    private const int MaxUnknownNames = 64;

    [Fact]
    public void At_most_64_unknown_names_are_kept_per_enum_and_those_kept_still_round_trip()
    {
        var kept = new List<string>();
        JsonException? refused = null;
        for (int i = 0; i < 3 * MaxUnknownNames && refused is null; i++)
        {
            string name = "BoundName" + i;
            try
            {
                Read(name);
                kept.Add(name);
            }
            catch (JsonException e)
            {
                refused = e;
            }
        }

        kept.Should().HaveCount(MaxUnknownNames);
        refused.Should().NotBeNull().And.Subject.As<JsonException>().Message.Should().Contain("'BoundName64'").And.Contain("ReferenceRelation");
        foreach (string name in kept)
        {
            Write(Read(name)).Should().Be(name, "a name kept before the bound was reached still reads and round-trips");
        }

        Read("GeneratedFrom").Relation.Should().Be(ReferenceRelation.GeneratedFrom, "known names are unaffected");
    }

    private static Reference Read(string relation) =>
        JsonSerializer.Deserialize($$"""{"value":"x","relation":"{{relation}}"}""", AltinnJsonContext.Default.Reference)!;

    private static string Write(Reference reference) =>
        JsonDocument.Parse(JsonSerializer.Serialize(reference, AltinnJsonContext.Default.Reference)).RootElement.GetProperty("relation").GetString()!;
}
