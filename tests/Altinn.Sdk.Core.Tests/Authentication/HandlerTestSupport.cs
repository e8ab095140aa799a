using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Altinn.Sdk.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Altinn.Sdk.Tests.Authentication;

/// <summary>
/// A credential for tests: counts calls, records every token request, and mints a distinct JWT-shaped token per call
/// whose payload names the credential, the call number and the system user's organisation number.
/// </summary>
internal sealed class CountingCredential(string name = "test", TimeProvider? timeProvider = null) : AltinnCredential
{
    private readonly ConcurrentQueue<AltinnTokenRequest> _requests = new();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private int _calls;

    /// <summary>How long minted tokens live; negative for tokens that have already expired.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(30);

    public int Calls => Volatile.Read(ref _calls);

    public IReadOnlyList<AltinnTokenRequest> Requests => _requests.ToArray();

    public override async ValueTask<AltinnAccessToken> GetTokenAsync(AltinnTokenRequest request, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        int call = Interlocked.Increment(ref _calls);
        _requests.Enqueue(request);
        string token = TestJwt.Create(new
        {
            iss = name,
            n = call,
            org = request.Context.SystemUser?.OrganisationNumber,
            scope = request.Context.ScopeString,
        });
        return new AltinnAccessToken(token, _time.GetUtcNow() + Lifetime);
    }
}

/// <summary>Unsigned JWT-shaped strings (they start with <c>eyJ</c> like real ones) and the pattern that finds them.</summary>
internal static class TestJwt
{
    public static readonly Regex Pattern = new(@"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*", RegexOptions.CultureInvariant);

    public static string Create(object payload) =>
        $"{Encode("""{"alg":"none","typ":"JWT"}""")}.{Encode(JsonSerializer.Serialize(payload))}.c2ln";

    public static JsonElement Payload(string token)
    {
        string part = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part = part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Convert.FromBase64String(part)).RootElement.Clone();
    }

    /// <summary>The token in an <c>Authorization: Bearer ...</c> header value.</summary>
    public static string FromHeader(string? authorization)
    {
        authorization.Should().NotBeNull().And.StartWith("Bearer ");
        return authorization!.Substring("Bearer ".Length);
    }

    private static string Encode(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Builds clients over the handler and checks captured logs.</summary>
internal static class HandlerHarness
{
    public const string Scope = "altinn:serviceowner/instances.read";

    public static AltinnTokenContext LocalContext(Uri baseUri) => new(AltinnEnvironment.Local(baseUri), [Scope]);

    public static FakeLogger<AltinnAuthenticationHandler> TraceLogger()
    {
        var logger = new FakeLogger<AltinnAuthenticationHandler>();
        logger.ControlLevel(LogLevel.Trace, enabled: true);
        return logger;
    }

    /// <summary>An HttpClient over the handler over a real socket handler that does not follow redirects itself.</summary>
    public static HttpClient Client(
        AltinnCredential credential,
        AltinnTokenContext context,
        ILogger<AltinnAuthenticationHandler>? logger = null,
        TimeProvider? timeProvider = null) =>
        new(new AltinnAuthenticationHandler(credential, context, timeProvider, logger is null ? LeakWatch.Logger<AltinnAuthenticationHandler>() : LeakWatch.Tee(logger))
        {
            InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false },
        });

    /// <summary>Asserts that no log record (message, structured values or exception) contains a JWT-shaped string.</summary>
    public static void ShouldContainNoToken(this FakeLogger logger)
    {
        foreach (FakeLogRecord record in logger.Collector.GetSnapshot())
        {
            var texts = new List<string?> { record.Message, record.Exception?.ToString() };
            if (record.StructuredState is { } state) texts.AddRange(state.Select(pair => pair.Value));
            foreach (string? text in texts)
            {
                if (text is not null) TestJwt.Pattern.IsMatch(text).Should().BeFalse($"log record {record.Id} must not contain a token: {text}");
            }
        }
    }
}
