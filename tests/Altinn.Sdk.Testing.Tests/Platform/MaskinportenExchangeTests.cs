using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Testing.Authentication;

namespace Altinn.Sdk.Testing.Tests.Platform;

public class MaskinportenExchangeTests
{
    private const string ClientId = "test-client";
    private const string TtdNumber = "405003309";

    [Fact]
    public async Task The_sdk_credentials_get_an_altinn_token_for_a_registered_jwk()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        string jwk = MaskinportenKeys.CreatePrivateJwk("my-key");
        emulator.RegisterMaskinportenClient(ClientId, TtdNumber, jwk);
        using var http = new HttpClient();
        var credential = new AltinnTokenExchangeCredential(
            new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromJwk(jwk), http),
            new AuthenticationClient(http, emulator.Environment));

        var token = await credential.GetTokenAsync(new AltinnTokenRequest(new AltinnTokenContext(emulator.Environment, ["altinn:serviceowner/instances.read"])), default);

        var claims = Jwt.Payload(token.Token);
        claims.GetProperty("urn:altinn:org").GetString().Should().Be("ttd");
        claims.GetProperty("urn:altinn:orgNumber").GetString().Should().Be(TtdNumber);
        claims.GetProperty("urn:altinn:authlevel").GetInt32().Should().Be(3);
        claims.GetProperty("urn:altinn:authenticatemethod").GetString().Should().Be("maskinporten");
        claims.GetProperty("scope").GetString().Should().Be("altinn:serviceowner/instances.read");
        claims.GetProperty("client_id").GetString().Should().Be(ClientId);
        claims.GetProperty("consumer").GetProperty("ID").GetString().Should().Be("0192:" + TtdNumber);
        claims.GetProperty("iss").GetString().Should().Be(emulator.BaseUrl.AbsoluteUri + "authentication/api/v1/openid/");
        claims.TryGetProperty("client_amr", out _).Should().BeFalse();
        (token.ExpiresOn - DateTimeOffset.UtcNow).Should().BeCloseTo(TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(15));
        emulator.Requests.Select(r => r.Method + " " + r.PathAndQuery).Should().Equal("POST /maskinporten/token", "GET /authentication/api/v1/exchange/maskinporten");

        // The Altinn token is the emulator's: other services accept it, and refresh renews it.
        using var refresh = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.BaseUrl, "authentication/api/v1/refresh"));
        refresh.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        using var refreshed = await http.SendAsync(refresh);
        refreshed.StatusCode.Should().Be(HttpStatusCode.OK);
        Jwt.Payload(await refreshed.Content.ReadAsStringAsync()).GetProperty("urn:altinn:org").GetString().Should().Be("ttd");
    }

    [Fact]
    public async Task The_sdk_credentials_work_with_an_enterprise_certificate_in_x5c()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        using var certificate = Jwt.SelfSignedCertificate();
        emulator.RegisterMaskinportenClient(ClientId, TtdNumber, certificate);
        using var http = new HttpClient();
        var maskinporten = new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromCertificate(certificate), http);
        var credential = new AltinnTokenExchangeCredential(maskinporten, new AuthenticationClient(http, emulator.Environment));
        var context = new AltinnTokenContext(emulator.Environment, ["altinn:serviceowner/instances.read", "altinn:serviceowner/instances.write"]);

        var source = await maskinporten.GetTokenAsync(new AltinnTokenRequest(context), default);
        var token = await credential.GetTokenAsync(new AltinnTokenRequest(context), default);

        Jwt.Payload(source.Token).GetProperty("client_amr").GetString().Should().Be("virksomhetssertifikat");
        Jwt.Payload(source.Token).GetProperty("iss").GetString().Should().Be(emulator.MaskinportenIssuer.AbsoluteUri);
        Jwt.Payload(token.Token).GetProperty("urn:altinn:org").GetString().Should().Be("ttd");

        // Another certificate (same subject, other key) is not the registered one.
        using var other = Jwt.SelfSignedCertificate();
        var stranger = new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromCertificate(other), http);
        var refused = await FluentActions.Awaiting(() => stranger.GetTokenAsync(new AltinnTokenRequest(context), default).AsTask()).Should().ThrowAsync<AltinnAuthenticationException>();
        refused.Which.Error.Should().Be("invalid_grant");
        refused.Which.ErrorDescription.Should().StartWith("Invalid assertion.");
    }

    [Fact]
    public async Task A_key_the_client_does_not_have_is_refused_through_the_sdk()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        emulator.RegisterMaskinportenClient(ClientId, TtdNumber, MaskinportenKeys.CreatePrivateJwk("registered"));
        using var http = new HttpClient();
        var credential = new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromJwk(MaskinportenKeys.CreatePrivateJwk("registered")), http);

        var refused = await FluentActions.Awaiting(() => credential.GetTokenAsync(new AltinnTokenRequest(new AltinnTokenContext(emulator.Environment, ["altinn:serviceowner/instances.read"])), default).AsTask())
            .Should().ThrowAsync<AltinnAuthenticationException>();
        refused.Which.Status.Should().Be(400);
        refused.Which.Error.Should().Be("invalid_grant");
        refused.Which.ErrorDescription.Should().Contain("Invalid assertion.").And.Contain("signature");
    }

    public static TheoryData<string, string> BadGrants => new()
    {
        { "unregistered kid", "no key with kid" },
        { "wrong aud", "audience" },
        { "token endpoint as aud", "audience" },
        { "expired", "expired" },
        { "iat too old", "10 s" },
        { "lives too long", "at most 120 s" },
        { "unknown claim", "'sub' is not allowed" },
        { "unregistered certificate", "not registered" },
    };

    [Theory]
    [MemberData(nameof(BadGrants))]
    public async Task Bad_grants_are_refused_with_invalid_grant(string problem, string described)
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        using var rsa = RSA.Create(2048);
        using var certificate = Jwt.SelfSignedCertificate();
        using var otherCertificate = Jwt.SelfSignedCertificate();
        emulator.RegisterMaskinportenClient(ClientId, TtdNumber, PublicJwk(rsa, "k1"));
        emulator.RegisterMaskinportenClient(ClientId, TtdNumber, certificate);
        var now = DateTimeOffset.UtcNow;
        string grant = problem switch
        {
            "unregistered kid" => Jwt.Grant(rsa, "k2", null, ClientId, emulator.MaskinportenIssuer, now),
            "wrong aud" => Jwt.Grant(rsa, "k1", null, ClientId, emulator.MaskinportenIssuer, now, c => c["aud"] = "https://test.maskinporten.no/"),
            "token endpoint as aud" => Jwt.Grant(rsa, "k1", null, ClientId, emulator.MaskinportenIssuer, now, c => c["aud"] = emulator.MaskinportenIssuer.AbsoluteUri + "token"),
            "expired" => Jwt.Grant(rsa, "k1", null, ClientId, emulator.MaskinportenIssuer, now.AddSeconds(-70)),
            "iat too old" => Jwt.Grant(rsa, "k1", null, ClientId, emulator.MaskinportenIssuer, now.AddSeconds(-30)),
            "lives too long" => Jwt.Grant(rsa, "k1", null, ClientId, emulator.MaskinportenIssuer, now, c => c["exp"] = now.ToUnixTimeSeconds() + 121),
            "unknown claim" => Jwt.Grant(rsa, "k1", null, ClientId, emulator.MaskinportenIssuer, now, c => c["sub"] = ClientId),
            "unregistered certificate" => Jwt.Grant(otherCertificate.GetRSAPrivateKey()!, null, otherCertificate, ClientId, emulator.MaskinportenIssuer, now),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
        using var http = new HttpClient();

        var (status, body) = await Jwt.PostGrantAsync(http, emulator, grant);

        status.Should().Be(400);
        body.GetProperty("error").GetString().Should().Be("invalid_grant");
        body.GetProperty("error_description").GetString().Should().StartWith("Invalid assertion.").And.Contain(described);
    }

    [Fact]
    public async Task A_grant_is_used_once_only()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        using var rsa = RSA.Create(2048);
        emulator.RegisterMaskinportenClient(ClientId, TtdNumber, PublicJwk(rsa, "k1"));
        string grant = Jwt.Grant(rsa, "k1", null, ClientId, emulator.MaskinportenIssuer, DateTimeOffset.UtcNow);
        using var http = new HttpClient();

        var (first, token) = await Jwt.PostGrantAsync(http, emulator, grant);
        var (second, error) = await Jwt.PostGrantAsync(http, emulator, grant);

        first.Should().Be(200);
        token.GetProperty("token_type").GetString().Should().Be("Bearer");
        token.GetProperty("expires_in").GetInt32().Should().Be(120);
        token.GetProperty("scope").GetString().Should().Be("altinn:serviceowner/instances.read");
        second.Should().Be(400);
        error.GetProperty("error").GetString().Should().Be("invalid_grant");
        error.GetProperty("error_description").GetString().Should().Contain("jti has been used before");
    }

    [Fact]
    public async Task Scopes_unknown_clients_and_grant_types_are_refused_as_maskinporten_does()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        using var rsa = RSA.Create(2048);
        emulator.RegisterMaskinportenClient(ClientId, TtdNumber, PublicJwk(rsa, "k1"), "altinn:serviceowner/instances.read");
        using var http = new HttpClient();
        var now = DateTimeOffset.UtcNow;

        var (scopeStatus, scopeError) = await Jwt.PostGrantAsync(http, emulator, Jwt.Grant(rsa, "k1", null, ClientId, emulator.MaskinportenIssuer, now, c => c["scope"] = "altinn:serviceowner/instances.write"));
        var (clientStatus, clientError) = await Jwt.PostGrantAsync(http, emulator, Jwt.Grant(rsa, "k1", null, "nobody", emulator.MaskinportenIssuer, now));
        using var wrongType = await http.PostAsync(new Uri(emulator.MaskinportenIssuer, "token"), new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));

        scopeStatus.Should().Be(400);
        scopeError.GetProperty("error").GetString().Should().Be("invalid_scope");
        clientStatus.Should().Be(401);
        clientError.GetProperty("error").GetString().Should().Be("invalid_client");
        wrongType.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await wrongType.Content.ReadAsStringAsync()).Should().Contain("unsupported_grant_type");
    }

    [Fact]
    public async Task A_system_user_grant_gives_a_system_user_token_through_the_exchange()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        string jwk = emulator.CreateMaskinportenClient("vendor-client", "991825827");
        using var http = new HttpClient();
        var credential = new AltinnTokenExchangeCredential(
            new MaskinportenCredential("vendor-client", MaskinportenSigningKey.FromJwk(jwk), http),
            new AuthenticationClient(http, emulator.Environment));
        var context = new AltinnTokenContext(emulator.Environment, ["altinn:instances.read"], systemUser: new SystemUserContext("312345676", "ref-1"));

        var token = await credential.GetTokenAsync(new AltinnTokenRequest(context), default);

        var claims = Jwt.Payload(token.Token);
        claims.TryGetProperty("urn:altinn:org", out _).Should().BeFalse("the scope is not a service-owner scope");
        claims.GetProperty("urn:altinn:orgNumber").GetString().Should().Be("991825827");
        var detail = claims.GetProperty("authorization_details")[0];
        detail.GetProperty("type").GetString().Should().Be("urn:altinn:systemuser");
        detail.GetProperty("systemuser_org").GetProperty("ID").GetString().Should().Be("0192:312345676");
        Guid.Parse(detail.GetProperty("systemuser_id")[0].GetString()!).Should().Be(TestTokens.SystemUserId("312345676", "ref-1"));
        detail.GetProperty("system_id").GetString().Should().Be("991825827_emulated_system");
    }

    [Fact]
    public async Task The_test_flag_turns_digdir_into_ttd()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        string jwk = emulator.CreateMaskinportenClient("digdir-client", "991825827");
        using var http = new HttpClient();
        var context = new AltinnTokenContext(emulator.Environment, ["altinn:serviceowner/instances.read"]);
        var maskinporten = new MaskinportenCredential("digdir-client", MaskinportenSigningKey.FromJwk(jwk), http);
        var client = new AuthenticationClient(http, emulator.Environment);

        var plain = await new AltinnTokenExchangeCredential(maskinporten, client).GetTokenAsync(new AltinnTokenRequest(context), default);
        var test = await new AltinnTokenExchangeCredential(maskinporten, client, useTestOrganisation: true).GetTokenAsync(new AltinnTokenRequest(context), default);

        Jwt.Payload(plain.Token).GetProperty("urn:altinn:org").GetString().Should().Be("digdir");
        Jwt.Payload(test.Token).GetProperty("urn:altinn:org").GetString().Should().Be("ttd");
    }

    [Fact]
    public async Task The_exchange_refuses_foreign_tokens_and_answers_in_both_body_forms()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        string jwk = emulator.CreateMaskinportenClient(ClientId);
        using var http = new HttpClient();
        var maskinporten = await new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromJwk(jwk), http)
            .GetTokenAsync(new AltinnTokenRequest(new AltinnTokenContext(emulator.Environment, ["altinn:serviceowner/instances.read"])), default);

        async Task<HttpResponseMessage> GetAsync(string path, string? bearer, string? accept = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.BaseUrl, path));
            if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            if (accept is not null) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            return await http.SendAsync(request);
        }

        using var text = await GetAsync("authentication/api/v1/exchange/maskinporten", maskinporten.Token);
        using var json = await GetAsync("authentication/api/v1/exchange/Maskinporten", maskinporten.Token, "application/json");
        using var altinnTokenAsSource = await GetAsync("authentication/api/v1/exchange/maskinporten", emulator.CreateOrgToken("ttd"));
        using var missing = await GetAsync("authentication/api/v1/exchange/maskinporten", null);
        using var oidc = await GetAsync("authentication/api/v1/exchange/oidc", maskinporten.Token);
        using var refreshMaskinporten = await GetAsync("authentication/api/v1/refresh", maskinporten.Token);

        text.StatusCode.Should().Be(HttpStatusCode.OK);
        (await text.Content.ReadAsStringAsync()).Should().StartWith("eyJ");
        json.StatusCode.Should().Be(HttpStatusCode.OK);
        string quoted = await json.Content.ReadAsStringAsync();
        quoted.Should().StartWith("\"eyJ").And.EndWith("\"");
        altinnTokenAsSource.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await altinnTokenAsSource.Content.ReadAsStringAsync()).Should().BeEmpty();
        missing.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        oidc.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await oidc.Content.ReadAsStringAsync()).Should().Contain("Trusted token providers");
        refreshMaskinporten.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "refresh takes Altinn tokens only");
    }

    [Fact]
    public async Task An_expired_maskinporten_token_is_not_exchanged()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { TimeProvider = clock });
        string jwk = emulator.CreateMaskinportenClient(ClientId);
        using var http = new HttpClient();
        var maskinporten = await new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromJwk(jwk), http, clock)
            .GetTokenAsync(new AltinnTokenRequest(new AltinnTokenContext(emulator.Environment, ["altinn:serviceowner/instances.read"])), default);
        var client = new AuthenticationClient(http, emulator.Environment);
        (await client.ExchangeAsync(maskinporten.Token, AltinnTokenProvider.Maskinporten)).Token.Should().StartWith("eyJ");

        clock.Advance(TimeSpan.FromSeconds(131));

        var refused = await FluentActions.Awaiting(() => client.ExchangeAsync(maskinporten.Token, AltinnTokenProvider.Maskinporten)).Should().ThrowAsync<AltinnRequestFailedException>();
        refused.Which.Status.Should().Be(401);
    }

    [Fact]
    public async Task The_openid_configuration_and_jwks_verify_the_emulators_tokens()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        using var http = new HttpClient();
        var client = new AuthenticationClient(http, emulator.Environment);

        var configuration = await client.GetOpenIdConfigurationAsync();
        using var jwks = JsonDocument.Parse(await http.GetStringAsync(configuration.JwksUri!));

        configuration.Issuer.Should().Be(emulator.BaseUrl.AbsoluteUri + "authentication/api/v1/openid/");
        configuration.IdTokenSigningAlgorithms.Should().Contain("RS256");
        var key = jwks.RootElement.GetProperty("keys")[0];
        key.GetProperty("kty").GetString().Should().Be("RSA");
        string token = emulator.CreateOrgToken("ttd");
        key.GetProperty("kid").GetString().Should().Be(Jwt.Header(token).GetProperty("kid").GetString());
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars(key.GetProperty("n").GetString()),
            Exponent = Base64Url.DecodeFromChars(key.GetProperty("e").GetString()),
        });
        string[] parts = token.Split('.');
        rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).Should().BeTrue();
    }

    private static string PublicJwk(RSA rsa, string kid)
    {
        var p = rsa.ExportParameters(false);
        return JsonSerializer.Serialize(new Dictionary<string, string> { ["kty"] = "RSA", ["kid"] = kid, ["n"] = Base64Url.EncodeToString(p.Modulus), ["e"] = Base64Url.EncodeToString(p.Exponent) });
    }
}
