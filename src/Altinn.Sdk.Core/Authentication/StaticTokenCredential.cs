namespace Altinn.Sdk.Authentication;

/// <summary>
/// A fixed token, for scripts and quick tests (for example an Altinn token copied from a test token generator).
/// It is never refreshed.
/// </summary>
public sealed class StaticTokenCredential : AltinnCredential
{
    private readonly AltinnAccessToken _token;

    /// <summary>Creates a credential that always returns <paramref name="token"/>.</summary>
    /// <param name="token">The token.</param>
    /// <param name="expiresOn">
    /// When it expires; when null, the JWT's <c>exp</c> if the token is a JWT, else <see cref="DateTimeOffset.MaxValue"/>.
    /// </param>
    /// <exception cref="ArgumentException">The token is empty.</exception>
    public StaticTokenCredential(string token, DateTimeOffset? expiresOn = null)
    {
        if (token is null) throw new ArgumentNullException(nameof(token));
        if (string.IsNullOrWhiteSpace(token)) throw new ArgumentException("The token must not be empty.", nameof(token));
        DateTimeOffset expiry = expiresOn ?? (JwtFormat.TryReadExpiry(token, out DateTimeOffset exp) ? exp : DateTimeOffset.MaxValue);
        _token = new AltinnAccessToken(token, expiry);
    }

    /// <summary>Returns the token.</summary>
    /// <param name="request">The request; its context is ignored.</param>
    /// <param name="cancellationToken">Not used.</param>
    /// <exception cref="AltinnAuthenticationException">The request says the server refused this very token: there is no other to give.</exception>
    public override ValueTask<AltinnAccessToken> GetTokenAsync(AltinnTokenRequest request, CancellationToken cancellationToken)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        if (string.Equals(request.RejectedToken, _token.Token, StringComparison.Ordinal))
        {
            throw new AltinnAuthenticationException(
                $"The server refused the static token (401) for {request.Context}, and a static token cannot be renewed: "
                + $"check that it is for this environment and has not expired ({_token}), then supply a new one or use a credential that fetches tokens.");
        }

        return new ValueTask<AltinnAccessToken>(_token);
    }
}
