using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Altinn.Sdk.Testing.Authentication;

/// <summary>
/// Maskinporten as the emulator plays it: registered clients with their keys or certificates, the JWT-bearer
/// grant checked by Maskinporten's rules, and access tokens signed by an issuer of its own
/// (<c>{base}/maskinporten/</c>) that the emulated exchange trusts.
/// </summary>
internal sealed class EmulatedMaskinporten(EmulatorContext emulator) : IDisposable
{
    /// <summary>The grant type of RFC 7523.</summary>
    public const string JwtBearerGrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    /// <summary>How long access tokens live (Maskinporten's default for a client).</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(120);

    private const int MaxGrantLifetimeSeconds = 120;
    private static readonly TimeSpan s_clockSkew = TimeSpan.FromSeconds(10);
    private static readonly HashSet<string> s_allowedClaims = new(StringComparer.Ordinal)
    {
        "aud", "iss", "iat", "exp", "jti", "scope", "resource", "consumer_org", "authorization_details",
    };

    private readonly object _gate = new();
    private readonly Dictionary<string, Client> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _usedJtis = new(StringComparer.Ordinal);
    private EmulatorTokens? _tokens;

    /// <summary>The token service of the Maskinporten issuer (made once the emulator knows its base URL).</summary>
    public EmulatorTokens Tokens
    {
        get
        {
            lock (_gate) return _tokens ??= new EmulatorTokens(emulator.MaskinportenIssuer.AbsoluteUri, emulator.Clock);
        }
    }

    /// <summary>Registers a public RSA key on a client (adding to its keys), and sets its scopes when given.</summary>
    public void RegisterKey(string clientId, string organisationNumber, string keyId, RSAParameters publicKey, IReadOnlyCollection<string> scopes)
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = publicKey.Modulus, Exponent = publicKey.Exponent });
        lock (_gate)
        {
            var client = ClientFor(clientId, organisationNumber, scopes);
            if (client.Keys.Remove(keyId, out var old)) old.Dispose();
            client.Keys[keyId] = rsa;
        }
    }

    /// <summary>Registers a certificate (its public part) on a client, and sets its scopes when given.</summary>
    public void RegisterCertificate(string clientId, string organisationNumber, X509Certificate2 certificate, IReadOnlyCollection<string> scopes)
    {
        var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
        lock (_gate)
        {
            var client = ClientFor(clientId, organisationNumber, scopes);
            client.Certificates.Add(publicOnly);
        }
    }

    /// <summary>Checks a grant and, when it is good, issues an access token.</summary>
    /// <returns>The token response, or an OAuth error (<c>error</c>, <c>error_description</c>).</returns>
    public TokenResult Grant(string? grantType, string? assertion)
    {
        if (grantType != JwtBearerGrantType)
        {
            return TokenResult.Fail("unsupported_grant_type", $"Unsupported grant type '{grantType}': use {JwtBearerGrantType}.");
        }

        if (string.IsNullOrWhiteSpace(assertion)) return TokenResult.Fail("invalid_request", "Missing assertion.");

        string[] parts = assertion.Split('.');
        JsonElement header;
        JsonElement claims;
        byte[] signature;
        try
        {
            if (parts.Length != 3) return Invalid("The assertion is not a signed JWT (JWS compact serialisation).");
            header = Parse(parts[0]);
            claims = Parse(parts[1]);
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return Invalid("The assertion cannot be read as a JWT.");
        }

        if (header.ValueKind != JsonValueKind.Object || claims.ValueKind != JsonValueKind.Object) return Invalid("The JWT header and claims must be JSON objects.");
        HashAlgorithmName? hash = String(header, "alg") switch
        {
            "RS256" => HashAlgorithmName.SHA256,
            "RS384" => HashAlgorithmName.SHA384,
            "RS512" => HashAlgorithmName.SHA512,
            _ => null,
        };
        if (hash is null) return Invalid($"Unsupported signing algorithm '{String(header, "alg")}': use RS256.");

        string? clientId = String(claims, "iss");
        if (clientId is null) return Invalid("The claim 'iss' (the client id) is missing.");
        Client? client;
        lock (_gate) client = _clients.GetValueOrDefault(clientId);
        if (client is null) return TokenResult.Fail("invalid_client", $"Invalid client: no client '{clientId}' is registered (register it with AltinnEmulator.RegisterMaskinportenClient).");

        // The key: a registered key by kid, or a registered certificate sent in x5c.
        RSA? key;
        X509Certificate2? sentCertificate = null;
        string clientAmr;
        if (header.TryGetProperty("x5c", out var x5c))
        {
            if (x5c.ValueKind != JsonValueKind.Array || x5c.GetArrayLength() == 0 || x5c[0].ValueKind != JsonValueKind.String) return Invalid("x5c must be an array of base64 DER certificates.");
            try
            {
                sentCertificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(x5c[0].GetString()!));
            }
            catch (Exception e) when (e is FormatException or CryptographicException)
            {
                return Invalid("The certificate in x5c cannot be read.");
            }

            lock (_gate)
            {
                if (!client.Certificates.Any(c => c.RawData.AsSpan().SequenceEqual(sentCertificate.RawData)))
                {
                    string subject = sentCertificate.Subject;
                    sentCertificate.Dispose();
                    return Invalid($"Client authentication failed: the certificate '{subject}' is not registered on client '{clientId}'.");
                }
            }

            var now = emulator.Clock.GetUtcNow();
            if (now < sentCertificate.NotBefore.ToUniversalTime() || now > sentCertificate.NotAfter.ToUniversalTime())
            {
                sentCertificate.Dispose();
                return Invalid("Invalid certificate: it is not valid now.");
            }

            key = sentCertificate.GetRSAPublicKey();
            clientAmr = "virksomhetssertifikat";
        }
        else if (String(header, "kid") is { } kid)
        {
            lock (_gate) key = client.Keys.GetValueOrDefault(kid);
            if (key is null) return Invalid($"Client authentication failed: no key with kid '{kid}' is registered on client '{clientId}'.");
            clientAmr = "private_key_jwt";
        }
        else
        {
            return Invalid("The JWT header must name the key by 'kid' or carry the certificate in 'x5c'.");
        }

        bool verified;
        try
        {
            byte[] signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            verified = key is not null && (sentCertificate is null
                ? VerifyShared(key, signed, signature, hash.Value)
                : key.VerifyData(signed, signature, hash.Value, RSASignaturePadding.Pkcs1));
        }
        finally
        {
            if (sentCertificate is not null)
            {
                key?.Dispose();
                sentCertificate.Dispose();
            }
        }

        if (!verified) return Invalid("Client authentication failed: the signature does not verify with the client's registered key.");

        foreach (var claim in claims.EnumerateObject())
        {
            if (!s_allowedClaims.Contains(claim.Name)) return Invalid($"The claim '{claim.Name}' is not allowed in a grant.");
        }

        string issuer = emulator.MaskinportenIssuer.AbsoluteUri;
        if (!claims.TryGetProperty("aud", out var aud) || aud.ValueKind != JsonValueKind.String || aud.GetString() != issuer)
        {
            return Invalid($"The audience (aud) must be the Maskinporten issuer '{issuer}', one value with the trailing slash.");
        }

        if (!TryNumber(claims, "iat", out long iat) || !TryNumber(claims, "exp", out long exp)) return Invalid("The claims 'iat' and 'exp' are required NumericDates.");
        if (exp <= iat) return Invalid("exp must be after iat.");
        if (exp - iat > MaxGrantLifetimeSeconds) return Invalid($"The grant lives {exp - iat} s: exp - iat must be at most {MaxGrantLifetimeSeconds} s.");
        var clock = emulator.Clock.GetUtcNow();
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(iat);
        if (DateTimeOffset.FromUnixTimeSeconds(exp) < clock) return Invalid("The grant has expired.");
        if ((issuedAt - clock).Duration() > s_clockSkew) return Invalid($"iat ({issuedAt:O}) is more than 10 s from Maskinporten's clock ({clock:O}).");

        string? scope = String(claims, "scope");
        if (string.IsNullOrWhiteSpace(scope)) return TokenResult.Fail("invalid_scope", "Missing scope.");
        string[] scopes = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (client.Scopes is { Count: > 0 } allowed && scopes.FirstOrDefault(s => !allowed.Contains(s)) is { } missing)
        {
            return TokenResult.Fail("invalid_scope", $"Invalid scope: the client '{clientId}' has not been granted '{missing}'.");
        }

        string[]? resources = null;
        if (claims.TryGetProperty("resource", out var resource))
        {
            resources = resource.ValueKind switch
            {
                JsonValueKind.String => [resource.GetString()!],
                JsonValueKind.Array when resource.EnumerateArray().All(r => r.ValueKind == JsonValueKind.String) => [.. resource.EnumerateArray().Select(r => r.GetString()!)],
                _ => null,
            };
            if (resources is null) return Invalid("resource must be an array of strings.");
        }

        string? consumerOrg = null;
        if (claims.TryGetProperty("consumer_org", out var consumerElement))
        {
            consumerOrg = consumerElement.ValueKind == JsonValueKind.String ? consumerElement.GetString() : null;
            if (!TestTokens.IsOrganisationNumber(consumerOrg)) return Invalid("consumer_org must be a 9-digit organisation number.");
        }

        (string Customer, string? ExternalRef)? systemUser = null;
        if (claims.TryGetProperty("authorization_details", out var details))
        {
            if (!TryReadSystemUser(details, out var customer, out string? externalRef, out string problem))
            {
                return TokenResult.Fail("invalid_authorization_details", problem);
            }

            systemUser = (customer, externalRef);
        }

        if (String(claims, "jti") is { } jti)
        {
            lock (_gate)
            {
                foreach (var expired in _usedJtis.Where(p => p.Value < clock).Select(p => p.Key).ToArray()) _usedJtis.Remove(expired);
                if (!_usedJtis.TryAdd(clientId + "\n" + jti, DateTimeOffset.FromUnixTimeSeconds(exp) + s_clockSkew))
                {
                    return Invalid("The jti has been used before: a grant can be used only once.");
                }
            }
        }

        string accessToken = Tokens.Issue(w =>
        {
            if (resources is not null)
            {
                if (resources.Length == 1)
                {
                    w.WriteString("aud", resources[0]);
                }
                else
                {
                    w.WriteStartArray("aud");
                    foreach (string r in resources) w.WriteStringValue(r);
                    w.WriteEndArray();
                }
            }

            w.WriteString("scope", string.Join(' ', scopes));
            w.WriteString("client_amr", clientAmr);
            w.WriteString("token_type", "Bearer");
            w.WriteString("client_id", clientId);
            w.WriteString("jti", Guid.NewGuid().ToString("N"));
            TestTokens.WriteConsumer(w, "consumer", consumerOrg ?? client.OrganisationNumber);
            if (consumerOrg is not null) TestTokens.WriteConsumer(w, "supplier", client.OrganisationNumber);
            if (systemUser is { } su)
            {
                TestTokens.WriteSystemUserDetails(w, su.Customer, su.ExternalRef, TestTokens.SystemUserId(su.Customer, su.ExternalRef), TestTokens.SystemId(client.OrganisationNumber));
            }
        }, TokenLifetime);

        return new TokenResult(accessToken, string.Join(' ', scopes), null, null);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _tokens?.Dispose();
            foreach (var client in _clients.Values)
            {
                foreach (var key in client.Keys.Values) key.Dispose();
                foreach (var certificate in client.Certificates) certificate.Dispose();
            }
        }
    }

    private static TokenResult Invalid(string reason) => TokenResult.Fail("invalid_grant", "Invalid assertion. " + reason);

    private Client ClientFor(string clientId, string organisationNumber, IReadOnlyCollection<string> scopes)
    {
        if (!_clients.TryGetValue(clientId, out var client))
        {
            client = new Client(organisationNumber);
            _clients[clientId] = client;
        }
        else if (client.OrganisationNumber != organisationNumber)
        {
            throw new ArgumentException($"The Maskinporten client '{clientId}' is registered for organisation {client.OrganisationNumber}, not {organisationNumber}.", nameof(organisationNumber));
        }

        if (scopes.Count > 0) client.Scopes = new HashSet<string>(scopes, StringComparer.Ordinal);
        return client;
    }

    private bool VerifyShared(RSA key, byte[] signed, byte[] signature, HashAlgorithmName hash)
    {
        lock (_gate) return key.VerifyData(signed, signature, hash, RSASignaturePadding.Pkcs1);
    }

    private static bool TryReadSystemUser(JsonElement details, out string customer, out string? externalRef, out string problem)
    {
        customer = string.Empty;
        externalRef = null;
        problem = "authorization_details must be an array with one object of type urn:altinn:systemuser "
            + "and systemuser_org {authority: iso6523-actorid-upis, ID: 0192:<organisation number>}.";
        if (details.ValueKind != JsonValueKind.Array || details.GetArrayLength() != 1) return false;
        var detail = details[0];
        if (detail.ValueKind != JsonValueKind.Object || String(detail, "type") != "urn:altinn:systemuser") return false;
        if (!detail.TryGetProperty("systemuser_org", out var org) || org.ValueKind != JsonValueKind.Object) return false;
        if (String(org, "authority") != "iso6523-actorid-upis" || String(org, "ID") is not { } id || !id.StartsWith("0192:", StringComparison.Ordinal)) return false;
        customer = id[5..];
        if (!TestTokens.IsOrganisationNumber(customer)) return false;
        if (detail.TryGetProperty("externalRef", out var reference))
        {
            if (reference.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(reference.GetString())) return false;
            externalRef = reference.GetString();
        }

        return true;
    }

    private static JsonElement Parse(string part)
    {
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(part));
        return document.RootElement.Clone();
    }

    private static string? String(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryNumber(JsonElement json, string name, out long value)
    {
        value = 0;
        return json.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }

    private sealed class Client(string organisationNumber)
    {
        public string OrganisationNumber { get; } = organisationNumber;

        public Dictionary<string, RSA> Keys { get; } = new(StringComparer.Ordinal);

        public List<X509Certificate2> Certificates { get; } = [];

        public IReadOnlySet<string>? Scopes { get; set; }
    }
}

/// <summary>The outcome of a token request: an access token, or an OAuth error.</summary>
internal sealed record TokenResult(string? AccessToken, string? Scope, string? Error, string? ErrorDescription)
{
    public static TokenResult Fail(string error, string description) => new(null, null, error, description);
}
