using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>What the app shows when a user enters it.</summary>
public sealed partial record OnEntry
{
    /// <summary>What to show: <c>new-instance</c>, <c>select-instance</c> or a layout set id.</summary>
    [JsonPropertyName("show")]
    public partial string? Show { get; init; }

    /// <summary>How the instance selection page behaves (App API only).</summary>
    [JsonPropertyName("instanceSelection")]
    public partial InstanceSelection? InstanceSelection { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
