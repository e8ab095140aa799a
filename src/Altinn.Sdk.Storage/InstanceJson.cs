using System.Text;

namespace Altinn.Sdk.Storage;

/// <summary>
/// An instance as Storage sent it: the exact UTF-8 bytes of its JSON object (for archives, which keep what Storage
/// returned) together with the same instance read into <see cref="Models.Instance"/>.
/// </summary>
public sealed class InstanceJson
{
    /// <summary>Creates an instance and its JSON (for tests and mocks).</summary>
    /// <param name="instance">The typed instance.</param>
    /// <param name="utf8Json">The JSON object, UTF-8.</param>
    public InstanceJson(Instance instance, ReadOnlyMemory<byte> utf8Json)
    {
        Instance = instance ?? throw new ArgumentNullException(nameof(instance));
        Utf8Json = utf8Json;
    }

    /// <summary>The instance, read from <see cref="Utf8Json"/>.</summary>
    public Instance Instance { get; }

    /// <summary>The instance's JSON object exactly as Storage sent it (no re-serialization: unknown fields, nulls and number formats are kept).</summary>
    public ReadOnlyMemory<byte> Utf8Json { get; }

    /// <summary>Parses <see cref="Utf8Json"/> into a <see cref="JsonDocument"/> (dispose it).</summary>
    /// <returns>The document.</returns>
    public JsonDocument ToJsonDocument() => JsonDocument.Parse(Utf8Json);

    /// <summary>Returns the JSON text.</summary>
    /// <returns>The JSON as a string.</returns>
    public override string ToString() => Encoding.UTF8.GetString(Utf8Json.ToArray());

    internal static InstanceJson Read(ReadOnlyMemory<byte> utf8Json)
    {
        Instance instance = JsonSerializer.Deserialize(utf8Json.Span, AltinnJsonContext.Default.Instance)
            ?? throw new JsonException("Storage returned null instead of an instance.");
        return new InstanceJson(instance, utf8Json);
    }
}
