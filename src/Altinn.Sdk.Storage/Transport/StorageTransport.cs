using System.Text.Json;
using System.Text.Json.Serialization;
using Altinn.Sdk.Internal;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Storage.Transport;

/// <summary>
/// The hand-written half of the generated Storage transport (the other half is generated from
/// openapi/storage.yaml into obj/; see openapi/README.md). What every transport shares (per-call identity, retry
/// marking, bounded error bodies) is its base, <see cref="AltinnTransport"/>; this part holds the package's JSON.
/// </summary>
internal partial class StorageTransport
{
    /// <summary>Core's JSON settings with source-generated metadata only: Core's models plus the transport's own bodies.</summary>
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        UseJson(settings, AltinnJsonContext.Default, StorageTransportJsonContext.Default);
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
