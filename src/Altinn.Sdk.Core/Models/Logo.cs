namespace Altinn.Sdk.Models;

/// <summary>The logo shown in an app.</summary>
public sealed partial record Logo
{
    /// <summary>Whether the app owner's name is shown next to the logo.</summary>
    public partial bool DisplayAppOwnerNameInHeader { get; init; }

    /// <summary>Where the logo comes from: <c>org</c> or <c>resource</c>.</summary>
    public partial string? Source { get; init; }

    /// <summary>The logo size: <c>small</c> (default), <c>medium</c> or <c>large</c>.</summary>
    public partial string? Size { get; init; }
}
