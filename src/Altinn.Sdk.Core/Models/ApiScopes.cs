namespace Altinn.Sdk.Models;

/// <summary>A pair of read and write scopes.</summary>
public sealed partial record ApiScopes
{
    /// <summary>The scope required for GET, HEAD and OPTIONS.</summary>
    public partial string? Read { get; init; }

    /// <summary>The scope required for the other HTTP methods.</summary>
    public partial string? Write { get; init; }

    /// <summary>The text resource key of the 403 message for this caller kind.</summary>
    public partial string? ErrorMessageTextResourceKey { get; init; }
}
