using System.Security.Cryptography;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Altinn.Sdk.Tests.Authentication;

/// <summary>
/// Token requests never follow a redirect: a 307 or 308 would send the signed grant (or the token to exchange) to
/// wherever the answer points. The target is a second loopback server that must receive nothing.
/// </summary>
public sealed class TokenRequestRedirectTests : IAsyncLifetime
{
    private readonly RSA _rsa = RSA.Create(2048);
    private LoopbackServer _elsewhere = null!;
    private LoopbackServer _redirecting = null!;

    public async Task InitializeAsync()
    {
        _elsewhere = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("""{"access_token":"stolen","expires_in":120}"""));
        _redirecting = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = context.Request.Method == "POST" ? 307 : 308;
            context.Response.Headers.Location = _elsewhere.Url("collect" + context.Request.Path).AbsoluteUri;
            return Task.CompletedTask;
        });
    }

    public async Task DisposeAsync()
    {
        await _redirecting.DisposeAsync();
        await _elsewhere.DisposeAsync();
        _rsa.Dispose();
    }

    private AltinnEnvironment Environment => AltinnEnvironment.Local(_redirecting.BaseUri, _redirecting.Url("maskinporten/"));

    private static AltinnTokenRequest Request(AltinnEnvironment environment) => new(new AltinnTokenContext(environment, ["altinn:serviceowner/instances.read"]));

    [Fact]
    public async Task A_standalone_maskinporten_credential_does_not_post_the_grant_to_where_a_307_points()
    {
        // No HttpClient given, as the CLI builds it.
        var credential = new MaskinportenCredential("client-1", MaskinportenSigningKey.FromJwk(TestKeys.ToPrivateJwk(_rsa, "k1")));

        var thrown = await FluentActions.Awaiting(async () => await credential.GetTokenAsync(Request(Environment), CancellationToken.None))
            .Should().ThrowAsync<AltinnAuthenticationException>();

        thrown.Which.Status.Should().Be(307);
        thrown.Which.Message.Should().Contain("redirect");
        _redirecting.Requests.Should().ContainSingle().Which.Method.Should().Be("POST");
        _elsewhere.Requests.Should().BeEmpty("a token request never follows a redirect");
    }

    [Fact]
    public async Task The_configured_maskinporten_credential_and_token_exchange_do_not_follow_redirects()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Environment);
        services.AddLogging(b => b.AddLeakWatch());
        services.AddAltinn(o =>
        {
            o.Maskinporten.ClientId = "client-1";
            o.Maskinporten.Jwk = TestKeys.ToPrivateJwk(_rsa, "k1");
            o.Scopes.Add("altinn:serviceowner/instances.read");
        });
        await using ServiceProvider provider = services.BuildServiceProvider();

        await FluentActions.Awaiting(async () => await provider.GetRequiredService<AltinnCredential>().GetTokenAsync(Request(Environment), CancellationToken.None))
            .Should().ThrowAsync<AltinnAuthenticationException>().Where(e => e.Status == 307);
        var exchange = await FluentActions.Awaiting(() => provider.GetRequiredService<AuthenticationClient>().ExchangeAsync("a-maskinporten-token", AltinnTokenProvider.Maskinporten))
            .Should().ThrowAsync<AltinnRequestFailedException>();

        exchange.Which.Status.Should().Be(308);
        exchange.Which.Message.Should().Contain("never follow a redirect");
        _redirecting.Requests.Select(r => r.Method).Should().Equal("POST", "GET");
        _elsewhere.Requests.Should().BeEmpty("a token request never follows a redirect");
    }
}
