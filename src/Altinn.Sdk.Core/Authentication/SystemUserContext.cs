namespace Altinn.Sdk.Authentication;

/// <summary>
/// A system user to act as: the customer organisation that approved a system user for your system, and the
/// external reference the system user was created with, if it was given one.
/// </summary>
public sealed class SystemUserContext : IEquatable<SystemUserContext>
{
    /// <summary>Creates a system-user context.</summary>
    /// <param name="organisationNumber">The customer's 9-digit organisation number; a <c>0192:</c> prefix is accepted.</param>
    /// <param name="externalReference">
    /// The system user's external reference. Omit it when the system user was created without one: Altinn then
    /// uses the customer's organisation number.
    /// </param>
    /// <exception cref="ArgumentException">The organisation number is not 9 digits, or the reference is blank.</exception>
    public SystemUserContext(string organisationNumber, string? externalReference = null)
    {
        OrganisationNumber = Sdk.OrganisationNumber.Validate(organisationNumber, nameof(organisationNumber));
        if (externalReference is not null && string.IsNullOrWhiteSpace(externalReference))
        {
            throw new ArgumentException("An external reference must not be blank; pass null for none.", nameof(externalReference));
        }

        ExternalReference = externalReference;
    }

    /// <summary>The customer's 9-digit organisation number.</summary>
    public string OrganisationNumber { get; }

    /// <summary>The system user's external reference, if any.</summary>
    public string? ExternalReference { get; }

    /// <inheritdoc/>
    public bool Equals(SystemUserContext? other) =>
        other is not null && OrganisationNumber == other.OrganisationNumber && ExternalReference == other.ExternalReference;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SystemUserContext);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        StringComparer.Ordinal.GetHashCode(OrganisationNumber) ^ (ExternalReference is null ? 0 : StringComparer.Ordinal.GetHashCode(ExternalReference));

    /// <inheritdoc/>
    public override string ToString() =>
        $"system user of {OrganisationNumber}" + (ExternalReference is null ? string.Empty : $" ({ExternalReference})");
}
