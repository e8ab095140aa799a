using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Altinn.Sdk.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

using Altinn.Sdk.Tests.Infrastructure;

namespace Altinn.Sdk.Tests.Authentication;

/// <summary>
/// A fake Maskinporten token endpoint: checks <c>grant_type</c> and the grant's shape (aud, iss, exp − iat), records
/// every assertion, and answers with an opaque access token and <see cref="ExpiresIn"/>.
/// </summary>
internal sealed class FakeMaskinporten : IAsyncDisposable
{
    private LoopbackServer _server = null!;
    private int _grants;

    private FakeMaskinporten()
    {
    }

    /// <summary>The issuer, with trailing slash (the grant's aud); the token endpoint is <c>{Issuer}token</c>.</summary>
    public Uri Issuer => _server.BaseUri;

    /// <summary>Tokens issued.</summary>
    public int Grants => Volatile.Read(ref _grants);

    public ConcurrentQueue<string> Assertions { get; } = new();

    public ConcurrentQueue<string> IssuedTokens { get; } = new();

    public int ExpiresIn { get; set; } = 600;

    public TimeSpan Delay { get; set; }

    /// <summary>When set, answers every grant with this status and JSON body.</summary>
    public (int Status, string Body)? Error { get; set; }

    /// <summary>Answers to give the next grants, one each, before <see cref="Error"/> or a token.</summary>
    public ConcurrentQueue<(int Status, string Body)> NextAnswers { get; } = new();

    public static async Task<FakeMaskinporten> StartAsync()
    {
        var fake = new FakeMaskinporten();
        fake._server = await LoopbackServer.StartAsync(fake.HandleAsync);
        return fake;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Method != "POST" || context.Request.Path != "/token" || !context.Request.HasFormContentType)
        {
            await Reply(context, 400, """{"error":"invalid_request","error_description":"POST a form to /token"}""");
            return;
        }

        IFormCollection form = await context.Request.ReadFormAsync();
        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer")
        {
            await Reply(context, 400, """{"error":"unsupported_grant_type","error_description":"grant_type must be jwt-bearer"}""");
            return;
        }

        string assertion = form["assertion"].ToString();
        Assertions.Enqueue(assertion);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
        (int Status, string Body)? answer = NextAnswers.TryDequeue(out var next) ? next : Error;
        if (answer is { } refusal)
        {
            await Reply(context, refusal.Status, refusal.Body);
            return;
        }

        var jwt = new JsonWebToken(assertion);
        long span = jwt.GetPayloadValue<long>("exp") - jwt.GetPayloadValue<long>("iat");
        if (jwt.GetPayloadValue<string>("aud") != Issuer.AbsoluteUri || span is <= 0 or > 120)
        {
            await Reply(context, 400, """{"error":"invalid_grant","error_description":"Invalid assertion. (MP-110)"}""");
            return;
        }

        int number = Interlocked.Increment(ref _grants);
        string token = $"mp-token-{number}-{Guid.NewGuid():N}";
        IssuedTokens.Enqueue(token);
        await Reply(context, 200, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["access_token"] = token,
            ["token_type"] = "Bearer",
            ["expires_in"] = ExpiresIn,
            ["scope"] = jwt.GetPayloadValue<string>("scope"),
        }));
    }

    private static async Task Reply(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

/// <summary>
/// A fake Altinn Authentication API: <c>/authentication/api/v1/exchange/{provider}</c> and <c>/refresh</c> answer
/// with a signed Altinn JWT whose <c>exp</c> is <see cref="Lifetime"/> from the clock's now.
/// </summary>
internal sealed class FakeAltinnAuthentication : IAsyncDisposable
{
    private readonly TimeProvider _clock;
    private readonly RsaSecurityKey _signingKey = new(RSA.Create(2048)) { KeyId = "altinn-test" };
    private LoopbackServer _server = null!;
    private int _exchanges;
    private int _requests;

    private FakeAltinnAuthentication(TimeProvider clock) => _clock = clock;

    public Uri BaseUri => _server.BaseUri;

    /// <summary>Successful exchanges.</summary>
    public int Exchanges => Volatile.Read(ref _exchanges);

    /// <summary>Exchange requests, failed ones included.</summary>
    public int ExchangeRequests => Volatile.Read(ref _requests);

    /// <summary>The bearer tokens exchanged (Maskinporten or ID-porten tokens).</summary>
    public ConcurrentQueue<string> ExchangedTokens { get; } = new();

    public ConcurrentQueue<string> Paths { get; } = new();

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Return the JWT as a JSON string literal instead of bare text.</summary>
    public bool QuotedBody { get; set; }

    /// <summary>When set, every exchange and refresh answers with this status and an empty body.</summary>
    public int? FailWithStatus { get; set; }

    public TimeSpan Delay { get; set; }

    /// <summary>Answers every other path (an Altinn API on the same platform host); 404 when not set.</summary>
    public RequestDelegate? Api { get; set; }

    public string Issuer => new Uri(BaseUri, "authentication/api/v1/openid/").AbsoluteUri;

    public static async Task<FakeAltinnAuthentication> StartAsync(TimeProvider? clock = null)
    {
        var fake = new FakeAltinnAuthentication(clock ?? TimeProvider.System);
        fake._server = await LoopbackServer.StartAsync(fake.HandleAsync);
        return fake;
    }

    /// <summary>An environment whose platform is this server and whose Maskinporten is <paramref name="maskinporten"/>.</summary>
    public AltinnEnvironment Environment(FakeMaskinporten? maskinporten) => AltinnEnvironment.Local(BaseUri, maskinporten?.Issuer);

    public string CreateAltinnToken(DateTimeOffset now, TimeSpan lifetime) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Subject = new ClaimsIdentity([new Claim("sid", Guid.NewGuid().ToString()), new Claim("urn:altinn:org", "ttd")]),
            SigningCredentials = new SigningCredentials(_signingKey, SecurityAlgorithms.RsaSha256),
        });

    private async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? string.Empty;
        Paths.Enqueue(path + context.Request.QueryString);
        if (path == "/authentication/api/v1/openid/.well-known/openid-configuration")
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["issuer"] = Issuer,
                ["jwks_uri"] = Issuer + ".well-known/openid-configuration/jwks",
                ["token_endpoint"] = new Uri(BaseUri, "authentication/api/v1/token").AbsoluteUri,
                ["authorization_endpoint"] = new Uri(BaseUri, "authentication/api/v1/authorize").AbsoluteUri,
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["subject_types_supported"] = new[] { "pairwise" },
            }));
            return;
        }

        bool exchange = path.StartsWith("/authentication/api/v1/exchange/", StringComparison.Ordinal);
        if (!exchange && path != "/authentication/api/v1/refresh")
        {
            if (Api is { } api) await api(context);
            else context.Response.StatusCode = 404;
            return;
        }

        string authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = 401;
            return;
        }

        if (exchange) Interlocked.Increment(ref _requests);
        ExchangedTokens.Enqueue(authorization.Substring("Bearer ".Length));
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
        if (FailWithStatus is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }

        string token = CreateAltinnToken(_clock.GetUtcNow(), Lifetime);
        if (exchange) Interlocked.Increment(ref _exchanges);
        if (QuotedBody)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(JsonSerializer.Serialize(token));
        }
        else
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _signingKey.Rsa.Dispose();
    }
}

/// <summary>Key material for tests.</summary>
internal static class TestKeys
{
    /// <summary>A private RSA JWK as JSON.</summary>
    public static string ToPrivateJwk(RSA rsa, string? kid)
    {
        RSAParameters p = rsa.ExportParameters(includePrivateParameters: true);
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            ["d"] = Base64UrlEncoder.Encode(p.D),
            ["p"] = Base64UrlEncoder.Encode(p.P),
            ["q"] = Base64UrlEncoder.Encode(p.Q),
            ["dp"] = Base64UrlEncoder.Encode(p.DP),
            ["dq"] = Base64UrlEncoder.Encode(p.DQ),
            ["qi"] = Base64UrlEncoder.Encode(p.InverseQ),
            ["alg"] = "RS256",
        };
        if (kid is not null) jwk["kid"] = kid;
        string json = JsonSerializer.Serialize(jwk);
        LeakWatch.AddPrivateJwk(json);
        return json;
    }

    public static System.Security.Cryptography.X509Certificates.X509Certificate2 SelfSigned(RSA rsa, string subject = "CN=Test Organisation, O=Test, C=NO")
    {
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    /// <summary>A FakeTimeProvider-friendly now: the current time rounded down to whole seconds (JWT NumericDate).</summary>
    public static DateTimeOffset WholeSecondsNow() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
}
