using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Tests.Models;

/// <summary>Loads the hand-written JSON fixtures and runs them through <see cref="AltinnJsonContext"/>.</summary>
internal static class Fixture
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static T Read<T>(string name, JsonTypeInfo<T> typeInfo)
        => JsonSerializer.Deserialize(Text(name), typeInfo) ?? throw new InvalidOperationException($"{name} parsed to null.");

    /// <summary>The document as the serializer's default writer would print it, without whitespace.</summary>
    public static string Minified(string json) => JsonNode.Parse(json)!.ToJsonString();

    public static JsonNode Node(string json) => JsonNode.Parse(json)!;
}
