namespace Altinn.Sdk.Models;

/// <summary>Where users get help with an app.</summary>
public sealed partial record ContactPoint
{
    /// <summary>What the contact point is for.</summary>
    public partial string? Category { get; init; }

    /// <summary>An e-mail address.</summary>
    public partial string? Email { get; init; }

    /// <summary>A telephone number.</summary>
    public partial string? Telephone { get; init; }

    /// <summary>A contact web page.</summary>
    public partial string? ContactPage { get; init; }
}
