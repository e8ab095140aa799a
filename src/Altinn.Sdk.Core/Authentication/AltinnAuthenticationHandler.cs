using System.Net;
using System.Net.Http.Headers;
using Altinn.Sdk.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Altinn.Sdk.Authentication;

/// <summary>
/// The SDK's one authentication handler: attaches <c>Authorization: Bearer {token}</c> to requests for the hosts of
/// the configured Altinn environment, retries a 401 once with a fresh token, and follows redirects itself so that
/// a token never travels to another host.
/// </summary>
/// <remarks>
/// <para>
/// A token is attached only when <see cref="AltinnEnvironment.IsAltinnHost(Uri)"/> of the default context's
/// environment accepts the request URI (the platform host or an app host of that environment, over HTTPS; plain
/// HTTP only on loopback). Every other request goes out without a token. A request that already has an
/// <c>Authorization</c> header keeps it for its own authority: the handler neither overwrites it nor retries a 401 for
/// it, and once a redirect chain has left that authority the header is not sent again, even if the chain comes back.
/// </para>
/// <para>
/// The identity comes from the default credential and <see cref="AltinnTokenContext"/>, overridden per request by
/// <see cref="AltinnRequestOptions"/> (see <see cref="AltinnHttpRequestExtensions.SetAltinnRequestOptions"/>).
/// </para>
/// <para>
/// A 401 to a request that carried the handler's token is retried exactly once with a token asked for with
/// <see cref="AltinnTokenRequest.RejectedToken"/> set, provided the body can be sent again (no body, or a buffered
/// one: <see cref="ByteArrayContent"/> and its subclasses such as <see cref="StringContent"/> and
/// <see cref="FormUrlEncodedContent"/>, <c>ReadOnlyMemoryContent</c>, or multipart content made of those; never a
/// <see cref="StreamContent"/>). A second 401 is returned to the caller.
/// </para>
/// <para>
/// Redirects (301, 302, 303, 307, 308; at most <see cref="MaxRedirects"/> hops) are followed here, and each hop
/// decides afresh whether a token may go to its host; once the chain has passed through a host outside the
/// environment, no later hop gets a token. The primary handler beneath must therefore be configured
/// with <c>AllowAutoRedirect = false</c>; otherwise it follows redirects itself and the handler cannot give the
/// token to a same-host redirect target. 301 and 302 turn a POST into a GET without a body, 303 turns anything
/// but HEAD into a GET without a body, and 307 and 308 keep the method and body (only a buffered body; otherwise
/// the redirect response is returned). An HTTPS to HTTP downgrade is not followed. A hop to another authority
/// (scheme, host or port) carries only content negotiation, caching and range headers (<c>Accept*</c>,
/// <c>User-Agent</c>, <c>Cache-Control</c>, <c>Pragma</c>, <c>Range</c>, <c>If-*</c>) and the body's content headers;
/// every other header (such as <c>X-Ai-InstanceOwnerIdentifier</c>, which holds a national identity number) stays
/// behind.
/// </para>
/// <para>
/// The handler never logs a token or a header value, and its exceptions never contain a token. It is thread-safe
/// and keeps no lock; concurrent refreshes are the credential's business (a caching credential single-flights per
/// context). Only asynchronous sending is supported.
/// </para>
/// </remarks>
public class AltinnAuthenticationHandler : DelegatingHandler
{
    /// <summary>The most redirects followed for one request: 5.</summary>
    public const int MaxRedirects = 5;

    private const string BearerScheme = "Bearer";
    private const string AttachedAuthorizationKey = "Altinn.Sdk.AttachedAuthorization";

    /// <summary>
    /// The only request headers carried over a redirect to another authority (scheme, host or port): content
    /// negotiation, caching and ranges. Any other header may hold a secret or a national identity number
    /// (<c>X-Ai-InstanceOwnerIdentifier</c>, <c>person</c>, cookies), so it stays with the authority it was meant for.
    /// Content headers travel with the body.
    /// </summary>
    private static readonly HashSet<string> s_headersAllowedToAnotherAuthority = new(StringComparer.OrdinalIgnoreCase)
    {
        "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "User-Agent", "Cache-Control", "Pragma",
        "Range", "If-Range", "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since",
    };

    private readonly AltinnCredential _credential;
    private readonly AltinnTokenContext _context;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates the handler.</summary>
    /// <param name="credential">The default source of tokens.</param>
    /// <param name="context">
    /// The default token context. Its <see cref="AltinnTokenContext.Environment"/> decides which hosts may receive a token.
    /// </param>
    /// <param name="timeProvider">The clock used to reject tokens that have already expired; the system clock if omitted.</param>
    /// <param name="logger">A logger; nothing is logged if omitted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="credential"/> or <paramref name="context"/> is null.</exception>
    public AltinnAuthenticationHandler(
        AltinnCredential credential,
        AltinnTokenContext context,
        TimeProvider? timeProvider = null,
        ILogger<AltinnAuthenticationHandler>? logger = null)
    {
        _credential = credential ?? throw new ArgumentNullException(nameof(credential));
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The default token context; per-request <see cref="AltinnRequestOptions"/> override its system user and scopes.</summary>
    public AltinnTokenContext Context => _context;

#if NET
    /// <summary>Not supported: the handler fetches tokens asynchronously. Use <see cref="HttpClient.SendAsync(HttpRequestMessage)"/>.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException(
            "The Altinn authentication handler only supports asynchronous sending (HttpClient.SendAsync); a synchronous send would go out without a token.");
#endif

    /// <summary>Sends the request with a token where allowed, retrying a 401 once and following redirects.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the token acquisition and the sending.</param>
    /// <returns>The final response: not a followed redirect, and not a 401 that was retried.</returns>
    /// <exception cref="InvalidOperationException">The credential returned a token that had already expired.</exception>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        if (request.RequestUri is not { IsAbsoluteUri: true } originalUri)
        {
            // Nothing to decide on; the primary handler reports the missing or relative URI.
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        AltinnRequestOptions? options = request.GetAltinnRequestOptions();
        AltinnCredential credential = options?.Credential ?? _credential;
        AltinnTokenContext context = options?.Apply(_context) ?? _context;
        AltinnEnvironment environment = context.Environment;
        AuthenticationHeaderValue? userAuthorization = GetUserAuthorization(request);

        HttpRequestMessage current = request;
        string? token = null;
        bool retried = false;
        bool leftEnvironment = false;
        bool leftOriginalAuthority = false;
        int redirects = 0;

        while (true)
        {
            Uri uri = current.RequestUri!;
            string? sentToken = null;
            if (userAuthorization is not null)
            {
                // The caller's header was meant for the original authority only; once the chain has left it, the
                // host that sent it elsewhere chose the rest of the chain, so it is not attached again even back home.
                leftOriginalAuthority |= !SameAuthority(uri, originalUri);
                if (!leftOriginalAuthority)
                {
                    current.Headers.Authorization = userAuthorization;
                    AuthenticationHandlerLog.UserAuthorizationKept(_logger, current.Method.Method, uri.Host);
                }
                else
                {
                    current.Headers.Authorization = null;
                    AuthenticationHandlerLog.UserAuthorizationDropped(_logger, uri.Host);
                }
            }
            else if (!leftEnvironment && environment.IsAltinnHost(uri))
            {
                token ??= await GetTokenAsync(credential, new AltinnTokenRequest(context), cancellationToken).ConfigureAwait(false);
                sentToken = token;
                var header = new AuthenticationHeaderValue(BearerScheme, token);
                current.Headers.Authorization = header;
                RequestOptionStore.Set(current, AttachedAuthorizationKey, header);
                AuthenticationHandlerLog.TokenAttached(_logger, environment.Name, current.Method.Method, uri.Host);
            }
            else
            {
                // Once a redirect chain has passed through a host outside the environment, that host chose where the
                // rest of the chain goes: no later hop gets a token, so a foreign server cannot make the client send an
                // authenticated request to Altinn. Also removes a token attached on an earlier pass (an outer retry).
                leftEnvironment = true;
                current.Headers.Authorization = null;
                RequestOptionStore.Set<AuthenticationHeaderValue>(current, AttachedAuthorizationKey, null);
                if (environment.IsAltinnHost(uri))
                {
                    AuthenticationHandlerLog.TokenWithheldAfterForeignRedirect(_logger, current.Method.Method, uri.Host);
                }
                else
                {
                    AuthenticationHandlerLog.HostNotAltinn(_logger, current.Method.Method, uri.Host, environment.Name);
                }
            }

            HttpResponseMessage response = await base.SendAsync(current, cancellationToken).ConfigureAwait(false);

            if (response.StatusCode == HttpStatusCode.Unauthorized && sentToken is not null)
            {
                if (retried)
                {
                    AuthenticationHandlerLog.UnauthorizedAfterRetry(_logger, uri.Host, environment.Name);
                    return response;
                }

                if (!IsReplayable(current.Content))
                {
                    AuthenticationHandlerLog.UnauthorizedNotReplayable(_logger, uri.Host, current.Method.Method);
                    return response;
                }

                retried = true;
                response.Dispose();
                AltinnTelemetry.UnauthorizedRetries.Add(
                    1,
                    new KeyValuePair<string, object?>("server.address", uri.Host),
                    new KeyValuePair<string, object?>("server.port", uri.Port));
                AuthenticationHandlerLog.UnauthorizedRetrying(_logger, uri.Host, current.Method.Method, environment.Name);
                token = await GetTokenAsync(credential, new AltinnTokenRequest(context, rejectedToken: sentToken), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (IsRedirect(response.StatusCode))
            {
                HttpRequestMessage? next = null;
                if (redirects < MaxRedirects)
                {
                    next = CreateRedirectRequest(current, response);
                }
                else
                {
                    AuthenticationHandlerLog.RedirectNotFollowed(_logger, response.StatusCode, uri.Host, "too many redirects");
                }

                if (next is not null)
                {
                    redirects++;
                    AuthenticationHandlerLog.FollowingRedirect(_logger, redirects, response.StatusCode, uri.Host, next.RequestUri!.Host, next.Method.Method);
                    response.Dispose();
                    current = next;
                    continue;
                }
            }

            return response;
        }
    }

    /// <summary>Whether a request body can be sent a second time unchanged (it is already in memory).</summary>
    internal static bool IsReplayable(HttpContent? content)
    {
        switch (content)
        {
            case null:
            case ByteArrayContent: // also StringContent and FormUrlEncodedContent
#if NET
            case ReadOnlyMemoryContent:
#endif
                return true;
            case MultipartContent multipart:
                foreach (HttpContent part in multipart)
                {
                    if (!IsReplayable(part)) return false;
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>The request's Authorization header if the caller set it (not one this handler attached earlier).</summary>
    private static AuthenticationHeaderValue? GetUserAuthorization(HttpRequestMessage request)
    {
        AuthenticationHeaderValue? existing = request.Headers.Authorization;
        if (existing is null) return null;
        AuthenticationHeaderValue? attached = RequestOptionStore.Get<AuthenticationHeaderValue>(request, AttachedAuthorizationKey);
        return existing.Equals(attached) ? null : existing;
    }

    private async ValueTask<string> GetTokenAsync(AltinnCredential credential, AltinnTokenRequest tokenRequest, CancellationToken cancellationToken)
    {
        AltinnAccessToken token = await credential.GetTokenAsync(tokenRequest, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(token.Token))
        {
            throw new InvalidOperationException($"The credential {credential.GetType().Name} returned no access token.");
        }

        DateTimeOffset now = _timeProvider.GetUtcNow();
        if (token.ExpiresOn <= now)
        {
            throw new InvalidOperationException(
                $"The credential {credential.GetType().Name} returned an expired access token (it expired at {token.ExpiresOn:O}, now is {now:O}); the request was not sent. Check the clock and the credential's cache.");
        }

        return token.Token;
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    private static bool SameAuthority(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    /// <summary>Builds the request for the next hop, or returns null when the redirect is not to be followed.</summary>
    private HttpRequestMessage? CreateRedirectRequest(HttpRequestMessage previous, HttpResponseMessage response)
    {
        Uri from = previous.RequestUri!;
        Uri? location = response.Headers.Location;
        if (location is null)
        {
            AuthenticationHandlerLog.RedirectNotFollowed(_logger, response.StatusCode, from.Host, "the response has no Location header");
            return null;
        }

        if (!location.IsAbsoluteUri) location = new Uri(from, location);
        if (location.Scheme != Uri.UriSchemeHttps && location.Scheme != Uri.UriSchemeHttp)
        {
            AuthenticationHandlerLog.RedirectNotFollowed(_logger, response.StatusCode, from.Host, "the Location is not an HTTP or HTTPS URL");
            return null;
        }

        if (from.Scheme == Uri.UriSchemeHttps && location.Scheme == Uri.UriSchemeHttp)
        {
            AuthenticationHandlerLog.RedirectNotFollowed(_logger, response.StatusCode, from.Host, "it downgrades HTTPS to HTTP");
            return null;
        }

        HttpMethod method = previous.Method;
        HttpContent? content = previous.Content;
        bool toGet = (int)response.StatusCode switch
        {
            301 or 302 => method == HttpMethod.Post,
            303 => method != HttpMethod.Head && method != HttpMethod.Get,
            _ => false,
        };
        if (toGet)
        {
            method = HttpMethod.Get;
            content = null;
        }
        else if (!IsReplayable(content))
        {
            AuthenticationHandlerLog.RedirectNotFollowed(_logger, response.StatusCode, from.Host, "the request body cannot be sent again");
            return null;
        }

        bool otherAuthority = !SameAuthority(from, location);
#pragma warning disable CA2000 // The next hop's request is returned to the caller's loop; it shares the original body, which the caller owns.
        var next = new HttpRequestMessage(method, location) { Version = previous.Version, Content = content };
#pragma warning restore CA2000
#if NET
        next.VersionPolicy = previous.VersionPolicy;
#endif
        foreach (KeyValuePair<string, IEnumerable<string>> header in previous.Headers)
        {
            if (string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase)) continue;
            if (otherAuthority && !s_headersAllowedToAnotherAuthority.Contains(header.Key)) continue;
            next.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        RequestOptionStore.CopyAll(previous, next);
        RequestOptionStore.Set<AuthenticationHeaderValue>(next, AttachedAuthorizationKey, null);
        return next;
    }
}
