using System.Globalization;
using Altinn.Sdk.Apps.Transport;

namespace Altinn.Sdk.Apps;

/// <summary>What an <see cref="InstanceOwnerReference"/> names the owner by.</summary>
public enum InstanceOwnerReferenceKind
{
    /// <summary>The owner's party id in Altinn Register.</summary>
    PartyId,

    /// <summary>A person, by national identity number.</summary>
    Person,

    /// <summary>An organisation, by organisation number.</summary>
    Organisation,
}

/// <summary>
/// The owner of a new instance: a party id, an organisation number or a national identity number. The app looks
/// the party up in Altinn Register (an unknown one is <c>404 Cannot lookup party</c>).
/// </summary>
/// <remarks>
/// <para>The value is checked when it is made, before any request: a party id must be positive, an organisation
/// number 9 digits with its mod-11 check digit, a national identity number 11 digits with both mod-11 check digits
/// (the birth date inside is not checked, so d-numbers and synthetic test numbers are accepted).</para>
/// <para><see cref="ToString"/> masks a national identity number.</para>
/// </remarks>
public sealed class InstanceOwnerReference : IEquatable<InstanceOwnerReference>
{
    private InstanceOwnerReference(InstanceOwnerReferenceKind kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>What the owner is named by.</summary>
    public InstanceOwnerReferenceKind Kind { get; }

    /// <summary>The party id, organisation number or national identity number as text.</summary>
    /// <remarks>A national identity number is personal data: do not log it.</remarks>
    public string Value { get; }

    /// <summary>An owner by party id.</summary>
    /// <param name="partyId">The party id, greater than 0.</param>
    /// <returns>The owner.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partyId"/> is 0 or negative.</exception>
    public static InstanceOwnerReference Party(int partyId)
    {
        if (partyId <= 0) throw new ArgumentOutOfRangeException(nameof(partyId), partyId, "A party id is a positive number.");
        return new InstanceOwnerReference(InstanceOwnerReferenceKind.PartyId, partyId.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>An organisation, by organisation number.</summary>
    /// <param name="organisationNumber">9 digits with a valid mod-11 check digit; an ISO 6523 <c>0192:</c> prefix is accepted and removed.</param>
    /// <returns>The owner.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="organisationNumber"/> is null.</exception>
    /// <exception cref="ArgumentException">The value is not 9 digits or its check digit is wrong.</exception>
    public static InstanceOwnerReference Organisation(string organisationNumber) =>
        new(InstanceOwnerReferenceKind.Organisation, OrganisationNumber.Validate(organisationNumber, nameof(organisationNumber)));

    /// <summary>A person, by national identity number (fødselsnummer or d-nummer).</summary>
    /// <param name="nationalIdentityNumber">Exactly 11 digits with valid mod-11 check digits.</param>
    /// <returns>The owner.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nationalIdentityNumber"/> is null.</exception>
    /// <exception cref="ArgumentException">The value is not 11 digits or its check digits are wrong; the message does not repeat it.</exception>
    public static InstanceOwnerReference Person(string nationalIdentityNumber)
    {
        NationalIdentityNumber.Validate(nationalIdentityNumber, nameof(nationalIdentityNumber));
        return new InstanceOwnerReference(InstanceOwnerReferenceKind.Person, nationalIdentityNumber);
    }

    /// <summary>Returns <c>party:{id}</c>, <c>organisation:{number}</c> or <c>person:***</c>.</summary>
    public override string ToString() => Kind switch
    {
        InstanceOwnerReferenceKind.PartyId => "party:" + Value,
        InstanceOwnerReferenceKind.Organisation => "organisation:" + Value,
        _ => "person:***",
    };

    /// <inheritdoc/>
    public bool Equals(InstanceOwnerReference? other) => other is not null && Kind == other.Kind && Value == other.Value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as InstanceOwnerReference);

    /// <inheritdoc/>
    public override int GetHashCode() => ((int)Kind * 397) ^ StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The owner as an instance template's <c>instanceOwner</c>, with the one identifier.</summary>
    internal OwnerIdentifier ToTemplate() => Kind switch
    {
        InstanceOwnerReferenceKind.PartyId => new OwnerIdentifier { PartyId = Value },
        InstanceOwnerReferenceKind.Organisation => new OwnerIdentifier { OrganisationNumber = Value },
        _ => new OwnerIdentifier { PersonNumber = Value },
    };
}
