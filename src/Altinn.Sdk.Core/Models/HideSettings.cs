namespace Altinn.Sdk.Models;

/// <summary>When instances are hidden in the inbox.</summary>
public sealed partial record HideSettings
{
    /// <summary>Whether instances are always hidden.</summary>
    public partial bool HideAlways { get; init; }

    /// <summary>The tasks during which instances are hidden.</summary>
    public partial IReadOnlyList<string>? HideOnTask { get; init; }
}
