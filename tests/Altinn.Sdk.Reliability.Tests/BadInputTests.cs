using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Cli;
using Altinn.Sdk.Events;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Testing;
using Altinn.Sdk.Workflows;
using Microsoft.Extensions.DependencyInjection;
using static Altinn.Sdk.Reliability.Tests.BadInputFixture;

namespace Altinn.Sdk.Reliability.Tests;

/// <summary>Clients on one emulator, shared by the bad-input cases; every case starts with an empty request log.</summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    public static readonly AppId DemoApp = AppId.Parse("ttd/demo-app");
    public static readonly InstanceId Draft = InstanceId.Parse("50006000/de000000-0000-4000-8000-000000000001");
    public static readonly Guid Model = Guid.Parse("da000000-0000-4000-8000-000000000011");

    public AltinnEmulator Emulator { get; private set; } = null!;

    public StorageClient Storage { get; private set; } = null!;

    public AppClient App { get; private set; } = null!;

    public EventsClient Events { get; private set; } = null!;

    public WorkflowClient Workflows { get; private set; } = null!;

    public string ArchiveFolder { get; } = Path.Combine(Path.GetTempPath(), "altinn-reliability-bad-input-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        Emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        AltinnCredential owner = Emulator.CreateOrgCredential("ttd");
        Storage = StorageClient.Create(Emulator.Environment, owner, loggerFactory: LeakWatch.LoggerFactory);
        App = AppsClient.Create(Emulator.Environment, owner, loggerFactory: LeakWatch.LoggerFactory).GetAppClient(DemoApp);
        Events = EventsClient.Create(Emulator.Environment, owner, loggerFactory: LeakWatch.LoggerFactory);
        Workflows = WorkflowClient.Create(Emulator.Environment, owner, loggerFactory: LeakWatch.LoggerFactory);
    }

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        if (Directory.Exists(ArchiveFolder)) Directory.Delete(ArchiveFolder, recursive: true);
    }
}

/// <summary>
/// Bad input across the public API and the command line: each case fails with a typed exception (the ArgumentException
/// family, or the type its documentation names) whose message names the problem — the CLI with exit code 2 and a
/// message — and the emulator's request log shows that nothing was sent.
/// </summary>
public sealed class BadInputTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    private const string Json = "application/json";

    /// <summary>A bad-input case: what to call, the exception type expected, and words its message must contain.</summary>
    private sealed record Case(Func<BadInputFixture, Task> Act, Type Expected, params string[] Message);

    private sealed record CliCase(string[] Args, params string[] Message);

    private static Case Throws<T>(Func<BadInputFixture, Task> act, params string[] message) where T : Exception => new(act, typeof(T), message);

    private static Case Throws<T>(Action<BadInputFixture> act, params string[] message) where T : Exception =>
        new(f =>
        {
            act(f);
            return Task.CompletedTask;
        }, typeof(T), message);

    private static async Task First<T>(IAsyncEnumerable<T> items)
    {
        await foreach (T _ in items) return;
    }

    private static async Task FirstPage<T>(AsyncPageable<T> pageable, string? token = null, int? pageSize = null)
    {
        await foreach (Page<T> _ in pageable.AsPages(token, pageSize)) return;
    }

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // ---- Core values ----
        ["AppId: upper-case org"] = Throws<FormatException>(_ => AppId.Parse("TTD/demo-app"), "TTD/demo-app"),
        ["AppId: no slash"] = Throws<FormatException>(_ => AppId.Parse("ttd"), "'/'"),
        ["AppId: empty app name"] = Throws<FormatException>(_ => AppId.Parse("ttd/"), "ttd/"),
        ["AppId: org with a space"] = Throws<ArgumentException>(_ => AppId.ValidateOrg("t d"), "t d"),
        ["InstanceId: not a guid"] = Throws<FormatException>(_ => InstanceId.Parse("50006000/abc"), "abc"),
        ["InstanceId: party 0"] = Throws<FormatException>(_ => InstanceId.Parse("0/de000000-0000-4000-8000-000000000001"), "party id"),
        ["InstanceId: negative party"] = Throws<ArgumentOutOfRangeException>(_ => new InstanceId(-1, Guid.NewGuid()), "partyId"),
        ["InstanceId: empty guid"] = Throws<ArgumentException>(_ => new InstanceId(50006000, Guid.Empty), "instanceGuid"),
        ["DateFilter: unknown operator"] = Throws<FormatException>(_ => DateFilter.Parse("before:2020-09-30"), "before"),
        ["DateFilter: not a date"] = Throws<FormatException>(_ => DateFilter.Parse("lte:30.09.2020"), "30.09.2020"),
        ["DateFilter: 31 February"] = Throws<ArgumentOutOfRangeException>(_ => DateFilter.OnOrBefore(2021, 2, 31), "date"),
        ["DateFilter: empty range"] = Throws<ArgumentException>(_ => DateFilter.Between(DateTimeOffset.UnixEpoch.AddDays(1), DateTimeOffset.UnixEpoch), "range"),
        ["DateFilter: same operator twice"] = Throws<ArgumentException>(_ => DateFilter.OnOrBefore(2020, 1, 1).And(DateFilter.OnOrBefore(2021, 1, 1)), "lte"),
        ["Organisation number: wrong check digit"] = Throws<ArgumentException>(_ => OrganisationNumber.Validate("312345677"), "check digit"),
        ["Organisation number: 8 digits"] = Throws<ArgumentException>(_ => OrganisationNumber.Validate("31234567"), "9 digits"),
        ["Environment: unknown name"] = Throws<FormatException>(_ => AltinnEnvironment.Parse("tt03"), "tt03"),
        ["Environment: http to a non-loopback host"] = Throws<ArgumentException>(_ => AltinnEnvironment.Local(new Uri("http://altinn.example.com/")), "HTTP"),
        ["Environment: relative URL"] = Throws<ArgumentException>(_ => AltinnEnvironment.Local(new Uri("/local", UriKind.Relative)), "absolute"),
        ["Credential: empty static token"] = Throws<ArgumentException>(_ => new StaticTokenCredential(" "), "token"),
        ["Credential: public JWK without d"] = Throws<ArgumentException>(_ => MaskinportenSigningKey.FromJwk("""{"kty":"RSA","kid":"k","n":"sXch","e":"AQAB"}"""), "private"),
        ["Credential: JWK that is not JSON"] = Throws<ArgumentException>(_ => MaskinportenSigningKey.FromJwk("not json"), "JWK"),
        ["Credential: Maskinporten without client id"] = Throws<ArgumentException>(f => new MaskinportenCredential(" ", MaskinportenSigningKey.FromJwk(f.Emulator.CreateMaskinportenClient("bad-input-client"))), "clientId"),
        ["Options: Maskinporten and token both given"] = Throws<Microsoft.Extensions.Options.OptionsValidationException>(f =>
        {
            var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
            services.AddSingleton(LeakWatch.LoggerFactory);
            services.AddAltinn(o =>
            {
                o.Environment = f.Emulator.BaseUrl.AbsoluteUri;
                o.Token = "abc";
                o.Maskinporten.ClientId = "client";
                o.Maskinporten.Jwk = "{}";
            });
            using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
            _ = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Options.IOptions<AltinnOptions>>(provider).Value;
        }, "Token", "Maskinporten"),
        ["System user: bad organisation number"] = Throws<ArgumentException>(_ => new SystemUserContext("12345"), "12345"),

        // ---- Storage ----
        ["Storage: query page size 0"] = Throws<ArgumentException>(f => First(f.Storage.Instances.QueryAsync(new InstanceQuery(DemoApp) { PageSize = 0 })), "PageSize"),
        ["Storage: query page size above 1000"] = Throws<ArgumentException>(f => First(f.Storage.Instances.QueryAsync(new InstanceQuery(DemoApp) { PageSize = 1001 })), "1000"),
        ["Storage: page size hint 0"] = Throws<ArgumentOutOfRangeException>(f => FirstPage(f.Storage.Instances.QueryAsync(new InstanceQuery(DemoApp)), pageSize: 0), "pageSizeHint"),
        ["Storage: query party 0"] = Throws<ArgumentException>(f => First(f.Storage.Instances.QueryAsync(new InstanceQuery(DemoApp) { InstanceOwnerPartyId = 0 })), "InstanceOwnerPartyId"),
        ["Storage: query for a bad org"] = Throws<ArgumentException>(_ => InstanceQuery.ForOrg("TTD!"), "TTD!"),
        ["Storage: exclude-confirmed-by a bad org"] = Throws<ArgumentException>(f => First(f.Storage.Instances.QueryAsync(new InstanceQuery(DemoApp) { ExcludeConfirmedBy = "TTD!" })), "TTD!"),
        ["Storage: owner national id with wrong check digits"] = Throws<ArgumentException>(_ => InstanceOwnerIdentifier.Person("01017012344"), "check"),
        ["Storage: owner organisation number of 8 digits"] = Throws<ArgumentException>(_ => InstanceOwnerIdentifier.Organisation("31234567"), "9 digits"),
        ["Storage: empty substatus label"] = Throws<ArgumentException>(f => f.Storage.Instances.SetSubstatusAsync(Draft, new Substatus { Label = "" }), "label"),
        ["Storage: null substatus"] = Throws<ArgumentNullException>(f => f.Storage.Instances.SetSubstatusAsync(Draft, null!), "substatus"),
        ["Storage: null instance id"] = Throws<ArgumentNullException>(f => f.Storage.Instances.GetAsync(null!), "instanceId"),
        ["Storage: download to a null stream"] = Throws<ArgumentNullException>(f => f.Storage.Data.DownloadToAsync(Draft, Model, (Stream)null!), "destination"),
        ["Storage: download to a read-only stream"] = Throws<ArgumentException>(f => f.Storage.Data.DownloadToAsync(Draft, Model, new MemoryStream([], writable: false)), "writ"),
        ["Storage: download to an empty path"] = Throws<ArgumentException>(f => f.Storage.Data.DownloadToAsync(Draft, Model, " "), "path"),
        ["Storage: empty data element id"] = Throws<ArgumentException>(f => f.Storage.Data.DownloadAsync(Draft, Guid.Empty), "dataElementId"),
        ["Storage: applications of a bad org"] = Throws<ArgumentException>(f => f.Storage.Applications.ListAsync("T T"), "T T"),

        // ---- Apps ----
        ["Apps: owner party 0"] = Throws<ArgumentOutOfRangeException>(_ => InstanceOwnerReference.Party(0), "partyId"),
        ["Apps: owner national id of 10 digits"] = Throws<ArgumentException>(_ => InstanceOwnerReference.Person("0101701234"), "11 digits"),
        ["Apps: owner organisation number with wrong check digit"] = Throws<ArgumentException>(_ => InstanceOwnerReference.Organisation("312345677"), "check digit"),
        ["Apps: upload a content type the data type does not allow"] = Throws<ArgumentException>(f => f.App.Data.UploadAsync(Draft, "vedleggA", new MemoryStream([1, 2, 3]), "image/png", "a.png"), "image/png", "vedleggA"),
        ["Apps: upload to an unknown data type"] = Throws<ArgumentException>(f => f.App.Data.UploadAsync(Draft, "no-such-type", new MemoryStream([1]), "application/pdf", "a.pdf"), "no-such-type"),
        ["Apps: upload a null stream"] = Throws<ArgumentNullException>(f => f.App.Data.UploadAsync(Draft, "vedleggA", null!, "application/pdf", "a.pdf"), "content"),
        ["Apps: upload an unreadable stream"] = Throws<ArgumentException>(f => f.App.Data.UploadAsync(Draft, "vedleggA", new UnreadableStream(), "application/pdf", "a.pdf"), "read"),
        ["Apps: upload with an empty content type"] = Throws<ArgumentException>(f => f.App.Data.UploadAsync(Draft, "vedleggA", new MemoryStream([1]), "", "a.pdf"), "contentType"),
        ["Apps: upload with a malformed content type"] = Throws<ArgumentException>(f => f.App.Data.UploadAsync(Draft, "vedleggA", new MemoryStream([1]), "pdf", "a.pdf"), "pdf"),
        ["Apps: data part with a quote in its data type"] = Throws<ArgumentException>(_ => new InstanceDataPart("vedlegg\"A", new MemoryStream([1]), "application/pdf"), "dataType"),
        ["Apps: empty substatus label"] = Throws<ArgumentException>(f => f.App.Instances.SetSubstatusAsync(Draft, new Substatus { Label = " " }), "label"),
        ["Apps: active instances of party -1"] = Throws<ArgumentOutOfRangeException>(f => f.App.Instances.GetActiveAsync(-1), "partyId"),
        ["Apps: texts for an empty language"] = Throws<ArgumentException>(f => f.App.Metadata.GetTextsAsync(""), "language"),
        ["Apps: client for a null app id"] = Throws<ArgumentNullException>(f => AppsClient.Create(f.Emulator.Environment, f.Emulator.CreateOrgCredential("ttd"), loggerFactory: LeakWatch.LoggerFactory).GetAppClient(null!), "appId"),

        // ---- Events ----
        ["Events: page size 0"] = Throws<ArgumentOutOfRangeException>(f => First(f.Events.GetEventsAsync(new AppEventsQuery(DemoApp) { PageSize = 0 })), "PageSize"),
        ["Events: party and organisation number together"] = Throws<ArgumentException>(f => First(f.Events.GetEventsAsync(new AppEventsQuery(DemoApp) { After = "0", Party = 50006000, OrganisationNumber = "312345676" })), "Party", "OrganisationNumber"),
        ["Events: bad organisation number"] = Throws<ArgumentException>(f => First(f.Events.GetEventsAsync(new AppEventsQuery(DemoApp) { After = "0", OrganisationNumber = "312345677" })), "312345677", "organisation number"),
        ["Events: from after to"] = Throws<ArgumentException>(f => First(f.Events.GetEventsAsync(new AppEventsQuery(DemoApp) { From = DateTimeOffset.UtcNow, To = DateTimeOffset.UtcNow.AddDays(-1) })), "From", "To"),
        ["Events: empty resource"] = Throws<ArgumentException>(_ => new ResourceEventsQuery(" "), "resource"),
        ["Events: subscription to an http endpoint"] = Throws<ArgumentException>(f => f.Events.Subscriptions.CreateAsync(new EventSubscriptionRequest(new Uri("http://hooks.example.com/altinn")) { SourceFilter = f.Emulator.AppBaseUrl(DemoApp) }), "https"),
        ["Events: subscription id 0"] = Throws<ArgumentOutOfRangeException>(f => f.Events.Subscriptions.GetAsync(0), "id"),

        // ---- Workflows ----
        ["Workflows: empty archive folder"] = Throws<ArgumentException>(f => f.Workflows.ArchiveAsync(DemoApp, " "), "outputDirectory"),
        ["Workflows: archive folder with an invalid character"] = Throws<ArgumentException>(f => f.Workflows.ArchiveAsync(DemoApp, "bad\0folder"), "outputDirectory"),
        ["Workflows: concurrency 0"] = Throws<ArgumentOutOfRangeException>(f => f.Workflows.ArchiveAsync(DemoApp, f.ArchiveFolder, new ArchiveOptions { MaxConcurrency = 0 }), "MaxConcurrency"),
        ["Workflows: concurrency 33"] = Throws<ArgumentOutOfRangeException>(f => f.Workflows.ArchiveAsync(DemoApp, f.ArchiveFolder, new ArchiveOptions { MaxConcurrency = 33 }), "MaxConcurrency"),
        ["Workflows: empty substatus label"] = Throws<ArgumentException>(f => f.Workflows.SetSubstatusAsync(Draft, new Substatus { Label = "" }), "label"),
        ["Workflows: substatus on a query with page size 0"] = Throws<ArgumentException>(f => f.Workflows.SetSubstatusAsync(new InstanceQuery(DemoApp) { PageSize = 0 }, new Substatus { Label = "Mottatt" }), "PageSize"),
        ["Workflows: delete drafts without a creation date"] = Throws<ArgumentException>(f => f.Workflows.DeleteDraftsAsync(DemoApp, new DeleteDraftsOptions()), "Created"),
        ["Workflows: delete drafts with an empty task"] = Throws<ArgumentException>(f => f.Workflows.DeleteDraftsAsync(DemoApp, new DeleteDraftsOptions { Created = DateFilter.OnOrBefore(2020, 9, 30), CurrentTask = "" }), "CurrentTask"),
        ["Workflows: undeploy readiness with a negative draft age"] = Throws<ArgumentException>(f =>
        {
            var options = new UndeployReadinessOptions();
            options.DraftAgeBounds.Add(TimeSpan.FromDays(-1));
            return f.Workflows.GetUndeployReadinessAsync(DemoApp, options);
        }, "draft age bounds"),
    };

    private static readonly Dictionary<string, CliCase> CliCases = new()
    {
        ["CLI: upper-case app id"] = new(["instances", "list", "--app", "TTD/demo-app"], "TTD/demo-app"),
        ["CLI: instance id with a bad guid"] = new(["instances", "get", "50006000/xyz"], "50006000/xyz"),
        ["CLI: party 0 in an instance id"] = new(["instances", "get", "0/de000000-0000-4000-8000-000000000001"], "party id"),
        ["CLI: date filter with an unknown operator"] = new(["instances", "list", "--app", "ttd/demo-app", "--created", "before:2020-09-30"], "before"),
        ["CLI: max 0"] = new(["instances", "list", "--app", "ttd/demo-app", "--max", "0"], "--max"),
        ["CLI: negative party"] = new(["instances", "list", "--app", "ttd/demo-app", "--party", "-5"], "--party"),
        ["CLI: empty substatus label"] = new(["instances", "substatus", "50006000/de000000-0000-4000-8000-000000000001", "--label", " "], "--label"),
        ["CLI: unknown environment"] = new(["instances", "list", "--app", "ttd/demo-app", "--env", "tt03", "--token", "abc"], "tt03"),
        ["CLI: http environment off loopback"] = new(["instances", "list", "--app", "ttd/demo-app", "--env", "http://altinn.example.com/", "--token", "abc"], "HTTP"),
        ["CLI: no credentials"] = new(["instances", "get", "50006000/de000000-0000-4000-8000-000000000001"], "credentials"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    public static TheoryData<string> CliCaseNames => new(CliCases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_is_refused_with_a_typed_explaining_exception_before_sending(string name)
    {
        Case bad = Cases[name];
        fixture.Emulator.ClearRequests();

        Exception? thrown = await Record.ExceptionAsync(() => bad.Act(fixture));

        thrown.Should().NotBeNull($"'{name}' must be refused");
        thrown.Should().BeAssignableTo(bad.Expected, thrown!.ToString());
        foreach (string word in bad.Message) thrown.Message.Should().Contain(word, $"the message names the problem ({thrown.Message})");
        // The App client checks an upload against the app's metadata, which it reads once and keeps (documented): that
        // read may appear; the upload, or anything else, may not.
        fixture.Emulator.Requests.Where(r => !(r.Method == "GET" && r.PathAndQuery.EndsWith("/api/v1/applicationmetadata", StringComparison.Ordinal)))
            .Should().BeEmpty("nothing is sent for bad input");
    }

    [Theory]
    [MemberData(nameof(CliCaseNames))]
    public async Task Bad_command_line_input_exits_2_with_a_message_before_sending(string name)
    {
        CliCase bad = CliCases[name];
        string[] args = bad.Args.Contains("--env") || name == "CLI: no credentials"
            ? [.. bad.Args, .. name == "CLI: no credentials" ? new[] { "--env", fixture.Emulator.BaseUrl.AbsoluteUri } : []]
            : [.. bad.Args, "--env", fixture.Emulator.BaseUrl.AbsoluteUri, "--token", fixture.Emulator.CreateOrgToken("ttd")];
        fixture.Emulator.ClearRequests();
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exit = await AltinnCli.RunAsync(args, output, error, CancellationToken.None);
        LeakWatch.Scan($"altinn bad input '{name}' (stderr)", error.ToString());
        LeakWatch.Scan($"altinn bad input '{name}' (stdout)", output.ToString(), isRequestedData: true);

        exit.Should().Be(ExitCodes.UsageError, $"stdout: {output}\nstderr: {error}");
        foreach (string word in bad.Message) error.ToString().Should().Contain(word);
        fixture.Emulator.Requests.Should().BeEmpty("nothing is sent for bad input");
    }

    [Fact]
    public void The_table_has_at_least_40_cases_across_every_client_and_the_CLI()
    {
        (Cases.Count + CliCases.Count).Should().BeGreaterThanOrEqualTo(40);
        foreach (string area in new[] { "AppId", "InstanceId", "DateFilter", "Organisation number", "Environment", "Credential", "Storage", "Apps", "Events", "Workflows" })
        {
            Cases.Keys.Should().Contain(k => k.StartsWith(area, StringComparison.Ordinal), $"the table covers {area}");
        }
    }

    /// <summary>A stream that cannot be read (write-only), as a caller might pass by mistake.</summary>
    private sealed class UnreadableStream : MemoryStream
    {
        public override bool CanRead => false;
    }
}
