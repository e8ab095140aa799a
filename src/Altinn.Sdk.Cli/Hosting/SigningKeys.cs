using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Altinn.Sdk.Authentication;

namespace Altinn.Sdk.Cli.Hosting;

/// <summary>
/// Loads the Maskinporten client's key from the one file the settings name: a private JWK (<c>jwkPath</c>), a PEM
/// RSA private key (<c>keyPath</c>, with <c>keyId</c>), or an enterprise certificate with its key
/// (<c>certificatePath</c>: .p12/.pfx with <c>certificatePassword</c>, or PEM holding both).
/// </summary>
internal static class SigningKeys
{
    private static readonly string[] s_keySettings = ["maskinporten.jwkPath", "maskinporten.keyPath", "maskinporten.certificatePath"];

    /// <summary>Loads the key; warns when its file is open to others than its owner.</summary>
    /// <exception cref="CliUsageException">No key, more than one, a missing file, or a file that is not a usable key; the message names the setting.</exception>
    public static MaskinportenSigningKey Load(SettingsLayer layer, CliOutput output)
    {
        string[] given = s_keySettings.Where(layer.Has).ToArray();
        if (given.Length != 1)
        {
            string names = string.Join(", ", s_keySettings.Select(layer.NameOf));
            throw new CliUsageException(given.Length == 0
                ? $"The Maskinporten client {layer.NameOf("maskinporten.clientId")} needs its key: set one of {names}."
                : $"The Maskinporten client has {given.Length} keys ({string.Join(" and ", given.Select(layer.NameOf))}); set exactly one of {names}.");
        }

        string setting = given[0];
        string path = layer.GetPath(setting)!;
        if (!File.Exists(path)) throw new CliUsageException($"{layer.NameOf(setting)}: the file '{path}' does not exist.");
        SecretFiles.WarnIfOpen(output, path, layer.NameOf(setting));
        string? keyId = layer.Get("maskinporten.keyId");
        try
        {
            return setting switch
            {
                "maskinporten.jwkPath" => MaskinportenSigningKey.FromJwk(File.ReadAllText(path), keyId),
                "maskinporten.keyPath" => FromPemKey(layer, path, keyId),
                _ => FromCertificate(path, layer.Get("maskinporten.certificatePassword"), keyId),
            };
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"{layer.NameOf(setting)} ('{path}') is not a usable key: {e.Message}");
        }
    }

    private static MaskinportenSigningKey FromPemKey(SettingsLayer layer, string path, string? keyId)
    {
        if (keyId is null)
        {
            throw new CliUsageException($"{layer.NameOf("maskinporten.keyPath")} is a PEM key, which carries no key id: set {layer.NameOf("maskinporten.keyId")} to the kid registered on the Maskinporten client.");
        }

        using RSA rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(path));
        return MaskinportenSigningKey.FromJwk(ToPrivateJwk(rsa.ExportParameters(includePrivateParameters: true)), keyId);
    }

    private static MaskinportenSigningKey FromCertificate(string path, string? password, string? keyId)
    {
        string extension = Path.GetExtension(path).ToUpperInvariant();
        X509Certificate2 certificate = extension is ".PEM" or ".CRT" or ".CER"
            ? X509Certificate2.CreateFromPemFile(path)
            : Pkcs12Files.Load(path, password);

        // With a key id the grant names the key (kid); without, it carries the certificate (x5c).
        return keyId is null ? MaskinportenSigningKey.FromCertificate(certificate) : MaskinportenSigningKey.FromCertificate(certificate, keyId);
    }

    /// <summary>Core reads keys as JWK; a PEM key is handed over in that form.</summary>
    private static string ToPrivateJwk(RSAParameters key)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kty", "RSA");
            Write(writer, "n", key.Modulus);
            Write(writer, "e", key.Exponent);
            Write(writer, "d", key.D);
            Write(writer, "p", key.P);
            Write(writer, "q", key.Q);
            Write(writer, "dp", key.DP);
            Write(writer, "dq", key.DQ);
            Write(writer, "qi", key.InverseQ);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, string name, byte[]? value) =>
        writer.WriteString(name, Base64Url.EncodeToString(value ?? throw new ArgumentException($"The RSA key has no '{name}': it is not a private key.")));
}
