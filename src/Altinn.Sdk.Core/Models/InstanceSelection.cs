namespace Altinn.Sdk.Models;

/// <summary>Settings of the app's instance selection page.</summary>
public sealed partial record InstanceSelection
{
    /// <summary>The page sizes the user may choose from.</summary>
    public partial IReadOnlyList<int>? RowsPerPageOptions { get; init; }

    /// <summary>The default page size.</summary>
    public partial int? DefaultRowsPerPage { get; init; }

    /// <summary>The index of the default page size option.</summary>
    public partial int? DefaultSelectedOption { get; init; }

    /// <summary>The sort direction, <c>asc</c> or <c>desc</c>.</summary>
    public partial string? SortDirection { get; init; }
}
