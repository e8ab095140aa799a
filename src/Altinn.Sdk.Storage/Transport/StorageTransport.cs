// The transport's own bodies, which no public model covers; StorageTransport itself is generated into obj/ by
// openapi/Transport.targets (see openapi/README.md), with the settings hook that adds StorageTransportJsonContext.
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Storage.Transport;

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
