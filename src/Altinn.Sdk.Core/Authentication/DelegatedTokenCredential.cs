namespace Altinn.Sdk.Authentication;

/// <summary>
/// A credential backed by your own code: for ID-porten access tokens your application obtains (then wrap it in an
/// <see cref="AltinnTokenExchangeCredential"/> with <see cref="AltinnTokenProvider.IdPorten"/>), test tokens from
/// a local test environment, or any other source.
/// </summary>
/// <remarks>
/// The callback is called on every request and must cache on its own if fetching is expensive. It must honour
/// <see cref="AltinnTokenRequest.RejectedToken"/>: never return the token named there.
/// </remarks>
public sealed class DelegatedTokenCredential : AltinnCredential
{
    private readonly Func<AltinnTokenRequest, CancellationToken, ValueTask<AltinnAccessToken>> _getToken;

    /// <summary>Creates a credential that asks <paramref name="getToken"/> for each token.</summary>
    /// <param name="getToken">Returns a token and its expiry for a request; must be thread-safe.</param>
    public DelegatedTokenCredential(Func<AltinnTokenRequest, CancellationToken, ValueTask<AltinnAccessToken>> getToken)
    {
        _getToken = getToken ?? throw new ArgumentNullException(nameof(getToken));
    }

    /// <summary>Asks the callback for a token.</summary>
    /// <param name="request">What the token is for, and a token the server has just rejected, if any.</param>
    /// <param name="cancellationToken">Passed to the callback.</param>
    public override async ValueTask<AltinnAccessToken> GetTokenAsync(AltinnTokenRequest request, CancellationToken cancellationToken)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        return await _getToken(request, cancellationToken).ConfigureAwait(false);
    }
}
