using System.Buffers.Text;

namespace Altinn.Sdk.Testing.Authentication;

/// <summary>
/// The emulated token endpoints: app-localtest's test tokens (<c>/Home/GetTest*Token</c>), Maskinporten
/// (<c>/maskinporten/token</c>) and the Altinn Authentication API (<c>/authentication/api/v1/</c>: exchange,
/// refresh, OpenID configuration and JWKS).
/// </summary>
internal static class AuthenticationApi
{
    private const string Base = "/authentication/api/v1";

    // Claims the exchange and refresh do not carry over: the new token gets its own.
    private static readonly HashSet<string> s_replacedClaims = new(StringComparer.Ordinal)
    {
        "aud", "iss", "client_amr", "sid", "exp", "iat", "nbf",
        "urn:altinn:org", "urn:altinn:orgNumber", "urn:altinn:authenticatemethod", "urn:altinn:authlevel",
    };

    private static readonly HashSet<string> s_refreshedClaims = new(StringComparer.Ordinal) { "iss", "sid", "exp", "iat", "nbf" };

    /// <summary>Maps the endpoints; returns the emulated Maskinporten (its client register).</summary>
    public static EmulatedMaskinporten Map(IEndpointRouteBuilder routes, EmulatorContext emulator)
    {
        var maskinporten = new EmulatedMaskinporten(emulator);

        // ---- app-localtest's test tokens ----
        routes.MapGet("/Home/GetTestOrgToken/{org}", context => TestOrgToken(context, emulator));
        routes.MapGet("/Home/GetTestUserToken/{userId}", context => TestUserToken(context, emulator));
        routes.MapGet("/Home/GetTestSystemUserToken", context => TestSystemUserToken(context, emulator));

        // ---- Maskinporten ----
        routes.MapPost("/maskinporten/token", context => MaskinportenToken(context, maskinporten));
        routes.MapGet("/maskinporten/.well-known/oauth-authorization-server", context => MaskinportenMetadata(context, emulator));
        routes.MapGet("/maskinporten/jwk", context => Jwks(context, maskinporten.Tokens));

        // ---- Altinn Authentication ----
        routes.MapGet(Base + "/exchange/{tokenProvider}", context => Exchange(context, emulator, maskinporten));
        routes.MapGet(Base + "/refresh", context => Refresh(context, emulator));
        routes.MapGet(Base + "/openid/.well-known/openid-configuration", context => OpenIdConfiguration(context, emulator));
        routes.MapGet(Base + "/openid/.well-known/openid-configuration/jwks", context => Jwks(context, emulator.Tokens));
        return maskinporten;
    }

    private static Task TestOrgToken(HttpContext context, EmulatorContext emulator)
    {
        string org = (string)context.Request.RouteValues["org"]!;
        var query = context.Request.Query;
        if (!AppId.TryParse(org + "/app", out _)) return context.Text(StatusCodes.Status400BadRequest, $"'{org}' is not a valid org code.");
        string? orgNumber = NonEmpty(query["orgNumber"]) ?? emulator.State.OrgNumber(org);
        if (orgNumber is null) return context.Text(StatusCodes.Status404NotFound, $"The emulator does not know the org '{org}': pass orgNumber, or add it to the emulator's organisations.");
        if (!TestTokens.IsOrganisationNumber(orgNumber)) return context.Text(StatusCodes.Status400BadRequest, $"'{orgNumber}' is not a 9-digit organisation number.");
        if (!TryLevel(query["authenticationLevel"], 3, out int level)) return context.Text(StatusCodes.Status400BadRequest, "authenticationLevel must be a number from 0 to 4.");
        return PlainToken(context, TestTokens.Org(emulator, org, orgNumber, TestTokens.SplitScopes(query["scopes"]), level));
    }

    private static Task TestUserToken(HttpContext context, EmulatorContext emulator)
    {
        string id = (string)context.Request.RouteValues["userId"]!;
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out int userId)) return context.Text(StatusCodes.Status400BadRequest, $"'{id}' is not a user id.");
        if (!TryLevel(context.Request.Query["authenticationLevel"], 2, out int level)) return context.Text(StatusCodes.Status400BadRequest, "authenticationLevel must be a number from 0 to 4.");
        var user = emulator.State.FindUser(userId);
        if (user is null) return context.Text(StatusCodes.Status404NotFound, $"The emulator does not know user {userId}.");
        return PlainToken(context, TestTokens.User(emulator, user, level));
    }

    private static Task TestSystemUserToken(HttpContext context, EmulatorContext emulator)
    {
        var query = context.Request.Query;
        string? customer = NonEmpty(query["systemUserOrgNumber"]);
        if (!TestTokens.IsOrganisationNumber(customer)) return context.Text(StatusCodes.Status400BadRequest, "systemUserOrgNumber must be a 9-digit organisation number.");
        string vendor = NonEmpty(query["supplierOrgNumber"]) ?? TestTokens.DefaultVendorOrganisationNumber;
        if (!TestTokens.IsOrganisationNumber(vendor)) return context.Text(StatusCodes.Status400BadRequest, "supplierOrgNumber must be a 9-digit organisation number.");
        Guid? systemUserId = null;
        if (NonEmpty(query["systemUserId"]) is { } text)
        {
            if (!Guid.TryParse(text, out var parsed)) return context.Text(StatusCodes.Status400BadRequest, "systemUserId must be a GUID.");
            systemUserId = parsed;
        }

        string[] scopes = TestTokens.SplitScopes(NonEmpty(query["scope"]) ?? NonEmpty(query["scopes"]));
        return PlainToken(context, TestTokens.SystemUser(emulator, customer!, NonEmpty(query["externalRef"]), vendor, scopes, systemUserId, NonEmpty(query["systemId"])));
    }

    private static async Task MaskinportenToken(HttpContext context, EmulatedMaskinporten maskinporten)
    {
        if (!context.Request.HasFormContentType)
        {
            await OAuthError(context, "invalid_request", "The token request must be application/x-www-form-urlencoded.");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var result = maskinporten.Grant(NonEmpty(form["grant_type"]), NonEmpty(form["assertion"]));
        if (result.AccessToken is null)
        {
            await OAuthError(context, result.Error!, result.ErrorDescription!);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        await WriteJson(context, StatusCodes.Status200OK, w =>
        {
            w.WriteString("access_token", result.AccessToken);
            w.WriteString("token_type", "Bearer");
            w.WriteNumber("expires_in", (int)EmulatedMaskinporten.TokenLifetime.TotalSeconds);
            w.WriteString("scope", result.Scope);
        });
    }

    private static Task MaskinportenMetadata(HttpContext context, EmulatorContext emulator)
    {
        string issuer = emulator.MaskinportenIssuer.AbsoluteUri;
        return WriteJson(context, StatusCodes.Status200OK, w =>
        {
            w.WriteString("issuer", issuer);
            w.WriteString("token_endpoint", issuer + "token");
            w.WriteString("jwks_uri", issuer + "jwk");
            WriteArray(w, "token_endpoint_auth_methods_supported", "private_key_jwt");
            WriteArray(w, "grant_types_supported", EmulatedMaskinporten.JwtBearerGrantType);
            WriteArray(w, "token_endpoint_auth_signing_alg_values_supported", "RS256", "RS384", "RS512");
            WriteArray(w, "authorization_details_types_supported", "urn:altinn:systemuser");
        });
    }

    private static async Task Exchange(HttpContext context, EmulatorContext emulator, EmulatedMaskinporten maskinporten)
    {
        string provider = ((string)context.Request.RouteValues["tokenProvider"]!).ToLowerInvariant();
        switch (provider)
        {
            case "maskinporten":
                await ExchangeMaskinporten(context, emulator, maskinporten);
                return;
            case "id-porten":
                await ExchangeIdPorten(context, emulator);
                return;
            case "altinnstudio":
                // No Altinn Studio issuer exists in the emulator, so no Studio token is valid here.
                await context.Status(StatusCodes.Status401Unauthorized);
                return;
            default:
                await context.Text(
                    StatusCodes.Status400BadRequest,
                    $"Invalid token provider: {provider}. Trusted token providers are 'Maskinporten', 'Id-porten' and 'AltinnStudio'.");
                return;
        }
    }

    private static async Task ExchangeMaskinporten(HttpContext context, EmulatorContext emulator, EmulatedMaskinporten maskinporten)
    {
        if (context.Request.Headers.ContainsKey("X-Altinn-EnterpriseUser-Authentication"))
        {
            await context.Problem(StatusCodes.Status410Gone, "Enterprise user authentication is no longer supported", "Use a system user or ID-porten instead of an enterprise user (virksomhetsbruker).");
            return;
        }

        if (Bearer(context) is not { } token || !maskinporten.Tokens.TryValidate(token, out var claims, out _))
        {
            await context.Status(StatusCodes.Status401Unauthorized);
            return;
        }

        if (!claims.TryGetProperty("consumer", out var consumer) || consumer.ValueKind != JsonValueKind.Object
            || String(consumer, "authority") != "iso6523-actorid-upis" || String(consumer, "ID") is not { } consumerId
            || consumerId.IndexOf(':', StringComparison.Ordinal) is var colon && colon < 0)
        {
            await context.Status(StatusCodes.Status401Unauthorized);
            return;
        }

        string orgNumber = consumerId[(colon + 1)..];
        string scope = String(claims, "scope") ?? string.Empty;
        string? org = scope.Contains("altinn:serviceowner", StringComparison.Ordinal) ? emulator.State.OrgOfNumber(orgNumber) : null;
        if (org == "digdir" && bool.TryParse(context.Request.Query["test"], out bool test) && test) org = "ttd";

        string altinnToken = emulator.Tokens.Issue(w =>
        {
            CopyClaims(w, claims, s_replacedClaims);
            if (org is not null) w.WriteString("urn:altinn:org", org);
            w.WriteString("urn:altinn:orgNumber", orgNumber);
            w.WriteString("urn:altinn:authenticatemethod", "maskinporten");
            w.WriteNumber("urn:altinn:authlevel", 3);
        }, AltinnEmulator.TokenLifetime);
        await TokenBody(context, altinnToken);
    }

    private static async Task ExchangeIdPorten(HttpContext context, EmulatorContext emulator)
    {
        // There is no emulated ID-porten: the emulator's own user tokens stand in for ID-porten access tokens.
        if (Bearer(context) is not { } token || !emulator.Tokens.TryValidate(token, out var claims, out _) || !claims.TryGetProperty("urn:altinn:userid", out _))
        {
            await context.Status(StatusCodes.Status401Unauthorized);
            return;
        }

        if (!(String(claims, "scope") ?? string.Empty).Split(' ').Any(s => s.StartsWith("altinn:", StringComparison.Ordinal)))
        {
            await context.Status(StatusCodes.Status403Forbidden);
            return;
        }

        // As in Altinn, the Altinn token expires together with the token it came from.
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
        var lifetime = expires - emulator.Clock.GetUtcNow();
        string altinnToken = emulator.Tokens.Issue(w => CopyClaims(w, claims, s_refreshedClaims), lifetime > TimeSpan.Zero ? lifetime : TimeSpan.Zero);
        await TokenBody(context, altinnToken);
    }

    private static async Task Refresh(HttpContext context, EmulatorContext emulator)
    {
        string? token = Bearer(context) ?? NonEmpty(context.Request.Cookies["AltinnStudioRuntime"]) ?? NonEmpty(context.Request.Cookies[".ALTINNTOKEN"]);
        if (token is null || !emulator.Tokens.TryValidate(token, out var claims, out _))
        {
            await context.Status(StatusCodes.Status401Unauthorized);
            return;
        }

        await TokenBody(context, emulator.Tokens.Issue(w => CopyClaims(w, claims, s_refreshedClaims), AltinnEmulator.TokenLifetime));
    }

    private static Task OpenIdConfiguration(HttpContext context, EmulatorContext emulator)
    {
        string issuer = emulator.Tokens.Issuer;
        string api = new Uri(emulator.BaseUrl, "authentication/api/v1/").AbsoluteUri;
        return WriteJson(context, StatusCodes.Status200OK, w =>
        {
            w.WriteString("issuer", issuer);
            w.WriteString("jwks_uri", issuer + ".well-known/openid-configuration/jwks");
            w.WriteString("authorization_endpoint", api + "authorize");
            w.WriteString("token_endpoint", api + "token");
            w.WriteString("userinfo_endpoint", api + "userinfo");
            w.WriteString("end_session_endpoint", issuer + "logout");
            WriteArray(w, "response_types_supported", "code", "id_token", "id_token token");
            WriteArray(w, "subject_types_supported", "pairwise");
            WriteArray(w, "id_token_signing_alg_values_supported", "RS256");
        });
    }

    private static Task Jwks(HttpContext context, Security.EmulatorTokens tokens)
    {
        var key = tokens.PublicKey;
        return WriteJson(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartArray("keys");
            w.WriteStartObject();
            w.WriteString("kty", "RSA");
            w.WriteString("use", "sig");
            w.WriteString("alg", "RS256");
            w.WriteString("kid", tokens.KeyId);
            w.WriteString("e", Base64Url.EncodeToString(key.Exponent));
            w.WriteString("n", Base64Url.EncodeToString(key.Modulus));
            w.WriteEndObject();
            w.WriteEndArray();
        });
    }

    /// <summary>The body of a 200 from exchange and refresh: a JSON string with <c>Accept: application/json</c>, else the bare JWT.</summary>
    private static Task TokenBody(HttpContext context, string token)
    {
        bool json = context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = json ? "application/json; charset=utf-8" : "text/plain; charset=utf-8";
        return context.Response.WriteAsync(json ? "\"" + JsonEncodedText.Encode(token).ToString() + "\"" : token);
    }

    private static Task PlainToken(HttpContext context, string token) => context.Text(StatusCodes.Status200OK, token);

    private static void CopyClaims(Utf8JsonWriter writer, JsonElement claims, HashSet<string> skip)
    {
        foreach (var claim in claims.EnumerateObject())
        {
            if (!skip.Contains(claim.Name)) claim.WriteTo(writer);
        }
    }

    private static string? Bearer(HttpContext context)
    {
        string authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        return NonEmpty(authorization["Bearer ".Length..].Trim());
    }

    private static Task OAuthError(HttpContext context, string error, string description) =>
        WriteJson(context, error == "invalid_client" ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest, w =>
        {
            w.WriteString("error", error);
            w.WriteString("error_description", description);
        });

    private static async Task WriteJson(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
    }

    private static void WriteArray(Utf8JsonWriter w, string name, params string[] values)
    {
        w.WriteStartArray(name);
        foreach (string value in values) w.WriteStringValue(value);
        w.WriteEndArray();
    }

    private static bool TryLevel(string? text, int fallback, out int level)
    {
        level = fallback;
        if (string.IsNullOrEmpty(text)) return true;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out level) && level is >= 0 and <= 4;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string? String(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
