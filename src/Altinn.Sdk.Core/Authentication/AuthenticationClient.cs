using System.Net.Http.Headers;
using Altinn.Sdk.Internal;

namespace Altinn.Sdk.Authentication;

/// <summary>
/// The Altinn Authentication API of one environment: exchanges Maskinporten and ID-porten tokens for Altinn
/// tokens, refreshes Altinn tokens, and reads the OpenID discovery document.
/// </summary>
/// <remarks>
/// Thread-safe; keep one per environment. The tokens it is given are sent only to the environment's
/// Authentication API and never appear in messages or logs.
/// </remarks>
public class AuthenticationClient
{
    /// <summary>The most of a token or discovery response read: far more than any of them needs.</summary>
    private const int MaxResponseBytes = 256 * 1024;

    private readonly HttpClient _httpClient = null!;
    private readonly AltinnEnvironment _environment = null!;

    /// <summary>For mocking only.</summary>
    protected AuthenticationClient()
    {
    }

    /// <summary>Creates a client for the Authentication API of an environment.</summary>
    /// <param name="httpClient">
    /// The client to send requests with; requests use absolute URLs, so it needs no base address. It should not follow
    /// redirects (<c>AllowAutoRedirect = false</c>, as <c>AddAltinn</c> sets up), so a token is sent only to the URL asked for.
    /// </param>
    /// <param name="environment">The environment whose Authentication API (<see cref="AltinnEnvironment.AuthenticationBaseUrl"/>) to call.</param>
    public AuthenticationClient(HttpClient httpClient, AltinnEnvironment environment)
    {
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
    }

    /// <summary>The environment this client calls.</summary>
    public virtual AltinnEnvironment Environment => _environment;

    /// <summary>
    /// Exchanges a Maskinporten or ID-porten access token for an Altinn token:
    /// <c>GET {platform}/authentication/api/v1/exchange/{maskinporten|id-porten}</c>.
    /// </summary>
    /// <param name="externalToken">The Maskinporten or ID-porten access token (never an ID-porten id_token).</param>
    /// <param name="provider">Who issued <paramref name="externalToken"/>.</param>
    /// <param name="useTestOrganisation">
    /// Sends <c>?test=true</c> (Maskinporten only): a token whose organisation is Digdir becomes the test
    /// organisation <c>ttd</c>. It changes nothing for other organisations.
    /// </param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The Altinn token, expiring at its own <c>exp</c>.</returns>
    /// <exception cref="AltinnRequestFailedException">The exchange failed; a 401 means a token for another environment, an expired token, or one without a <c>consumer</c> claim.</exception>
    /// <exception cref="AltinnAuthenticationException">The answer is not a JWT with an <c>exp</c> claim, or is larger than 256 KiB.</exception>
    public virtual async Task<AltinnAccessToken> ExchangeAsync(
        string externalToken, AltinnTokenProvider provider, bool useTestOrganisation = false, CancellationToken cancellationToken = default)
    {
        if (externalToken is null) throw new ArgumentNullException(nameof(externalToken));
        if (string.IsNullOrWhiteSpace(externalToken)) throw new ArgumentException("The token to exchange must not be empty.", nameof(externalToken));
        string segment = provider switch
        {
            AltinnTokenProvider.Maskinporten => "maskinporten",
            AltinnTokenProvider.IdPorten => "id-porten",
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown token provider."),
        };

        string path = "exchange/" + segment + (useTestOrganisation && provider == AltinnTokenProvider.Maskinporten ? "?test=true" : string.Empty);
        return await GetTokenAsync(path, externalToken, status => ExchangeHint(status, provider), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gets a newly signed copy of a still valid Altinn token with a new expiry: <c>GET {platform}/authentication/api/v1/refresh</c>.
    /// </summary>
    /// <remarks>
    /// For Maskinporten and system-user tokens, exchanging a fresh Maskinporten token is simpler and safer; for
    /// ID-porten, renew the ID-porten token and exchange it again so that a user's revocation takes effect.
    /// </remarks>
    /// <param name="altinnToken">The Altinn token to refresh.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="AltinnRequestFailedException">The refresh failed; a 401 means the token is no longer valid.</exception>
    /// <exception cref="AltinnAuthenticationException">The answer is not a JWT with an <c>exp</c> claim, or is larger than 256 KiB.</exception>
    public virtual async Task<AltinnAccessToken> RefreshAsync(string altinnToken, CancellationToken cancellationToken = default)
    {
        if (altinnToken is null) throw new ArgumentNullException(nameof(altinnToken));
        if (string.IsNullOrWhiteSpace(altinnToken)) throw new ArgumentException("The token to refresh must not be empty.", nameof(altinnToken));
        return await GetTokenAsync(
            "refresh",
            altinnToken,
            status => status == 401
                ? $"The Altinn token is no longer valid in {Environment.Name} (expired, or issued by another environment): get a new one by exchanging a fresh Maskinporten or ID-porten token."
                : null,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the environment's OpenID discovery document:
    /// <c>GET {platform}/authentication/api/v1/openid/.well-known/openid-configuration</c>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="AltinnRequestFailedException">The request failed.</exception>
    /// <exception cref="FormatException">The document has no <c>issuer</c>.</exception>
    /// <exception cref="AltinnAuthenticationException">The document is larger than 256 KiB.</exception>
    public virtual async Task<AltinnOpenIdConfiguration> GetOpenIdConfigurationAsync(CancellationToken cancellationToken = default)
    {
        var uri = new Uri(Environment.AuthenticationBaseUrl, "openid/.well-known/openid-configuration");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using HttpResponseMessage response = await AltinnOperation.SendAsync("Authentication.GetOpenIdConfiguration", Environment, null, _httpClient, request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await AltinnRequestFailedException.CreateAsync(
                response, $"Could not read the OpenID configuration of {Environment.Name}: check the environment's platform URL.", cancellationToken).ConfigureAwait(false);
        }

        string body = await ReadTokenResponseAsync(response, $"The OpenID configuration of {Environment.Name}", cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            string issuer = (root.ValueKind == JsonValueKind.Object ? String(root, "issuer") : null)
                ?? throw new FormatException($"The OpenID configuration at {uri} has no 'issuer'.");
            var algorithms = new List<string>();
            if (root.TryGetProperty("id_token_signing_alg_values_supported", out JsonElement values) && values.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement value in values.EnumerateArray())
                {
                    if (value.ValueKind == JsonValueKind.String) algorithms.Add(value.GetString()!);
                }
            }

            return new AltinnOpenIdConfiguration(
                issuer,
                Url(root, "jwks_uri"),
                Url(root, "authorization_endpoint"),
                Url(root, "token_endpoint"),
                Url(root, "end_session_endpoint"),
                algorithms);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"The OpenID configuration at {uri} is not JSON.", exception);
        }
    }

    private async Task<AltinnAccessToken> GetTokenAsync(string path, string bearer, Func<int, string?> hint, CancellationToken cancellationToken)
    {
        var uri = new Uri(Environment.AuthenticationBaseUrl, path);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);

        // With Accept: application/json the service returns the JWT as a JSON string; without, as bare text. Both are read.
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using HttpResponseMessage response = await AltinnOperation.SendAsync(path == "refresh" ? "Authentication.Refresh" : "Authentication.Exchange", Environment, null, _httpClient, request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            int status = (int)response.StatusCode;
            string? message = status is >= 300 and < 400
                ? $"Token requests never follow a redirect: check the platform URL of {Environment.Name}."
                : hint(status);
            throw await AltinnRequestFailedException.CreateAsync(response, message, cancellationToken).ConfigureAwait(false);
        }

        string body = await ReadTokenResponseAsync(response, $"The answer to {request.Method} {Redaction.Uri(uri)}", cancellationToken).ConfigureAwait(false);
        string token = ReadTokenBody(body);
        if (!JwtFormat.TryReadExpiry(token, out DateTimeOffset expiresOn))
        {
            throw new AltinnAuthenticationException(
                $"{request.Method} {Redaction.Uri(uri)} answered {(int)response.StatusCode}, but the body is not a JWT with an 'exp' claim; check that {uri.GetLeftPart(UriPartial.Authority)} is an Altinn platform.");
        }

        return new AltinnAccessToken(token, expiresOn);
    }

    /// <summary>
    /// Reads a successful token response (Maskinporten, exchange, refresh, discovery) as UTF-8, or fails when it is
    /// longer than 256 KiB: no token response comes near that, so the bound is fixed.
    /// </summary>
    internal static async Task<string> ReadTokenResponseAsync(HttpResponseMessage response, string answer, CancellationToken cancellationToken)
    {
        (byte[] body, bool complete) = await ResponseBody.ReadAsync(response.Content, MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        if (!complete)
        {
            throw new AltinnAuthenticationException(
                $"{answer} is larger than 256 KiB, far more than any token response, so it was not read (the bound is fixed). "
                + $"Check that {response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Authority) ?? "the server"} is the service it should be.");
        }

        return Encoding.UTF8.GetString(body);
    }

    /// <summary>The token from an exchange or refresh body: a bare JWT, or a JSON string holding it.</summary>
    internal static string ReadTokenBody(string body)
    {
        string trimmed = body.Trim();
        if (trimmed.Length > 0 && trimmed[0] == '"')
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                if (document.RootElement.ValueKind == JsonValueKind.String) return document.RootElement.GetString()!.Trim();
            }
            catch (JsonException)
            {
                return trimmed.Trim('"');
            }
        }

        return trimmed;
    }

    private string? ExchangeHint(int status, AltinnTokenProvider provider) => (status, provider) switch
    {
        (401, AltinnTokenProvider.Maskinporten) =>
            $"Altinn did not accept the Maskinporten token in {Environment.Name}: check that it comes from this environment's Maskinporten "
            + "(test Maskinporten for tt02/at/yt, production Maskinporten for prod), that it has not expired, and that it carries a consumer claim.",
        (401, AltinnTokenProvider.IdPorten) =>
            $"Altinn did not accept the ID-porten access token in {Environment.Name}: check that it comes from this environment's ID-porten, "
            + "that it has not expired, that it is the access token (not the id_token), and that the person exists in Altinn.",
        (403, AltinnTokenProvider.IdPorten) => "The ID-porten access token carries no altinn: scope; ask for one (for example altinn:instances.read) in the login.",
        (410, _) => "Enterprise users (virksomhetsbrukere) are no longer supported: use a system user or ID-porten.",
        _ => null,
    };

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Uri? Url(JsonElement element, string name) =>
        String(element, name) is { } text && Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) ? uri : null;
}
