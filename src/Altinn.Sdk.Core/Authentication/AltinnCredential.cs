namespace Altinn.Sdk.Authentication;

/// <summary>
/// A source of access tokens for Altinn. Implementations mint or fetch a token for a
/// <see cref="AltinnTokenContext"/> and report when it expires.
/// </summary>
/// <remarks>
/// Built-in credentials: <c>MaskinportenCredential</c> (a Maskinporten token),
/// <c>AltinnTokenExchangeCredential</c> (turns a Maskinporten or ID-porten token into an Altinn token,
/// which is what the App, Storage and Events APIs accept), <c>StaticTokenCredential</c> and
/// <c>DelegatedTokenCredential</c>. Implementations must be thread-safe; those that cache must
/// honour <see cref="AltinnTokenRequest.RejectedToken"/>.
/// </remarks>
public abstract class AltinnCredential
{
    /// <summary>Gets a token for the request's context.</summary>
    /// <param name="request">What the token is for, and a token the server has just rejected, if any.</param>
    /// <param name="cancellationToken">Cancels the wait for the token.</param>
    /// <returns>The token and its expiry.</returns>
    public abstract ValueTask<AltinnAccessToken> GetTokenAsync(AltinnTokenRequest request, CancellationToken cancellationToken);
}
