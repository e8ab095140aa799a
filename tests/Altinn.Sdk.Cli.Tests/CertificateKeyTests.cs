using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using static Altinn.Sdk.Cli.Tests.EmulatorFixture;

namespace Altinn.Sdk.Cli.Tests;

/// <summary>
/// A Maskinporten key from an enterprise certificate, each way the settings name one (a PKCS#12 file with its password,
/// the certificate store by thumbprint, a PEM file with certificate and key), sent in <c>x5c</c> or named by key id:
/// the same environment variables configure the library on the Generic Host and the tool, and both get tokens from
/// the emulator's Maskinporten that Storage accepts. Certificates are made by the test; no key material is stored.
/// </summary>
[Collection(SharedEmulator.Name)]
public sealed class CertificateKeyTests(EmulatorFixture fixture) : IDisposable
{
    private const string Password = "p12-password-of-the-test";
    private readonly string _folder = Directory.CreateTempSubdirectory("altinn-certificate-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, bool> Sources() => new()
    {
        { "p12", true },
        { "p12", false },
        { "store", true },
        { "store", false },
        { "pem", true },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_certificate_key_configured_by_environment_variables_gets_a_token_for_the_library_and_the_tool(string source, bool sendCertificateChain)
    {
        using var rsa = RSA.Create(2048);
        using X509Certificate2 certificate = new CertificateRequest("CN=altinn-sdk-test, O=TTD", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        string clientId = $"cert-{source}-{(sendCertificateChain ? "x5c" : "kid")}";
        var variables = new Dictionary<string, string>
        {
            ["ALTINN__ENVIRONMENT"] = fixture.Url,
            ["ALTINN__SCOPES"] = "altinn:serviceowner/instances.read",
            ["ALTINN__MASKINPORTEN__CLIENTID"] = clientId,
            ["ALTINN__MASKINPORTEN__ISSUER"] = fixture.Emulator.MaskinportenIssuer.AbsoluteUri,
        };
        if (sendCertificateChain)
        {
            fixture.Emulator.RegisterMaskinportenClient(clientId, "405003309", certificate);
            variables["ALTINN__MASKINPORTEN__SENDCERTIFICATECHAIN"] = "true";
        }
        else
        {
            // A client registered with the certificate's public key under a key id, as Samarbeidsportalen allows.
            string keyId = "cert-key-" + source;
            RSAParameters publicKey = rsa.ExportParameters(includePrivateParameters: false);
            fixture.Emulator.RegisterMaskinportenClient(clientId, "405003309", JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["kty"] = "RSA", ["kid"] = keyId, ["n"] = Base64Url.EncodeToString(publicKey.Modulus), ["e"] = Base64Url.EncodeToString(publicKey.Exponent),
            }));
            variables["ALTINN__MASKINPORTEN__KEYID"] = keyId;
        }

        X509Store? store = null;
        try
        {
            switch (source)
            {
                case "p12":
                    string p12 = Path.Combine(_folder, clientId + ".p12");
                    await File.WriteAllBytesAsync(p12, certificate.Export(X509ContentType.Pkcs12, Password));
                    variables["ALTINN__MASKINPORTEN__CERTIFICATEPATH"] = p12;
                    variables["ALTINN__MASKINPORTEN__CERTIFICATEPASSWORD"] = Password;
                    break;
                case "store":
                    // The current user's My store (on Linux a folder of .NET's under the home folder); removed again below.
                    store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
                    store.Open(OpenFlags.ReadWrite);
                    using (X509Certificate2 withKey = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable))
                    {
                        store.Add(withKey);
                    }

                    // As Windows' certificate manager shows it: lower case, in pairs separated by spaces.
                    variables["ALTINN__MASKINPORTEN__CERTIFICATETHUMBPRINT"] = string.Join(' ', certificate.Thumbprint.ToLowerInvariant().Chunk(2).Select(pair => new string(pair)));
                    break;
                default:
                    string pem = Path.Combine(_folder, clientId + ".pem");
                    await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem());
                    variables["ALTINN__MASKINPORTEN__CERTIFICATEPATH"] = pem;
                    break;
            }

            foreach (string path in variables.Where(v => v.Key == "ALTINN__MASKINPORTEN__CERTIFICATEPATH").Select(v => v.Value))
            {
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            fixture.Emulator.ClearRequests();
            Instance fromLibrary = await GetWithLibraryAsync(variables);
            int libraryTokens = MaskinportenGrants();
            var run = await Cli.RunAsync(variables, "instances", "get", Demo(1), "--json");

            fromLibrary.Id?.ToString().Should().Be(Demo(1));
            libraryTokens.Should().Be(1, "the library got its token from the emulator's Maskinporten");
            run.ExitCode.Should().Be(0, run.ToString());
            run.JsonLines().Single().GetProperty("id").GetString().Should().Be(Demo(1));
            MaskinportenGrants().Should().Be(2, "the tool got its own token");
            run.Error.Should().NotContain(Password);
        }
        finally
        {
            if (store is not null)
            {
                store.Remove(certificate);
                store.Dispose();
            }
        }
    }

    private int MaskinportenGrants() => fixture.Emulator.Requests.Count(r => r.Method == "POST" && r.PathAndQuery.StartsWith("/maskinporten/token", StringComparison.Ordinal));

    /// <summary>The library on the Generic Host, configured by the variables alone (an empty <c>Altinn</c> section).</summary>
    private static async Task<Instance> GetWithLibraryAsync(IReadOnlyDictionary<string, string> variables)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(new AltinnSettingsChain(name => variables.TryGetValue(name, out string? value) ? value : null, homeFolder: null));
        builder.Services.AddAltinn(builder.Configuration.GetSection("Altinn"));
        builder.Services.AddAltinnStorage();
        builder.Logging.AddProvider(LeakWatch.Provider);
        using IHost host = builder.Build();
        await host.StartAsync();
        Instance instance = await host.Services.GetRequiredService<StorageClient>().Instances.GetAsync(InstanceId.Parse(Demo(1)));
        await host.StopAsync();
        return instance;
    }
}
