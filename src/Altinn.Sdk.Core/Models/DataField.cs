namespace Altinn.Sdk.Models;

/// <summary>A form field whose value is copied onto the instance.</summary>
public sealed partial record DataField
{
    /// <summary>The key under which the value is stored on the instance.</summary>
    public partial string? Id { get; init; }

    /// <summary>The dot-separated path of the field in the data model.</summary>
    public partial string? Path { get; init; }

    /// <summary>The data type holding the field.</summary>
    public partial string? DataTypeId { get; init; }
}
