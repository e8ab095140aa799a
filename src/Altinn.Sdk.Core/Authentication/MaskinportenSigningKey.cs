using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Altinn.Sdk.Authentication;

/// <summary>
/// The key a <see cref="MaskinportenCredential"/> signs its grants with (RS256), and how the grant names it:
/// by <c>kid</c> (a key registered on the Maskinporten client) or by <c>x5c</c> (an enterprise certificate).
/// </summary>
/// <remarks>
/// Create one with <see cref="FromJwk"/>, <see cref="FromPem"/>, <see cref="FromRsa"/>, <see cref="FromCertificate(X509Certificate2)"/>,
/// <see cref="FromCertificate(X509Certificate2, string)"/> or, for a key in an HSM or a key vault,
/// <see cref="FromSigner"/>.
/// </remarks>
public abstract class MaskinportenSigningKey
{
    private protected MaskinportenSigningKey(string? keyId, string? certificate)
    {
        KeyId = keyId;
        CertificateBase64 = certificate;
    }

    /// <summary>The <c>kid</c> sent in the grant header, or null when the grant carries the certificate (<c>x5c</c>) instead.</summary>
    public string? KeyId { get; }

    /// <summary>Whether the grant header carries the certificate (<c>x5c</c>) rather than a key id.</summary>
    public bool SendsCertificate => CertificateBase64 is not null;

    /// <summary>The certificate for <c>x5c</c>: base64 (not base64url) of its DER encoding.</summary>
    internal string? CertificateBase64 { get; }

    /// <summary>
    /// A private RSA key as a JSON Web Key (<c>kty</c> RSA with <c>n</c>, <c>e</c>, <c>d</c>, <c>p</c>, <c>q</c>,
    /// <c>dp</c>, <c>dq</c>, <c>qi</c>), as Samarbeidsportalen lets you register on a client. Grants name it by
    /// <c>kid</c>.
    /// </summary>
    /// <param name="jwkJson">The JWK as JSON, private parts included.</param>
    /// <param name="keyId">The key id registered on the client; when null the JWK's own <c>kid</c> is used.</param>
    /// <exception cref="ArgumentException">The JSON is not a private RSA JWK, or no key id is given and the JWK has none.</exception>
    public static MaskinportenSigningKey FromJwk(string jwkJson, string? keyId = null)
    {
        if (jwkJson is null) throw new ArgumentNullException(nameof(jwkJson));
        if (keyId is not null && string.IsNullOrWhiteSpace(keyId)) throw new ArgumentException("A key id must not be blank; pass null to use the JWK's kid.", nameof(keyId));

        RSAParameters parameters;
        string? jwkKeyId;
        try
        {
            using var document = JsonDocument.Parse(jwkJson);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new ArgumentException("The JWK must be a JSON object.", nameof(jwkJson));
            string? kty = GetString(root, "kty");
            if (!string.Equals(kty, "RSA", StringComparison.Ordinal))
            {
                throw new ArgumentException($"The JWK has kty '{kty}', but Maskinporten grants are signed with RS256 and need an RSA key (kty 'RSA').", nameof(jwkJson));
            }

            if (GetString(root, "d") is null)
            {
                throw new ArgumentException("The JWK has no private part ('d'): give the private key, not the public key registered on the client.", nameof(jwkJson));
            }

            byte[] modulus = RequiredBytes(nameof(jwkJson), root, "n");
            int half = (modulus.Length + 1) / 2;
            parameters = new RSAParameters
            {
                Modulus = modulus,
                Exponent = RequiredBytes(nameof(jwkJson), root, "e"),
                D = Pad(RequiredBytes(nameof(jwkJson), root, "d"), modulus.Length),
                P = Pad(RequiredBytes(nameof(jwkJson), root, "p"), half),
                Q = Pad(RequiredBytes(nameof(jwkJson), root, "q"), half),
                DP = Pad(RequiredBytes(nameof(jwkJson), root, "dp"), half),
                DQ = Pad(RequiredBytes(nameof(jwkJson), root, "dq"), half),
                InverseQ = Pad(RequiredBytes(nameof(jwkJson), root, "qi"), half),
            };
            jwkKeyId = GetString(root, "kid");
        }
        catch (JsonException exception)
        {
            throw new ArgumentException("The JWK is not valid JSON.", nameof(jwkJson), exception);
        }
        catch (FormatException exception)
        {
            throw new ArgumentException("A JWK member is not valid base64url.", nameof(jwkJson), exception);
        }

        string kid = keyId ?? jwkKeyId
            ?? throw new ArgumentException("The JWK has no 'kid': pass the key id registered on the Maskinporten client as keyId.", nameof(keyId));

        RSA rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(parameters);
        }
        catch (CryptographicException exception)
        {
            rsa.Dispose();
            throw new ArgumentException("The JWK is not a consistent RSA private key.", nameof(jwkJson), exception);
        }

        return new RsaKey(rsa, kid, certificate: null);
    }

    /// <summary>
    /// An enterprise certificate (virksomhetssertifikat) with its private key; grants carry the certificate in
    /// <c>x5c</c>. Production certificates are not accepted by test Maskinporten.
    /// </summary>
    /// <param name="certificate">The certificate, with an RSA private key.</param>
    /// <exception cref="ArgumentException">The certificate has no RSA private key.</exception>
    public static MaskinportenSigningKey FromCertificate(X509Certificate2 certificate)
    {
        if (certificate is null) throw new ArgumentNullException(nameof(certificate));
        return new RsaKey(PrivateKey(certificate), keyId: null, Convert.ToBase64String(certificate.RawData));
    }

    /// <summary>
    /// A certificate whose key is registered on the Maskinporten client under <paramref name="keyId"/>; grants
    /// name it by <c>kid</c> and do not carry the certificate.
    /// </summary>
    /// <param name="certificate">The certificate, with an RSA private key.</param>
    /// <param name="keyId">The key id registered on the client.</param>
    /// <exception cref="ArgumentException">The certificate has no RSA private key, or the key id is blank.</exception>
    public static MaskinportenSigningKey FromCertificate(X509Certificate2 certificate, string keyId)
    {
        if (certificate is null) throw new ArgumentNullException(nameof(certificate));
        RequireKeyId(keyId);
        return new RsaKey(PrivateKey(certificate), keyId, certificate: null);
    }

    /// <summary>
    /// A private RSA key in PEM (a <c>PRIVATE KEY</c> block, PKCS#8, or an <c>RSA PRIVATE KEY</c> block,
    /// PKCS#1), as <c>openssl genrsa</c> writes it. A PEM key carries no key id, so it is given.
    /// </summary>
    /// <param name="pem">The PEM text; unencrypted.</param>
    /// <param name="keyId">The key id registered on the Maskinporten client.</param>
    /// <exception cref="ArgumentException">The text holds no unencrypted RSA private key, or the key id is blank.</exception>
    public static MaskinportenSigningKey FromPem(string pem, string keyId)
    {
        if (pem is null) throw new ArgumentNullException(nameof(pem));
        RequireKeyId(keyId);
        RSA rsa = RSA.Create();
        try
        {
            rsa.ImportParameters(PemRsaKey.Read(pem));
        }
        catch (CryptographicException exception)
        {
            rsa.Dispose();
            throw new ArgumentException("The PEM is not a consistent RSA private key.", nameof(pem), exception);
        }

        return new RsaKey(rsa, keyId, certificate: null);
    }

    /// <summary>
    /// An RSA key you hold yourself (for example from a key store); grants name it by <c>kid</c>. The signing key uses
    /// <paramref name="rsa"/> as is: keep it undisposed while the key is in use.
    /// </summary>
    /// <param name="rsa">The RSA key with its private part.</param>
    /// <param name="keyId">The key id registered on the Maskinporten client.</param>
    /// <exception cref="ArgumentException">The key id is blank.</exception>
    public static MaskinportenSigningKey FromRsa(RSA rsa, string keyId)
    {
        if (rsa is null) throw new ArgumentNullException(nameof(rsa));
        RequireKeyId(keyId);
        return new RsaKey(rsa, keyId, certificate: null);
    }

    /// <summary>
    /// A key that never leaves an HSM or a key vault: the callback gets the bytes to sign (the JWS signing input)
    /// and returns the RS256 signature (RSASSA-PKCS1-v1_5 with SHA-256). Grants name the key by <c>kid</c>.
    /// </summary>
    /// <param name="keyId">The key id registered on the Maskinporten client.</param>
    /// <param name="signRs256">Signs the data with RS256; may be called concurrently.</param>
    /// <exception cref="ArgumentException">The key id is blank.</exception>
    public static MaskinportenSigningKey FromSigner(string keyId, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> signRs256)
    {
        RequireKeyId(keyId);
        if (signRs256 is null) throw new ArgumentNullException(nameof(signRs256));
        return new CallbackKey(keyId, signRs256);
    }

    /// <summary>Signs the JWS signing input with RS256.</summary>
    internal abstract ValueTask<byte[]> SignAsync(byte[] data, CancellationToken cancellationToken);

    /// <summary>Describes the key without revealing it.</summary>
    public override string ToString() => SendsCertificate ? "MaskinportenSigningKey(x5c)" : $"MaskinportenSigningKey(kid {KeyId})";

    private static void RequireKeyId(string keyId)
    {
        if (keyId is null) throw new ArgumentNullException(nameof(keyId));
        if (string.IsNullOrWhiteSpace(keyId)) throw new ArgumentException("A key id must not be blank: give the kid registered on the Maskinporten client.", nameof(keyId));
    }

    private static RSA PrivateKey(X509Certificate2 certificate) =>
        certificate.GetRSAPrivateKey()
        ?? throw new ArgumentException(
            $"The certificate '{certificate.Subject}' has no RSA private key: load it with its private key (for example from a .p12/.pfx file).",
            nameof(certificate));

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] RequiredBytes(string parameterName, JsonElement element, string name)
    {
        string value = GetString(element, name)
            ?? throw new ArgumentException($"The JWK lacks '{name}': a private RSA JWK has n, e, d, p, q, dp, dq and qi.", parameterName);
        return JwtFormat.Base64UrlDecode(value);
    }

    private static byte[] Pad(byte[] value, int length)
    {
        if (value.Length >= length) return value;
        byte[] padded = new byte[length];
        Buffer.BlockCopy(value, 0, padded, length - value.Length, value.Length);
        return padded;
    }

    private sealed class RsaKey : MaskinportenSigningKey
    {
        private readonly RSA _rsa;
        private readonly object _sync = new();

        public RsaKey(RSA rsa, string? keyId, string? certificate)
            : base(keyId, certificate)
        {
            _rsa = rsa;
        }

        internal override ValueTask<byte[]> SignAsync(byte[] data, CancellationToken cancellationToken)
        {
            // RSA instances are not documented as thread-safe; signing takes about a millisecond.
            lock (_sync)
            {
                return new ValueTask<byte[]>(_rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            }
        }
    }

    private sealed class CallbackKey : MaskinportenSigningKey
    {
        private readonly Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> _sign;

        public CallbackKey(string keyId, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> sign)
            : base(keyId, certificate: null)
        {
            _sign = sign;
        }

        internal override ValueTask<byte[]> SignAsync(byte[] data, CancellationToken cancellationToken) => _sign(data, cancellationToken);
    }
}
