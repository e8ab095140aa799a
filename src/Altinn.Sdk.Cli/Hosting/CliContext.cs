using System.CommandLine;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Events;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Testing;
using Altinn.Sdk.Workflows;

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
internal sealed class CliContext : IAsyncDisposable
{
    /// <summary>The scopes asked for when no source names any: an app owner reading and changing instances.</summary>
    public static readonly IReadOnlyList<string> DefaultScopes = ["altinn:serviceowner/instances.read", "altinn:serviceowner/instances.write"];

    private readonly AltinnEmulator? _emulator;
    private readonly HttpClient? _authenticationHttp;
    private StorageClient? _storage;
    private AppsClient? _apps;
    private EventsClient? _events;
    private WorkflowClient? _workflows;

    private CliContext(
        CliOutput output,
        AltinnEnvironment environment,
        AltinnCredential credential,
        IReadOnlyList<string> scopes,
        string? resource,
        string? consumerOrganisation,
        SystemUserContext? systemUser,
        AltinnEmulator? emulator,
        HttpClient? authenticationHttp)
    {
        Output = output;
        Environment = environment;
        Credential = credential;
        Scopes = scopes;
        Resource = resource;
        ConsumerOrganisation = consumerOrganisation;
        SystemUser = systemUser;
        _emulator = emulator;
        _authenticationHttp = authenticationHttp;
    }

    public CliOutput Output { get; }

    public AltinnEnvironment Environment { get; }

    public AltinnCredential Credential { get; }

    /// <summary>Whether the environment is the embedded emulator of <c>--emulator</c>, which stops when the command ends.</summary>
    public bool IsEmbeddedEmulator => _emulator is not null;

    /// <summary>The scopes of the token (Maskinporten scopes, or the emulator token's).</summary>
    public IReadOnlyList<string> Scopes { get; }

    public string? Resource { get; }

    public string? ConsumerOrganisation { get; }

    /// <summary>The system user to act as, when the settings name one.</summary>
    public SystemUserContext? SystemUser { get; }

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
    /// <param name="commandSettings">Settings a command takes as its own flags (for example <c>token --scope</c>): setting name to flag and value.</param>
    /// <param name="cancellationToken">Stops starting the emulator.</param>
    /// <exception cref="CliUsageException">The settings are missing, contradictory or wrong.</exception>
    public static async Task<CliContext> CreateAsync(
        ParseResult parse,
        GlobalOptions options,
        CliHost host,
        IReadOnlyDictionary<string, (string Flag, string Value)>? commandSettings,
        CancellationToken cancellationToken)
    {
        var output = new CliOutput(host, parse.GetValue(options.Json));

        var flags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["environment"] = "--env", ["token"] = "--token" };
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (parse.GetValue(options.Environment) is { } environmentFlag) values["environment"] = environmentFlag;
        if (parse.GetValue(options.Token) is { } tokenFlag) values["token"] = tokenFlag.Trim();
        foreach (var (key, (flag, value)) in commandSettings ?? new Dictionary<string, (string, string)>())
        {
            flags[key] = flag;
            values[key] = value;
        }

        var layers = new List<SettingsLayer> { SettingsLayer.CommandLine(flags, values), SettingsLayer.EnvironmentVariables(host.GetEnvironmentVariable) };
        if (ConfigFilePath(parse.GetValue(options.Config), host) is { } configPath)
        {
            SecretFiles.WarnIfOpen(output, configPath, "The config file");
            layers.Add(SettingsLayer.ConfigFile(configPath));
        }

        var settings = new Settings(layers);
        IReadOnlyList<string> scopes = settings.Scopes();
        string? resource = settings.Value("maskinporten.resource");
        string? consumer = settings.Value("maskinporten.consumerOrganisation");
        SystemUserContext? systemUser = settings.SystemUser();

        // Core's own rules for scopes, resource and consumer organisation, checked before anything starts or is sent.
        _ = new AltinnTokenContext(AltinnEnvironment.Production, scopes, resource, consumer, systemUser);

        if (parse.GetValue(options.Emulator))
        {
            foreach (string key in new[] { "environment", "token" })
            {
                if (layers[0].Has(key))
                {
                    throw new CliUsageException($"--emulator and {layers[0].NameOf(key)} contradict each other: --emulator uses an embedded emulator and signs in to it by itself.");
                }
            }

            var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { Port = 0, SeedDemo = true }, cancellationToken);
            output.Note($"Using an embedded emulator at {emulator.BaseUrl.AbsoluteUri.TrimEnd('/')} with the demo seed (app ttd/demo-app), signed in as the app owner ttd; it stops when this command ends.");
            return new CliContext(output, emulator.Environment, emulator.CreateOrgCredential("ttd", [.. scopes]), scopes, resource, consumer, systemUser, emulator, authenticationHttp: null);
        }

        AltinnEnvironment environment = settings.Environment();
        SettingsLayer credentialLayer = settings.CredentialLayer();
        if (credentialLayer.Get("token") is { } token)
        {
            return new CliContext(output, environment, new StaticTokenCredential(token), scopes, resource, consumer, systemUser, emulator: null, authenticationHttp: null);
        }

        environment = MaskinportenEnvironment(environment, credentialLayer);
        var maskinporten = new MaskinportenCredential(credentialLayer.Get("maskinporten.clientId")!, SigningKeys.Load(credentialLayer, output));
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        try
        {
            var exchange = new AltinnTokenExchangeCredential(
                maskinporten,
                new AuthenticationClient(http, environment),
                AltinnTokenProvider.Maskinporten,
                settings.Flag("useTestOrganisation", credentialLayer)); // part of the credential: from its one source
            return new CliContext(output, environment, exchange, scopes, resource, consumer, systemUser, emulator: null, http);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _authenticationHttp?.Dispose();
        if (_emulator is not null) await _emulator.DisposeAsync();
    }

    private static string? ConfigFilePath(FileInfo? explicitFile, CliHost host)
    {
        if (explicitFile is not null)
        {
            if (!explicitFile.Exists) throw new CliUsageException($"The config file '{explicitFile.FullName}' (--config) does not exist.");
            return explicitFile.FullName;
        }

        if (host.UserProfileFolder is null) return null;
        string path = Path.Combine(host.UserProfileFolder, ".altinn", "config.json");
        return File.Exists(path) ? path : null;
    }

    /// <summary>A URL environment has no Maskinporten of its own: <c>maskinporten.issuer</c> names it (for the emulator, <c>{url}maskinporten/</c>).</summary>
    private static AltinnEnvironment MaskinportenEnvironment(AltinnEnvironment environment, SettingsLayer layer)
    {
        string? issuer = layer.Get("maskinporten.issuer");
        if (environment.MaskinportenIssuer is not null)
        {
            if (issuer is not null)
            {
                throw new CliUsageException($"{layer.NameOf("maskinporten.issuer")} is only for a URL environment; '{environment.Name}' has its own Maskinporten ({environment.MaskinportenIssuer}).");
            }

            return environment;
        }

        if (issuer is null)
        {
            throw new CliUsageException(
                $"The environment {environment.PlatformBaseUrl} is a URL, so the Maskinporten that issues its tokens must be named: set {layer.NameOf("maskinporten.issuer")} "
                + $"(for the SDK's emulator: {environment.PlatformBaseUrl}maskinporten/), or use a token instead.");
        }

        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri))
        {
            throw new CliUsageException($"{layer.NameOf("maskinporten.issuer")} '{issuer}' is not an absolute URL.");
        }

        try
        {
            return AltinnEnvironment.Local(environment.PlatformBaseUrl, issuerUri);
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException($"{layer.NameOf("maskinporten.issuer")}: {e.Message}");
        }
    }

    /// <summary>The layered settings, highest precedence first.</summary>
    private sealed class Settings(IReadOnlyList<SettingsLayer> layers)
    {
        public string? Value(string key) => Layer(key)?.Get(key);

        public SettingsLayer? Layer(string key) => layers.FirstOrDefault(l => l.Has(key));

        /// <summary>A true/false setting; with <paramref name="from"/>, read only from that layer.</summary>
        public bool Flag(string key, SettingsLayer? from = null)
        {
            SettingsLayer? layer = from is null ? Layer(key) : from.Has(key) ? from : null;
            if (layer is null) return false;
            return bool.TryParse(layer.Get(key), out bool value)
                ? value
                : throw new CliUsageException($"{layer.NameOf(key)} must be true or false, not '{layer.Get(key)}'.");
        }

        public IReadOnlyList<string> Scopes()
        {
            if (Layer("scopes") is not { } layer) return DefaultScopes;
            string[] scopes = layer.Get("scopes")!.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return scopes.Length > 0 ? scopes : throw new CliUsageException($"{layer.NameOf("scopes")} names no scope.");
        }

        public SystemUserContext? SystemUser()
        {
            if (Layer("systemUser.organisationNumber") is not { } layer)
            {
                return Layer("systemUser.externalReference") is { } orphan
                    ? throw new CliUsageException($"{orphan.NameOf("systemUser.externalReference")} needs {orphan.NameOf("systemUser.organisationNumber")} (the customer's organisation number).")
                    : null;
            }

            string number = layer.Get("systemUser.organisationNumber")!;
            if (!OrganisationNumber.IsValid(number))
            {
                throw new CliUsageException($"{layer.NameOf("systemUser.organisationNumber")} '{number}' is not an organisation number (9 digits with a valid check digit).");
            }

            return new SystemUserContext(number, Value("systemUser.externalReference"));
        }

        public AltinnEnvironment Environment()
        {
            if (Layer("environment") is not { } layer)
            {
                throw new CliUsageException(
                    "No environment: give --env (prod, tt02, at22, at23, at24, yt01 or an emulator's URL), set ALTINN__ENVIRONMENT, "
                    + "put 'environment' in the config file (~/.altinn/config.json), or use --emulator.");
            }

            string value = layer.Get("environment")!;
            return AltinnEnvironment.TryParse(value, out var environment)
                ? environment
                : throw new CliUsageException($"{layer.NameOf("environment")}: {GlobalOptions.EnvironmentError(value)}");
        }

        public SettingsLayer CredentialLayer()
        {
            foreach (SettingsLayer layer in layers)
            {
                bool token = layer.Has("token");
                bool client = layer.Has("maskinporten.clientId");
                if (token && client)
                {
                    throw new CliUsageException(
                        $"Contradictory credentials in {layer.Source}: {layer.NameOf("token")} and {layer.NameOf("maskinporten.clientId")} are both given; keep one.");
                }

                if (token || client) return layer;
            }

            throw new CliUsageException(
                "No credentials: give --token or --emulator, set ALTINN__TOKEN, or a Maskinporten client (ALTINN__MASKINPORTEN__CLIENTID with "
                + "ALTINN__MASKINPORTEN__JWKPATH, __KEYPATH or __CERTIFICATEPATH), or put them in the config file (~/.altinn/config.json). "
                + "See 'altinn --help' and the README.");
        }
    }
}
