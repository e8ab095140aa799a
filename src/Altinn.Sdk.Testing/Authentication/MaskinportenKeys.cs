using System.Buffers.Text;
using System.Security.Cryptography;

namespace Altinn.Sdk.Testing.Authentication;

/// <summary>RSA JSON Web Keys for Maskinporten clients: reading the public part, and making new private keys.</summary>
internal static class MaskinportenKeys
{
    /// <summary>Reads the key id and public RSA key of a JWK (public or private).</summary>
    /// <exception cref="ArgumentException">The JSON is not an RSA JWK with <c>kid</c>, <c>n</c> and <c>e</c>.</exception>
    public static (string KeyId, RSAParameters PublicKey) ReadPublicJwk(string jwkJson)
    {
        try
        {
            using var document = JsonDocument.Parse(jwkJson);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || String(root, "kty") != "RSA") throw new ArgumentException("The JWK must be a JSON object with kty 'RSA'.", nameof(jwkJson));
            string keyId = String(root, "kid") ?? throw new ArgumentException("The JWK has no 'kid': Maskinporten names registered keys by kid.", nameof(jwkJson));
            byte[] modulus = Base64Url.DecodeFromChars(String(root, "n") ?? throw new ArgumentException("The JWK has no 'n'.", nameof(jwkJson)));
            byte[] exponent = Base64Url.DecodeFromChars(String(root, "e") ?? throw new ArgumentException("The JWK has no 'e'.", nameof(jwkJson)));
            return (keyId, new RSAParameters { Modulus = modulus, Exponent = exponent });
        }
        catch (JsonException e)
        {
            throw new ArgumentException("The JWK is not valid JSON.", nameof(jwkJson), e);
        }
        catch (FormatException e)
        {
            throw new ArgumentException("A JWK member is not valid base64url.", nameof(jwkJson), e);
        }
    }

    /// <summary>Makes a new 2048-bit RSA key and returns it as a private JWK with the given key id.</summary>
    public static string CreatePrivateJwk(string keyId)
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(true);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("kty", "RSA");
            w.WriteString("kid", keyId);
            w.WriteString("alg", "RS256");
            w.WriteString("use", "sig");
            w.WriteString("n", Base64Url.EncodeToString(p.Modulus));
            w.WriteString("e", Base64Url.EncodeToString(p.Exponent));
            w.WriteString("d", Base64Url.EncodeToString(p.D));
            w.WriteString("p", Base64Url.EncodeToString(p.P));
            w.WriteString("q", Base64Url.EncodeToString(p.Q));
            w.WriteString("dp", Base64Url.EncodeToString(p.DP));
            w.WriteString("dq", Base64Url.EncodeToString(p.DQ));
            w.WriteString("qi", Base64Url.EncodeToString(p.InverseQ));
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string? String(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
