using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>A pair of read and write scopes.</summary>
public sealed partial record ApiScopes
{
    /// <summary>The scope required for GET, HEAD and OPTIONS.</summary>
    [JsonPropertyName("read")]
    public partial string? Read { get; init; }

    /// <summary>The scope required for the other HTTP methods.</summary>
    [JsonPropertyName("write")]
    public partial string? Write { get; init; }

    /// <summary>The text resource key of the 403 message for this caller kind.</summary>
    [JsonPropertyName("errorMessageTextResourceKey")]
    public partial string? ErrorMessageTextResourceKey { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
