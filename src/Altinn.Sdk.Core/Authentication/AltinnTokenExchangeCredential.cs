using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Altinn.Sdk.Diagnostics;

namespace Altinn.Sdk.Authentication;

/// <summary>
/// Turns a Maskinporten or ID-porten token into an Altinn token (the token Altinn apps, Storage and Events
/// accept) with the Authentication API's exchange, and caches it by the Altinn token's own <c>exp</c>.
/// </summary>
/// <remarks>
/// <para>
/// The source credential supplies the token to exchange (usually a <see cref="MaskinportenCredential"/>, or a
/// <see cref="DelegatedTokenCredential"/> returning ID-porten access tokens). Tokens are cached per
/// <see cref="AltinnTokenContext"/>, refreshed ahead of expiry, and concurrent callers share one exchange.
/// </para>
/// <para>
/// When a request says the cached Altinn token was rejected, the credential asks the source for a fresh token
/// too (passing the source token that produced the rejected one), so a retry after 401 bypasses both caches.
/// </para>
/// </remarks>
public sealed class AltinnTokenExchangeCredential : AltinnCredential
{
    private readonly TokenCache<AltinnTokenContext> _cache;
    private readonly Func<AltinnTokenContext, CachedToken?, CancellationToken, Task<CachedToken>> _fetch;

    /// <summary>Creates an exchanging credential.</summary>
    /// <param name="source">Supplies the Maskinporten or ID-porten token to exchange.</param>
    /// <param name="authenticationClient">The Authentication API of the environment the tokens are for.</param>
    /// <param name="provider">Who issues the source's tokens.</param>
    /// <param name="useTestOrganisation">Exchange with <c>?test=true</c> (Digdir becomes <c>ttd</c>; Maskinporten only).</param>
    /// <param name="timeProvider">The clock for the cache; the system clock when null.</param>
    public AltinnTokenExchangeCredential(
        AltinnCredential source,
        AuthenticationClient authenticationClient,
        AltinnTokenProvider provider = AltinnTokenProvider.Maskinporten,
        bool useTestOrganisation = false,
        TimeProvider? timeProvider = null)
    {
        Source = source ?? throw new ArgumentNullException(nameof(source));
        AuthenticationClient = authenticationClient ?? throw new ArgumentNullException(nameof(authenticationClient));
        Provider = provider;
        UseTestOrganisation = useTestOrganisation;
        _cache = new TokenCache<AltinnTokenContext>(timeProvider ?? TimeProvider.System);
        _fetch = FetchAsync;
    }

    /// <summary>The credential whose tokens are exchanged.</summary>
    public AltinnCredential Source { get; }

    /// <summary>The Authentication API the exchange is done at.</summary>
    public AuthenticationClient AuthenticationClient { get; }

    /// <summary>Who issues the source's tokens.</summary>
    public AltinnTokenProvider Provider { get; }

    /// <summary>Whether the exchange asks for the test organisation (<c>?test=true</c>).</summary>
    public bool UseTestOrganisation { get; }

    /// <summary>Gets an Altinn token for the context, from the cache when it is fresh enough.</summary>
    /// <param name="request">The context, and a token the server has just rejected, if any.</param>
    /// <param name="cancellationToken">Cancels the wait (not an exchange other callers share).</param>
    /// <exception cref="InvalidOperationException">The context's environment is not the Authentication client's.</exception>
    /// <exception cref="AltinnRequestFailedException">The exchange failed.</exception>
    /// <exception cref="AltinnAuthenticationException">The source could not supply a token.</exception>
    public override async ValueTask<AltinnAccessToken> GetTokenAsync(AltinnTokenRequest request, CancellationToken cancellationToken)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        AltinnEnvironment environment = AuthenticationClient.Environment;
        if (!request.Context.Environment.Equals(environment))
        {
            throw new InvalidOperationException(
                $"A token for '{request.Context.Environment.Name}' ({request.Context.Environment.PlatformBaseUrl}) was asked of an exchange credential for "
                + $"'{environment.Name}' ({environment.PlatformBaseUrl}). Altinn tokens are valid only in the environment that issued them: "
                + "use an AuthenticationClient for the same environment as the clients that use the credential.");
        }

        CachedToken token = await _cache.GetAsync(request.Context, request.RejectedToken, _fetch, cancellationToken).ConfigureAwait(false);
        return token.Token;
    }

    private async Task<CachedToken> FetchAsync(AltinnTokenContext context, CachedToken? rejected, CancellationToken cancellationToken)
    {
        // After a 401 the source token that produced the rejected Altinn token is rejected too, so it is minted afresh.
        var sourceRequest = new AltinnTokenRequest(context, rejected?.SourceToken);
        AltinnAccessToken source = await Source.GetTokenAsync(sourceRequest, cancellationToken).ConfigureAwait(false);
        AltinnAccessToken altinn = await AuthenticationClient.ExchangeAsync(source.Token, Provider, UseTestOrganisation, cancellationToken).ConfigureAwait(false);
        AltinnTelemetry.TokensFetched.Add(1, new KeyValuePair<string, object?>("altinn.token.source", "exchange"));
        return new CachedToken(altinn, source.Token);
    }
}
