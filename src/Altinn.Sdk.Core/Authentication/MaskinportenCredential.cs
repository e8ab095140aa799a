using System.Net.Http.Headers;
using Altinn.Sdk.Diagnostics;
using Altinn.Sdk.Internal;

namespace Altinn.Sdk.Authentication;

/// <summary>
/// Gets Maskinporten access tokens with the JWT-bearer grant (RFC 7523): signs a short-lived grant with the
/// client's key and posts it to <c>{environment.MaskinportenIssuer}token</c>.
/// </summary>
/// <remarks>
/// <para>
/// The grant follows Maskinporten's rules: header <c>alg</c> RS256 with either <c>kid</c> or <c>x5c</c>; claims
/// <c>aud</c> (the issuer, with trailing slash), <c>iss</c> (the client id), <c>scope</c>, <c>iat</c>, <c>exp</c>
/// (60 s after <c>iat</c>), a new <c>jti</c> each time, and, when the context asks for them, <c>resource</c>,
/// <c>consumer_org</c> and <c>authorization_details</c> (system user). Nothing else.
/// </para>
/// <para>
/// Tokens are cached per <see cref="AltinnTokenContext"/> (environment included), refreshed ahead of expiry, and
/// concurrent callers share one request. A request that gets no answer, 408, 429 or a 5xx is tried up to three times
/// (about 1 s, then 2 s apart, with jitter), each time with a new grant. Altinn's apps and platform APIs want an Altinn token: wrap this
/// credential in an <see cref="AltinnTokenExchangeCredential"/>.
/// </para>
/// </remarks>
public sealed class MaskinportenCredential : AltinnCredential
{
    /// <summary>Seconds between the grant's <c>iat</c> and <c>exp</c>; Maskinporten allows at most 120.</summary>
    internal const int GrantLifetimeSeconds = 60;

    private const string GrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private const int MaxTextInMessage = 500;

    /// <summary>Attempts at a token request that fails transiently (no answer, 408, 429, 5xx), about 1 s and then 2 s apart (jittered).</summary>
    internal const int MaxAttempts = 3;

    private readonly HttpClient _httpClient;
    private readonly TimeProvider _timeProvider;
    private readonly TokenCache<AltinnTokenContext> _cache;
    private readonly Func<AltinnTokenContext, CancellationToken, Task<CachedToken>> _fetch;
    private readonly Polly.ResiliencePipeline _retry;

    /// <summary>Creates a Maskinporten credential.</summary>
    /// <param name="clientId">The Maskinporten client id (the grant's <c>iss</c>).</param>
    /// <param name="signingKey">The key registered on the client, or the enterprise certificate.</param>
    /// <param name="httpClient">
    /// The client to call Maskinporten with; when null, a shared one that never follows redirects. A client given here
    /// should not follow redirects either (<c>AllowAutoRedirect = false</c>), or a redirect sends the signed grant on.
    /// </param>
    /// <param name="timeProvider">The clock for grants and expiry; the system clock when null.</param>
    /// <exception cref="ArgumentException">The client id is blank.</exception>
    public MaskinportenCredential(string clientId, MaskinportenSigningKey signingKey, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
    {
        if (clientId is null) throw new ArgumentNullException(nameof(clientId));
        if (string.IsNullOrWhiteSpace(clientId)) throw new ArgumentException("A Maskinporten client id must not be blank.", nameof(clientId));
        ClientId = clientId;
        SigningKey = signingKey ?? throw new ArgumentNullException(nameof(signingKey));
        _httpClient = httpClient ?? SharedHttpClient.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _cache = new TokenCache<AltinnTokenContext>(_timeProvider);
        _fetch = FetchAsync;
        _retry = TokenRetry.Create(_timeProvider);
    }

    /// <summary>The Maskinporten client id.</summary>
    public string ClientId { get; }

    /// <summary>The key grants are signed with.</summary>
    public MaskinportenSigningKey SigningKey { get; }

    /// <summary>The number of contexts with a cached token (for tests of the bound).</summary>
    internal int CachedTokenCount => _cache.Count;

    /// <summary>Gets a Maskinporten access token for the context, from the cache when it is fresh enough.</summary>
    /// <param name="request">The context, and a token the server has just rejected, if any.</param>
    /// <param name="cancellationToken">Cancels the wait (not a request other callers share).</param>
    /// <exception cref="InvalidOperationException">The environment has no Maskinporten issuer.</exception>
    /// <exception cref="AltinnAuthenticationException">Maskinporten refused the grant (carries its error and description), or could not be reached.</exception>
    public override async ValueTask<AltinnAccessToken> GetTokenAsync(AltinnTokenRequest request, CancellationToken cancellationToken)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        _ = IssuerOf(request.Context);
        CachedToken token = await _cache.GetAsync(request.Context, request.RejectedToken, _fetch, cancellationToken).ConfigureAwait(false);
        return token.Token;
    }

    /// <summary>Builds and signs a grant for the context at <paramref name="now"/>.</summary>
    internal async ValueTask<string> CreateAssertionAsync(AltinnTokenContext context, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Uri issuer = IssuerOf(context);
        byte[] header = JwtFormat.WriteJson(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("alg", "RS256");
            if (SigningKey.CertificateBase64 is { } certificate)
            {
                writer.WriteStartArray("x5c");
                writer.WriteStringValue(certificate);
                writer.WriteEndArray();
            }
            else
            {
                writer.WriteString("kid", SigningKey.KeyId);
            }

            writer.WriteEndObject();
        });

        long issuedAt = JwtFormat.ToUnixSeconds(now);
        byte[] payload = JwtFormat.WriteJson(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("aud", issuer.AbsoluteUri);
            writer.WriteString("iss", ClientId);
            writer.WriteString("scope", context.ScopeString);
            writer.WriteNumber("iat", issuedAt);
            writer.WriteNumber("exp", issuedAt + GrantLifetimeSeconds);
            writer.WriteString("jti", Guid.NewGuid().ToString("D"));
            if (context.Resource is not null)
            {
                // Digdir: "currently only array supported" for resource.
                writer.WriteStartArray("resource");
                writer.WriteStringValue(context.Resource);
                writer.WriteEndArray();
            }

            if (context.ConsumerOrganisation is not null) writer.WriteString("consumer_org", context.ConsumerOrganisation);
            if (context.SystemUser is { } systemUser)
            {
                writer.WriteStartArray("authorization_details");
                writer.WriteStartObject();
                writer.WriteString("type", "urn:altinn:systemuser");
                writer.WriteStartObject("systemuser_org");
                writer.WriteString("authority", "iso6523-actorid-upis");
                writer.WriteString("ID", "0192:" + systemUser.OrganisationNumber);
                writer.WriteEndObject();
                if (systemUser.ExternalReference is not null) writer.WriteString("externalRef", systemUser.ExternalReference);
                writer.WriteEndObject();
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        });

        string signingInput = JwtFormat.Base64UrlEncode(header) + "." + JwtFormat.Base64UrlEncode(payload);
        byte[] signature = await SigningKey.SignAsync(Encoding.ASCII.GetBytes(signingInput), cancellationToken).ConfigureAwait(false);
        if (signature is null || signature.Length == 0)
        {
            throw new AltinnAuthenticationException($"The signing callback for key '{SigningKey.KeyId}' returned no signature.");
        }

        return signingInput + "." + JwtFormat.Base64UrlEncode(signature);
    }

    private static Uri IssuerOf(AltinnTokenContext context) =>
        context.Environment.MaskinportenIssuer
        ?? throw new InvalidOperationException(
            $"The environment '{context.Environment.Name}' has no Maskinporten issuer, so Maskinporten tokens cannot be fetched for it. "
            + "Use a built-in environment (Production, Tt02, ...), pass maskinportenIssuer when creating a local or custom environment, "
            + "or use a credential that issues test tokens directly (for example DelegatedTokenCredential).");

    // A token request that gets no answer, 408, 429 or a 5xx is tried again (TokenRetry), with a new grant each time
    // (Maskinporten refuses a jti it has seen); one such fault would otherwise fail every request that waits for the token.
    private Task<CachedToken> FetchAsync(AltinnTokenContext context, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct => await FetchOnceAsync(context, ct).ConfigureAwait(false), cancellationToken).AsTask();

    private async Task<CachedToken> FetchOnceAsync(AltinnTokenContext context, CancellationToken cancellationToken)
    {
        Uri tokenEndpoint = new(IssuerOf(context), "token");
        DateTimeOffset now = _timeProvider.GetUtcNow();
        string assertion = await CreateAssertionAsync(context, now, cancellationToken).ConfigureAwait(false);

        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint)
        {
            Content = new FormUrlEncodedContent(
            [
                new KeyValuePair<string, string>("grant_type", GrantType),
                new KeyValuePair<string, string>("assertion", assertion),
            ]),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        int status;
        string body;
        try
        {
            using HttpResponseMessage response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;

            // A success is read whole (or refused as too large); an error only as far as its message needs.
            body = status is >= 200 and <= 299
                ? await AuthenticationClient.ReadTokenResponseAsync(response, $"Maskinporten's answer ({tokenEndpoint})", cancellationToken).ConfigureAwait(false)
                : Encoding.UTF8.GetString((await ResponseBody.ReadAsync(response.Content, ResponseBody.MaxErrorBytes, cancellationToken).ConfigureAwait(false)).Bytes);
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A timeout must not look like the caller's own cancellation.
            throw new AltinnAuthenticationException(
                $"Maskinporten ({tokenEndpoint}) could not be reached or did not answer in time: {exception.Message}", status: null, error: null, errorDescription: null, exception);
        }

        if (status is < 200 or > 299)
        {
            throw CreateError(context, tokenEndpoint, status, body);
        }

        AltinnAccessToken token = ParseTokenResponse(body, now, tokenEndpoint);
        AltinnTelemetry.TokensFetched.Add(1, new KeyValuePair<string, object?>("altinn.token.source", "maskinporten"));
        return new CachedToken(token);
    }

    private static AltinnAccessToken ParseTokenResponse(string body, DateTimeOffset requestedAt, Uri tokenEndpoint)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("access_token", out JsonElement accessToken)
                && accessToken.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(accessToken.GetString()))
            {
                string token = accessToken.GetString()!;
                if (root.TryGetProperty("expires_in", out JsonElement expiresIn) && expiresIn.ValueKind == JsonValueKind.Number && expiresIn.TryGetDouble(out double seconds) && seconds > 0)
                {
                    // Measured from when the request was sent, so the cache errs on the early side.
                    return new AltinnAccessToken(token, requestedAt.AddSeconds(seconds));
                }

                if (JwtFormat.TryReadExpiry(token, out DateTimeOffset expiresOn)) return new AltinnAccessToken(token, expiresOn);
            }
        }
        catch (JsonException)
        {
        }

        throw new AltinnAuthenticationException(
            $"Maskinporten ({tokenEndpoint}) answered the token request with success, but the body is not a token response with access_token and expires_in.");
    }

    private AltinnAuthenticationException CreateError(AltinnTokenContext context, Uri tokenEndpoint, int status, string body)
    {
        string? error = null;
        string? description = null;
        string? errorUri = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                error = StringOrNull(document.RootElement, "error");
                description = StringOrNull(document.RootElement, "error_description");
                errorUri = StringOrNull(document.RootElement, "error_uri");
            }
        }
        catch (JsonException)
        {
        }

        var message = new StringBuilder();
        message.Append("Maskinporten (").Append(tokenEndpoint).Append(") refused the token request for client '").Append(ClientId)
            .Append("' with scopes '").Append(context.ScopeString).Append("': ").Append(status.ToString(CultureInfo.InvariantCulture));
        if (error is not null || description is not null)
        {
            if (error is not null) message.Append(' ').Append(Redaction.Text(error));
            if (description is not null) message.Append(": ").Append(Redaction.Text(description).TrimEnd('.'));
            message.Append('.');
            if (errorUri is not null) message.Append(" See ").Append(Redaction.Text(errorUri)).Append('.');
        }
        else if (!string.IsNullOrWhiteSpace(body))
        {
            string text = Redaction.Text(body.Trim());
            if (text.Length > MaxTextInMessage) text = text.Substring(0, MaxTextInMessage) + "...";
            message.Append(". The service said: ").Append(text);
        }
        else
        {
            message.Append('.');
        }

        string? hint = status is >= 300 and < 400
            ? "Token requests never follow a redirect (it would send the signed grant elsewhere): check the environment's Maskinporten issuer."
            : Hint(context, error);
        if (hint is not null) message.Append(' ').Append(hint);
        return new AltinnAuthenticationException(message.ToString(), status, error, description);
    }

    private string? Hint(AltinnTokenContext context, string? error)
    {
        string? hint = error switch
        {
            "invalid_scope" => "Check that the client has been granted every scope, or that the scopes are delegated to it in Altinn.",
            "invalid_grant" or "invalid_client" =>
                $"Check the client id, that the key ({SigningKey}) is registered on the client in this Maskinporten environment "
                + "(production certificates are not accepted in test), and that this machine's clock is right (iat must be within 10 s of Maskinporten's).",
            _ => null,
        };
        if (context.SystemUser is not null && error is not null)
        {
            hint = (hint is null ? string.Empty : hint + " ")
                + $"For the {context.SystemUser}: check that the customer has approved a system user for your system, that the external reference matches "
                + "the one it was created with, and that this client id is listed on the system in the system register.";
        }

        return hint;
    }

    private static string? StringOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
