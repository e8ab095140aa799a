using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>Settings of the app's instance selection page.</summary>
public sealed partial record InstanceSelection
{
    /// <summary>The page sizes the user may choose from.</summary>
    [JsonPropertyName("rowsPerPageOptions")]
    public partial IReadOnlyList<int>? RowsPerPageOptions { get; init; }

    /// <summary>The default page size.</summary>
    [JsonPropertyName("defaultRowsPerPage")]
    public partial int? DefaultRowsPerPage { get; init; }

    /// <summary>The index of the default page size option.</summary>
    [JsonPropertyName("defaultSelectedOption")]
    public partial int? DefaultSelectedOption { get; init; }

    /// <summary>The sort direction, <c>asc</c> or <c>desc</c>.</summary>
    [JsonPropertyName("sortDirection")]
    public partial string? SortDirection { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
