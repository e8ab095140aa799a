using Altinn.Sdk.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Altinn.Sdk.Tests.Authentication;

public sealed class StaticAndDelegatedCredentialTests
{
    private static readonly AltinnTokenContext s_context = new(AltinnEnvironment.Tt02, ["altinn:serviceowner/instances.read"]);

    [Fact]
    public async Task Static_token_takes_expiry_from_the_jwt()
    {
        var expires = new DateTime(2031, 5, 6, 7, 8, 9, DateTimeKind.Utc);
        string jwt = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "test",
            Expires = expires,
            NotBefore = expires.AddHours(-1),
            IssuedAt = expires.AddHours(-1),
        });

        AltinnAccessToken token = await new StaticTokenCredential(jwt).GetTokenAsync(new AltinnTokenRequest(s_context), CancellationToken.None);

        token.Token.Should().Be(jwt);
        token.ExpiresOn.Should().Be(new DateTimeOffset(expires));
    }

    [Fact]
    public async Task Static_opaque_token_never_expires_unless_told()
    {
        (await new StaticTokenCredential("opaque").GetTokenAsync(new AltinnTokenRequest(s_context), CancellationToken.None))
            .ExpiresOn.Should().Be(DateTimeOffset.MaxValue);
        var given = DateTimeOffset.UtcNow.AddMinutes(5);
        (await new StaticTokenCredential("opaque", given).GetTokenAsync(new AltinnTokenRequest(s_context), CancellationToken.None))
            .ExpiresOn.Should().Be(given);
    }

    [Fact]
    public async Task Static_token_that_was_refused_throws_an_explanation_without_the_token()
    {
        var credential = new StaticTokenCredential("secret-static-token");

        (await FluentActions.Awaiting(async () => await credential.GetTokenAsync(new AltinnTokenRequest(s_context, "secret-static-token"), CancellationToken.None))
            .Should().ThrowAsync<AltinnAuthenticationException>())
            .WithMessage("*refused the static token*cannot be renewed*")
            .Which.Message.Should().NotContain("secret-static-token");

        // A rejection of some other token does not concern it.
        (await credential.GetTokenAsync(new AltinnTokenRequest(s_context, "other"), CancellationToken.None)).Token.Should().Be("secret-static-token");
    }

    [Fact]
    public async Task Delegated_credential_passes_the_request_and_cancellation_through()
    {
        AltinnTokenRequest? seen = null;
        CancellationToken seenToken = default;
        var credential = new DelegatedTokenCredential((request, ct) =>
        {
            seen = request;
            seenToken = ct;
            return new ValueTask<AltinnAccessToken>(new AltinnAccessToken("delegated", DateTimeOffset.UtcNow.AddMinutes(1)));
        });
        using var cts = new CancellationTokenSource();
        var request = new AltinnTokenRequest(s_context, "rejected");

        AltinnAccessToken token = await credential.GetTokenAsync(request, cts.Token);

        token.Token.Should().Be("delegated");
        seen.Should().BeSameAs(request);
        seenToken.Should().Be(cts.Token);
    }
}
