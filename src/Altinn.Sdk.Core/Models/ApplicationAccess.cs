using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>Delegation settings of an app as a resource.</summary>
public sealed partial record ApplicationAccess
{
    /// <summary>A description of the rights by language code.</summary>
    [JsonPropertyName("rightDescription")]
    public partial IReadOnlyDictionary<string, string>? RightDescription { get; init; }

    /// <summary>Whether rights to the app may be delegated.</summary>
    [JsonPropertyName("delegable")]
    public partial bool Delegable { get; init; }

    /// <summary>Whether the app is visible in the access management UI.</summary>
    [JsonPropertyName("visible")]
    public partial bool Visible { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
