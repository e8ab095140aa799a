namespace Altinn.Sdk;

/// <summary>
/// Settings for <c>services.AddAltinn(...)</c>, usually bound from the configuration section <c>Altinn</c>.
/// </summary>
/// <remarks>
/// <para>Give exactly one way to authenticate: <see cref="Maskinporten"/> (a client id and one key), or
/// <see cref="Token"/> (a ready Altinn token, for scripts), or register your own
/// <see cref="Authentication.AltinnCredential"/> in the service collection (before or after <c>AddAltinn</c>).</para>
/// <para>What these settings leave unset is looked for, in order, in the environment variables (<c>ALTINN__*</c>) and in
/// a profile of the user's <c>~/.altinn/config.json</c>; the credential comes whole from the first place that names one.
/// The <c>altinn</c> tool reads the same settings the same way; the repository README's "Configuration" section lists them.</para>
/// </remarks>
public sealed class AltinnOptions
{
    /// <summary>The configuration section read by <c>AddAltinn(IConfiguration)</c> when given the root: <c>Altinn</c>.</summary>
    public const string SectionName = "Altinn";

    /// <summary>
    /// The environment: <c>prod</c>, <c>tt02</c>, <c>at22</c>, <c>at23</c>, <c>at24</c>, <c>yt01</c>, or the
    /// base URL of a local emulator (HTTPS, or HTTP on loopback). Required.
    /// </summary>
    public string? Environment { get; set; }

    /// <summary>
    /// The scopes to ask Maskinporten for, for example <c>altinn:serviceowner/instances.read</c> and
    /// <c>altinn:serviceowner/instances.write</c> for an app owner. Required with <see cref="Maskinporten"/>. In
    /// configuration either a list or one string with the scopes separated by spaces (as in <c>ALTINN__SCOPES</c>).
    /// </summary>
    public IList<string> Scopes { get; } = new List<string>();

    /// <summary>A ready Altinn token to send as is (for scripts and tests). Never logged.</summary>
    public string? Token { get; set; }

    /// <summary>Maskinporten client settings; used when <see cref="AltinnMaskinportenOptions.ClientId"/> is set.</summary>
    public AltinnMaskinportenOptions Maskinporten { get; } = new();

    /// <summary>The system user to act as (a customer's organisation that gave this system rights), if any.</summary>
    public AltinnSystemUserOptions SystemUser { get; } = new();

    /// <summary>
    /// The profile of <c>~/.altinn/config.json</c> to read what these settings and the environment variables leave
    /// unset (default: <c>ALTINN__PROFILE</c>, else <c>default</c>).
    /// </summary>
    public string? Profile { get; set; }

    /// <summary>
    /// Whether the Maskinporten token is exchanged for an Altinn token (default <see langword="true"/>; the App,
    /// Storage and Events APIs accept only Altinn tokens).
    /// </summary>
    public bool ExchangeToAltinnToken { get; set; } = true;

    /// <summary>
    /// Ask the exchange for the test organisation (<c>?test=true</c>): only turns Digdir into <c>ttd</c> in test environments.
    /// </summary>
    public bool UseTestOrganisation { get; set; }

    /// <summary>
    /// How many times a request that is safe to repeat is retried after 408, 429, 5xx or a network error (default 3, 0 turns retries off).
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// How long one attempt of a request may take until the response headers arrive (default 100 seconds, what
    /// <see cref="System.Net.Http.HttpClient.Timeout"/> allowed before). An attempt that takes longer is cancelled and,
    /// when the request is safe to repeat, tried again. It covers sending the request body (an upload) but not
    /// reading the response body: a download that keeps making progress runs as long as it needs.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// How long a request may take with all its attempts and the waits between them, until the response headers
    /// arrive (default 5 minutes). The SDK's clients set <see cref="System.Net.Http.HttpClient.Timeout"/> to infinite,
    /// so these two timeouts are the ones that count.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long reading a response body (a download, a page of instances) may wait for its next bytes (default 100
    /// seconds). A read that gets none in that time fails with an <see cref="IOException"/> whose inner exception is
    /// a <see cref="TimeoutException"/>, so a connection that goes silent in the middle of a body cannot hold a run
    /// forever; a body that keeps coming is read for as long as it takes. Applies to asynchronous reads, which the
    /// SDK's own code always uses.
    /// </summary>
    public TimeSpan ReadIdleTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The most bytes of one answer the Storage, App and Events clients read into memory (default 16 MiB): an instance,
    /// a page of instances or events. A larger answer fails with an <see cref="System.Net.Http.HttpRequestException"/>
    /// that says so; raise this when such answers are expected (very large pages). Data elements are streamed and not
    /// bounded by it; error bodies are read up to 64 KiB and token responses up to 256 KiB.
    /// </summary>
    public int MaxResponseBytes { get; set; } = Internal.ResponseBody.DefaultMaxBytes;

    /// <summary>Problems found while reading the settings (unknown keys, values of the wrong kind), reported at start.</summary>
    internal List<string> Problems { get; } = new();

    /// <summary>How the source each setting came from spells it (<c>ALTINN__MASKINPORTEN__KEYID</c>), for messages.</summary>
    internal Dictionary<string, string> Names { get; } = new(System.StringComparer.OrdinalIgnoreCase);

    /// <summary>How the source of the credential spells a setting it lacks, for messages.</summary>
    internal System.Func<string, string>? CredentialSourceNameOf { get; set; }

    /// <summary>Where the credential was looked for, for the message when none is found.</summary>
    internal List<string> Searched { get; } = new();

    /// <summary>Whether the settings were completed from the environment variables and the config file.</summary>
    internal bool Chained { get; set; }

    /// <summary>The name of a setting (<c>Maskinporten:KeyId</c>) as its source spells it.</summary>
    internal string NameOf(string key) =>
        Names.TryGetValue(key, out string? name) ? name : CredentialSourceNameOf?.Invoke(key) ?? SectionName + ":" + key;
}

/// <summary>A system user: the customer's organisation it acts for, and optionally the system's external reference.</summary>
public sealed class AltinnSystemUserOptions
{
    /// <summary>The 9-digit organisation number of the customer the system user belongs to.</summary>
    public string? OrganisationNumber { get; set; }

    /// <summary>The external reference the system user was created with, when the customer has more than one for this system.</summary>
    public string? ExternalReference { get; set; }
}

/// <summary>A Maskinporten client: its id and exactly one signing key.</summary>
public sealed class AltinnMaskinportenOptions
{
    /// <summary>The Maskinporten client id (the integration's id in Samarbeidsportalen).</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// A private RSA key as JWK JSON. Give exactly one key: this, <see cref="JwkPath"/>, <see cref="KeyPath"/>,
    /// <see cref="CertificatePath"/> or <see cref="CertificateThumbprint"/>.
    /// </summary>
    public string? Jwk { get; set; }

    /// <summary>Path of a file holding a private RSA key as JWK JSON.</summary>
    public string? JwkPath { get; set; }

    /// <summary>Path of a file holding a private RSA key in PEM (PKCS#8 or PKCS#1); needs <see cref="KeyId"/>.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The key id registered at Maskinporten; overrides the JWK's <c>kid</c>, and is needed with a certificate unless <see cref="SendCertificateChain"/> is set.</summary>
    public string? KeyId { get; set; }

    /// <summary>
    /// Path of a PKCS#12 (.p12/.pfx) file with an enterprise certificate and its private key. On .NET 10 the key is
    /// kept in memory only (on macOS, which cannot, in the temporary keychain .NET deletes), never in a key store on disk.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>. Never logged.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// The thumbprint of an enterprise certificate with its private key in the certificate store (the current user's
    /// <c>My</c> store, then the machine's).
    /// </summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>Send the certificate in the grant (<c>x5c</c>) instead of a key id: for clients registered with an enterprise certificate.</summary>
    public bool SendCertificateChain { get; set; }

    /// <summary>An optional audience restriction (<c>resource</c>) for the Maskinporten token.</summary>
    public string? Resource { get; set; }

    /// <summary>
    /// The Maskinporten that issues tokens for an environment given as a URL (an emulator: <c>{url}maskinporten/</c>);
    /// the named environments have their own.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>An optional 9-digit organisation number that delegated the scopes to you (<c>consumer_org</c>).</summary>
    public string? ConsumerOrganisation { get; set; }
}
