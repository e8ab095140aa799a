using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>A page of Storage's instance search (<c>GET storage/api/v1/instances</c>).</summary>
/// <remarks>
/// Keep following <see cref="Next"/> until it is <see langword="null"/>: pages can be short or even empty while
/// more remain. There is no total count.
/// </remarks>
public sealed record InstanceQueryResponse
{
    /// <summary>The number of instances in this page (not a total).</summary>
    public long Count { get; init; }

    /// <summary>The absolute address of this page.</summary>
    public string? Self { get; init; }

    /// <summary>
    /// The absolute address of the next page, or <see langword="null"/> on the last page. Storage writes the
    /// <see langword="null"/>, and so does this model.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Next { get; init; }

    /// <summary>The instances in this page.</summary>
    public IReadOnlyList<Instance>? Instances { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The data elements of an instance (<c>{"dataElements": [...]}</c>).</summary>
public sealed record DataElementList
{
    /// <summary>The data elements.</summary>
    public IReadOnlyList<DataElement>? DataElements { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The events of an instance, oldest first (<c>{"instanceEvents": [...]}</c>).</summary>
public sealed record InstanceEventList
{
    /// <summary>The events.</summary>
    public IReadOnlyList<InstanceEvent>? InstanceEvents { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The process history of an instance (<c>{"processHistory": [...]}</c>).</summary>
public sealed record ProcessHistoryList
{
    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<ProcessHistoryItem>? ProcessHistory { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Applications registered in Storage (<c>{"applications": [...]}</c>).</summary>
public sealed record ApplicationList
{
    /// <summary>The applications.</summary>
    public IReadOnlyList<ApplicationMetadata>? Applications { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
