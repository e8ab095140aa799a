using System.Text.Json;
using System.Text.Json.Serialization;
using Altinn.Sdk.Internal;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Apps.Transport;

/// <summary>
/// The hand-written half of the generated App API transport (the other half is generated from openapi/app.yaml
/// into obj/; see openapi/README.md). What every transport shares (per-call identity, retry marking, bounded error
/// bodies) is its base, <see cref="AltinnTransport"/>; this part holds the package's JSON.
/// </summary>
internal partial class AppTransport
{
    /// <summary>Core's JSON settings with source-generated metadata only: Core's models plus the transport's own bodies.</summary>
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        UseJson(settings, AltinnJsonContext.Default, AppTransportJsonContext.Default);
}

/// <summary>Source-generated JSON metadata for the transport's own request and response bodies.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(InstantiationRequest))]
[JsonSerializable(typeof(ProcessNext))]
[JsonSerializable(typeof(DataPostResponse))]
[JsonSerializable(typeof(DataDeleteResponse))]
internal sealed partial class AppTransportJsonContext : JsonSerializerContext
{
}
