using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Altinn.Sdk;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Checks <see cref="AltinnOptions"/> at start, naming the setting that is wrong and how to fix it.</summary>
internal sealed class AltinnOptionsValidator(bool credentialRegistered, bool environmentRegistered) : IValidateOptions<AltinnOptions>
{
    public ValidateOptionsResult Validate(string? name, AltinnOptions options)
    {
        var failures = new List<string>();
        const string P = AltinnOptions.SectionName + ":";

        // An AltinnEnvironment registered in the service collection wins over the setting.
        if (!environmentRegistered && string.IsNullOrWhiteSpace(options.Environment))
        {
            failures.Add($"{P}Environment is not set: use prod, tt02, at22, at23, at24, yt01 or the base URL of an emulator.");
        }
        else if (!environmentRegistered && !AltinnEnvironment.TryParse(options.Environment, out _))
        {
            failures.Add($"{P}Environment '{options.Environment}' is unknown: use prod, tt02, at22, at23, at24, yt01 or an absolute URL (HTTPS, or HTTP on loopback).");
        }

        var mp = options.Maskinporten;
        bool maskinporten = !string.IsNullOrWhiteSpace(mp.ClientId);
        bool token = !string.IsNullOrWhiteSpace(options.Token);
        int ways = (maskinporten ? 1 : 0) + (token ? 1 : 0) + (credentialRegistered ? 1 : 0);
        if (ways == 0)
        {
            failures.Add($"No credentials: set {P}Maskinporten:ClientId with one key ({P}Maskinporten:Jwk, :JwkPath or :CertificatePath), or {P}Token, or register an AltinnCredential before AddAltinn.");
        }
        else if (ways > 1)
        {
            var given = new[] { maskinporten ? $"{P}Maskinporten:ClientId" : null, token ? $"{P}Token" : null, credentialRegistered ? "a registered AltinnCredential" : null };
            failures.Add($"Contradictory credentials: {string.Join(" and ", given.Where(g => g is not null))} are all set; keep exactly one.");
        }

        if (maskinporten)
        {
            int keys = new[] { mp.Jwk, mp.JwkPath, mp.CertificatePath }.Count(k => !string.IsNullOrWhiteSpace(k));
            if (keys != 1)
            {
                failures.Add($"{P}Maskinporten needs exactly one key: set one of :Jwk, :JwkPath or :CertificatePath ({keys} set).");
            }

            if (!string.IsNullOrWhiteSpace(mp.JwkPath) && !File.Exists(mp.JwkPath))
            {
                failures.Add($"{P}Maskinporten:JwkPath '{mp.JwkPath}' does not exist.");
            }

            if (!string.IsNullOrWhiteSpace(mp.CertificatePath) && !File.Exists(mp.CertificatePath))
            {
                failures.Add($"{P}Maskinporten:CertificatePath '{mp.CertificatePath}' does not exist.");
            }

            if (!string.IsNullOrWhiteSpace(mp.CertificatePath) && !mp.SendCertificateChain && string.IsNullOrWhiteSpace(mp.KeyId))
            {
                failures.Add($"{P}Maskinporten:CertificatePath needs either :KeyId (the key id registered at Maskinporten) or :SendCertificateChain = true.");
            }

            if (options.Scopes.Count == 0)
            {
                failures.Add($"{P}Scopes is empty: list the Maskinporten scopes to ask for, for example altinn:serviceowner/instances.read.");
            }

            if (options.Scopes.Any(s => string.IsNullOrWhiteSpace(s) || s.Any(char.IsWhiteSpace)))
            {
                failures.Add($"{P}Scopes must be single words such as altinn:serviceowner/instances.read; put each scope in its own entry.");
            }

            if (mp.ConsumerOrganisation is not null && !OrganisationNumber.IsValid(mp.ConsumerOrganisation))
            {
                failures.Add($"{P}Maskinporten:ConsumerOrganisation '{mp.ConsumerOrganisation}' is not a 9-digit organisation number.");
            }

            if (!environmentRegistered && AltinnEnvironment.TryParse(options.Environment, out var environment) && environment.MaskinportenIssuer is null)
            {
                failures.Add($"{P}Environment '{options.Environment}' has no Maskinporten; use {P}Token or a registered AltinnCredential with it.");
            }
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{P}MaxRetries must be between 0 and 10 ({options.MaxRetries} given).");
        }

        if (options.MaxResponseBytes < 64 * 1024)
        {
            failures.Add($"{P}MaxResponseBytes must be at least 65536 (64 KiB) ({options.MaxResponseBytes} given); the default is {Altinn.Sdk.Internal.ResponseBody.DefaultMaxBytes} (16 MiB).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
