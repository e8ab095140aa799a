using Altinn.Sdk.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Altinn.Sdk.Tests.DependencyInjection;

public class AddAltinnValidationTests : IDisposable
{
    private readonly string _jwkPath = Path.Combine(Path.GetTempPath(), $"altinn-sdk-{Guid.NewGuid():N}.jwk.json");

    public AddAltinnValidationTests() => File.WriteAllText(_jwkPath, "{}");

    public void Dispose() => File.Delete(_jwkPath);

    private static IReadOnlyList<string> Failures(Action<AltinnOptions> configure, Action<IServiceCollection>? before = null)
    {
        var services = new ServiceCollection();
        before?.Invoke(services);
        services.AddAltinn(configure);
        using var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<AltinnOptions>>().Value;
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures.ToList();
        }
    }

    [Fact]
    public void A_static_token_and_an_environment_are_enough()
    {
        Failures(o => { o.Environment = "tt02"; o.Token = "x.y.z"; }).Should().BeEmpty();
    }

    [Fact]
    public void Missing_environment_is_named()
    {
        Failures(o => o.Token = "x.y.z").Should().ContainSingle().Which.Should().StartWith("Altinn:Environment is not set");
    }

    [Fact]
    public void Unknown_environment_is_named_with_the_known_ones()
    {
        Failures(o => { o.Environment = "staging"; o.Token = "x.y.z"; })
            .Should().ContainSingle().Which.Should().Contain("'staging' is unknown").And.Contain("tt02");
    }

    [Fact]
    public void No_credentials_say_how_to_give_them()
    {
        Failures(o => o.Environment = "tt02").Should().ContainSingle().Which.Should().StartWith("No credentials").And.Contain("Altinn:Maskinporten:ClientId");
    }

    [Fact]
    public void Contradictory_credentials_are_refused()
    {
        Failures(o =>
        {
            o.Environment = "tt02";
            o.Token = "x.y.z";
            o.Maskinporten.ClientId = "client";
            o.Maskinporten.JwkPath = _jwkPath;
            o.Scopes.Add("altinn:serviceowner/instances.read");
        }).Should().ContainSingle().Which.Should().StartWith("Contradictory credentials").And.Contain("Altinn:Token");

        Failures(o => { o.Environment = "tt02"; o.Token = "x.y.z"; }, s => s.AddSingleton<AltinnCredential>(new StaticTokenCredential("a.b.c")))
            .Should().ContainSingle().Which.Should().Contain("a registered AltinnCredential");
    }

    [Fact]
    public void Maskinporten_needs_exactly_one_key_and_scopes()
    {
        Failures(o => { o.Environment = "tt02"; o.Maskinporten.ClientId = "client"; })
            .Should().Contain(f => f.Contains("exactly one key") && f.Contains("(0 set)"))
            .And.Contain(f => f.StartsWith("Altinn:Scopes is empty", StringComparison.Ordinal));

        Failures(o =>
        {
            o.Environment = "tt02";
            o.Maskinporten.ClientId = "client";
            o.Maskinporten.Jwk = "{}";
            o.Maskinporten.JwkPath = _jwkPath;
            o.Scopes.Add("altinn:serviceowner/instances.read");
        }).Should().ContainSingle().Which.Should().Contain("(2 set)");
    }

    [Fact]
    public void Bad_maskinporten_details_are_named()
    {
        var failures = Failures(o =>
        {
            o.Environment = "tt02";
            o.Maskinporten.ClientId = "client";
            o.Maskinporten.CertificatePath = "/nonexistent/cert.p12";
            o.Maskinporten.ConsumerOrganisation = "12345";
            o.Scopes.Add("altinn:a altinn:b");
            o.MaxRetries = 99;
            o.MaxResponseBytes = 1000;
        });
        failures.Should().Contain(f => f.Contains("CertificatePath: the file '/nonexistent/cert.p12' does not exist"));
        failures.Should().Contain(f => f.Contains("needs either Altinn:Maskinporten:KeyId"));
        failures.Should().Contain(f => f.Contains("ConsumerOrganisation '12345' is not a 9-digit"));
        failures.Should().Contain(f => f.Contains("Scopes must be single words"));
        failures.Should().Contain(f => f.Contains("MaxRetries must be between 0 and 10 (99 given)"));
        failures.Should().Contain(f => f.Contains("MaxResponseBytes must be at least 65536"));
    }

    [Fact]
    public void Maskinporten_with_a_local_environment_is_refused()
    {
        Failures(o =>
        {
            o.Environment = "http://127.0.0.1:5199";
            o.Maskinporten.ClientId = "client";
            o.Maskinporten.JwkPath = _jwkPath;
            o.Scopes.Add("altinn:serviceowner/instances.read");
        }).Should().ContainSingle().Which.Should().Contain("is a URL, so the Maskinporten that issues its tokens must be named").And.Contain("Altinn:Maskinporten:Issuer");
    }

    [Fact]
    public void A_registered_environment_replaces_the_setting()
    {
        var local = AltinnEnvironment.Local(new Uri("http://127.0.0.1:5199"));
        var services = new ServiceCollection();
        services.AddSingleton(local);
        services.AddAltinn(o => o.Token = "x.y.z");
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<AltinnEnvironment>().Should().BeSameAs(local);
        provider.GetRequiredService<AltinnCredential>().Should().BeOfType<StaticTokenCredential>();
    }

    [Fact]
    public void Settings_bind_from_configuration_including_scope_lists()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Altinn:Environment"] = "tt02",
            ["Altinn:Scopes:0"] = "altinn:serviceowner/instances.read",
            ["Altinn:Scopes:1"] = "altinn:serviceowner/instances.write",
            ["Altinn:Maskinporten:ClientId"] = "client-id",
            ["Altinn:Maskinporten:JwkPath"] = _jwkPath,
            ["Altinn:Maskinporten:Resource"] = "urn:altinn:resource:x",
            ["Altinn:Maskinporten:ConsumerOrganisation"] = "312345676",
            ["Altinn:MaxRetries"] = "2",
            ["Altinn:MaxResponseBytes"] = "33554432",
        }).Build();
        var services = new ServiceCollection();
        services.AddAltinn(configuration.GetSection("Altinn"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AltinnOptions>>().Value;
        options.Scopes.Should().Equal("altinn:serviceowner/instances.read", "altinn:serviceowner/instances.write");
        options.Maskinporten.ClientId.Should().Be("client-id");
        options.MaxRetries.Should().Be(2);
        options.MaxResponseBytes.Should().Be(32 * 1024 * 1024);

        var context = provider.GetRequiredService<AltinnTokenContext>();
        context.Environment.Should().BeSameAs(AltinnEnvironment.Tt02);
        context.ScopeString.Should().Be("altinn:serviceowner/instances.read altinn:serviceowner/instances.write");
        context.Resource.Should().Be("urn:altinn:resource:x");
        context.ConsumerOrganisation.Should().Be("312345676");
    }
}
