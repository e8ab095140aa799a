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
public sealed record InstanceOwner
{
    /// <summary>The owner's party id as numeric text (a string on the wire, an int in URLs).</summary>
    [JsonIgnore]
    public string? PartyId { get => PartyIdOnWire; init => PartyIdOnWire = value; }

    [JsonInclude, JsonPropertyName("partyId")]
    internal string? PartyIdOnWire { get; set; }

    /// <summary>The owner's national identity number (11 digits), when the owner is a person.</summary>
    [JsonIgnore]
    public string? PersonNumber { get => PersonNumberOnWire; init => PersonNumberOnWire = value; }

    [JsonInclude, JsonPropertyName("personNumber")]
    internal string? PersonNumberOnWire { get; set; }

    /// <summary>The owner's organisation number (9 digits), when the owner is an organisation.</summary>
    [JsonIgnore]
    public string? OrganisationNumber { get => OrganisationNumberOnWire; init => OrganisationNumberOnWire = value; }

    [JsonInclude, JsonPropertyName("organisationNumber")]
    internal string? OrganisationNumberOnWire { get; set; }

    /// <summary>
    /// The user name of a self-identified owner; ID-porten e-mail users appear as <c>epost:{email}</c>.
    /// </summary>
    [JsonIgnore]
    public string? Username { get => UsernameOnWire; init => UsernameOnWire = value; }

    [JsonInclude, JsonPropertyName("username")]
    internal string? UsernameOnWire { get; set; }

    /// <summary>
    /// The owner as a URN, for example <c>urn:altinn:person:idporten-email:{email}</c> or
    /// <c>urn:altinn:person:legacy-selfidentified:{username}</c>.
    /// </summary>
    [JsonIgnore]
    public string? ExternalIdentifier { get => ExternalIdentifierOnWire; init => ExternalIdentifierOnWire = value; }

    [JsonInclude, JsonPropertyName("externalIdentifier")]
    internal string? ExternalIdentifierOnWire { get; set; }

    /// <summary>The owner's party details; only the App API returns them (InstanceResponse).</summary>
    [JsonIgnore]
    public Party? Party { get => PartyOnWire; init => PartyOnWire = value; }

    [JsonInclude, JsonPropertyName("party")]
    internal Party? PartyOnWire { get; set; }

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
public sealed record Party
{
    /// <summary>The party id.</summary>
    [JsonIgnore]
    public int PartyId { get => PartyIdOnWire; init => PartyIdOnWire = value; }

    [JsonInclude, JsonPropertyName("partyId")]
    internal int PartyIdOnWire { get; set; }

    /// <summary>The party's UUID in Register.</summary>
    [JsonIgnore]
    public Guid? PartyUuid { get => PartyUuidOnWire; init => PartyUuidOnWire = value; }

    [JsonInclude, JsonPropertyName("partyUuid")]
    internal Guid? PartyUuidOnWire { get; set; }

    /// <summary>The kind of party (the App API writes it as a number 1-5).</summary>
    [JsonIgnore]
    public PartyType PartyTypeName { get => PartyTypeNameOnWire; init => PartyTypeNameOnWire = value; }

    [JsonInclude, JsonPropertyName("partyTypeName")]
    internal PartyType PartyTypeNameOnWire { get; set; }

    /// <summary>The national identity number (11 digits) when the party is a person.</summary>
    [JsonIgnore]
    public string? Ssn { get => SsnOnWire; init => SsnOnWire = value; }

    [JsonInclude, JsonPropertyName("ssn")]
    internal string? SsnOnWire { get; set; }

    /// <summary>The organisation number (9 digits) when the party is an organisation.</summary>
    [JsonIgnore]
    public string? OrgNumber { get => OrgNumberOnWire; init => OrgNumberOnWire = value; }

    [JsonInclude, JsonPropertyName("orgNumber")]
    internal string? OrgNumberOnWire { get; set; }

    /// <summary>The organisation's unit type, for example <c>AS</c> or <c>BEDR</c>.</summary>
    [JsonIgnore]
    public string? UnitType { get => UnitTypeOnWire; init => UnitTypeOnWire = value; }

    [JsonInclude, JsonPropertyName("unitType")]
    internal string? UnitTypeOnWire { get; set; }

    /// <summary>The party's name.</summary>
    [JsonIgnore]
    public string? Name { get => NameOnWire; init => NameOnWire = value; }

    [JsonInclude, JsonPropertyName("name")]
    internal string? NameOnWire { get; set; }

    /// <summary>Whether the party is deleted in Register.</summary>
    [JsonIgnore]
    public bool IsDeleted { get => IsDeletedOnWire; init => IsDeletedOnWire = value; }

    [JsonInclude, JsonPropertyName("isDeleted")]
    internal bool IsDeletedOnWire { get; set; }

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
