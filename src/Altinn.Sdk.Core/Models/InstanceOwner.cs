namespace Altinn.Sdk.Models;

/// <summary>
/// The party that owns an instance. In a template for a new instance set exactly one identifier.
/// </summary>
/// <remarks><see cref="ToString"/> does not show the national identity number.</remarks>
public sealed partial record InstanceOwner
{
    /// <summary>The owner's party id as numeric text (a string on the wire, an int in URLs).</summary>
    public partial string? PartyId { get; init; }

    /// <summary>The owner's national identity number (11 digits), when the owner is a person.</summary>
    public partial string? PersonNumber { get; init; }

    /// <summary>The owner's organisation number (9 digits), when the owner is an organisation.</summary>
    public partial string? OrganisationNumber { get; init; }

    /// <summary>
    /// The user name of a self-identified owner; ID-porten e-mail users appear as <c>epost:{email}</c>.
    /// </summary>
    public partial string? Username { get; init; }

    /// <summary>
    /// The owner as a URN, for example <c>urn:altinn:person:idporten-email:{email}</c> or
    /// <c>urn:altinn:person:legacy-selfidentified:{username}</c>.
    /// </summary>
    public partial string? ExternalIdentifier { get; init; }

    /// <summary>The owner's party details; only the App API returns them (InstanceResponse).</summary>
    public partial Party? Party { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("PartyId = ").Append(PartyId)
            .Append(", PersonNumber = ").Append(Redaction.Mask(PersonNumber))
            .Append(", OrganisationNumber = ").Append(OrganisationNumber)
            .Append(", Username = ").Append(Username)
            .Append(", ExternalIdentifier = ").Append(ExternalIdentifier)
            .Append(", Party = ").Append(Party);
        return true;
    }
}

/// <summary>A party in Altinn Register as the App API includes it in <c>instanceOwner.party</c>.</summary>
/// <remarks><see cref="ToString"/> does not show the national identity number.</remarks>
public sealed partial record Party
{
    /// <summary>The party id.</summary>
    public partial int PartyId { get; init; }

    /// <summary>The party's UUID in Register.</summary>
    public partial Guid? PartyUuid { get; init; }

    /// <summary>The kind of party (the App API writes it as a number 1-5).</summary>
    public partial PartyType PartyTypeName { get; init; }

    /// <summary>The national identity number (11 digits) when the party is a person.</summary>
    public partial string? Ssn { get; init; }

    /// <summary>The organisation number (9 digits) when the party is an organisation.</summary>
    public partial string? OrgNumber { get; init; }

    /// <summary>The organisation's unit type, for example <c>AS</c> or <c>BEDR</c>.</summary>
    public partial string? UnitType { get; init; }

    /// <summary>The party's name.</summary>
    public partial string? Name { get; init; }

    /// <summary>Whether the party is deleted in Register.</summary>
    public partial bool IsDeleted { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("PartyId = ").Append(PartyId.ToString(CultureInfo.InvariantCulture))
            .Append(", PartyUuid = ").Append(PartyUuid)
            .Append(", PartyTypeName = ").Append(PartyTypeName)
            .Append(", Ssn = ").Append(Redaction.Mask(Ssn))
            .Append(", OrgNumber = ").Append(OrgNumber)
            .Append(", UnitType = ").Append(UnitType)
            .Append(", Name = ").Append(Name)
            .Append(", IsDeleted = ").Append(IsDeleted ? "True" : "False");
        return true;
    }
}

/// <summary>Hides personal identifiers in text meant for logs.</summary>
internal static class Redaction
{
    public const string Hidden = "***";

    public static string? Mask(string? value) => value is null ? null : Hidden;
}
