namespace Altinn.Sdk.Models;

/// <summary>Delegation settings of an app as a resource.</summary>
public sealed partial record ApplicationAccess
{
    /// <summary>A description of the rights by language code.</summary>
    public partial IReadOnlyDictionary<string, string>? RightDescription { get; init; }

    /// <summary>Whether rights to the app may be delegated.</summary>
    public partial bool Delegable { get; init; }

    /// <summary>Whether the app is visible in the access management UI.</summary>
    public partial bool Visible { get; init; }
}
