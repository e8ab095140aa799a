using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Altinn.Sdk.Testing.Tests.Platform;

/// <summary>Reads JWT payloads and signs hand-made Maskinporten grants, for tests that need grants the SDK would never send.</summary>
internal static class Jwt
{
    public static JsonElement Payload(string jwt)
    {
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[1]));
        return document.RootElement.Clone();
    }

    public static JsonElement Header(string jwt)
    {
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[0]));
        return document.RootElement.Clone();
    }

    /// <summary>A grant as the SDK makes it; <paramref name="change"/> may break it.</summary>
    public static string Grant(RSA key, string? kid, X509Certificate2? certificate, string clientId, Uri issuer, DateTimeOffset now, Action<JsonObject>? change = null)
    {
        var header = new JsonObject { ["alg"] = "RS256" };
        if (certificate is not null) header["x5c"] = new JsonArray(Convert.ToBase64String(certificate.RawData));
        else header["kid"] = kid;
        long iat = now.ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["aud"] = issuer.AbsoluteUri,
            ["iss"] = clientId,
            ["scope"] = "altinn:serviceowner/instances.read",
            ["iat"] = iat,
            ["exp"] = iat + 60,
            ["jti"] = Guid.NewGuid().ToString(),
        };
        change?.Invoke(claims);
        string input = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        byte[] signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + Base64Url.EncodeToString(signature);
    }

    public static async Task<(int Status, JsonElement Body)> PostGrantAsync(HttpClient http, AltinnEmulator emulator, string assertion)
    {
        using var response = await http.PostAsync(new Uri(emulator.MaskinportenIssuer, "token"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:jwt-bearer",
            ["assertion"] = assertion,
        }));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, document.RootElement.Clone());
    }

    public static X509Certificate2 SelfSignedCertificate(string subject = "CN=Emulator Test AS, O=Emulator Test AS, SERIALNUMBER=405003309")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }
}
