namespace Altinn.Sdk.Models;

/// <summary>A page of Storage's instance search (<c>GET storage/api/v1/instances</c>).</summary>
/// <remarks>
/// Keep following <see cref="Next"/> until it is <see langword="null"/>: pages can be short or even empty while
/// more remain. There is no total count.
/// </remarks>
public sealed partial record InstanceQueryResponse
{
    /// <summary>The number of instances in this page (not a total).</summary>
    public partial long Count { get; init; }

    /// <summary>The absolute address of this page.</summary>
    public partial string? Self { get; init; }

    /// <summary>
    /// The absolute address of the next page, or <see langword="null"/> on the last page. Storage writes the
    /// <see langword="null"/>, and so does this model.
    /// </summary>
    [WrittenWhenNull]
    public partial string? Next { get; init; }

    /// <summary>The instances in this page.</summary>
    public partial IReadOnlyList<Instance>? Instances { get; init; }
}

/// <summary>The data elements of an instance (<c>{"dataElements": [...]}</c>).</summary>
public sealed partial record DataElementList
{
    /// <summary>The data elements.</summary>
    public partial IReadOnlyList<DataElement>? DataElements { get; init; }
}

/// <summary>The events of an instance, oldest first (<c>{"instanceEvents": [...]}</c>).</summary>
public sealed partial record InstanceEventList
{
    /// <summary>The events.</summary>
    public partial IReadOnlyList<InstanceEvent>? InstanceEvents { get; init; }
}

/// <summary>The process history of an instance (<c>{"processHistory": [...]}</c>).</summary>
public sealed partial record ProcessHistoryList
{
    /// <summary>The steps, in order.</summary>
    public partial IReadOnlyList<ProcessHistoryItem>? ProcessHistory { get; init; }
}

/// <summary>Applications registered in Storage (<c>{"applications": [...]}</c>).</summary>
public sealed partial record ApplicationList
{
    /// <summary>The applications.</summary>
    public partial IReadOnlyList<ApplicationMetadata>? Applications { get; init; }
}
