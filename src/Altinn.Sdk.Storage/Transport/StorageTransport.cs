using System.Text.Json.Serialization;

namespace Altinn.Sdk.Storage.Transport;

/// <summary>
/// The hand-written half of the generated Storage transport (the other half is generated from
/// openapi/storage.yaml into obj/; see openapi/README.md). What every transport shares (per-call identity, retry
/// marking, bounded error bodies) is its base, <see cref="AltinnTransport"/>; this file holds what is the package's own: its JSON settings and the bodies no public model covers.
/// </summary>
internal partial class StorageTransport
{
    /// <summary>Core's JSON settings with source-generated metadata only: Core's models plus the transport's own bodies.</summary>
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        UseJson(settings, AltinnJsonContext.Default, StorageTransportJsonContext.Default);
}

/// <summary>
/// The body of Storage's <c>PUT …/presentationtexts</c> (schema <c>PresentationTexts</c> in openapi/storage.yaml):
/// the texts to merge into <see cref="Models.Instance.PresentationTexts"/>; an empty or <see langword="null"/>
/// value removes the key.
/// </summary>
internal sealed record PresentationTexts
{
    /// <summary>The texts by key.</summary>
    public IReadOnlyDictionary<string, string?>? Texts { get; init; }
}

/// <summary>
/// The body of Storage's <c>PUT …/datavalues</c> (schema <c>DataValues</c> in openapi/storage.yaml):
/// the values to merge into <see cref="Models.Instance.DataValues"/>; an empty or <see langword="null"/>
/// value removes the key.
/// </summary>
internal sealed record DataValues
{
    /// <summary>The values by key.</summary>
    public IReadOnlyDictionary<string, string?>? Values { get; init; }
}

/// <summary>Source-generated JSON metadata for the transport's own request bodies.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PresentationTexts))]
[JsonSerializable(typeof(DataValues))]
internal sealed partial class StorageTransportJsonContext : JsonSerializerContext
{
}
