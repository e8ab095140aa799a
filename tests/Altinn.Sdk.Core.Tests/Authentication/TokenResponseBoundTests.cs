using System.Security.Cryptography;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Altinn.Sdk.Tests.Authentication;

/// <summary>A token response is read up to a fixed bound; a larger one fails with an error that says so.</summary>
public sealed class TokenResponseBoundTests
{
    private static readonly string Huge = new('a', 300 * 1024);

    [Fact]
    public async Task A_maskinporten_answer_over_the_bound_is_refused_as_too_large()
    {
        await using var maskinporten = await LoopbackServer.StartAsync(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("{\"access_token\":\"" + Huge + "\",\"expires_in\":120}");
        });
        using RSA rsa = RSA.Create(2048);
        using var http = new HttpClient();
        var credential = new MaskinportenCredential("client-1", MaskinportenSigningKey.FromJwk(TestKeys.ToPrivateJwk(rsa, "k1")), http);
        var environment = AltinnEnvironment.Local(new Uri("http://127.0.0.1:1/"), maskinporten.Url("maskinporten/"));

        var thrown = await FluentActions.Awaiting(async () => await credential.GetTokenAsync(new AltinnTokenRequest(new AltinnTokenContext(environment, ["s"])), CancellationToken.None))
            .Should().ThrowAsync<AltinnAuthenticationException>();

        thrown.Which.Message.Should().Contain("larger than 256 KiB");
        maskinporten.Requests.Should().ContainSingle("a too large answer is not a transient failure");
    }

    [Fact]
    public async Task An_exchange_answer_over_the_bound_is_refused_as_too_large()
    {
        await using var altinn = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("eyJ" + Huge));
        using var http = new HttpClient();
        var client = new AuthenticationClient(http, AltinnEnvironment.Local(altinn.BaseUri));

        var thrown = await FluentActions.Awaiting(() => client.ExchangeAsync("a-maskinporten-token", AltinnTokenProvider.Maskinporten))
            .Should().ThrowAsync<AltinnAuthenticationException>();

        thrown.Which.Message.Should().Contain("larger than 256 KiB");
    }
}
