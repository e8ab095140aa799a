using System.Net;
using System.Security.Cryptography.X509Certificates;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Testing.Apps;
using Altinn.Sdk.Testing.Authentication;
using Altinn.Sdk.Testing.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using StorageApi = Altinn.Sdk.Testing.Storage.StorageApi;

namespace Altinn.Sdk.Testing;

/// <summary>
/// The Altinn 3 APIs on loopback: Storage, Authentication, Events and any number of apps' App APIs, served by
/// Kestrel on 127.0.0.1 from one store, so SDK code, samples and your own tests run without Altinn.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
/// // emulator.Environment works with every SDK client; emulator.CreateOrgCredential("ttd") signs you in as the app owner.
/// </code>
/// </example>
public sealed partial class AltinnEmulator : IAsyncDisposable
{
    /// <summary>How long the emulator's tokens live, as Altinn's exchanged tokens do.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(30);

    private readonly WebApplication _app;
    private readonly EmulatorContext _context;
    private readonly EmulatorMiddleware _middleware;
    private readonly CancellationTokenSource _stopping = new();
    private readonly EmulatedMaskinporten _maskinporten;

    private AltinnEmulator(WebApplication app, EmulatorContext context, EmulatorMiddleware middleware, EmulatedMaskinporten maskinporten)
    {
        _app = app;
        _context = context;
        _middleware = middleware;
        _maskinporten = maskinporten;
    }

    /// <summary>The base URL with a trailing slash, for example <c>http://127.0.0.1:5199/</c>.</summary>
    public Uri BaseUrl => _context.BaseUrl;

    /// <summary>The platform base URL (Storage, Authentication and Events live under it); the same as <see cref="BaseUrl"/>.</summary>
    public Uri PlatformBaseUrl => _context.BaseUrl;

    /// <summary>The Maskinporten issuer the emulator plays, <c>{base}/maskinporten/</c>.</summary>
    public Uri MaskinportenIssuer => _context.MaskinportenIssuer;

    /// <summary>An environment for the SDK's clients: platform and apps on this emulator, Maskinporten too.</summary>
    public AltinnEnvironment Environment { get; private set; } = null!;

    /// <summary>The emulator's clock.</summary>
    public TimeProvider Clock => _context.Clock;

    /// <summary>
    /// The requests answered so far, in order of arrival (a request still being answered is not listed yet); use it to
    /// check what a client sent, or that it sent nothing.
    /// </summary>
    public IReadOnlyList<EmulatorRequest> Requests => _middleware.Requests;

    internal EmulatorContext Context => _context;

    /// <summary>Every route the emulator maps, as (HTTP method, route pattern); openapi/README.md and the tests hold them to the documents.</summary>
    internal IReadOnlyList<(string Method, string Pattern)> Routes =>
        [.. ((IEndpointRouteBuilder)_app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => (method, endpoint.RoutePattern.RawText ?? string.Empty)))];

    /// <summary>Starts the emulator.</summary>
    /// <param name="options">Settings; defaults serve an empty store on a free port.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentOutOfRangeException">The port or fault rate is out of range.</exception>
    public static async Task<AltinnEmulator> StartAsync(AltinnEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AltinnEmulatorOptions();
        if (options.Port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(options), options.Port, "The port must be 0 (any free port) to 65535.");
        if (options.Faults is { Rate: < 0 or > 1 }) throw new ArgumentOutOfRangeException(nameof(options), options.Faults.Rate, "The fault rate is a share from 0 to 1.");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            // Altinn accepts uploads up to 2000 MiB on instance creation and data upload.
            kestrel.Limits.MaxRequestBodySize = 2000L * 1024 * 1024;
        });
        builder.Services.Configure<KestrelServerOptions>(k => k.AllowSynchronousIO = false);
        var app = builder.Build();

        var clock = options.TimeProvider ?? TimeProvider.System;
        var state = new EmulatorState(clock, options.DataDirectory);
        var context = new EmulatorContext(state, options);
        var middleware = new EmulatorMiddleware(context);
        app.Use(middleware.InvokeAsync);
        app.UseRouting(); // after the middleware, whose path clean-up routing must see
        StorageApi.Map(app, context);
        AppApi.Map(app, context);
        EventsApi.Map(app, context);
        var maskinporten = AuthenticationApi.Map(app, context);

        await app.StartAsync(cancellationToken);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUrl = new Uri(address.TrimEnd('/') + "/");
        context.BaseUrl = baseUrl;
        context.Tokens = new EmulatorTokens(new Uri(baseUrl, "authentication/api/v1/openid/").AbsoluteUri, clock);

        foreach (var (org, number) in options.Organisations)
        {
            state.AddOrg(org, number);
            state.AddParty(new EmulatedParty(OrgPartyId(number), PartyType.Organisation, org.ToUpperInvariant(), number, null));
        }

        var emulator = new AltinnEmulator(app, context, middleware, maskinporten)
        {
            Environment = AltinnEnvironment.Local(baseUrl, context.MaskinportenIssuer),
        };
        try
        {
            if (options.DataDirectory is not null) EmulatorPersistence.Load(context);
            if (options.SeedDemo) await DemoSeed.ApplyAsync(emulator, cancellationToken);
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }

        return emulator;
    }

    /// <summary>An app's App API base URL, <c>{base}/{org}/{app}/</c>.</summary>
    public Uri AppBaseUrl(AppId appId)
    {
        ArgumentNullException.ThrowIfNull(appId);
        return _context.AppBaseUrl(appId);
    }

    /// <summary>Forgets the logged requests.</summary>
    public void ClearRequests() => _middleware.ClearLog();

    /// <summary>Adds (or replaces) an app.</summary>
    /// <param name="metadata">The application metadata; its <c>id</c> must be a valid app id.</param>
    /// <param name="tasks">The process tasks in order; default one data task <c>Task_1</c>.</param>
    /// <param name="orgMayDelete">Whether the app's policy lets the app owner delete instances (default true).</param>
    /// <exception cref="ArgumentException">The metadata has no valid id.</exception>
    public void AddApp(ApplicationMetadata metadata, IEnumerable<EmulatorTask>? tasks = null, bool orgMayDelete = true)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!AppId.TryParse(metadata.Id, out var appId))
        {
            throw new ArgumentException($"The metadata's id '{metadata.Id}' is not a valid app id ('{{org}}/{{app}}').", nameof(metadata));
        }

        var taskList = tasks?.ToArray() ?? [.. EmulatedApp.DefaultTasks];
        if (taskList.Length == 0) throw new ArgumentException("An app needs at least one task.", nameof(tasks));
        var app = new EmulatedApp(appId, metadata with { Org = metadata.Org ?? appId.Org }, taskList, orgMayDelete);
        _context.State.UpdateApp(appId.ToString(), existing => existing is null ? app : app with { Texts = existing.Texts }); // a new version keeps its texts
    }

    /// <summary>
    /// Sets an app's texts in one language, as <c>GET {org}/{app}/api/v1/texts/{language}</c> serves them (falling back
    /// to <c>nb</c>). Texts are kept in memory only: add them again after a restart with a data folder.
    /// </summary>
    /// <param name="appId">An app the emulator serves.</param>
    /// <param name="language">A two-letter language code, for example <c>nb</c> or <c>en</c>.</param>
    /// <param name="texts">The texts by key, for example <c>appName</c>.</param>
    /// <exception cref="ArgumentException">The app is unknown or the language is not two letters.</exception>
    public void AddTexts(AppId appId, string language, IReadOnlyDictionary<string, string> texts)
    {
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(language);
        ArgumentNullException.ThrowIfNull(texts);
        if (language.Length != 2 || !char.IsAsciiLetter(language[0]) || !char.IsAsciiLetter(language[1]))
        {
            throw new ArgumentException($"'{language}' is not a two-letter language code.", nameof(language));
        }

        string code = language.ToLowerInvariant();
        if (_context.State.FindApp(appId.ToString()) is null) throw new ArgumentException($"The emulator serves no app '{appId}': add it first.", nameof(appId));
        var resource = new TextResource
        {
            Id = $"{appId.Org}-{appId.App}-{code}",
            Org = appId.Org,
            Language = code,
            Resources = texts.Select(t => new TextResourceElement { Id = t.Key, Value = t.Value }).ToArray(),
        };
        _context.State.UpdateApp(appId.ToString(), app => app! with { Texts = new Dictionary<string, TextResource>(app.Texts, StringComparer.Ordinal) { [code] = resource } });
    }

    /// <summary>Adds an organisation to the register (party id and organisation number).</summary>
    public void AddOrganisationParty(int partyId, string organisationNumber, string name)
    {
        if (!OrganisationNumberIsValid(organisationNumber)) throw new ArgumentException($"'{organisationNumber}' is not a 9-digit organisation number.", nameof(organisationNumber));
        _context.State.AddParty(new EmulatedParty(partyId, PartyType.Organisation, name, organisationNumber, null));
        _context.State.SaveRegister();
    }

    /// <summary>Adds a person to the register (party id and national identity number).</summary>
    public void AddPersonParty(int partyId, string personNumber, string name)
    {
        if (personNumber is null || personNumber.Length != 11 || !personNumber.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("A national identity number has 11 digits.", nameof(personNumber));
        }

        _context.State.AddParty(new EmulatedParty(partyId, PartyType.Person, name, null, personNumber));
        _context.State.SaveRegister();
    }

    /// <summary>Adds a user who is the person <paramref name="partyId"/> and may also represent other parties.</summary>
    public void AddUser(int userId, int partyId, params int[] alsoRepresents)
    {
        var represents = new HashSet<int>(alsoRepresents) { partyId };
        _context.State.AddUser(new EmulatedUser(userId, partyId, represents));
        _context.State.SaveRegister();
    }

    /// <summary>
    /// A service-owner token for <paramref name="org"/>, as the exchange of a Maskinporten token gives one. Default
    /// scopes: <c>altinn:serviceowner/instances.read</c> and <c>.write</c>.
    /// </summary>
    public string CreateOrgToken(string org, params string[] scopes)
    {
        AppId.ValidateOrg(org);
        string orgNumber = _context.State.OrgNumber(org) ?? throw new ArgumentException($"The emulator does not know the org '{org}'; add it to AltinnEmulatorOptions.Organisations.", nameof(org));
        return TestTokens.Org(_context, org, orgNumber, scopes);
    }

    /// <summary>A token for a user (as the exchange of an ID-porten token gives one).</summary>
    /// <exception cref="ArgumentException">The user is not known; add them with <see cref="AddUser"/>.</exception>
    public string CreateUserToken(int userId, int authenticationLevel = 2)
    {
        var user = _context.State.FindUser(userId) ?? throw new ArgumentException($"The emulator does not know user {userId}; add it with AddUser.", nameof(userId));
        return TestTokens.User(_context, user, authenticationLevel);
    }

    /// <summary>
    /// A token for the system user that <paramref name="customerOrganisationNumber"/> approved for a system of
    /// <paramref name="vendorOrganisationNumber"/> (as the exchange of a Maskinporten system-user token gives one).
    /// </summary>
    public string CreateSystemUserToken(string customerOrganisationNumber, string? externalReference = null, string vendorOrganisationNumber = "991825827", params string[] scopes)
    {
        if (!OrganisationNumberIsValid(customerOrganisationNumber)) throw new ArgumentException($"'{customerOrganisationNumber}' is not a 9-digit organisation number.", nameof(customerOrganisationNumber));
        return TestTokens.SystemUser(_context, customerOrganisationNumber, externalReference, vendorOrganisationNumber, scopes);
    }

    /// <summary>
    /// Registers a Maskinporten client with a public RSA key (a JWK; a private JWK is accepted and only its public
    /// part kept), so that grants naming the key by <c>kid</c> get tokens from the emulated Maskinporten at
    /// <c>{base}/maskinporten/token</c>. Registering more keys for the same client adds them.
    /// </summary>
    /// <param name="clientId">The client id (the grant's <c>iss</c>).</param>
    /// <param name="organisationNumber">The client owner's organisation number (the token's <c>consumer</c>).</param>
    /// <param name="jwkJson">An RSA JWK with <c>kid</c>, <c>n</c> and <c>e</c>.</param>
    /// <param name="scopes">The scopes the client may ask for; none means any scope.</param>
    /// <exception cref="ArgumentException">The JWK is not an RSA key with a kid, or the organisation number is not 9 digits.</exception>
    public void RegisterMaskinportenClient(string clientId, string organisationNumber, string jwkJson, params string[] scopes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentNullException.ThrowIfNull(jwkJson);
        if (!OrganisationNumberIsValid(organisationNumber)) throw new ArgumentException($"'{organisationNumber}' is not a 9-digit organisation number.", nameof(organisationNumber));
        var (keyId, key) = MaskinportenKeys.ReadPublicJwk(jwkJson);
        _maskinporten.RegisterKey(clientId, organisationNumber, keyId, key, scopes);
    }

    /// <summary>
    /// Registers a Maskinporten client that authenticates with a certificate (grants carry it in <c>x5c</c>), as an
    /// enterprise certificate (virksomhetssertifikat) client. Only the certificate's public part is kept.
    /// </summary>
    /// <param name="clientId">The client id (the grant's <c>iss</c>).</param>
    /// <param name="organisationNumber">The client owner's organisation number (the token's <c>consumer</c>).</param>
    /// <param name="certificate">The certificate the grants carry.</param>
    /// <param name="scopes">The scopes the client may ask for; none means any scope.</param>
    public void RegisterMaskinportenClient(string clientId, string organisationNumber, X509Certificate2 certificate, params string[] scopes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentNullException.ThrowIfNull(certificate);
        if (!OrganisationNumberIsValid(organisationNumber)) throw new ArgumentException($"'{organisationNumber}' is not a 9-digit organisation number.", nameof(organisationNumber));
        if (certificate.GetRSAPublicKey() is not { } rsa) throw new ArgumentException("Maskinporten grants are signed with RS256: the certificate needs an RSA key.", nameof(certificate));
        rsa.Dispose();
        _maskinporten.RegisterCertificate(clientId, organisationNumber, certificate, scopes);
    }

    /// <summary>
    /// Makes a new RSA key, registers it on a Maskinporten client, and returns the private JWK (with its <c>kid</c>)
    /// for <see cref="MaskinportenSigningKey.FromJwk"/>: the quickest way to a working
    /// <see cref="MaskinportenCredential"/> against the emulator.
    /// </summary>
    /// <param name="clientId">The client id.</param>
    /// <param name="organisationNumber">The client owner's organisation number; default <c>ttd</c>'s.</param>
    /// <param name="scopes">The scopes the client may ask for; none means any scope.</param>
    public string CreateMaskinportenClient(string clientId, string organisationNumber = "405003309", params string[] scopes)
    {
        string jwk = MaskinportenKeys.CreatePrivateJwk("emulator-" + Guid.NewGuid().ToString("N")[..12]);
        RegisterMaskinportenClient(clientId, organisationNumber, jwk, scopes);
        return jwk;
    }

    /// <summary>A credential that signs in as the app owner <paramref name="org"/> with the emulator's tokens.</summary>
    public AltinnCredential CreateOrgCredential(string org, params string[] scopes)
    {
        _ = CreateOrgToken(org, scopes);
        return new DelegatedTokenCredential((_, _) => new ValueTask<AltinnAccessToken>(Token(CreateOrgToken(org, scopes))));
    }

    /// <summary>A credential that signs in as a user with the emulator's tokens.</summary>
    public AltinnCredential CreateUserCredential(int userId, int authenticationLevel = 2)
    {
        _ = CreateUserToken(userId, authenticationLevel);
        return new DelegatedTokenCredential((_, _) => new ValueTask<AltinnAccessToken>(Token(CreateUserToken(userId, authenticationLevel))));
    }

    /// <summary>
    /// A credential for end-user systems: each request's <see cref="AltinnTokenContext.SystemUser"/> (set per call with
    /// <see cref="AltinnRequestOptions"/>) decides which customer's system user the token is for.
    /// </summary>
    public AltinnCredential CreateSystemUserCredential(string vendorOrganisationNumber = "991825827") =>
        new DelegatedTokenCredential((request, _) =>
        {
            var systemUser = request.Context.SystemUser
                ?? throw new InvalidOperationException("A system-user credential needs a system user: set AltinnRequestOptions.SystemUser or the default context's.");
            return new ValueTask<AltinnAccessToken>(Token(CreateSystemUserToken(systemUser.OrganisationNumber, systemUser.ExternalReference, vendorOrganisationNumber)));
        });

    /// <summary>Stops the emulator and releases its temporary files.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _context.Tokens.Dispose();
        _maskinporten.Dispose();
        _context.State.Dispose();
        _stopping.Dispose();
    }

    /// <summary>A token that stops the emulator's background work (webhook delivery, cleanup) when it is disposed.</summary>
    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>The party id the emulator gives an organisation number that has none: 50000000 + a stable hash.</summary>
    internal static int OrgPartyId(string organisationNumber) => 50_000_000 + (int)(uint.Parse(organisationNumber, System.Globalization.CultureInfo.InvariantCulture) % 1_000_000);

    private AltinnAccessToken Token(string token) => new(token, _context.Clock.GetUtcNow() + TokenLifetime);

    private static bool OrganisationNumberIsValid(string? value) => value is { Length: 9 } && value.All(char.IsAsciiDigit);
}
