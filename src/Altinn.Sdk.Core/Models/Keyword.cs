namespace Altinn.Sdk.Models;

/// <summary>A search keyword.</summary>
public sealed partial record Keyword
{
    /// <summary>The word.</summary>
    public partial string? Word { get; init; }

    /// <summary>The word's language code.</summary>
    public partial string? Language { get; init; }
}
