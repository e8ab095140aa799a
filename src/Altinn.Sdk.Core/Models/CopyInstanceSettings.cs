using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>Whether and how a new instance may be created as a copy of an archived one.</summary>
public sealed partial record CopyInstanceSettings
{
    /// <summary>Whether copying is allowed.</summary>
    [JsonPropertyName("enabled")]
    public partial bool Enabled { get; init; }

    /// <summary>Data types left out of the copy.</summary>
    [JsonPropertyName("excludedDataTypes")]
    public partial IReadOnlyList<string>? ExcludedDataTypes { get; init; }

    /// <summary>Data model fields cleared in the copy.</summary>
    [JsonPropertyName("excludedDataFields")]
    public partial IReadOnlyList<string>? ExcludedDataFields { get; init; }

    /// <summary>Whether attachments are copied too.</summary>
    [JsonPropertyName("includeAttachments")]
    public partial bool IncludeAttachments { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
