using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using static Altinn.Sdk.Cli.Tests.EmulatorFixture;

namespace Altinn.Sdk.Cli.Tests;

/// <summary>
/// Key files and the config file hold secrets: as ssh does, the CLI warns when one is open to its group or others
/// (Unix permissions; Windows has none of these), without printing what the file holds. Certificates are loaded
/// with their key in memory only.
/// </summary>
[Collection(SharedEmulator.Name)]
public sealed class SecretFileTests(EmulatorFixture fixture) : IDisposable
{
    private const string Password = "p12-password-7";

    private readonly string _folder = Directory.CreateTempSubdirectory("altinn-cli-secrets-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("jwk")]
    [InlineData("pem")]
    [InlineData("p12")]
    public async Task A_key_file_others_may_read_gets_a_warning_that_shows_no_key_material(string kind)
    {
        (Dictionary<string, string> variables, string setting, string path, string[] secrets) = await KeyFileAsync(kind);

        SetMode(path, "644");
        CliRun open = await Cli.RunAsync(variables, "instances", "get", Demo(1));
        SetMode(path, "600");
        CliRun closed = await Cli.RunAsync(variables, "instances", "get", Demo(1));

        open.ExitCode.Should().Be(0, open.ToString());
        closed.ExitCode.Should().Be(0, closed.ToString());
        if (OperatingSystem.IsWindows())
        {
            open.Error.Should().BeEmpty("Windows has no Unix permissions to check");
        }
        else
        {
            open.Error.Should().Be($"altinn: warning: {setting} '{path}' is open to others than its owner (permissions 0644); it holds secrets: restrict it with chmod 600 '{path}'.\n");
            open.Error.Should().NotContainAny(secrets);
        }

        closed.Error.Should().BeEmpty("a key file only its owner may read gets no warning");
        closed.Output.Should().Be(open.Output, "the warning changes nothing else");
    }

    [Fact]
    public async Task A_config_file_others_may_read_gets_a_warning_that_shows_no_token()
    {
        string config = Path.Combine(_folder, "config.json");
        await File.WriteAllTextAsync(config, $$"""{"environment": "{{fixture.Url}}", "token": "{{fixture.Token}}"}""");

        SetMode(config, "640");
        CliRun open = await Cli.RunAsync("instances", "get", Demo(1), "--config", config);
        SetMode(config, "600");
        CliRun closed = await Cli.RunAsync("instances", "get", Demo(1), "--config", config);

        open.ExitCode.Should().Be(0, open.ToString());
        closed.ExitCode.Should().Be(0, closed.ToString());
        if (OperatingSystem.IsWindows())
        {
            open.Error.Should().BeEmpty("Windows has no Unix permissions to check");
        }
        else
        {
            open.Error.Should().StartWith($"altinn: warning: The config file '{config}' is open to others than its owner (permissions 0640)")
                .And.NotContain(fixture.Token);
        }

        closed.Error.Should().BeEmpty();
    }

    [Fact]
    public void A_certificate_s_key_is_kept_in_memory_only_where_the_platform_can()
    {
        Pkcs12Files.KeyStorage(isMacOS: false).Should().Be(X509KeyStorageFlags.EphemeralKeySet, "on Windows and Linux the key never touches a key store on disk");
        X509KeyStorageFlags macOS = Pkcs12Files.KeyStorage(isMacOS: true);
        macOS.HasFlag(X509KeyStorageFlags.EphemeralKeySet).Should().BeFalse("macOS refuses ephemeral keys (PlatformNotSupportedException)");
        macOS.HasFlag(X509KeyStorageFlags.PersistKeySet).Should().BeFalse("the key is not kept in a keychain after the process");
    }

    [Fact]
    public void A_certificate_file_loads_with_its_key_on_this_platform()
    {
        using var rsa = RSA.Create(2048);
        using var created = new CertificateRequest("CN=cli-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        string path = Path.Combine(_folder, "client.p12");
        File.WriteAllBytes(path, created.Export(X509ContentType.Pkcs12, Password));

        using X509Certificate2 loaded = Pkcs12Files.Load(path, Password);
        using RSA? key = loaded.GetRSAPrivateKey();

        key.Should().NotBeNull();
        byte[] data = "grant"u8.ToArray();
        rsa.VerifyData(data, key!.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .Should().BeTrue("the loaded key signs");
    }

    /// <summary>Sets a file's permissions, in octal as chmod takes them (Unix only).</summary>
    private static void SetMode(string path, string octal)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(octal, 8));
    }

    /// <summary>A Maskinporten client registered at the emulator with its key in a file of the given kind.</summary>
    private async Task<(Dictionary<string, string> Variables, string Setting, string Path, string[] Secrets)> KeyFileAsync(string kind)
    {
        string clientId = "cli-secret-" + kind;
        var variables = new Dictionary<string, string>
        {
            ["ALTINN__ENVIRONMENT"] = fixture.Url,
            ["ALTINN__MASKINPORTEN__CLIENTID"] = clientId,
            ["ALTINN__MASKINPORTEN__ISSUER"] = fixture.Emulator.MaskinportenIssuer.AbsoluteUri,
        };
        string path = Path.Combine(_folder, clientId);
        if (kind == "p12")
        {
            using var rsa = RSA.Create(2048);
            using var certificate = new CertificateRequest("CN=cli-test, O=TTD", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            fixture.Emulator.RegisterMaskinportenClient(clientId, "405003309", certificate);
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pkcs12, Password));
            variables["ALTINN__MASKINPORTEN__CERTIFICATEPATH"] = path;
            variables["ALTINN__MASKINPORTEN__CERTIFICATEPASSWORD"] = Password;
            variables["ALTINN__MASKINPORTEN__SENDCERTIFICATECHAIN"] = "true";
            return (variables, "ALTINN__MASKINPORTEN__CERTIFICATEPATH", path, [Password]);
        }

        string jwk = fixture.Emulator.CreateMaskinportenClient(clientId, "405003309");
        using var document = JsonDocument.Parse(jwk);
        string[] secrets = new[] { "d", "p", "q", "dp", "dq", "qi" }.Select(name => document.RootElement.GetProperty(name).GetString()!).ToArray();
        if (kind == "jwk")
        {
            await File.WriteAllTextAsync(path, jwk);
            variables["ALTINN__MASKINPORTEN__JWKPATH"] = path;
            return (variables, "ALTINN__MASKINPORTEN__JWKPATH", path, secrets);
        }

        using (var rsa = RSA.Create())
        {
            byte[] Part(string name) => Base64Url.DecodeFromChars(document.RootElement.GetProperty(name).GetString());
            rsa.ImportParameters(new RSAParameters
            {
                Modulus = Part("n"), Exponent = Part("e"), D = Part("d"), P = Part("p"), Q = Part("q"), DP = Part("dp"), DQ = Part("dq"), InverseQ = Part("qi"),
            });
            await File.WriteAllTextAsync(path, rsa.ExportPkcs8PrivateKeyPem());
        }

        variables["ALTINN__MASKINPORTEN__KEYPATH"] = path;
        variables["ALTINN__MASKINPORTEN__KEYID"] = document.RootElement.GetProperty("kid").GetString()!;
        return (variables, "ALTINN__MASKINPORTEN__KEYPATH", path, [.. secrets, "PRIVATE KEY"]);
    }
}
