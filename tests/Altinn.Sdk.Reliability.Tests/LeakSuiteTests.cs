using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Cli;
using Altinn.Sdk.Events;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Testing;
using Altinn.Sdk.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Altinn.Sdk.Reliability.Tests;

/// <summary>
/// Representative flows of every client and the CLI, successes and failures (401, 403, 404, faults, token refresh,
/// the Maskinporten exchange, a system user), with every logger at Trace: no log line, exception or command output
/// holds a token, key material or a national identity number.
/// </summary>
public sealed class LeakSuiteTests(ITestOutputHelper output)
{
    private static readonly AppId DemoApp = AppId.Parse("ttd/demo-app");
    private const string PersonNumber = "01017012343";
    private const string OtherPersonNumber = "02027012372";
    private static InstanceId Demo(int n) => InstanceId.Parse($"{(n is 2 or 4 or 6 ? 50001337 : 50006000)}/de000000-0000-4000-8000-00000000000{n}");

    [Fact]
    public void The_scanner_finds_what_it_looks_for()
    {
        LeakWatch.AddSecret("s3cr3t-value-of-the-scanner-check");
        using (LeakWatch.Ignore("the scanner's own check plants one of each kind"))
        {
            LeakWatch.Scan("sample", "token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln here").Should().Be(1);
            LeakWatch.Scan("sample", "Authorization: Bearer abcdefghijkl").Should().Be(1);
            LeakWatch.Scan("sample", "-----BEGIN RSA PRIVATE KEY-----").Should().Be(1);
            LeakWatch.Scan("sample", "key s3cr3t-value-of-the-scanner-check").Should().Be(1);
            LeakWatch.Scan("sample", "owner " + PersonNumber).Should().Be(1);
            LeakWatch.Scan("sample", "owner " + PersonNumber, isRequestedData: true).Should().Be(0);
            LeakWatch.Scan("sample", "nothing to see\n-----BEGIN CERTIFICATE-----").Should().Be(0);
        }
    }

    [Fact]
    public async Task Every_client_and_the_CLI_keep_tokens_keys_and_national_ids_out_of_logs_exceptions_and_output()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true, TimeProvider = clock });
        emulator.AddPersonParty(50002000, OtherPersonNumber, "Ola Lekkasje");
        string jwk = emulator.CreateMaskinportenClient("leak-suite");
        LeakWatch.AddPrivateJwk(jwk);
        var scanner = new Scanner();
        var logs = new FakeLogCollector();
        var failures = new List<(string Flow, Exception Error)>();
        int successes = 0;

        async Task Run(string flow, Func<Task> action)
        {
            try
            {
                await action();
                successes++;
            }
            catch (Exception exception)
            {
                failures.Add((flow, exception));
            }
        }

        // The DI way, Maskinporten key -> Maskinporten token -> Altinn token exchange, every log at Trace.
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(emulator.Environment);
        services.AddAltinn(o =>
        {
            o.Maskinporten.ClientId = "leak-suite";
            o.Maskinporten.Jwk = jwk;
            o.Scopes.Add("altinn:serviceowner/instances.read");
            o.Scopes.Add("altinn:serviceowner/instances.write");
            o.Scopes.Add("altinn:events.subscribe");
            o.MaxRetries = 0; // the fake clock would hold back-off delays; the fault flow below retries on the system clock
        });
        services.AddAltinnStorage().AddAltinnApps().AddAltinnEvents().AddAltinnWorkflows();
        await using (ServiceProvider provider = services.BuildServiceProvider())
        {
            var storage = provider.GetRequiredService<StorageClient>();
            var app = provider.GetRequiredService<AppsClient>().GetAppClient(DemoApp);
            var events = provider.GetRequiredService<EventsClient>();
            var workflows = provider.GetRequiredService<WorkflowClient>();
            string archive = Directory.CreateTempSubdirectory("altinn-leak-").FullName;
            try
            {
                await Run("storage query", async () => { await foreach (Instance _ in storage.Instances.QueryAsync(new InstanceQuery(DemoApp) { InstanceOwner = InstanceOwnerIdentifier.Person(PersonNumber) })) { } });
                await Run("storage get person instance", () => storage.Instances.GetAsync(Demo(2)));
                await Run("storage download", async () => { await using DataStream s = await storage.Data.DownloadAsync(Demo(2), Guid.Parse("da000000-0000-4000-8000-000000000022")); await s.CopyToAsync(Stream.Null); });
                await Run("storage 404", () => storage.Instances.GetAsync(InstanceId.Parse("50001337/de000000-0000-4000-8000-0000000000ff")));
                await Run("storage substatus", () => storage.Instances.SetSubstatusAsync(Demo(3), new Substatus { Label = "Mottatt" }));
                await Run("apps create for a person", async () =>
                {
                    Instance created = await app.Instances.CreateAsync(InstanceOwnerReference.Person(OtherPersonNumber));
                    await app.Data.UploadAsync(created.Id!, "vedleggA", new MemoryStream([37, 80, 68, 70]), "application/pdf", "vedlegg.pdf");
                    await app.Process.NextAsync(created.Id!);
                });
                await Run("apps create for an unknown person (404/400)", () => app.Instances.CreateAsync(InstanceOwnerReference.Person("03037010048")));
                await Run("apps delete a confirmed instance", () => app.Instances.DeleteAsync(Demo(5), hard: true));
                await Run("apps data 404", () => app.Data.DownloadAsync(Demo(1), Guid.NewGuid()));
                await Run("events feed", async () => { await foreach (CloudEvent _ in events.GetEventsAsync(new AppEventsQuery(DemoApp) { After = "0", PersonNumber = PersonNumber })) { } });
                await Run("events subscription", () => events.Subscriptions.CreateAsync(new EventSubscriptionRequest(new Uri("https://hooks.example.com/altinn")) { SourceFilter = new Uri(emulator.AppBaseUrl(DemoApp).AbsoluteUri.TrimEnd('/')) }));
                await Run("workflows archive", () => workflows.ArchiveAsync(DemoApp, archive));
                await Run("workflows substatus by query", () => workflows.SetSubstatusAsync(new InstanceQuery(DemoApp) { InstanceOwner = InstanceOwnerIdentifier.Person(PersonNumber) }, new Substatus { Label = "Behandles" }));

                // 403: a user may not set a substatus; 401: a forged token; a system user for a customer.
                var asUser = new AltinnRequestOptions { Credential = emulator.CreateUserCredential(1337) };
                await Run("storage 403 as a user", () => storage.Instances.SetSubstatusAsync(Demo(2), new Substatus { Label = "Nei" }, asUser));
                string forged = emulator.CreateOrgToken("ttd")[..^4] + "AAAA";
                LeakWatch.AddSecret(forged);
                var asForged = new AltinnRequestOptions { Credential = new StaticTokenCredential(forged) };
                await Run("storage 401 forged token", () => storage.Instances.GetAsync(Demo(1), asForged));
                await Run("apps 401 forged token", () => app.Instances.GetAsync(Demo(1), asForged));
                await Run("events 401 forged token", async () => { await foreach (CloudEvent _ in events.GetEventsAsync(new AppEventsQuery(DemoApp) { After = "0" }, asForged)) { } });
                var asSystemUser = new AltinnRequestOptions { Credential = emulator.CreateSystemUserCredential(), SystemUser = new SystemUserContext("312345676") };
                await Run("apps system user", () => app.Instances.GetActiveAsync(50006000, asSystemUser));
                await Run("apps system user 403", () => app.Instances.GetAsync(Demo(2), asSystemUser));

                // Token refresh: past the 30-minute lifetime, a new Maskinporten token and a new exchange.
                int tokensBefore = emulator.Requests.Count(r => r.PathAndQuery.StartsWith("/maskinporten/token", StringComparison.Ordinal));
                clock.Advance(TimeSpan.FromMinutes(31));
                await Run("storage after refresh", () => storage.Instances.GetAsync(Demo(4)));
                emulator.Requests.Count(r => r.PathAndQuery.StartsWith("/maskinporten/token", StringComparison.Ordinal)).Should().BeGreaterThan(tokensBefore, "the token was refreshed");
                emulator.Requests.Should().Contain(r => r.PathAndQuery.StartsWith("/authentication/api/v1/exchange/maskinporten", StringComparison.Ordinal));
            }
            finally
            {
                Directory.Delete(archive, recursive: true);
            }
        }

        // Faults: retries and failures after them, on the system clock.
        var faults = new EmulatorFaultOptions { Rate = 0.5, Seed = 11, RetryAfter = TimeSpan.FromSeconds(1), Latency = TimeSpan.FromMilliseconds(20) };
        await using (var faulty = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true, Faults = faults }))
        {
            var faultServices = new ServiceCollection();
            faultServices.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs)));
            faultServices.AddSingleton(faulty.Environment);
            faultServices.AddSingleton(faulty.CreateOrgCredential("ttd"));
            faultServices.AddAltinn(o => o.MaxRetries = 1);
            faultServices.AddAltinnStorage();
            await using ServiceProvider provider = faultServices.BuildServiceProvider();
            var storage = provider.GetRequiredService<StorageClient>();
            for (int i = 0; i < 12; i++)
            {
                await Run("storage under faults", () => storage.Instances.GetAsync(Demo(2)));
                await Run("storage write under faults", () => storage.Instances.SetReadStatusAsync(Demo(2), ReadStatus.Read));
            }

            faulty.Requests.Should().Contain(r => r.Fault != EmulatorFaultKinds.None);
        }

        // The CLI: success, 401, 404 and bad input, plain and JSON.
        string token = emulator.CreateOrgToken("ttd");
        LeakWatch.AddSecret(token);
        string[] connection = ["--env", emulator.BaseUrl.AbsoluteUri];
        var cliRuns = new List<(string[] Args, int Exit)>();
        foreach (string[] args in new string[][]
        {
            ["instances", "list", "--app", "ttd/demo-app", .. connection, "--token", token],
            ["instances", "list", "--app", "ttd/demo-app", "--json", .. connection, "--token", token],
            ["instances", "get", Demo(2).ToString(), .. connection, "--token", token],
            ["instances", "get", Demo(2).ToString(), "--json", .. connection, "--token", token],
            ["instances", "get", "50001337/de000000-0000-4000-8000-0000000000ff", .. connection, "--token", token],
            ["instances", "get", Demo(1).ToString(), .. connection, "--token", forgedCli()],
            ["instances", "delete", Demo(5).ToString(), .. connection, "--token", token],
            ["instances", "substatus", Demo(2).ToString(), "--label", "Mottatt", .. connection, "--token", emulator.CreateUserToken(1337)],
        })
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            int exit = await AltinnCli.RunAsync(args, stdout, stderr, CancellationToken.None);
            cliRuns.Add((args, exit));
            // --json prints each instance exactly as Storage sent it, owner's national identity number included: that is
            // the data asked for, so only credentials are looked for there. The table output masks the number.
            bool json = args.Contains("--json");
            scanner.Scan($"altinn {args[0]} {args[1]}{(json ? " --json" : "")} (stdout)", stdout.ToString(), isRequestedData: json);
            scanner.Scan($"altinn {args[0]} {args[1]} (stderr)", stderr.ToString());
        }

        string forgedCli()
        {
            string forged = emulator.CreateOrgToken("ttd")[..^4] + "AAAA";
            LeakWatch.AddSecret(forged);
            return forged;
        }

        // Scan everything.
        IReadOnlyList<FakeLogRecord> records = logs.GetSnapshot();
        foreach (FakeLogRecord record in records)
        {
            scanner.Scan($"log {record.Category}/{record.Id.Name}", record.Message);
            if (record.Exception is not null) scanner.Scan($"log {record.Category} exception", record.Exception);
            foreach (KeyValuePair<string, string?> pair in record.StructuredState ?? []) scanner.Scan($"log {record.Category} state {pair.Key}", pair.Value);
        }

        foreach ((string flow, Exception error) in failures) scanner.Scan($"exception from {flow}", error);

        output.WriteLine($"{successes} flows succeeded, {failures.Count} failed as intended; {cliRuns.Count} CLI runs (exit codes {string.Join(", ", cliRuns.Select(r => r.Exit))})");
        output.WriteLine($"scanned {records.Count} log records, {failures.Count} exceptions and the CLI output: {scanner.TextsScanned} texts, {scanner.LinesScanned} lines");
        foreach ((string flow, Exception error) in failures) output.WriteLine($"  {flow}: {error.GetType().Name}: {error.Message.Split('\n')[0]}");

        scanner.Hits.Should().Be(0, "the leak scan of the run lists where");

        // The check had something to find: many lines, Trace-level pipeline logs, and each failure path exercised.
        scanner.LinesScanned.Should().BeGreaterThan(500);
        records.Should().Contain(r => r.Level == LogLevel.Trace);
        failures.Select(f => f.Error).OfType<AltinnRequestFailedException>().Select(e => e.Status).Should().Contain([403, 404]);
        failures.Select(f => f.Error).OfType<AltinnAuthenticationException>().Should().HaveCountGreaterThanOrEqualTo(3, "the forged token was refused with 401 by Storage, the app and Events");
        failures.Should().Contain(f => f.Flow == "storage under faults" || f.Flow == "storage write under faults");
        cliRuns.Select(r => r.Exit).Should().Contain([ExitCodes.Success, 3, 4]);
        successes.Should().BeGreaterThan(8);
    }

    /// <summary>This test's share of the leak watch: its own hits and lines, whatever other tests run beside it.</summary>
    private sealed class Scanner
    {
        public int Hits { get; private set; }

        public int LinesScanned { get; private set; }

        public int TextsScanned { get; private set; }

        public void Scan(string source, string? text, bool isRequestedData = false)
        {
            if (string.IsNullOrEmpty(text)) return;
            TextsScanned++;
            LinesScanned += text.Count(c => c == '\n') + 1;
            Hits += LeakWatch.Scan(source, text, isRequestedData);
        }

        public void Scan(string source, Exception exception)
        {
            Scan(source + " (message)", exception.Message);
            Scan(source + " (ToString)", exception.ToString());
            for (Exception? inner = exception.InnerException; inner is not null; inner = inner.InnerException) Scan(source + " (inner)", inner.Message);
        }
    }
}
