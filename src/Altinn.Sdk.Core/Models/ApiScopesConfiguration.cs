namespace Altinn.Sdk.Models;

/// <summary>The API scopes an app requires; <c>[app]</c> in a scope stands for the app name.</summary>
public sealed partial record ApiScopesConfiguration
{
    /// <summary>Scopes required of end users and system users (who may also pass with <c>altinn:portal/enduser</c>).</summary>
    public partial ApiScopes? Users { get; init; }

    /// <summary>Scopes required of service owners.</summary>
    public partial ApiScopes? ServiceOwners { get; init; }

    /// <summary>The text resource key of the 403 message when a scope is missing.</summary>
    public partial string? ErrorMessageTextResourceKey { get; init; }
}
