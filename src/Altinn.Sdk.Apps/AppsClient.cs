using System.Collections.Concurrent;
using Altinn.Sdk.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Apps;

/// <summary>
/// The entry point to the App API that every Altinn 3 app serves at <c>https://{org}.apps.{host}/{org}/{app}/</c>:
/// <see cref="GetAppClient(AppId)"/> gives the <see cref="AppClient"/> of one app (instances, data, process,
/// metadata). One client serves every app of the environment.
/// </summary>
/// <remarks>
/// <para>Thread-safe and cheap to keep. With dependency injection register it with
/// <c>services.AddAltinn(...).AddAltinnApps()</c> and take <see cref="AppsClient"/> in a constructor; in a script use
/// <see cref="Create(AltinnEnvironment, AltinnCredential, Action{AltinnOptions}?, ILoggerFactory?)"/>.</para>
/// <para>The <see cref="HttpClient"/> must carry the Altinn pipeline (<c>AddAltinnPipeline()</c>): it attaches the
/// token and retries idempotent requests. Without it no token is sent.</para>
/// </remarks>
public class AppsClient
{
    private readonly Func<HttpClient> _httpClient;
    private readonly ILogger? _logger;
    private readonly ConcurrentDictionary<AppId, AppClient> _apps = new();

    /// <summary>Creates a client on an <see cref="HttpClient"/> that carries the Altinn pipeline.</summary>
    /// <param name="httpClient">The HTTP client, with the handlers of <c>AddAltinnPipeline()</c>; it is not disposed by this client.</param>
    /// <param name="environment">The Altinn environment; each app is at its <see cref="AltinnEnvironment.GetAppBaseUrl(AppId)"/>.</param>
    /// <param name="logger">A logger for warnings, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> or <paramref name="environment"/> is null.</exception>
    public AppsClient(HttpClient httpClient, AltinnEnvironment environment, ILogger<AppsClient>? logger = null)
    {
        if (httpClient is null) throw new ArgumentNullException(nameof(httpClient));
        _httpClient = () => httpClient;
        Environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _logger = logger;
    }

    /// <summary>Creates a client that takes an <see cref="HttpClient"/> per request (from <c>IHttpClientFactory</c>).</summary>
    internal AppsClient(Func<HttpClient> httpClient, AltinnEnvironment environment, ILogger? logger)
    {
        _httpClient = httpClient;
        Environment = environment;
        _logger = logger;
    }

    /// <summary>For mocking.</summary>
    protected AppsClient()
    {
        _httpClient = null!;
        Environment = null!;
    }

    /// <summary>The environment this client talks to.</summary>
    public virtual AltinnEnvironment Environment { get; }

    /// <summary>
    /// The client of one app. The same <see cref="AppClient"/> is returned for the same app id, so its cached
    /// application metadata (used to check uploads before sending) is shared.
    /// </summary>
    /// <param name="appId">The app, <c>{org}/{app}</c>.</param>
    /// <returns>The app's client.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="appId"/> is null.</exception>
    public virtual AppClient GetAppClient(AppId appId)
    {
        if (appId is null) throw new ArgumentNullException(nameof(appId));
        return _apps.GetOrAdd(appId, id => new AppClient(new AppPipeline(_httpClient, Environment, id, _logger)));
    }

    /// <summary>
    /// Creates a client without a host, for scripts and tools: builds a small private service collection with
    /// <c>AddAltinn</c> and <c>AddAltinnApps</c> (the same token handling and retries as with dependency injection).
    /// Keep the client for the life of the program rather than creating one per call.
    /// </summary>
    /// <param name="environment">The Altinn environment (or an emulator's <c>Environment</c>).</param>
    /// <param name="credential">
    /// The credential: for an app owner a <see cref="MaskinportenCredential"/> wrapped in an
    /// <see cref="AltinnTokenExchangeCredential"/>; for an end-user system a system-user credential.
    /// </param>
    /// <param name="configure">
    /// Further settings, or <see langword="null"/>. When no scope is set, <c>altinn:serviceowner/instances.read</c>
    /// and <c>altinn:serviceowner/instances.write</c> are asked for (an app owner); an end-user system sets its own.
    /// </param>
    /// <param name="loggerFactory">Where the SDK's log messages go; none when <see langword="null"/>.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="environment"/> or <paramref name="credential"/> is null.</exception>
    public static AppsClient Create(AltinnEnvironment environment, AltinnCredential credential, Action<AltinnOptions>? configure = null, ILoggerFactory? loggerFactory = null) =>
        AltinnClientRegistration.CreateHostless<AppsClient>(environment, credential, configure, loggerFactory,
            ["altinn:serviceowner/instances.read", "altinn:serviceowner/instances.write"],
            services => services.AddAltinnApps());
}
