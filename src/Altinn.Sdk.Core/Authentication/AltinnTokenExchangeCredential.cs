using System.Security.Cryptography;
using Altinn.Sdk.Diagnostics;

namespace Altinn.Sdk.Authentication;

/// <summary>
/// Turns a Maskinporten or ID-porten token into an Altinn token (the token Altinn apps, Storage and Events
/// accept) with the Authentication API's exchange, and caches it by the Altinn token's own <c>exp</c>.
/// </summary>
/// <remarks>
/// <para>
/// The source credential supplies the token to exchange (usually a <see cref="MaskinportenCredential"/>, or a
/// <see cref="DelegatedTokenCredential"/> returning the signed-in user's ID-porten access token). The source is asked
/// on every call, since only its token tells whose request it is; a source that mints tokens must cache them (the
/// built-in ones do). Altinn tokens are cached per <see cref="AltinnTokenContext"/> and source token (by its SHA-256;
/// the source token itself is not kept), so requests with different source tokens never share an Altinn token, and the
/// callers that bring one source token share one exchange. Tokens are refreshed ahead of expiry; a source token
/// replaced by a new one is exchanged anew. At most 1,000 Altinn tokens are kept: expired ones go first, then the
/// soonest-expiring.
/// </para>
/// <para>
/// The one exception is a <see cref="MaskinportenCredential"/> source: every token it mints speaks for the same client
/// in a given context, so its Altinn token is cached by the context alone and outlives the shorter-lived Maskinporten
/// tokens; the source is asked only when the Altinn token is renewed.
/// </para>
/// <para>
/// When a request says the cached Altinn token was rejected, the credential asks the source for a fresh token
/// too (passing the source token that produced the rejected one), so a retry after 401 bypasses both caches.
/// </para>
/// </remarks>
public sealed class AltinnTokenExchangeCredential : AltinnCredential
{
    private readonly TokenCache<ExchangeKey> _cache;

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
        _cache = new TokenCache<ExchangeKey>(timeProvider ?? TimeProvider.System);
    }

    /// <summary>The credential whose tokens are exchanged.</summary>
    public AltinnCredential Source { get; }

    /// <summary>The Authentication API the exchange is done at.</summary>
    public AuthenticationClient AuthenticationClient { get; }

    /// <summary>Who issues the source's tokens.</summary>
    public AltinnTokenProvider Provider { get; }

    /// <summary>Whether the exchange asks for the test organisation (<c>?test=true</c>).</summary>
    public bool UseTestOrganisation { get; }

    /// <summary>The number of Altinn tokens held (for tests of the bound).</summary>
    internal int CachedTokenCount => _cache.Count;

    /// <summary>
    /// Gets an Altinn token for the context and the source's current token, from the cache when it is fresh enough.
    /// </summary>
    /// <param name="request">The context, and a token the server has just rejected, if any.</param>
    /// <param name="cancellationToken">Cancels the wait (not an exchange other callers share).</param>
    /// <exception cref="InvalidOperationException">The context's environment is not the Authentication client's.</exception>
    /// <exception cref="AltinnRequestFailedException">The exchange failed.</exception>
    /// <exception cref="AltinnAuthenticationException">The source could not supply a token.</exception>
    public override async ValueTask<AltinnAccessToken> GetTokenAsync(AltinnTokenRequest request, CancellationToken cancellationToken)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        AltinnEnvironment environment = AuthenticationClient.Environment;
        AltinnTokenContext context = request.Context;
        if (!context.Environment.Equals(environment))
        {
            throw new InvalidOperationException(
                $"A token for '{context.Environment.Name}' ({context.Environment.PlatformBaseUrl}) was asked of an exchange credential for "
                + $"'{environment.Name}' ({environment.PlatformBaseUrl}). Altinn tokens are valid only in the environment that issued them: "
                + "use an AuthenticationClient for the same environment as the clients that use the credential.");
        }

        if (Source is MaskinportenCredential)
        {
            // A Maskinporten source speaks for one client, whichever token it hands out (the context carries the
            // scopes, consumer and system user), so its Altinn token is cached by the context alone and the source is
            // asked only to renew it: one exchange per Altinn token (30 min), not one per Maskinporten token (2 min).
            bool rejected = request.RejectedToken is not null;
            CachedToken client = await _cache.GetAsync(
                new ExchangeKey(context, sourceToken: null),
                request.RejectedToken,
                async (_, ct) =>
                {
                    string token = await GetSourceTokenAsync(new AltinnTokenRequest(context), ct).ConfigureAwait(false);
                    // After a 401 the source token behind the rejected Altinn token is suspect too: mint a fresh one.
                    if (rejected) token = await GetSourceTokenAsync(new AltinnTokenRequest(context, token), ct).ConfigureAwait(false);
                    return await ExchangeAsync(token, ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            return client.Token;
        }

        string source = await GetSourceTokenAsync(new AltinnTokenRequest(context), cancellationToken).ConfigureAwait(false);
        var key = new ExchangeKey(context, source);
        if (request.RejectedToken is not null && _cache.Holds(key, request.RejectedToken))
        {
            // Altinn refused the token exchanged from this source token, so that one is suspect too: the source mints
            // a fresh one (or, if it cannot, the same one is exchanged again below).
            source = await GetSourceTokenAsync(new AltinnTokenRequest(context, source), cancellationToken).ConfigureAwait(false);
            key = new ExchangeKey(context, source);
        }

        // The fetch exchanges exactly the token the key was made from, so a cached Altinn token is always the one
        // exchanged from the source token of its key.
        CachedToken token = await _cache.GetAsync(
            key, request.RejectedToken, (_, ct) => ExchangeAsync(source, ct), cancellationToken).ConfigureAwait(false);
        return token.Token;
    }

    private async Task<string> GetSourceTokenAsync(AltinnTokenRequest request, CancellationToken cancellationToken)
    {
        AltinnAccessToken source = await Source.GetTokenAsync(request, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(source.Token))
        {
            throw new AltinnAuthenticationException($"The source credential {Source.GetType().Name} returned no token to exchange.");
        }

        return source.Token;
    }

    private async Task<CachedToken> ExchangeAsync(string sourceToken, CancellationToken cancellationToken)
    {
        AltinnAccessToken altinn = await AuthenticationClient.ExchangeAsync(sourceToken, Provider, UseTestOrganisation, cancellationToken).ConfigureAwait(false);
        AltinnTelemetry.TokensFetched.Add(1, new KeyValuePair<string, object?>("altinn.token.source", "exchange"));
        return new CachedToken(altinn);
    }

    /// <summary>What an exchanged token is cached by: the context and the SHA-256 of the source token (never the token).</summary>
    private sealed class ExchangeKey : IEquatable<ExchangeKey>
    {
        private readonly AltinnTokenContext _context;
        private readonly string _sourceHash;

        /// <param name="context">The token context.</param>
        /// <param name="sourceToken">The source token, or null for a source whose identity the context fixes.</param>
        public ExchangeKey(AltinnTokenContext context, string? sourceToken)
        {
            _context = context;
            if (sourceToken is null)
            {
                _sourceHash = string.Empty;
                return;
            }

#if NET
            byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(sourceToken));
#else
            byte[] hash;
            using (var sha = SHA256.Create()) hash = sha.ComputeHash(Encoding.UTF8.GetBytes(sourceToken));
#endif
            _sourceHash = Convert.ToBase64String(hash);
        }

        public bool Equals(ExchangeKey? other) =>
            other is not null && string.Equals(_sourceHash, other._sourceHash, StringComparison.Ordinal) && _context.Equals(other._context);

        public override bool Equals(object? obj) => Equals(obj as ExchangeKey);

        public override int GetHashCode() => (_context.GetHashCode() * 31) + StringComparer.Ordinal.GetHashCode(_sourceHash);
    }
}
