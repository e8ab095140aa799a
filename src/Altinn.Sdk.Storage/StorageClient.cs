using Altinn.Sdk.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Storage;

/// <summary>
/// The client for Altinn 3 Platform Storage (<c>https://platform.{host}/storage/api/v1/</c>), as an app owner uses it
/// for archiving, clean-up and for reaching the data of undeployed apps: <see cref="Instances"/> (query, get, complete,
/// substatus, delete, events), <see cref="Data"/> (streamed downloads) and <see cref="Applications"/>.
/// </summary>
/// <remarks>
/// <para>Thread-safe and cheap to keep. With dependency injection register it with
/// <c>services.AddAltinn(...).AddAltinnStorage()</c> and take <see cref="StorageClient"/> in a constructor; in a script
/// use <see cref="Create(AltinnEnvironment, AltinnCredential, Action{AltinnOptions}?, ILoggerFactory?)"/>.</para>
/// <para>The <see cref="HttpClient"/> must carry the Altinn pipeline (<c>AddAltinnPipeline()</c>): it attaches the
/// token and retries idempotent requests. Without it no token is sent.</para>
/// </remarks>
public class StorageClient
{
    /// <summary>Creates a client on an <see cref="HttpClient"/> that carries the Altinn pipeline.</summary>
    /// <param name="httpClient">The HTTP client, with the handlers of <c>AddAltinnPipeline()</c>; it is not disposed by this client.</param>
    /// <param name="environment">The Altinn environment; Storage is at its <see cref="AltinnEnvironment.StorageBaseUrl"/>.</param>
    /// <param name="logger">A logger for warnings (long substatus labels, reduced query page sizes), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> or <paramref name="environment"/> is null.</exception>
    public StorageClient(HttpClient httpClient, AltinnEnvironment environment, ILogger<StorageClient>? logger = null)
    {
        if (httpClient is null) throw new ArgumentNullException(nameof(httpClient));
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        var pipeline = new StoragePipeline(httpClient, environment, logger);
        Environment = environment;
        Instances = new StorageInstancesClient(pipeline);
        Data = new StorageDataClient(pipeline);
        Applications = new StorageApplicationsClient(pipeline);
    }

    /// <summary>For mocking.</summary>
    protected StorageClient()
    {
        Environment = null!;
        Instances = null!;
        Data = null!;
        Applications = null!;
    }

    /// <summary>The environment this client talks to.</summary>
    public virtual AltinnEnvironment Environment { get; }

    /// <summary>Instances: query, get, complete, substatus, read status, delete, events, process history, presentation texts, data values.</summary>
    public virtual StorageInstancesClient Instances { get; }

    /// <summary>Data elements: streamed downloads and metadata.</summary>
    public virtual StorageDataClient Data { get; }

    /// <summary>Application metadata.</summary>
    public virtual StorageApplicationsClient Applications { get; }

    /// <summary>
    /// Creates a client without a host, for scripts and tools: builds a small private service collection with
    /// <c>AddAltinn</c> and <c>AddAltinnStorage</c> (the same token handling and retries as with dependency injection).
    /// Keep the client for the life of the program rather than creating one per call.
    /// </summary>
    /// <param name="environment">The Altinn environment (or an emulator's <c>Environment</c>).</param>
    /// <param name="credential">The credential, for example a <see cref="MaskinportenCredential"/> wrapped in an <see cref="AltinnTokenExchangeCredential"/>.</param>
    /// <param name="configure">
    /// Further settings (for example <see cref="AltinnOptions.MaxRetries"/> or <see cref="AltinnOptions.Scopes"/>), or
    /// <see langword="null"/>. When no scope is set, <c>altinn:serviceowner/instances.read</c> and
    /// <c>altinn:serviceowner/instances.write</c> are asked for.
    /// </param>
    /// <param name="loggerFactory">Where the SDK's log messages go; none when <see langword="null"/>.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="environment"/> or <paramref name="credential"/> is null.</exception>
    public static StorageClient Create(AltinnEnvironment environment, AltinnCredential credential, Action<AltinnOptions>? configure = null, ILoggerFactory? loggerFactory = null) =>
        AltinnClientRegistration.CreateHostless<StorageClient>(environment, credential, configure, loggerFactory,
            ["altinn:serviceowner/instances.read", "altinn:serviceowner/instances.write"],
            services => services.AddAltinnStorage());
}
