using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>When instances are hidden in the inbox.</summary>
public sealed partial record HideSettings
{
    /// <summary>Whether instances are always hidden.</summary>
    [JsonPropertyName("hideAlways")]
    public partial bool HideAlways { get; init; }

    /// <summary>The tasks during which instances are hidden.</summary>
    [JsonPropertyName("hideOnTask")]
    public partial IReadOnlyList<string>? HideOnTask { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
