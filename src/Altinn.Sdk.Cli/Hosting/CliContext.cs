using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Events;
using Altinn.Sdk.Testing;

namespace Altinn.Sdk.Cli.Hosting;

/// <summary>
/// Everything a command needs, built once from the global options before the command runs: the environment, the
/// credential and token settings, the output, and the clients. Nothing has been sent when it is built, except that
/// <c>--emulator</c> has started the embedded emulator.
/// </summary>
/// <remarks>
/// <para>Precedence, highest first: the command line (<c>--env</c>, <c>--token</c>, <c>--emulator</c>), the
/// environment variables (<c>ALTINN__*</c>), the config file (<c>--config</c>, else <c>~/.altinn/config.json</c>).
/// The environment and each token setting (scopes, resource, system user) come from the highest source that gives
/// them. The credential comes whole from the highest source that names one (a token or a Maskinporten client id):
/// a key is never taken from one source and a client id from another. One source naming both is an error.</para>
/// <para>A command adds a client by one property here built on <see cref="Environment"/>, <see cref="Credential"/>
/// and <see cref="ConfigureClient"/>, as <see cref="Storage"/> is.</para>
/// </remarks>
internal sealed class CliContext(
    CliOutput output,
    AltinnEnvironment environment,
    AltinnCredential credential,
    IReadOnlyList<string> scopes,
    string? resource,
    string? consumerOrganisation,
    SystemUserContext? systemUser,
    AltinnEmulator? emulator,
    HttpClient? authenticationHttp) : IAsyncDisposable
{
    /// <summary>The scopes asked for when no source names any: an app owner reading and changing instances.</summary>
    public static readonly IReadOnlyList<string> DefaultScopes = ["altinn:serviceowner/instances.read", "altinn:serviceowner/instances.write"];

    private readonly AltinnEmulator? _emulator = emulator;
    private readonly HttpClient? _authenticationHttp = authenticationHttp;
    private StorageClient? _storage;
    private AppsClient? _apps;
    private EventsClient? _events;
    private WorkflowClient? _workflows;

    public CliOutput Output { get; } = output;

    public AltinnEnvironment Environment { get; } = environment;

    public AltinnCredential Credential { get; } = credential;

    /// <summary>Whether the environment is the embedded emulator of <c>--emulator</c>, which stops when the command ends.</summary>
    public bool IsEmbeddedEmulator => _emulator is not null;

    /// <summary>The scopes of the token (Maskinporten scopes, or the emulator token's).</summary>
    public IReadOnlyList<string> Scopes { get; } = scopes;

    public string? Resource { get; } = resource;

    public string? ConsumerOrganisation { get; } = consumerOrganisation;

    /// <summary>The system user to act as, when the settings name one.</summary>
    public SystemUserContext? SystemUser { get; } = systemUser;

    /// <summary>Per-call identity for every request: the system user, when one is set.</summary>
    public AltinnRequestOptions? RequestOptions => SystemUser is null ? null : new AltinnRequestOptions { SystemUser = SystemUser };

    /// <summary>The Storage client (built on first use).</summary>
    public StorageClient Storage => _storage ??= StorageClient.Create(Environment, Credential, ConfigureClient);

    /// <summary>The App API client (built on first use).</summary>
    public AppsClient Apps => _apps ??= AppsClient.Create(Environment, Credential, ConfigureClient);

    /// <summary>The Events client (built on first use).</summary>
    public EventsClient Events => _events ??= EventsClient.Create(Environment, Credential, ConfigureClient);

    /// <summary>The workflows, on this run's Storage and App API clients (built on first use).</summary>
    public WorkflowClient Workflows => _workflows ??= new WorkflowClient(Storage, Apps);

    /// <summary>The token context of this run, optionally with other scopes.</summary>
    public AltinnTokenContext CreateTokenContext(IReadOnlyList<string>? scopes = null) =>
        new(Environment, scopes ?? Scopes, Resource, ConsumerOrganisation, SystemUser);

    /// <summary>Gives a client's <c>Create(environment, credential, configure)</c> this run's token settings.</summary>
    public void ConfigureClient(AltinnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Scopes.Clear();
        foreach (string scope in Scopes) options.Scopes.Add(scope);
        options.Maskinporten.Resource = Resource;
        options.Maskinporten.ConsumerOrganisation = ConsumerOrganisation;
    }

    /// <summary>Builds the context from the global options, the environment variables and the config file.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="options">The global options.</param>
    /// <param name="host">The surroundings.</param>
    /// <param name="commandSettings">Settings a command takes as its own flags (for example <c>token --scope</c>): setting key to flag and value.</param>
    /// <param name="cancellationToken">Stops starting the emulator.</param>
    /// <exception cref="CliUsageException">The settings are missing, contradictory or wrong.</exception>
    public static async Task<CliContext> CreateAsync(
        ParseResult parse,
        GlobalOptions options,
        CliHost host,
        IReadOnlyDictionary<string, (string Flag, string Value)>? commandSettings,
        CancellationToken cancellationToken)
    {
        var output = new CliOutput(host, parse.GetValue(options.Json), parse.GetValue(options.Verbose));

        // The command line is the first source; Core's chain completes it from the environment variables and the
        // config file, exactly as it completes the library's settings.
        var flags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Environment"] = "--env", ["Token"] = "--token", ["Profile"] = "--profile" };
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new("Environment", parse.GetValue(options.Environment)),
            new("Token", parse.GetValue(options.Token)?.Trim()),
            new("Profile", parse.GetValue(options.Profile)),
        };
        foreach (var (key, (flag, value)) in commandSettings ?? new Dictionary<string, (string, string)>())
        {
            flags[key] = flag;
            pairs.Add(new(key, value));
        }

        var commandLine = AltinnSettingsSource.FromPairs("the command line", pairs, key => flags.TryGetValue(key, out string? flag) ? flag : key, folder: null);
        var settings = new AltinnOptions { CredentialSourceNameOf = AltinnSettingsSource.VariableName };
        commandLine.Apply(settings, credential: true, onlyUnset: false);
        bool emulated = parse.GetValue(options.Emulator);
        string? configFile = parse.GetValue(options.Config)?.FullName;
        if (configFile is not null && !File.Exists(configFile)) throw new CliUsageException($"The config file '{configFile}' (--config) does not exist.");
        var chain = new AltinnSettingsChain(host.GetEnvironmentVariable, host.UserProfileFolder);
        if ((configFile ?? chain.DefaultConfigFile) is { } configPath && File.Exists(configPath)) SecretFiles.WarnIfOpen(output, configPath, "The config file");
        chain.Complete(settings, credentialRegistered: emulated, configFile, given: "--token on the command line");
        if (settings.Scopes.Count == 0)
        {
            foreach (string scope in DefaultScopes) settings.Scopes.Add(scope);
        }

        // What cannot be read (unknown keys, a broken config file) is reported before what is missing.
        if (settings.Problems.Count > 0) throw new CliUsageException(string.Join(System.Environment.NewLine, settings.Problems));

        IReadOnlyList<string> scopes = [.. settings.Scopes];
        string? resource = settings.Maskinporten.Resource;
        string? consumer = settings.Maskinporten.ConsumerOrganisation;
        if (emulated)
        {
            foreach (string key in new[] { "Environment", "Token" })
            {
                if (commandLine.Has(key))
                {
                    throw new CliUsageException($"--emulator and {commandLine.NameOf(key)} contradict each other: --emulator uses an embedded emulator and signs in to it by itself.");
                }
            }

            Check(settings, credentialRegistered: true, environmentRegistered: true);
            var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { Port = 0, SeedDemo = true }, cancellationToken);
            output.Note($"Using an embedded emulator at {emulator.BaseUrl.AbsoluteUri.TrimEnd('/')} with the demo seed (app ttd/demo-app), signed in as the app owner ttd; it stops when this command ends.");
            return new CliContext(output, emulator.Environment, emulator.CreateOrgCredential("ttd", [.. scopes]), scopes, resource, consumer, AltinnSettingsFactory.SystemUser(settings), emulator, authenticationHttp: null);
        }

        if (string.IsNullOrWhiteSpace(settings.Environment))
        {
            throw new CliUsageException(
                "No environment: give --env (prod, tt02, at22, at23, at24, yt01 or an emulator's URL), set ALTINN__ENVIRONMENT, "
                + "put 'environment' in the config file (~/.altinn/config.json), or use --emulator.");
        }

        if (!AltinnEnvironment.TryParse(settings.Environment, out _))
        {
            throw new CliUsageException($"{settings.NameOf("Environment")}: {GlobalOptions.EnvironmentError(settings.Environment)}");
        }

        Check(settings, credentialRegistered: false, environmentRegistered: false);
        AltinnEnvironment environment = AltinnSettingsFactory.CreateEnvironment(settings);
        var mp = settings.Maskinporten;
        foreach (string key in new[] { "Maskinporten:JwkPath", "Maskinporten:KeyPath", "Maskinporten:CertificatePath" })
        {
            string? path = key switch { "Maskinporten:JwkPath" => mp.JwkPath, "Maskinporten:KeyPath" => mp.KeyPath, _ => mp.CertificatePath };
            if (path is not null) SecretFiles.WarnIfOpen(output, path, settings.NameOf(key));
        }

        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        try
        {
            AltinnCredential credential = AltinnSettingsFactory.CreateCredential(settings, maskinportenHttp: null, () => new AuthenticationClient(http, environment), TimeProvider.System);
            output.Verbose($"Environment {environment.Name} ({environment.PlatformBaseUrl}) from {settings.NameOf("Environment")}; credential from {(settings.Token is null ? settings.NameOf("Maskinporten:ClientId") : settings.NameOf("Token"))}.");
            return new CliContext(output, environment, credential, scopes, resource, consumer, AltinnSettingsFactory.SystemUser(settings), emulator: null, http);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>Core's checks of the settings; every problem is reported at once.</summary>
    private static void Check(AltinnOptions settings, bool credentialRegistered, bool environmentRegistered)
    {
        var failures = Microsoft.Extensions.DependencyInjection.AltinnOptionsValidator.Check(settings, credentialRegistered, environmentRegistered);
        if (failures.Count > 0) throw new CliUsageException(string.Join(System.Environment.NewLine, failures));
    }

    public async ValueTask DisposeAsync()
    {
        _authenticationHttp?.Dispose();
        if (_emulator is not null) await _emulator.DisposeAsync();
    }
}
