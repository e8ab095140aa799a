using System.Diagnostics;
using System.Security.Cryptography;
using Altinn.Sdk.Authentication;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Xunit.Abstractions;

namespace Altinn.Sdk.Tests.Authentication;

public sealed class TokenExchangeCredentialTests : IAsyncLifetime
{
    private static readonly string[] s_scopes = ["altinn:serviceowner/instances.read"];
    private readonly ITestOutputHelper _output;
    private readonly FakeTimeProvider _time = new(TestKeys.WholeSecondsNow());
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly HttpClient _http = new();
    private FakeMaskinporten _maskinporten = null!;
    private FakeAltinnAuthentication _altinn = null!;
    private AltinnEnvironment _environment = null!;

    public TokenExchangeCredentialTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        _maskinporten = await FakeMaskinporten.StartAsync();
        _altinn = await FakeAltinnAuthentication.StartAsync(_time);
        _environment = _altinn.Environment(_maskinporten);
    }

    public async Task DisposeAsync()
    {
        await _maskinporten.DisposeAsync();
        await _altinn.DisposeAsync();
        _http.Dispose();
        _rsa.Dispose();
    }

    private AltinnTokenExchangeCredential CreateCredential(bool useTestOrganisation = false)
    {
        var maskinporten = new MaskinportenCredential("client-1", MaskinportenSigningKey.FromJwk(TestKeys.ToPrivateJwk(_rsa, "k1")), _http, _time);
        return new AltinnTokenExchangeCredential(maskinporten, new AuthenticationClient(_http, _environment), AltinnTokenProvider.Maskinporten, useTestOrganisation, _time);
    }

    private AltinnTokenRequest Request(string? rejected = null) => new(new AltinnTokenContext(_environment, s_scopes), rejected);

    [Fact]
    public async Task Thousand_concurrent_callers_on_a_cold_cache_cause_one_grant_and_one_exchange()
    {
        _maskinporten.Delay = TimeSpan.FromMilliseconds(100);
        AltinnTokenExchangeCredential credential = CreateCredential();

        var stopwatch = Stopwatch.StartNew();
        AltinnAccessToken[] tokens = await Task.WhenAll(Enumerable.Range(0, 1000)
            .Select(_ => Task.Run(async () => await credential.GetTokenAsync(Request(), CancellationToken.None))));
        stopwatch.Stop();

        _maskinporten.Grants.Should().Be(1);
        _altinn.Exchanges.Should().Be(1);
        _altinn.ExchangeRequests.Should().Be(1);
        tokens.Select(t => t.Token).Distinct().Should().HaveCount(1);
        _output.WriteLine(
            $"1,000 concurrent GetTokenAsync on a cold cache: {_maskinporten.Grants} grant(s), {_altinn.Exchanges} exchange(s), wall time {stopwatch.Elapsed.TotalMilliseconds:F0} ms "
            + $"(fake Maskinporten delay {_maskinporten.Delay.TotalMilliseconds:F0} ms).");

        stopwatch.Restart();
        for (int i = 0; i < 1000; i++) await credential.GetTokenAsync(Request(), CancellationToken.None);
        _output.WriteLine($"1,000 sequential GetTokenAsync on a warm cache: {stopwatch.Elapsed.TotalMilliseconds:F1} ms.");
    }

    [Fact]
    public async Task Token_is_refreshed_after_the_refresh_point_and_before_it_expires()
    {
        _maskinporten.ExpiresIn = 3600; // the same Maskinporten token throughout: the Altinn token's own lifetime decides
        AltinnTokenExchangeCredential credential = CreateCredential();
        AltinnAccessToken first = await credential.GetTokenAsync(Request(), CancellationToken.None);
        first.ExpiresOn.Should().Be(_time.GetUtcNow().AddMinutes(30));

        _time.Advance(TimeSpan.FromSeconds(1439)); // refresh point: 80 % of 1800 s = 1440 s
        (await credential.GetTokenAsync(Request(), CancellationToken.None)).Should().Be(first);
        _altinn.Exchanges.Should().Be(1);

        _time.Advance(TimeSpan.FromSeconds(2));
        AltinnAccessToken second = await credential.GetTokenAsync(Request(), CancellationToken.None);
        second.Token.Should().NotBe(first.Token);
        second.ExpiresOn.Should().BeAfter(first.ExpiresOn);
        _altinn.Exchanges.Should().Be(2);
        _time.GetUtcNow().Should().BeBefore(first.ExpiresOn - TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_token_within_30_seconds_of_exp_is_never_returned()
    {
        _maskinporten.ExpiresIn = 3600; // the same Maskinporten token throughout: the Altinn token's own lifetime decides
        AltinnTokenExchangeCredential credential = CreateCredential();
        AltinnAccessToken first = await credential.GetTokenAsync(Request(), CancellationToken.None);

        _altinn.FailWithStatus = 503;
        _time.Advance(TimeSpan.FromSeconds(1500)); // past the refresh point, 300 s before exp
        (await credential.GetTokenAsync(Request(), CancellationToken.None)).Should().Be(first, "a failed refresh keeps the still-valid token");
        (await credential.GetTokenAsync(Request(), CancellationToken.None)).Should().Be(first);
        _altinn.ExchangeRequests.Should().Be(3, "every call after a failed refresh tries again");

        _time.Advance(TimeSpan.FromSeconds(271)); // 29 s before exp
        await FluentActions.Awaiting(async () => await credential.GetTokenAsync(Request(), CancellationToken.None))
            .Should().ThrowAsync<AltinnRequestFailedException>().Where(e => e.Status == 503);

        _altinn.FailWithStatus = null;
        AltinnAccessToken fresh = await credential.GetTokenAsync(Request(), CancellationToken.None);
        fresh.Token.Should().NotBe(first.Token);
        fresh.ExpiresOn.Should().BeAfter(_time.GetUtcNow().AddSeconds(30));
    }

    [Fact]
    public async Task Hundred_concurrent_rejections_of_the_same_token_cause_one_new_grant_and_one_new_exchange()
    {
        AltinnTokenExchangeCredential credential = CreateCredential();
        AltinnAccessToken rejected = await credential.GetTokenAsync(Request(), CancellationToken.None);
        _altinn.Delay = TimeSpan.FromMilliseconds(50);

        AltinnAccessToken[] tokens = await Task.WhenAll(Enumerable.Range(0, 100)
            .Select(_ => Task.Run(async () => await credential.GetTokenAsync(Request(rejected.Token), CancellationToken.None))));

        _maskinporten.Grants.Should().Be(2, "the Maskinporten token behind the rejected Altinn token is replaced too");
        _altinn.Exchanges.Should().Be(2);
        tokens.Select(t => t.Token).Distinct().Should().ContainSingle().Which.Should().NotBe(rejected.Token);
        _altinn.ExchangedTokens.Should().HaveCount(2).And.OnlyHaveUniqueItems();
        _altinn.ExchangedTokens.Should().Equal(_maskinporten.IssuedTokens);

        // A late caller with the old rejection gets the replacement without a new fetch.
        (await credential.GetTokenAsync(Request(rejected.Token), CancellationToken.None)).Should().Be(tokens[0]);
        _altinn.Exchanges.Should().Be(2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Exchange_body_as_bare_jwt_or_json_string_both_work_and_the_altinn_exp_decides_the_lifetime(bool quoted)
    {
        _altinn.QuotedBody = quoted;
        _maskinporten.ExpiresIn = 120;
        AltinnTokenExchangeCredential credential = CreateCredential();

        AltinnAccessToken token = await credential.GetTokenAsync(Request(), CancellationToken.None);

        token.Token.Should().StartWith("eyJ").And.NotContain("\"");
        var jwt = new JsonWebToken(token.Token);
        token.ExpiresOn.Should().Be(new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        token.ExpiresOn.Should().Be(_time.GetUtcNow().AddMinutes(30));

        // While the Maskinporten token is the same, its Altinn token is served from the cache.
        _time.Advance(TimeSpan.FromSeconds(30));
        (await credential.GetTokenAsync(Request(), CancellationToken.None)).Should().Be(token);
        _maskinporten.Grants.Should().Be(1);
        _altinn.Exchanges.Should().Be(1);
    }

    [Fact]
    public async Task A_renewed_source_token_is_exchanged_anew_and_never_gets_the_altinn_token_of_the_old_one()
    {
        int renewals = 0;
        var renewing = new DelegatedTokenCredential((request, ct) =>
            new ValueTask<AltinnAccessToken>(new AltinnAccessToken($"idporten-access-{renewals}", _time.GetUtcNow().AddMinutes(2))));
        var credential = new AltinnTokenExchangeCredential(renewing, new AuthenticationClient(_http, _environment), AltinnTokenProvider.IdPorten, timeProvider: _time);
        AltinnAccessToken first = await credential.GetTokenAsync(Request(), CancellationToken.None);

        // The source token is renewed; the Altinn token of the old one (30 min) is not reused for it.
        _time.Advance(TimeSpan.FromMinutes(10));
        Interlocked.Increment(ref renewals);
        AltinnAccessToken second = await credential.GetTokenAsync(Request(), CancellationToken.None);

        second.Token.Should().NotBe(first.Token);
        _altinn.ExchangedTokens.Should().Equal("idporten-access-0", "idporten-access-1");
    }

    [Fact]
    public async Task A_maskinporten_clients_altinn_token_outlives_its_maskinporten_tokens()
    {
        _maskinporten.ExpiresIn = 120;
        AltinnTokenExchangeCredential credential = CreateCredential();
        AltinnAccessToken first = await credential.GetTokenAsync(Request(), CancellationToken.None);

        // The Maskinporten token (120 s) is long gone; every token it would be renewed with speaks for the same client,
        // so the Altinn token (30 min) is still served, and neither Maskinporten nor the exchange is asked again.
        _time.Advance(TimeSpan.FromMinutes(10));
        (await credential.GetTokenAsync(Request(), CancellationToken.None)).Should().Be(first);
        _maskinporten.Grants.Should().Be(1);
        _altinn.Exchanges.Should().Be(1);

        // Past the Altinn token's refresh point a fresh Maskinporten token is minted and exchanged.
        _time.Advance(TimeSpan.FromMinutes(15));
        AltinnAccessToken renewed = await credential.GetTokenAsync(Request(), CancellationToken.None);
        renewed.Token.Should().NotBe(first.Token);
        _maskinporten.Grants.Should().Be(2);
        _altinn.ExchangedTokens.Should().Equal(_maskinporten.IssuedTokens);
    }

    [Fact]
    public async Task Many_users_tokens_stay_within_the_cache_bound()
    {
        int user = 0;
        var perUser = new DelegatedTokenCredential((request, ct) =>
            new ValueTask<AltinnAccessToken>(new AltinnAccessToken($"idporten-user-{Interlocked.Increment(ref user)}", _time.GetUtcNow().AddMinutes(10))));
        var credential = new AltinnTokenExchangeCredential(perUser, new AuthenticationClient(_http, _environment), AltinnTokenProvider.IdPorten, timeProvider: _time);

        for (int i = 0; i < 1200; i++) await credential.GetTokenAsync(Request(), CancellationToken.None);

        _altinn.Exchanges.Should().Be(1200, "every user's token is exchanged");
        credential.CachedTokenCount.Should().BeLessThanOrEqualTo(1000);
    }

    [Fact]
    public async Task A_short_lived_altinn_token_is_refreshed_even_while_the_maskinporten_token_is_fresh()
    {
        _maskinporten.ExpiresIn = 3600;
        _altinn.Lifetime = TimeSpan.FromSeconds(300);
        AltinnTokenExchangeCredential credential = CreateCredential();
        AltinnAccessToken first = await credential.GetTokenAsync(Request(), CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(241)); // 80 % of 300 s
        AltinnAccessToken second = await credential.GetTokenAsync(Request(), CancellationToken.None);

        second.Token.Should().NotBe(first.Token);
        _altinn.Exchanges.Should().Be(2);
        _maskinporten.Grants.Should().Be(1);
        _altinn.ExchangedTokens.Distinct().Should().ContainSingle();
    }

    [Fact]
    public async Task Exchange_401_is_a_request_failure_without_the_token_in_the_message()
    {
        _altinn.FailWithStatus = 401;
        AltinnTokenExchangeCredential credential = CreateCredential();

        var thrown = (await FluentActions.Awaiting(async () => await credential.GetTokenAsync(Request(), CancellationToken.None))
            .Should().ThrowAsync<AltinnRequestFailedException>()).Which;

        thrown.Status.Should().Be(401);
        thrown.Message.Should().Contain("exchange/maskinporten").And.Contain("consumer claim").And.Contain("expired");
        string maskinportenToken = _maskinporten.IssuedTokens.Single();
        thrown.Message.Should().NotContain(maskinportenToken);
        thrown.ToString().Should().NotContain(maskinportenToken);
    }

    [Fact]
    public async Task Test_organisation_flag_adds_test_true()
    {
        AltinnTokenExchangeCredential credential = CreateCredential(useTestOrganisation: true);

        await credential.GetTokenAsync(Request(), CancellationToken.None);

        _altinn.Paths.Should().Equal("/authentication/api/v1/exchange/maskinporten?test=true");
    }

    [Fact]
    public async Task A_request_for_another_environment_is_refused_with_an_explanation()
    {
        AltinnTokenExchangeCredential credential = CreateCredential();
        var other = new AltinnTokenRequest(new AltinnTokenContext(AltinnEnvironment.Tt02, s_scopes));

        (await FluentActions.Awaiting(async () => await credential.GetTokenAsync(other, CancellationToken.None))
            .Should().ThrowAsync<InvalidOperationException>()).WithMessage("*'tt02'*'local'*valid only in the environment*");
        _maskinporten.Grants.Should().Be(0);
    }

    [Fact]
    public async Task Id_porten_tokens_from_a_delegated_source_are_exchanged_at_id_porten()
    {
        int calls = 0;
        var idPorten = new DelegatedTokenCredential((request, ct) =>
        {
            Interlocked.Increment(ref calls);
            return new ValueTask<AltinnAccessToken>(new AltinnAccessToken("idporten-access-1", _time.GetUtcNow().AddMinutes(10)));
        });
        var credential = new AltinnTokenExchangeCredential(idPorten, new AuthenticationClient(_http, _environment), AltinnTokenProvider.IdPorten, useTestOrganisation: true, _time);

        AltinnAccessToken token = await credential.GetTokenAsync(Request(), CancellationToken.None);
        await credential.GetTokenAsync(Request(), CancellationToken.None);

        token.Token.Should().StartWith("eyJ");
        calls.Should().Be(2, "the source says whose request it is, so it is asked every time");
        _altinn.Paths.Should().Equal("/authentication/api/v1/exchange/id-porten"); // test=true is Maskinporten only
        _altinn.ExchangedTokens.Should().Equal("idporten-access-1");
    }
}
