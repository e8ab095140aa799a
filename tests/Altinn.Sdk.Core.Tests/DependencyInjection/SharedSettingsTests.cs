using System.Security.Cryptography;
using Altinn.Sdk.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Altinn.Sdk.Tests.DependencyInjection;

/// <summary>The settings the library shares with the altinn tool: scopes as one string, the root or the section, PEM keys.</summary>
public class SharedSettingsTests
{
    private static AltinnOptions Bind(Dictionary<string, string?> values, Func<IConfiguration, IConfiguration> pick, Dictionary<string, string>? variables = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton(new AltinnSettingsChain(name => variables is not null && variables.TryGetValue(name, out string? v) ? v : null, homeFolder: null));
        services.AddAltinn(pick(configuration));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<AltinnOptions>>().Value;
    }

    [Fact]
    public void Scopes_may_be_one_string_separated_by_spaces_as_in_ALTINN__SCOPES()
    {
        var options = Bind(
            new() { ["Altinn:Environment"] = "tt02", ["Altinn:Token"] = "a.b.c", ["Altinn:Scopes"] = "altinn:serviceowner/instances.read  altinn:serviceowner/instances.write" },
            c => c.GetSection("Altinn"));

        options.Scopes.Should().Equal("altinn:serviceowner/instances.read", "altinn:serviceowner/instances.write");
    }

    [Fact]
    public void AddAltinn_reads_the_Altinn_section_of_the_root_as_its_docs_say()
    {
        var options = Bind(new() { ["Altinn:Environment"] = "tt02", ["Altinn:Token"] = "a.b.c" }, c => c);

        options.Environment.Should().Be("tt02");
        options.Token.Should().Be("a.b.c");
    }

    [Fact]
    public void What_the_section_leaves_unset_comes_from_the_environment_variables_and_the_credential_whole_from_one_source()
    {
        var options = Bind(
            new() { ["Altinn:Environment"] = "tt02", ["Altinn:Maskinporten:KeyId"] = "not-taken" },
            c => c.GetSection("Altinn"),
            new() { ["ALTINN__ENVIRONMENT"] = "prod", ["ALTINN__TOKEN"] = "x.y.z", ["ALTINN__SCOPES"] = "altinn:instances.read" });

        options.Environment.Should().Be("tt02", "the section comes first");
        options.Token.Should().Be("x.y.z");
        options.Scopes.Should().Equal("altinn:instances.read");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FromPem_reads_PKCS8_and_PKCS1_keys_that_sign_as_the_RSA_key_itself(bool pkcs1)
    {
        using var rsa = RSA.Create(2048);
        string pem = pkcs1 ? rsa.ExportRSAPrivateKeyPem() : rsa.ExportPkcs8PrivateKeyPem();
        byte[] data = "header.payload"u8.ToArray();

        var fromPem = MaskinportenSigningKey.FromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n" + pem, "kid-1");
        var fromRsa = MaskinportenSigningKey.FromRsa(rsa, "kid-1");
        byte[] signature = await fromPem.SignAsync(data, CancellationToken.None);

        fromPem.KeyId.Should().Be("kid-1");
        rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).Should().BeTrue();
        signature.Should().Equal(await fromRsa.SignAsync(data, CancellationToken.None), "PKCS#1 v1.5 signatures are deterministic");
    }

    [Fact]
    public void FromPem_refuses_an_encrypted_key_and_text_without_a_key()
    {
        using var rsa = RSA.Create(2048);
        string encrypted = rsa.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000));

        FluentActions.Invoking(() => MaskinportenSigningKey.FromPem(encrypted, "kid")).Should().Throw<ArgumentException>().WithMessage("*encrypted*");
        FluentActions.Invoking(() => MaskinportenSigningKey.FromPem(rsa.ExportSubjectPublicKeyInfoPem(), "kid")).Should().Throw<ArgumentException>().WithMessage("*no PEM private key*");
    }
}
