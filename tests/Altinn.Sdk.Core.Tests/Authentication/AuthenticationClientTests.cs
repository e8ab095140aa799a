using Altinn.Sdk.Tests.Infrastructure;
using Altinn.Sdk.Authentication;
using Microsoft.AspNetCore.Http;

namespace Altinn.Sdk.Tests.Authentication;

public sealed class AuthenticationClientTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private FakeAltinnAuthentication _altinn = null!;
    private AuthenticationClient _client = null!;

    public async Task InitializeAsync()
    {
        _altinn = await FakeAltinnAuthentication.StartAsync();
        _client = new AuthenticationClient(_http, _altinn.Environment(maskinporten: null));
    }

    public async Task DisposeAsync()
    {
        await _altinn.DisposeAsync();
        _http.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Exchange_reads_bare_and_quoted_bodies_and_takes_expiry_from_the_jwt(bool quoted)
    {
        _altinn.QuotedBody = quoted;
        _altinn.Lifetime = TimeSpan.FromMinutes(7);

        AltinnAccessToken token = await _client.ExchangeAsync("external-token", AltinnTokenProvider.Maskinporten, useTestOrganisation: false, CancellationToken.None);

        token.Token.Should().StartWith("eyJ").And.NotContain("\"");
        token.ExpiresOn.Should().BeCloseTo(DateTimeOffset.UtcNow.AddMinutes(7), TimeSpan.FromSeconds(5));
        _altinn.ExchangedTokens.Should().Equal("external-token");
        token.ToString().Should().NotContain(token.Token);
    }

    [Fact]
    public async Task Refresh_sends_the_altinn_token_and_returns_a_new_one()
    {
        string old = _altinn.CreateAltinnToken(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));

        AltinnAccessToken refreshed = await _client.RefreshAsync(old, CancellationToken.None);

        refreshed.Token.Should().NotBe(old);
        refreshed.ExpiresOn.Should().BeCloseTo(DateTimeOffset.UtcNow.AddMinutes(30), TimeSpan.FromSeconds(5));
        _altinn.Paths.Should().Equal("/authentication/api/v1/refresh");
        _altinn.ExchangedTokens.Should().Equal(old);
    }

    [Fact]
    public async Task Refresh_401_explains_and_hides_the_token()
    {
        _altinn.FailWithStatus = 401;
        string old = _altinn.CreateAltinnToken(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));

        var thrown = (await FluentActions.Awaiting(() => _client.RefreshAsync(old, CancellationToken.None))
            .Should().ThrowAsync<AltinnRequestFailedException>()).Which;

        thrown.Status.Should().Be(401);
        thrown.Message.Should().Contain("no longer valid").And.NotContain(old);
    }

    [Fact]
    public async Task OpenId_configuration_is_read()
    {
        AltinnOpenIdConfiguration configuration = await _client.GetOpenIdConfigurationAsync(CancellationToken.None);

        configuration.Issuer.Should().Be(_altinn.Issuer);
        configuration.JwksUri.Should().Be(new Uri(_altinn.Issuer + ".well-known/openid-configuration/jwks"));
        configuration.TokenEndpoint.Should().Be(new Uri(_altinn.BaseUri, "authentication/api/v1/token"));
        configuration.IdTokenSigningAlgorithms.Should().Equal("RS256");
    }

    [Fact]
    public async Task A_non_jwt_success_body_is_reported_without_echoing_it()
    {
        await using var server = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("not-a-token"));
        var client = new AuthenticationClient(_http, AltinnEnvironment.Local(server.BaseUri));

        (await FluentActions.Awaiting(() => client.ExchangeAsync("x", AltinnTokenProvider.Maskinporten, false, CancellationToken.None))
            .Should().ThrowAsync<AltinnAuthenticationException>()).WithMessage("*not a JWT*");
    }

    [Theory]
    [InlineData("eyJh.eyJi.c", "eyJh.eyJi.c")]
    [InlineData("\"eyJh.eyJi.c\"", "eyJh.eyJi.c")]
    [InlineData("  \"eyJh.eyJi.c\"\n", "eyJh.eyJi.c")]
    [InlineData("eyJh.eyJi.c\r\n", "eyJh.eyJi.c")]
    public void Token_body_parsing(string body, string expected) => AuthenticationClient.ReadTokenBody(body).Should().Be(expected);
}
