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
    [JsonIgnore]
    public long Count { get => CountOnWire; init => CountOnWire = value; }

    [JsonInclude, JsonPropertyName("count")]
    internal long CountOnWire { get; set; }

    /// <summary>The absolute address of this page.</summary>
    [JsonIgnore]
    public string? Self { get => SelfOnWire; init => SelfOnWire = value; }

    [JsonInclude, JsonPropertyName("self")]
    internal string? SelfOnWire { get; set; }

    /// <summary>
    /// The absolute address of the next page, or <see langword="null"/> on the last page. Storage writes the
    /// <see langword="null"/>, and so does this model.
    /// </summary>
    [JsonIgnore]
    public string? Next { get => NextOnWire; init => NextOnWire = value; }

    [JsonInclude, JsonPropertyName("next"), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    internal string? NextOnWire { get; set; }

    /// <summary>The instances in this page.</summary>
    [JsonIgnore]
    public IReadOnlyList<Instance>? Instances { get => InstancesOnWire; init => InstancesOnWire = value; }

    [JsonInclude, JsonPropertyName("instances")]
    internal IReadOnlyList<Instance>? InstancesOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The data elements of an instance (<c>{"dataElements": [...]}</c>).</summary>
public sealed record DataElementList
{
    /// <summary>The data elements.</summary>
    [JsonIgnore]
    public IReadOnlyList<DataElement>? DataElements { get => DataElementsOnWire; init => DataElementsOnWire = value; }

    [JsonInclude, JsonPropertyName("dataElements")]
    internal IReadOnlyList<DataElement>? DataElementsOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The events of an instance, oldest first (<c>{"instanceEvents": [...]}</c>).</summary>
public sealed record InstanceEventList
{
    /// <summary>The events.</summary>
    [JsonIgnore]
    public IReadOnlyList<InstanceEvent>? InstanceEvents { get => InstanceEventsOnWire; init => InstanceEventsOnWire = value; }

    [JsonInclude, JsonPropertyName("instanceEvents")]
    internal IReadOnlyList<InstanceEvent>? InstanceEventsOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The process history of an instance (<c>{"processHistory": [...]}</c>).</summary>
public sealed record ProcessHistoryList
{
    /// <summary>The steps, in order.</summary>
    [JsonIgnore]
    public IReadOnlyList<ProcessHistoryItem>? ProcessHistory { get => ProcessHistoryOnWire; init => ProcessHistoryOnWire = value; }

    [JsonInclude, JsonPropertyName("processHistory")]
    internal IReadOnlyList<ProcessHistoryItem>? ProcessHistoryOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Applications registered in Storage (<c>{"applications": [...]}</c>).</summary>
public sealed record ApplicationList
{
    /// <summary>The applications.</summary>
    [JsonIgnore]
    public IReadOnlyList<ApplicationMetadata>? Applications { get => ApplicationsOnWire; init => ApplicationsOnWire = value; }

    [JsonInclude, JsonPropertyName("applications")]
    internal IReadOnlyList<ApplicationMetadata>? ApplicationsOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
