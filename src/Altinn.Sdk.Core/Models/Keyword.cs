using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>A search keyword.</summary>
public sealed partial record Keyword
{
    /// <summary>The word.</summary>
    [JsonPropertyName("word")]
    public partial string? Word { get; init; }

    /// <summary>The word's language code.</summary>
    [JsonPropertyName("language")]
    public partial string? Language { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
