namespace Altinn.Sdk.Models;

/// <summary>The kinds of party that may own instances of an app; all <see langword="false"/> means all kinds.</summary>
public sealed partial record PartyTypesAllowed
{
    /// <summary>Bankruptcy estates.</summary>
    public partial bool BankruptcyEstate { get; init; }

    /// <summary>Organisations.</summary>
    public partial bool Organisation { get; init; }

    /// <summary>Persons.</summary>
    public partial bool Person { get; init; }

    /// <summary>Sub-units of organisations.</summary>
    public partial bool SubUnit { get; init; }
}
