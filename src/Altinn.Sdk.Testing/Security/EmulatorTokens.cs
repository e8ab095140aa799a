using System.Buffers.Text;
using System.Security.Cryptography;

namespace Altinn.Sdk.Testing.Security;

/// <summary>
/// Issues and validates the emulator's Altinn-shaped tokens: compact JWTs signed with RS256 by a key made at start.
/// Validation checks the signature, the issuer and the expiry with Altinn's 10 s clock skew.
/// </summary>
internal sealed class EmulatorTokens : IDisposable
{
    private static readonly TimeSpan s_clockSkew = TimeSpan.FromSeconds(10);
    private readonly RSA _key = RSA.Create(2048);
    private readonly TimeProvider _clock;

    public EmulatorTokens(string issuer, TimeProvider clock)
    {
        Issuer = issuer;
        _clock = clock;
        KeyId = Convert.ToHexString(SHA256.HashData(_key.ExportSubjectPublicKeyInfo()))[..16];
    }

    /// <summary>The issuer, <c>{base}/authentication/api/v1/openid/</c>, as Altinn's tokens carry it.</summary>
    public string Issuer { get; }

    /// <summary>The signing key's id (a hash of the public key).</summary>
    public string KeyId { get; }

    /// <summary>The public key, for the JWKS endpoint.</summary>
    public RSAParameters PublicKey => _key.ExportParameters(false);

    /// <summary>Issues a token with the given claims plus <c>iss</c>, <c>iat</c>, <c>nbf</c>, <c>exp</c> and <c>sid</c>.</summary>
    /// <param name="writeClaims">Writes the token's own claims into the payload object.</param>
    /// <param name="lifetime">How long the token lives.</param>
    public string Issue(Action<Utf8JsonWriter> writeClaims, TimeSpan lifetime)
    {
        long now = _clock.GetUtcNow().ToUnixTimeSeconds();
        byte[] header = Json(w =>
        {
            w.WriteString("alg", "RS256");
            w.WriteString("typ", "JWT");
            w.WriteString("kid", KeyId);
        });
        byte[] payload = Json(w =>
        {
            writeClaims(w);
            w.WriteString("sid", Guid.NewGuid().ToString());
            w.WriteString("iss", Issuer);
            w.WriteNumber("iat", now);
            w.WriteNumber("nbf", now);
            w.WriteNumber("exp", now + (long)lifetime.TotalSeconds);
        });
        string signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload);
        byte[] signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Validates a token; on success returns its payload (a cloned element).</summary>
    public bool TryValidate(string token, out JsonElement payload, out string error)
    {
        payload = default;
        string[] parts = token.Split('.');
        if (parts.Length != 3)
        {
            error = "the token is not a compact JWT";
            return false;
        }

        try
        {
            byte[] signature = Base64Url.DecodeFromChars(parts[2]);
            if (!_key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                error = "the token's signature is not the emulator's";
                return false;
            }

            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            payload = document.RootElement.Clone();
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            error = "the token cannot be read";
            return false;
        }

        if (!payload.TryGetProperty("iss", out var iss) || iss.GetString() != Issuer)
        {
            error = "the token was issued for another environment";
            return false;
        }

        if (!payload.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number
            || DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64()) + s_clockSkew < _clock.GetUtcNow())
        {
            error = "the token has expired";
            return false;
        }

        error = string.Empty;
        return true;
    }

    public void Dispose() => _key.Dispose();

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
