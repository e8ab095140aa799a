using Altinn.Sdk;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Checks <see cref="AltinnOptions"/> at start, naming the setting that is wrong (as its source spells it) and how to
/// fix it. The <c>altinn</c> tool checks its settings with this too.
/// </summary>
/// <param name="credentialRegistered">Whether a credential is registered in code, checked when validating (it may be registered after <c>AddAltinn</c>).</param>
/// <param name="environmentRegistered">Whether an environment is registered in code.</param>
internal sealed class AltinnOptionsValidator(Func<bool> credentialRegistered, Func<bool> environmentRegistered) : IValidateOptions<AltinnOptions>
{
    private static readonly string[] s_keySettings =
        ["Maskinporten:Jwk", "Maskinporten:JwkPath", "Maskinporten:KeyPath", "Maskinporten:CertificatePath", "Maskinporten:CertificateThumbprint"];

    public ValidateOptionsResult Validate(string? name, AltinnOptions options)
    {
        var failures = Check(options, credentialRegistered(), environmentRegistered());
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static List<string> Check(AltinnOptions options, bool credentialRegistered, bool environmentRegistered)
    {
        var failures = new List<string>(options.Problems);
        string N(string key) => options.NameOf(key);
        string keyNames = string.Join(", ", s_keySettings.Select(N));

        // An AltinnEnvironment registered in the service collection wins over the setting.
        if (!environmentRegistered && string.IsNullOrWhiteSpace(options.Environment))
        {
            failures.Add($"{N("Environment")} is not set: use prod, tt02, at22, at23, at24, yt01 or the base URL of an emulator.");
        }
        else if (!environmentRegistered && !AltinnEnvironment.TryParse(options.Environment, out _))
        {
            failures.Add($"{N("Environment")} '{options.Environment}' is unknown: use prod, tt02, at22, at23, at24, yt01 or an absolute URL (HTTPS, or HTTP on loopback).");
        }

        var mp = options.Maskinporten;
        bool maskinporten = !string.IsNullOrWhiteSpace(mp.ClientId);
        bool token = !string.IsNullOrWhiteSpace(options.Token);
        int ways = (maskinporten ? 1 : 0) + (token ? 1 : 0) + (credentialRegistered ? 1 : 0);
        if (ways == 0)
        {
            string searched = options.Searched.Count > 0 ? " Looked for " + string.Join("; then ", options.Searched) + "." : string.Empty;
            failures.Add($"No credentials: set {N("Maskinporten:ClientId")} with one key ({keyNames}), or {N("Token")}, or register an AltinnCredential.{searched}");
        }
        else if (ways > 1)
        {
            var given = new[] { maskinporten ? N("Maskinporten:ClientId") : null, token ? N("Token") : null, credentialRegistered ? "a registered AltinnCredential" : null };
            failures.Add($"Contradictory credentials: {string.Join(" and ", given.Where(g => g is not null))} are all set; keep exactly one.");
        }

        if (maskinporten)
        {
            string?[] keys = [mp.Jwk, mp.JwkPath, mp.KeyPath, mp.CertificatePath, mp.CertificateThumbprint];
            int count = keys.Count(k => !string.IsNullOrWhiteSpace(k));
            if (count != 1)
            {
                failures.Add($"{N("Maskinporten:ClientId")} needs exactly one key: set one of {keyNames} ({count} set).");
            }

            foreach (string key in new[] { "Maskinporten:JwkPath", "Maskinporten:KeyPath", "Maskinporten:CertificatePath" })
            {
                string? path = key switch { "Maskinporten:JwkPath" => mp.JwkPath, "Maskinporten:KeyPath" => mp.KeyPath, _ => mp.CertificatePath };
                if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path)) failures.Add($"{N(key)}: the file '{path}' does not exist.");
            }

            if (!string.IsNullOrWhiteSpace(mp.KeyPath) && string.IsNullOrWhiteSpace(mp.KeyId))
            {
                failures.Add($"{N("Maskinporten:KeyPath")} is a PEM key, which carries no key id: set {N("Maskinporten:KeyId")} to the kid registered on the Maskinporten client.");
            }

            if ((!string.IsNullOrWhiteSpace(mp.CertificatePath) || !string.IsNullOrWhiteSpace(mp.CertificateThumbprint)) && !mp.SendCertificateChain && string.IsNullOrWhiteSpace(mp.KeyId))
            {
                failures.Add($"A certificate needs either {N("Maskinporten:KeyId")} (the key id registered at Maskinporten) or {N("Maskinporten:SendCertificateChain")} = true (an enterprise certificate sent in x5c).");
            }

            if (options.Scopes.Count == 0)
            {
                failures.Add($"{N("Scopes")} is empty: list the Maskinporten scopes to ask for, for example altinn:serviceowner/instances.read.");
            }

            if (!environmentRegistered && AltinnEnvironment.TryParse(options.Environment, out var environment))
            {
                if (environment.MaskinportenIssuer is null && string.IsNullOrWhiteSpace(mp.Issuer))
                {
                    failures.Add(
                        $"{N("Environment")} {environment.PlatformBaseUrl} is a URL, so the Maskinporten that issues its tokens must be named: set {N("Maskinporten:Issuer")} "
                        + $"(for the SDK's emulator: {environment.PlatformBaseUrl}maskinporten/), or use {N("Token")}.");
                }
                else if (environment.MaskinportenIssuer is not null && !string.IsNullOrWhiteSpace(mp.Issuer))
                {
                    failures.Add($"{N("Maskinporten:Issuer")} is only for a URL environment; '{environment.Name}' has its own Maskinporten ({environment.MaskinportenIssuer}).");
                }
                else if (!string.IsNullOrWhiteSpace(mp.Issuer) && !IsLocalIssuer(environment, mp.Issuer!, out string? why))
                {
                    failures.Add($"{N("Maskinporten:Issuer")}: {why}");
                }
            }
        }

        if (options.Scopes.Any(s => string.IsNullOrWhiteSpace(s) || s.Any(char.IsWhiteSpace)))
        {
            failures.Add($"{N("Scopes")} must be single words such as altinn:serviceowner/instances.read; put each scope in its own entry.");
        }

        if (mp.ConsumerOrganisation is not null && !OrganisationNumber.IsValid(mp.ConsumerOrganisation))
        {
            failures.Add($"{N("Maskinporten:ConsumerOrganisation")} '{mp.ConsumerOrganisation}' is not a 9-digit organisation number.");
        }

        var systemUser = options.SystemUser;
        if (!string.IsNullOrWhiteSpace(systemUser.OrganisationNumber) && !OrganisationNumber.IsValid(systemUser.OrganisationNumber))
        {
            failures.Add($"{N("SystemUser:OrganisationNumber")} '{systemUser.OrganisationNumber}' is not an organisation number (9 digits with a valid check digit).");
        }
        else if (string.IsNullOrWhiteSpace(systemUser.OrganisationNumber) && !string.IsNullOrWhiteSpace(systemUser.ExternalReference))
        {
            failures.Add($"{N("SystemUser:ExternalReference")} needs {N("SystemUser:OrganisationNumber")} (the customer's organisation number).");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{N("MaxRetries")} must be between 0 and 10 ({options.MaxRetries} given).");
        }

        // Polly's timeout strategy takes 10 ms to 24 hours.
        if (options.AttemptTimeout < TimeSpan.FromMilliseconds(10) || options.AttemptTimeout > TimeSpan.FromHours(24))
        {
            failures.Add($"{N("AttemptTimeout")} must be between 10 milliseconds and 24 hours ({options.AttemptTimeout} given); the default is 00:01:40.");
        }

        if (options.TotalTimeout < options.AttemptTimeout || options.TotalTimeout > TimeSpan.FromHours(24))
        {
            failures.Add($"{N("TotalTimeout")} must be at least {N("AttemptTimeout")} ({options.AttemptTimeout}) and at most 24 hours ({options.TotalTimeout} given); the default is 00:05:00.");
        }

        if (options.ReadIdleTimeout < TimeSpan.FromMilliseconds(10) || options.ReadIdleTimeout > TimeSpan.FromHours(24))
        {
            failures.Add($"{N("ReadIdleTimeout")} must be between 10 milliseconds and 24 hours ({options.ReadIdleTimeout} given); the default is 00:01:40.");
        }

        if (options.MaxResponseBytes < 64 * 1024)
        {
            failures.Add($"{N("MaxResponseBytes")} must be at least 65536 (64 KiB) ({options.MaxResponseBytes} given); the default is {Altinn.Sdk.Internal.ResponseBody.DefaultMaxBytes} (16 MiB).");
        }

        return failures;
    }

    private static bool IsLocalIssuer(AltinnEnvironment environment, string issuer, out string? why)
    {
        why = null;
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri))
        {
            why = $"'{issuer}' is not an absolute URL.";
            return false;
        }

        try
        {
            _ = AltinnEnvironment.Local(environment.PlatformBaseUrl, uri);
            return true;
        }
        catch (ArgumentException e)
        {
            why = e.Message;
            return false;
        }
    }
}
