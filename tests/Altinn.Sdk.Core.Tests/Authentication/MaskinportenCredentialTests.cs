using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Altinn.Sdk.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Altinn.Sdk.Tests.Authentication;

public sealed class MaskinportenCredentialTests : IAsyncLifetime
{
    private const string ClientId = "2f7a9c1e-0d3b-4a6f-9e8d-5c4b3a2f1e0d";
    private static readonly string[] s_grantClaims = ["aud", "iss", "scope", "iat", "exp", "jti"];
    private FakeMaskinporten _maskinporten = null!;
    private AltinnEnvironment _environment = null!;

    public async Task InitializeAsync()
    {
        _maskinporten = await FakeMaskinporten.StartAsync();
        _environment = AltinnEnvironment.Local(new Uri("http://127.0.0.1:1/"), _maskinporten.Issuer);
    }

    public async Task DisposeAsync() => await _maskinporten.DisposeAsync();

    private AltinnTokenRequest Request(params string[] scopes) => new(new AltinnTokenContext(_environment, scopes));

    [Fact]
    public async Task Jwk_key_grant_has_kid_exact_claims_and_a_valid_signature()
    {
        using RSA rsa = RSA.Create(2048);
        var credential = new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromJwk(TestKeys.ToPrivateJwk(rsa, "my-kid")));

        await GrantTwiceAndVerifyAsync(credential, new RsaSecurityKey(rsa.ExportParameters(false)), expectedKid: "my-kid");
    }

    [Fact]
    public async Task Jwk_key_id_can_be_overridden_and_is_required()
    {
        using RSA rsa = RSA.Create(2048);
        MaskinportenSigningKey.FromJwk(TestKeys.ToPrivateJwk(rsa, "from-jwk"), "override").KeyId.Should().Be("override");
        MaskinportenSigningKey.FromJwk(TestKeys.ToPrivateJwk(rsa, "from-jwk")).KeyId.Should().Be("from-jwk");

        Action noKid = () => MaskinportenSigningKey.FromJwk(TestKeys.ToPrivateJwk(rsa, kid: null));
        noKid.Should().Throw<ArgumentException>().WithMessage("*kid*");

        string publicOnly = JsonSerializer.Serialize(new { kty = "RSA", kid = "k", n = "AQAB", e = "AQAB" });
        Action noPrivate = () => MaskinportenSigningKey.FromJwk(publicOnly);
        noPrivate.Should().Throw<ArgumentException>().WithMessage("*private*");
    }

    [Fact]
    public async Task Certificate_with_key_id_grant_has_kid_and_a_valid_signature()
    {
        using RSA rsa = RSA.Create(2048);
        using X509Certificate2 certificate = TestKeys.SelfSigned(rsa);
        var credential = new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromCertificate(certificate, "cert-kid"));

        await GrantTwiceAndVerifyAsync(credential, new X509SecurityKey(certificate), expectedKid: "cert-kid");
    }

    [Fact]
    public async Task Certificate_grant_carries_x5c_and_verifies_with_that_certificate()
    {
        using RSA rsa = RSA.Create(2048);
        using X509Certificate2 certificate = TestKeys.SelfSigned(rsa);
        var credential = new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromCertificate(certificate));

        string[] assertions = await GrantTwiceAndVerifyAsync(credential, verificationKey: null, expectedKid: null);

        foreach (string assertion in assertions)
        {
            using JsonDocument header = Part(assertion, 0);
            JsonElement x5c = header.RootElement.GetProperty("x5c");
            x5c.GetArrayLength().Should().Be(1);
            x5c[0].GetString().Should().Be(Convert.ToBase64String(certificate.RawData));
        }
    }

    [Fact]
    public async Task Signer_callback_grant_has_kid_and_a_valid_signature()
    {
        using RSA rsa = RSA.Create(2048);
        int calls = 0;
        var key = MaskinportenSigningKey.FromSigner("hsm-key-1", (data, ct) =>
        {
            Interlocked.Increment(ref calls);
            return new ValueTask<byte[]>(rsa.SignData(data.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        });
        var credential = new MaskinportenCredential(ClientId, key);

        await GrantTwiceAndVerifyAsync(credential, new RsaSecurityKey(rsa.ExportParameters(false)), expectedKid: "hsm-key-1");
        calls.Should().Be(2);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("vendor-ref-42")]
    public async Task System_user_grant_has_authorization_details_array(string? externalRef)
    {
        using RSA rsa = RSA.Create(2048);
        var credential = new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromJwk(TestKeys.ToPrivateJwk(rsa, "k")));
        var context = new AltinnTokenContext(_environment, ["altinn:instances.read"], systemUser: new SystemUserContext("0192:312345676", externalRef));

        await credential.GetTokenAsync(new AltinnTokenRequest(context), CancellationToken.None);

        using JsonDocument claims = Part(_maskinporten.Assertions.Single(), 1);
        ClaimNames(claims).Should().BeEquivalentTo([.. s_grantClaims, "authorization_details"]);
        JsonElement details = claims.RootElement.GetProperty("authorization_details");
        details.ValueKind.Should().Be(JsonValueKind.Array);
        details.GetArrayLength().Should().Be(1);
        string expected = externalRef is null
            ? """{"type":"urn:altinn:systemuser","systemuser_org":{"authority":"iso6523-actorid-upis","ID":"0192:312345676"}}"""
            : """{"type":"urn:altinn:systemuser","systemuser_org":{"authority":"iso6523-actorid-upis","ID":"0192:312345676"},"externalRef":"vendor-ref-42"}""";
        details[0].GetRawText().Should().Be(expected);
    }

    [Fact]
    public async Task Resource_and_consumer_org_are_sent_when_asked_for()
    {
        using RSA rsa = RSA.Create(2048);
        var credential = new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromJwk(TestKeys.ToPrivateJwk(rsa, "k")));
        var context = new AltinnTokenContext(_environment, ["altinn:serviceowner/instances.read"], resource: "https://api.example.no/", consumerOrganisation: "987654325");

        await credential.GetTokenAsync(new AltinnTokenRequest(context), CancellationToken.None);

        using JsonDocument claims = Part(_maskinporten.Assertions.Single(), 1);
        ClaimNames(claims).Should().BeEquivalentTo([.. s_grantClaims, "resource", "consumer_org"]);
        claims.RootElement.GetProperty("resource").GetRawText().Should().Be("""["https://api.example.no/"]""");
        claims.RootElement.GetProperty("consumer_org").GetString().Should().Be("987654325");
    }

    [Fact]
    public async Task Maskinporten_error_surfaces_error_and_description_without_the_assertion()
    {
        using RSA rsa = RSA.Create(2048);
        _maskinporten.Error = (400, """{"error":"invalid_grant","error_description":"Invalid assertion. Client authentication failed. (MP-100) [trace 1f2e]"}""");
        var credential = new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromJwk(TestKeys.ToPrivateJwk(rsa, "k")));

        Func<Task> act = async () => await credential.GetTokenAsync(Request("altinn:serviceowner/instances.read"), CancellationToken.None);

        var thrown = (await act.Should().ThrowAsync<AltinnAuthenticationException>()).Which;
        thrown.Status.Should().Be(400);
        thrown.Error.Should().Be("invalid_grant");
        thrown.ErrorDescription.Should().Be("Invalid assertion. Client authentication failed. (MP-100) [trace 1f2e]");
        thrown.Message.Should().Contain("invalid_grant").And.Contain("(MP-100) [trace 1f2e]").And.Contain(ClientId);
        string assertion = _maskinporten.Assertions.Single();
        thrown.Message.Should().NotContain(assertion).And.NotContain(assertion.Split('.')[2]).And.NotContain("eyJ");
    }

    [Fact]
    public async Task Transient_failures_are_tried_again_with_a_new_grant_and_a_refusal_is_not()
    {
        using RSA rsa = RSA.Create(2048);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var credential = new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromJwk(TestKeys.ToPrivateJwk(rsa, "k")), timeProvider: clock);
        _maskinporten.NextAnswers.Enqueue((503, """{"error":"server_error"}"""));
        _maskinporten.NextAnswers.Enqueue((429, """{"error":"too_many_requests"}"""));

        Task<AltinnAccessToken> pending = credential.GetTokenAsync(Request("s1"), CancellationToken.None).AsTask();
        AltinnAccessToken token = await AdvanceUntilDoneAsync(clock, pending);
        token.Token.Should().StartWith("mp-token-1-");
        _maskinporten.Assertions.Should().HaveCount(3).And.OnlyHaveUniqueItems("each attempt signs a new grant");

        _maskinporten.NextAnswers.Enqueue((400, """{"error":"invalid_scope"}"""));
        // Bounded: were a refusal retried, its back-off would wait on the fake clock for ever.
        await FluentActions.Awaiting(() => credential.GetTokenAsync(Request("s2"), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30)))
            .Should().ThrowAsync<AltinnAuthenticationException>().Where(e => e.Status == 400);
        _maskinporten.Assertions.Should().HaveCount(4, "a refusal is final");

        _maskinporten.Error = (503, """{"error":"server_error"}""");
        Task<AltinnAccessToken> failing = credential.GetTokenAsync(Request("s3"), CancellationToken.None).AsTask();
        await FluentActions.Awaiting(() => AdvanceUntilDoneAsync(clock, failing)).Should().ThrowAsync<AltinnAuthenticationException>().Where(e => e.Status == 503);
        _maskinporten.Assertions.Should().HaveCount(4 + MaskinportenCredential.MaxAttempts, "a lasting fault is given up after the last attempt");
    }

    /// <summary>Moves the fake clock a second at a time (the back-off waits on it) until the task ends.</summary>
    private static async Task<T> AdvanceUntilDoneAsync<T>(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, Task<T> task)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!task.IsCompleted)
        {
            await Task.Delay(10, timeout.Token);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        return await task;
    }

    [Fact]
    public async Task Environment_without_maskinporten_is_explained()
    {
        using RSA rsa = RSA.Create(2048);
        var credential = new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromJwk(TestKeys.ToPrivateJwk(rsa, "k")));
        var local = AltinnEnvironment.Local(new Uri("http://127.0.0.1:1/"));

        Func<Task> act = async () => await credential.GetTokenAsync(new AltinnTokenRequest(new AltinnTokenContext(local, ["s"])), CancellationToken.None);

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*has no Maskinporten issuer*maskinportenIssuer*");
    }

    [Fact]
    public async Task Tokens_are_cached_per_context_and_a_rejected_token_is_replaced()
    {
        using RSA rsa = RSA.Create(2048);
        var credential = new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromJwk(TestKeys.ToPrivateJwk(rsa, "k")));

        AltinnAccessToken first = await credential.GetTokenAsync(Request("a", "b"), CancellationToken.None);
        AltinnAccessToken again = await credential.GetTokenAsync(Request("b", "a", "a"), CancellationToken.None);
        again.Should().Be(first);
        _maskinporten.Grants.Should().Be(1);

        AltinnAccessToken fresh = await credential.GetTokenAsync(new AltinnTokenRequest(Request("a", "b").Context, first.Token), CancellationToken.None);
        fresh.Token.Should().NotBe(first.Token);
        _maskinporten.Grants.Should().Be(2);
        first.ExpiresOn.Should().BeCloseTo(DateTimeOffset.UtcNow.AddSeconds(_maskinporten.ExpiresIn), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Per_party_tokens_do_not_grow_the_cache_past_its_bound()
    {
        using RSA rsa = RSA.Create(2048);
        var credential = new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromJwk(TestKeys.ToPrivateJwk(rsa, "k")));
        const int parties = 1100;

        await Parallel.ForEachAsync(Enumerable.Range(0, parties), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var systemUser = new SystemUserContext(ValidOrganisationNumber(i));
            await credential.GetTokenAsync(new AltinnTokenRequest(new AltinnTokenContext(_environment, ["altinn:instances.read"], systemUser: systemUser)), ct);
        });

        _maskinporten.Grants.Should().Be(parties);
        credential.CachedTokenCount.Should().BeLessThanOrEqualTo(1000);
    }

    [Fact]
    public async Task Unreachable_maskinporten_is_an_authentication_error_naming_the_endpoint()
    {
        using RSA rsa = RSA.Create(2048);
        using var http = new HttpClient();
        var credential = new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromJwk(TestKeys.ToPrivateJwk(rsa, "k")), http);
        Uri issuer = _maskinporten.Issuer;
        await _maskinporten.DisposeAsync();
        _maskinporten = await FakeMaskinporten.StartAsync();
        var gone = AltinnEnvironment.Local(new Uri("http://127.0.0.1:1/"), issuer);

        var thrown = (await FluentActions.Awaiting(async () => await credential.GetTokenAsync(new AltinnTokenRequest(new AltinnTokenContext(gone, ["s"])), CancellationToken.None))
            .Should().ThrowAsync<AltinnAuthenticationException>()).Which;
        thrown.Status.Should().BeNull();
        thrown.Message.Should().Contain(issuer + "token");
        thrown.InnerException.Should().BeOfType<HttpRequestException>();
    }

    private async Task<string[]> GrantTwiceAndVerifyAsync(MaskinportenCredential credential, SecurityKey? verificationKey, string? expectedKid)
    {
        await credential.GetTokenAsync(Request("altinn:serviceowner/instances.read"), CancellationToken.None);
        await credential.GetTokenAsync(Request("altinn:serviceowner/instances.read", "altinn:serviceowner/instances.write"), CancellationToken.None);

        string[] assertions = [.. _maskinporten.Assertions];
        assertions.Should().HaveCount(2);
        _maskinporten.Grants.Should().Be(2);
        var jtis = new HashSet<string>();
        foreach (string assertion in assertions)
        {
            using JsonDocument header = Part(assertion, 0);
            header.RootElement.GetProperty("alg").GetString().Should().Be("RS256");
            bool hasKid = header.RootElement.TryGetProperty("kid", out JsonElement kid);
            bool hasX5c = header.RootElement.TryGetProperty("x5c", out JsonElement x5c);
            (hasKid ^ hasX5c).Should().BeTrue("the header carries kid or x5c, not both");
            ClaimNames(header).Should().BeEquivalentTo(expectedKid is null ? ["alg", "x5c"] : new[] { "alg", "kid" });
            if (expectedKid is not null) kid.GetString().Should().Be(expectedKid);

            using JsonDocument claims = Part(assertion, 1);
            ClaimNames(claims).Should().BeEquivalentTo(s_grantClaims);
            JsonElement root = claims.RootElement;
            root.GetProperty("aud").GetString().Should().Be(_maskinporten.Issuer.AbsoluteUri).And.EndWith("/");
            root.GetProperty("iss").GetString().Should().Be(ClientId);
            long iat = root.GetProperty("iat").GetInt64();
            long exp = root.GetProperty("exp").GetInt64();
            (exp - iat).Should().BePositive().And.BeLessThanOrEqualTo(120);
            iat.Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 10);
            jtis.Add(root.GetProperty("jti").GetString()!).Should().BeTrue("every grant has a new jti");

            SecurityKey key = verificationKey ?? new X509SecurityKey(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(x5c[0].GetString()!)));
            TokenValidationResult result = await new JsonWebTokenHandler().ValidateTokenAsync(assertion, new TokenValidationParameters
            {
                ValidAudience = _maskinporten.Issuer.AbsoluteUri,
                ValidIssuer = ClientId,
                IssuerSigningKey = key,
                ValidateLifetime = true,
                ClockSkew = TimeSpan.FromSeconds(10),
                ValidAlgorithms = ["RS256"],
            });
            result.IsValid.Should().BeTrue(result.Exception?.Message);
        }

        using (JsonDocument first = Part(assertions[0], 1))
        {
            first.RootElement.GetProperty("scope").GetString().Should().Be("altinn:serviceowner/instances.read");
        }

        using (JsonDocument second = Part(assertions[1], 1))
        {
            second.RootElement.GetProperty("scope").GetString().Should().Be("altinn:serviceowner/instances.read altinn:serviceowner/instances.write");
        }

        return assertions;
    }

    private static JsonDocument Part(string jwt, int index) =>
        JsonDocument.Parse(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(jwt.Split('.')[index])));

    private static string[] ClaimNames(JsonDocument document) => [.. document.RootElement.EnumerateObject().Select(p => p.Name)];

    /// <summary>A distinct, valid (mod-11) organisation number for each seed.</summary>
    private static string ValidOrganisationNumber(int seed)
    {
        for (int prefix = 30_000_000 + (seed * 2); ; prefix++)
        {
            for (int digit = 0; digit < 10; digit++)
            {
                string candidate = prefix.ToString(System.Globalization.CultureInfo.InvariantCulture) + digit.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (OrganisationNumber.IsValid(candidate)) return candidate;
            }
        }
    }
}
