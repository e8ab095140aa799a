using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>Where users get help with an app.</summary>
public sealed partial record ContactPoint
{
    /// <summary>What the contact point is for.</summary>
    [JsonPropertyName("category")]
    public partial string? Category { get; init; }

    /// <summary>An e-mail address.</summary>
    [JsonPropertyName("email")]
    public partial string? Email { get; init; }

    /// <summary>A telephone number.</summary>
    [JsonPropertyName("telephone")]
    public partial string? Telephone { get; init; }

    /// <summary>A contact web page.</summary>
    [JsonPropertyName("contactPage")]
    public partial string? ContactPage { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
