using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>How the inbox presents an app's instances.</summary>
public sealed partial record MessageBoxConfig
{
    /// <summary>When instances are hidden in the inbox.</summary>
    [JsonPropertyName("hideSettings")]
    public partial HideSettings? HideSettings { get; init; }

    /// <summary>What the Dialogporten sync adapter leaves out.</summary>
    [JsonPropertyName("syncAdapterSettings")]
    public partial SyncAdapterSettings? SyncAdapterSettings { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
