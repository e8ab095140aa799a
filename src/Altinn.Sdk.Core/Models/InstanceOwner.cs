using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>
/// The party that owns an instance. In a template for a new instance set exactly one identifier.
/// </summary>
/// <remarks><see cref="ToString"/> does not show the national identity number.</remarks>
public sealed partial record InstanceOwner
{
    /// <summary>The owner's party id as numeric text (a string on the wire, an int in URLs).</summary>
    [JsonPropertyName("partyId")]
    public partial string? PartyId { get; init; }

    /// <summary>The owner's national identity number (11 digits), when the owner is a person.</summary>
    [JsonPropertyName("personNumber")]
    public partial string? PersonNumber { get; init; }

    /// <summary>The owner's organisation number (9 digits), when the owner is an organisation.</summary>
    [JsonPropertyName("organisationNumber")]
    public partial string? OrganisationNumber { get; init; }

    /// <summary>
    /// The user name of a self-identified owner; ID-porten e-mail users appear as <c>epost:{email}</c>.
    /// </summary>
    [JsonPropertyName("username")]
    public partial string? Username { get; init; }

    /// <summary>
    /// The owner as a URN, for example <c>urn:altinn:person:idporten-email:{email}</c> or
    /// <c>urn:altinn:person:legacy-selfidentified:{username}</c>.
    /// </summary>
    [JsonPropertyName("externalIdentifier")]
    public partial string? ExternalIdentifier { get; init; }

    /// <summary>The owner's party details; only the App API returns them (InstanceResponse).</summary>
    [JsonPropertyName("party")]
    public partial Party? Party { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }

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
    [JsonPropertyName("partyId")]
    public partial int PartyId { get; init; }

    /// <summary>The party's UUID in Register.</summary>
    [JsonPropertyName("partyUuid")]
    public partial Guid? PartyUuid { get; init; }

    /// <summary>The kind of party (the App API writes it as a number 1-5).</summary>
    [JsonPropertyName("partyTypeName")]
    public partial PartyType PartyTypeName { get; init; }

    /// <summary>The national identity number (11 digits) when the party is a person.</summary>
    [JsonPropertyName("ssn")]
    public partial string? Ssn { get; init; }

    /// <summary>The organisation number (9 digits) when the party is an organisation.</summary>
    [JsonPropertyName("orgNumber")]
    public partial string? OrgNumber { get; init; }

    /// <summary>The organisation's unit type, for example <c>AS</c> or <c>BEDR</c>.</summary>
    [JsonPropertyName("unitType")]
    public partial string? UnitType { get; init; }

    /// <summary>The party's name.</summary>
    [JsonPropertyName("name")]
    public partial string? Name { get; init; }

    /// <summary>Whether the party is deleted in Register.</summary>
    [JsonPropertyName("isDeleted")]
    public partial bool IsDeleted { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }

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
