using System.Security.Cryptography;

namespace Altinn.Sdk.Testing.Authentication;

/// <summary>
/// The emulator's ready-made Altinn tokens (as app-localtest's <c>/Home/GetTest*Token</c> mint them): shared by
/// <see cref="AltinnEmulator"/>'s <c>Create*Token</c> methods and the test-token endpoints.
/// </summary>
internal static class TestTokens
{
    /// <summary>The vendor organisation system-user tokens name when none is given (Digdir).</summary>
    public const string DefaultVendorOrganisationNumber = "991825827";

    /// <summary>The default service-owner scopes.</summary>
    public static IReadOnlyList<string> DefaultOrgScopes { get; } = [Caller.InstancesRead, Caller.InstancesWrite];

    /// <summary>The default end-user scopes.</summary>
    public static IReadOnlyList<string> DefaultUserScopes { get; } = ["altinn:instances.read", "altinn:instances.write"];

    /// <summary>A service-owner token, as the exchange of a Maskinporten token with service-owner scopes gives one.</summary>
    public static string Org(EmulatorContext emulator, string org, string organisationNumber, IReadOnlyList<string> scopes, int authenticationLevel = 3) =>
        emulator.Tokens.Issue(w =>
        {
            w.WriteString("urn:altinn:org", org);
            w.WriteString("urn:altinn:orgNumber", organisationNumber);
            w.WriteString("urn:altinn:authenticatemethod", "maskinporten");
            w.WriteNumber("urn:altinn:authlevel", authenticationLevel);
            w.WriteString("scope", string.Join(' ', scopes.Count == 0 ? DefaultOrgScopes : scopes));
            WriteConsumer(w, "consumer", organisationNumber);
        }, AltinnEmulator.TokenLifetime);

    /// <summary>A token for a user, as the exchange of an ID-porten token gives one.</summary>
    public static string User(EmulatorContext emulator, EmulatedUser user, int authenticationLevel) =>
        emulator.Tokens.Issue(w =>
        {
            w.WriteString("urn:altinn:userid", user.UserId.ToString(CultureInfo.InvariantCulture));
            w.WriteString("urn:altinn:partyid", user.PartyId.ToString(CultureInfo.InvariantCulture));
            w.WriteString("urn:altinn:authenticatemethod", "IdportenTestId");
            w.WriteNumber("urn:altinn:authlevel", authenticationLevel);
            w.WriteString("scope", string.Join(' ', DefaultUserScopes));
        }, AltinnEmulator.TokenLifetime);

    /// <summary>A token for the system user a customer approved for a vendor's system.</summary>
    public static string SystemUser(
        EmulatorContext emulator, string customerOrganisationNumber, string? externalReference, string vendorOrganisationNumber, IReadOnlyList<string> scopes,
        Guid? systemUserId = null, string? systemId = null) =>
        emulator.Tokens.Issue(w =>
        {
            w.WriteString("urn:altinn:orgNumber", vendorOrganisationNumber);
            w.WriteString("urn:altinn:authenticatemethod", "maskinporten");
            w.WriteNumber("urn:altinn:authlevel", 3);
            w.WriteString("scope", string.Join(' ', scopes.Count == 0 ? DefaultUserScopes : scopes));
            WriteConsumer(w, "consumer", vendorOrganisationNumber);
            WriteSystemUserDetails(w, customerOrganisationNumber, externalReference, systemUserId ?? SystemUserId(customerOrganisationNumber, externalReference), systemId ?? SystemId(vendorOrganisationNumber));
        }, AltinnEmulator.TokenLifetime);

    /// <summary>
    /// The id of the system user a customer approved: stable for the customer and external reference (which
    /// defaults to the customer's organisation number, as in Altinn).
    /// </summary>
    public static Guid SystemUserId(string customerOrganisationNumber, string? externalReference) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes(customerOrganisationNumber + "|" + (externalReference ?? customerOrganisationNumber))));

    /// <summary>The system id the emulator gives a vendor's one system.</summary>
    public static string SystemId(string vendorOrganisationNumber) => vendorOrganisationNumber + "_emulated_system";

    /// <summary>Writes <c>authorization_details</c> for a system user, as Maskinporten puts it in the token.</summary>
    public static void WriteSystemUserDetails(Utf8JsonWriter w, string customerOrganisationNumber, string? externalReference, Guid systemUserId, string systemId)
    {
        w.WriteStartArray("authorization_details");
        w.WriteStartObject();
        w.WriteString("type", "urn:altinn:systemuser");
        w.WriteStartArray("systemuser_id");
        w.WriteStringValue(systemUserId.ToString());
        w.WriteEndArray();
        WriteConsumer(w, "systemuser_org", customerOrganisationNumber);
        w.WriteString("system_id", systemId);
        if (externalReference is not null) w.WriteString("externalRef", externalReference);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>Writes an ISO 6523 organisation identifier object (<c>consumer</c>, <c>supplier</c>, <c>systemuser_org</c>).</summary>
    public static void WriteConsumer(Utf8JsonWriter w, string name, string organisationNumber)
    {
        w.WriteStartObject(name);
        w.WriteString("authority", "iso6523-actorid-upis");
        w.WriteString("ID", "0192:" + organisationNumber);
        w.WriteEndObject();
    }

    /// <summary>Whether a value is a 9-digit organisation number.</summary>
    public static bool IsOrganisationNumber(string? value) => value is { Length: 9 } && value.All(char.IsAsciiDigit);

    /// <summary>Splits a scope list given as space- or comma-separated text.</summary>
    public static string[] SplitScopes(string? scopes) =>
        (scopes ?? string.Empty).Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
