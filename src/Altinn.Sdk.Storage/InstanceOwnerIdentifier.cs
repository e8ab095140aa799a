namespace Altinn.Sdk.Storage;

/// <summary>What kind of party an <see cref="InstanceOwnerIdentifier"/> names.</summary>
public enum InstanceOwnerIdentifierKind
{
    /// <summary>A person, by national identity number (fødselsnummer or d-nummer).</summary>
    Person,

    /// <summary>An organisation, by organisation number.</summary>
    Organisation,
}

/// <summary>
/// Names an instance owner by national identity number or organisation number instead of by party id, for
/// Storage's instance query (sent as the <c>X-Ai-InstanceOwnerIdentifier</c> header, never in the URL).
/// </summary>
/// <remarks>
/// <para>Both numbers are checked with their mod-11 check digits before any request, so a typing error is an
/// <see cref="ArgumentException"/> rather than an empty result (Storage answers an unknown party with an empty page).
/// Only the form is checked: the birth date inside a national identity number is not, so d-numbers and
/// synthetic test numbers (Tenor) are accepted.</para>
/// <para><see cref="ToString"/> masks a national identity number; only <see cref="HeaderValue"/> carries it.</para>
/// </remarks>
public sealed class InstanceOwnerIdentifier : IEquatable<InstanceOwnerIdentifier>
{
    /// <summary>The name of the request header Storage reads the identifier from.</summary>
    public const string HeaderName = "X-Ai-InstanceOwnerIdentifier";

    private InstanceOwnerIdentifier(InstanceOwnerIdentifierKind kind, string number)
    {
        Kind = kind;
        Number = number;
    }

    /// <summary>Whether this names a person or an organisation.</summary>
    public InstanceOwnerIdentifierKind Kind { get; }

    /// <summary>The 11-digit national identity number or the 9-digit organisation number.</summary>
    /// <remarks>A national identity number is personal data: do not log it.</remarks>
    public string Number { get; }

    /// <summary>The header value Storage expects: <c>person:{11 digits}</c> or <c>organisation:{9 digits}</c>.</summary>
    public string HeaderValue => (Kind == InstanceOwnerIdentifierKind.Person ? "person:" : "organisation:") + Number;

    /// <summary>A person, by national identity number (fødselsnummer or d-nummer).</summary>
    /// <param name="nationalIdentityNumber">Exactly 11 digits with valid mod-11 check digits.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="nationalIdentityNumber"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The value is not 11 digits or its check digits are wrong. The message does not repeat the number.
    /// </exception>
    public static InstanceOwnerIdentifier Person(string nationalIdentityNumber)
    {
        NationalIdentityNumber.Validate(nationalIdentityNumber, nameof(nationalIdentityNumber));
        return new InstanceOwnerIdentifier(InstanceOwnerIdentifierKind.Person, nationalIdentityNumber);
    }

    /// <summary>An organisation, by organisation number.</summary>
    /// <param name="organisationNumber">Exactly 9 digits with a valid mod-11 check digit; an ISO 6523 <c>0192:</c> prefix is accepted and removed.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="organisationNumber"/> is null.</exception>
    /// <exception cref="ArgumentException">The value is not 9 digits or its check digit is wrong.</exception>
    public static InstanceOwnerIdentifier Organisation(string organisationNumber)
    {
        string digits = OrganisationNumber.Validate(organisationNumber, nameof(organisationNumber));
        return new InstanceOwnerIdentifier(InstanceOwnerIdentifierKind.Organisation, digits);
    }

    /// <summary>
    /// Returns <c>organisation:{number}</c>, or <c>person:***</c> with the national identity number masked;
    /// use <see cref="HeaderValue"/> for the header.
    /// </summary>
    public override string ToString() => Kind == InstanceOwnerIdentifierKind.Person ? "person:***" : HeaderValue;

    /// <inheritdoc/>
    public bool Equals(InstanceOwnerIdentifier? other) => other is not null && Kind == other.Kind && Number == other.Number;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as InstanceOwnerIdentifier);

    /// <inheritdoc/>
    public override int GetHashCode() => ((int)Kind * 397) ^ StringComparer.Ordinal.GetHashCode(Number);
}
