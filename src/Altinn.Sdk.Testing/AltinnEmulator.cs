using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing.Apps;
using Altinn.Sdk.Testing.Events;
using Altinn.Sdk.Testing.Hosting;
using Altinn.Sdk.Testing.Security;
using Altinn.Sdk.Testing.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using AuthenticationApi = Altinn.Sdk.Testing.Authentication.AuthenticationApi;
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
public sealed class AltinnEmulator : IAsyncDisposable
{
    /// <summary>How long the emulator's tokens live, as Altinn's exchanged tokens do.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(30);

    private readonly WebApplication _app;
    private readonly EmulatorContext _context;
    private readonly EmulatorMiddleware _middleware;
    private readonly CancellationTokenSource _stopping = new();

    private AltinnEmulator(WebApplication app, EmulatorContext context, EmulatorMiddleware middleware)
    {
        _app = app;
        _context = context;
        _middleware = middleware;
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

    /// <summary>The requests received so far, oldest first; use it to check what a client sent, or that it sent nothing.</summary>
    public IReadOnlyList<EmulatorRequest> Requests => _middleware.Requests;

    internal EmulatorContext Context => _context;

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
        StorageApi.Map(app, context);
        AppApi.Map(app, context);
        EventsApi.Map(app, context);
        AuthenticationApi.Map(app, context);

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

        var emulator = new AltinnEmulator(app, context, middleware)
        {
            Environment = AltinnEnvironment.Local(baseUrl, context.MaskinportenIssuer),
        };
        if (options.DataDirectory is not null) EmulatorPersistence.Load(state);
        if (options.SeedDemo) DemoSeed.Apply(emulator);
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
        _context.State.AddApp(new EmulatedApp(appId, metadata with { Org = metadata.Org ?? appId.Org }, taskList, orgMayDelete));
    }

    /// <summary>Adds an organisation to the register (party id and organisation number).</summary>
    public void AddOrganisationParty(int partyId, string organisationNumber, string name)
    {
        if (!OrganisationNumberIsValid(organisationNumber)) throw new ArgumentException($"'{organisationNumber}' is not a 9-digit organisation number.", nameof(organisationNumber));
        _context.State.AddParty(new EmulatedParty(partyId, PartyType.Organisation, name, organisationNumber, null));
    }

    /// <summary>Adds a person to the register (party id and national identity number).</summary>
    public void AddPersonParty(int partyId, string personNumber, string name)
    {
        if (personNumber is null || personNumber.Length != 11 || !personNumber.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("A national identity number has 11 digits.", nameof(personNumber));
        }

        _context.State.AddParty(new EmulatedParty(partyId, PartyType.Person, name, null, personNumber));
    }

    /// <summary>Adds a user who is the person <paramref name="partyId"/> and may also represent other parties.</summary>
    public void AddUser(int userId, int partyId, params int[] alsoRepresents)
    {
        var represents = new HashSet<int>(alsoRepresents) { partyId };
        _context.State.AddUser(new EmulatedUser(userId, partyId, represents));
    }

    /// <summary>
    /// A service-owner token for <paramref name="org"/>, as the exchange of a Maskinporten token gives one. Default
    /// scopes: <c>altinn:serviceowner/instances.read</c> and <c>.write</c>.
    /// </summary>
    public string CreateOrgToken(string org, params string[] scopes)
    {
        AppId.ValidateOrg(org);
        string orgNumber = _context.State.OrgNumber(org) ?? throw new ArgumentException($"The emulator does not know the org '{org}'; add it to AltinnEmulatorOptions.Organisations.", nameof(org));
        string scope = string.Join(' ', scopes.Length == 0 ? [Caller.InstancesRead, Caller.InstancesWrite] : scopes);
        return _context.Tokens.Issue(w =>
        {
            w.WriteString("urn:altinn:org", org);
            w.WriteString("urn:altinn:orgNumber", orgNumber);
            w.WriteString("urn:altinn:authenticatemethod", "maskinporten");
            w.WriteNumber("urn:altinn:authlevel", 3);
            w.WriteString("scope", scope);
            WriteConsumer(w, orgNumber);
        }, TokenLifetime);
    }

    /// <summary>A token for a user (as the exchange of an ID-porten token gives one).</summary>
    /// <exception cref="ArgumentException">The user is not known; add them with <see cref="AddUser"/>.</exception>
    public string CreateUserToken(int userId, int authenticationLevel = 2)
    {
        var user = _context.State.FindUser(userId) ?? throw new ArgumentException($"The emulator does not know user {userId}; add it with AddUser.", nameof(userId));
        return _context.Tokens.Issue(w =>
        {
            w.WriteString("urn:altinn:userid", user.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("urn:altinn:partyid", user.PartyId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("urn:altinn:authenticatemethod", "IdportenTestId");
            w.WriteNumber("urn:altinn:authlevel", authenticationLevel);
            w.WriteString("scope", "altinn:instances.read altinn:instances.write");
        }, TokenLifetime);
    }

    /// <summary>
    /// A token for the system user that <paramref name="customerOrganisationNumber"/> approved for a system of
    /// <paramref name="vendorOrganisationNumber"/> (as the exchange of a Maskinporten system-user token gives one).
    /// </summary>
    public string CreateSystemUserToken(string customerOrganisationNumber, string? externalReference = null, string vendorOrganisationNumber = "991825827", params string[] scopes)
    {
        if (!OrganisationNumberIsValid(customerOrganisationNumber)) throw new ArgumentException($"'{customerOrganisationNumber}' is not a 9-digit organisation number.", nameof(customerOrganisationNumber));
        string reference = externalReference ?? customerOrganisationNumber;
        Guid systemUserId = new(MD5.HashData(Encoding.UTF8.GetBytes(customerOrganisationNumber + "|" + reference)));
        string scope = string.Join(' ', scopes.Length == 0 ? ["altinn:instances.read", "altinn:instances.write"] : scopes);
        return _context.Tokens.Issue(w =>
        {
            w.WriteString("urn:altinn:orgNumber", vendorOrganisationNumber);
            w.WriteString("urn:altinn:authenticatemethod", "maskinporten");
            w.WriteNumber("urn:altinn:authlevel", 3);
            w.WriteString("scope", scope);
            WriteConsumer(w, vendorOrganisationNumber);
            w.WriteStartArray("authorization_details");
            w.WriteStartObject();
            w.WriteString("type", "urn:altinn:systemuser");
            w.WriteStartArray("systemuser_id");
            w.WriteStringValue(systemUserId.ToString());
            w.WriteEndArray();
            w.WriteStartObject("systemuser_org");
            w.WriteString("authority", "iso6523-actorid-upis");
            w.WriteString("ID", "0192:" + customerOrganisationNumber);
            w.WriteEndObject();
            w.WriteString("system_id", vendorOrganisationNumber + "_emulated_system");
            w.WriteEndObject();
            w.WriteEndArray();
        }, TokenLifetime);
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
        _context.State.Dispose();
        _stopping.Dispose();
    }

    /// <summary>A token that stops the emulator's background work (webhook delivery, cleanup) when it is disposed.</summary>
    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>The party id the emulator gives an organisation number that has none: 50000000 + a stable hash.</summary>
    internal static int OrgPartyId(string organisationNumber) => 50_000_000 + (int)(uint.Parse(organisationNumber, System.Globalization.CultureInfo.InvariantCulture) % 1_000_000);

    private AltinnAccessToken Token(string token) => new(token, _context.Clock.GetUtcNow() + TokenLifetime);

    private static bool OrganisationNumberIsValid(string? value) => value is { Length: 9 } && value.All(char.IsAsciiDigit);

    private static void WriteConsumer(Utf8JsonWriter w, string organisationNumber)
    {
        w.WriteStartObject("consumer");
        w.WriteString("authority", "iso6523-actorid-upis");
        w.WriteString("ID", "0192:" + organisationNumber);
        w.WriteEndObject();
    }
}
