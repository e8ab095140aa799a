using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Storage.Transport;

/// <summary>
/// The hand-written half of the generated Storage transport (the other half is generated from
/// openapi/storage.yaml into obj/; see openapi/README.md).
/// </summary>
internal partial class StorageTransport
{
    /// <summary>
    /// Makes the generated serializer settings Core's: the same naming, null handling, number handling and
    /// converters as <see cref="AltinnJsonContext"/>, and source-generated metadata only (Core's models plus
    /// the transport's own request bodies), so no call ever falls back to reflection.
    /// </summary>
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        JsonSerializerOptions core = AltinnJsonContext.Default.Options;
        settings.PropertyNamingPolicy = core.PropertyNamingPolicy;
        settings.DictionaryKeyPolicy = core.DictionaryKeyPolicy;
        settings.DefaultIgnoreCondition = core.DefaultIgnoreCondition;
        settings.PropertyNameCaseInsensitive = core.PropertyNameCaseInsensitive;
        settings.NumberHandling = core.NumberHandling;
        foreach (JsonConverter converter in core.Converters)
        {
            settings.Converters.Add(converter);
        }

        settings.TypeInfoResolver = JsonTypeInfoResolver.Combine(AltinnJsonContext.Default, StorageTransportJsonContext.Default);
        settings.MakeReadOnly();
    }
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
