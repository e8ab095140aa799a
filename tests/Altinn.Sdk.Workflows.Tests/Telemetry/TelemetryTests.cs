using System.Diagnostics;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Diagnostics;
using Altinn.Sdk.Events;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using static Altinn.Sdk.Workflows.Tests.WorkflowEmulator;

namespace Altinn.Sdk.Workflows.Tests.Telemetry;

/// <summary>
/// The SDK's spans and metrics as OpenTelemetry's in-memory exporter receives them, over loopback against the
/// emulator. The tests run alone (their collection is not parallel), so the meter's counts are theirs; spans are
/// told apart by the trace of each test's own root activity.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests
{
    private const string PersonNumber = "01017012343";
    private static readonly ActivitySource TestSource = new("Altinn.Sdk.Tests.Telemetry");

    [Fact]
    public async Task A_storage_call_is_one_client_span_with_its_attributes_under_the_callers_span_and_is_counted_by_operation_and_status()
    {
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        using var capture = new Capture();
        await using ServiceProvider provider = MaskinportenServices(emulator);
        var storage = provider.GetRequiredService<StorageClient>();

        using (capture.Root())
        {
            await storage.Instances.GetAsync(DemoId(1));
            var missing = InstanceId.Parse(OrganisationParty + "/de000000-0000-4000-8000-0000000000ff");
            await FluentActions.Awaiting(() => storage.Instances.GetAsync(missing)).Should().ThrowAsync<AltinnRequestFailedException>();
            await using DataStream download = await storage.Data.DownloadAsync(DemoId(1), Guid.Parse("da000000-0000-4000-8000-000000000012"));
            await download.CopyToAsync(Stream.Null);
        }

        IReadOnlyList<Activity> spans = capture.Spans();
        Activity get = spans.Single(s => s.DisplayName == "Storage.Instances.Get" && (int?)s.GetTagItem("http.response.status_code") == 200);
        get.Kind.Should().Be(ActivityKind.Client);
        get.Source.Name.Should().Be(AltinnTelemetry.Name);
        get.ParentSpanId.Should().Be(capture.RootSpanId, "the call's span is a child of the caller's");
        get.Status.Should().Be(ActivityStatusCode.Ok);
        get.GetTagItem("altinn.instance_id").Should().Be(DemoId(1).ToString());
        get.GetTagItem("altinn.environment").Should().Be(emulator.Environment.Name);
        get.GetTagItem("server.address").Should().Be(emulator.Environment.StorageBaseUrl.Host);

        // The token was fetched inside the first call: Maskinporten's token exchanged at Altinn's Authentication API.
        Activity exchange = spans.Single(s => s.DisplayName == "Authentication.Exchange");
        exchange.ParentSpanId.Should().Be(get.SpanId);
        exchange.GetTagItem("http.response.status_code").Should().Be(200);

        Activity notFound = spans.Single(s => s.DisplayName == "Storage.Instances.Get" && s != get);
        notFound.Status.Should().Be(ActivityStatusCode.Error);
        notFound.GetTagItem("http.response.status_code").Should().Be(404);
        notFound.GetTagItem("error.type").Should().Be("404");

        // A hand-written streamed call has its span too.
        Activity downloadSpan = spans.Single(s => s.DisplayName == "Storage.Data.Download");
        downloadSpan.Kind.Should().Be(ActivityKind.Client);
        downloadSpan.GetTagItem("altinn.instance_id").Should().Be(DemoId(1).ToString());
        downloadSpan.GetTagItem("http.response.status_code").Should().Be(200);

        IReadOnlyList<MetricSnapshot> metrics = capture.Metrics();
        Sum(metrics, "altinn.sdk.client.requests", ("altinn.operation", "Storage.Instances.Get"), ("http.response.status_code", 200)).Should().Be(1);
        Sum(metrics, "altinn.sdk.client.requests", ("altinn.operation", "Storage.Instances.Get"), ("http.response.status_code", 404), ("error.type", "404")).Should().Be(1);
        Sum(metrics, "altinn.sdk.client.requests", ("altinn.operation", "Storage.Data.Download")).Should().Be(1);
        HistogramCount(metrics, "altinn.sdk.client.request.duration", ("altinn.operation", "Storage.Instances.Get")).Should().Be(2);
        metrics.Single(m => m.Name == "altinn.sdk.client.request.duration").Unit.Should().Be("s");
        Sum(metrics, "altinn.sdk.tokens.fetched", ("altinn.token.source", "maskinporten")).Should().Be(1, "one Maskinporten token served all three calls");
    }

    [Fact]
    public async Task An_archive_run_is_a_span_with_one_child_span_per_instance_over_its_storage_calls_and_counts_archived_instances_bytes_and_outcomes()
    {
        await using WorkflowEmulator env = await WorkflowEmulator.StartAsync();
        using var capture = new Capture();

        ArchiveResult result;
        using (capture.Root())
        {
            result = await env.Workflows.ArchiveAsync(DemoApp, env.Folder);
        }

        result.Failed.Should().BeEmpty();
        result.Done.Should().NotBeEmpty();
        IReadOnlyList<Activity> spans = capture.Spans();
        Activity run = spans.Single(s => s.DisplayName == "Workflows.archive");
        run.ParentSpanId.Should().Be(capture.RootSpanId);
        run.GetTagItem("altinn.workflow.done").Should().Be(result.Done.Count);
        run.Status.Should().NotBe(ActivityStatusCode.Error);

        Activity[] items = spans.Where(s => s.DisplayName == "Workflows.archive.Instance").ToArray();
        items.Select(i => i.GetTagItem("altinn.instance_id")).Should().BeEquivalentTo(result.Items.Select(i => i.InstanceId.ToString()));
        items.Should().OnlyContain(i => i.ParentSpanId == run.SpanId);
        foreach (WorkflowItemResult done in result.Done)
        {
            Activity item = items.Single(i => (string?)i.GetTagItem("altinn.instance_id") == done.InstanceId.ToString());
            item.GetTagItem("altinn.outcome").Should().Be("done");
            item.GetTagItem("altinn.app_id").Should().Be(DemoApp.ToString());

            // The instance's Storage calls are its children: its downloads and the complete confirmation.
            Activity[] calls = spans.Where(s => s.ParentSpanId == item.SpanId).ToArray();
            calls.Select(c => c.DisplayName).Should().Contain(["Storage.Data.Download", "Storage.Instances.ConfirmComplete"]);
            calls.Should().OnlyContain(c => (string?)c.GetTagItem("altinn.instance_id") == done.InstanceId.ToString());
        }

        Activity query = spans.Single(s => s.DisplayName == "Storage.Instances.Query");
        query.ParentSpanId.Should().Be(run.SpanId);
        query.GetTagItem("altinn.app_id").Should().Be(DemoApp.ToString());

        long bytes = result.Done.Sum(d => ArchiveManifest.TryParse(File.ReadAllBytes(Path.Combine(env.InstanceFolder(d.InstanceId), ArchiveManifest.FileName)))!.Files.Sum(f => f.Size));
        IReadOnlyList<MetricSnapshot> metrics = capture.Metrics();
        Sum(metrics, "altinn.sdk.archive.instances", ("altinn.app_id", DemoApp.ToString())).Should().Be(result.Done.Count);
        Sum(metrics, "altinn.sdk.archive.bytes", ("altinn.app_id", DemoApp.ToString())).Should().Be(bytes);
        metrics.Single(m => m.Name == "altinn.sdk.archive.bytes").Unit.Should().Be("By");
        Sum(metrics, "altinn.sdk.workflow.instances", ("altinn.workflow", "archive"), ("altinn.outcome", "done")).Should().Be(result.Done.Count);
        Sum(metrics, "altinn.sdk.workflow.instances", ("altinn.workflow", "archive"), ("altinn.outcome", "skipped")).Should().Be(result.Skipped.Count);
    }

    [Fact]
    public async Task An_events_poller_records_the_age_of_the_newest_event_it_handled()
    {
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        using var capture = new Capture();
        EventsClient events = EventsClient.Create(emulator.Environment, emulator.CreateOrgCredential("ttd"), o => o.MaxRetries = 0, LeakWatch.LoggerFactory);
        string folder = Directory.CreateTempSubdirectory("altinn-telemetry-events-").FullName;
        try
        {
            await SubmitAsync(emulator);
            var newest = DateTimeOffset.MinValue;
            var poller = new EventsPoller(events, new AppEventsQuery(DemoApp) { After = "0" }, new FileEventCheckpointStore(folder));
            int handled = await poller.PollOnceAsync((e, _) =>
            {
                if (e.Time > newest) newest = e.Time.Value;
                return Task.CompletedTask;
            });

            handled.Should().BePositive();
            double lag = capture.Metrics().Single(m => m.Name == "altinn.sdk.events.poller.lag").MetricPoints.Single().GetGaugeLastValueDouble();
            lag.Should().BeGreaterThanOrEqualTo((DateTimeOffset.UtcNow - newest).TotalSeconds - 60).And.BeLessThanOrEqualTo((DateTimeOffset.UtcNow - newest).TotalSeconds + 1);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task No_span_attribute_or_metric_tag_carries_a_token_a_national_identity_number_a_name_or_a_file_name()
    {
        await using WorkflowEmulator env = await WorkflowEmulator.StartAsync();
        await env.SeedCompletedAsync();
        using var capture = new Capture();
        await using ServiceProvider provider = MaskinportenServices(env.Emulator);
        var storage = provider.GetRequiredService<StorageClient>();
        string orgToken = env.Emulator.CreateOrgToken("ttd");

        using (capture.Root())
        {
            // An end-user system uploads "vedlegg.pdf" for a customer (system user), and submits.
            await SubmitAsync(env.Emulator);

            // The person filter travels in a header and the query; the seeded instances have uploaded file names.
            await foreach (Instance _ in storage.Instances.QueryAsync(new InstanceQuery(DemoApp) { InstanceOwner = InstanceOwnerIdentifier.Person(PersonNumber) }))
            {
            }

            await env.Workflows.ArchiveAsync(DemoApp, env.Folder);
        }

        IReadOnlyList<Activity> spans = capture.Spans();
        spans.Select(s => s.DisplayName).Should().Contain(["Apps.Instances.Create", "Apps.Data.Upload", "Storage.Instances.Query", "Workflows.archive", "Storage.Data.Download", "Authentication.Exchange"]);
        var texts = new List<string>();
        foreach (Activity span in spans)
        {
            texts.Add(span.DisplayName);
            texts.Add(span.StatusDescription ?? string.Empty);
            texts.AddRange(span.TagObjects.Select(t => t.Key + "=" + t.Value));
            texts.AddRange(span.Events.SelectMany(e => e.Tags.Select(t => t.Key + "=" + t.Value)));
        }

        IReadOnlyList<MetricSnapshot> metrics = capture.Metrics();
        metrics.Should().NotBeEmpty();
        foreach (MetricSnapshot metric in metrics)
        {
            foreach (MetricPoint point in metric.MetricPoints)
            {
                foreach (KeyValuePair<string, object?> tag in point.Tags) texts.Add(metric.Name + " " + tag.Key + "=" + tag.Value);
            }
        }

        texts.Sum(t => LeakWatch.Scan("telemetry", t)).Should().Be(0, "no span or metric may hold a token or a national identity number");
        string all = string.Join("\n", texts);
        all.Should().NotContain(orgToken[..20]).And.NotContain(PersonNumber).And.NotContain("Sophie Salt")
            .And.NotContain("vedlegg.pdf").And.NotContain("instanceOwner.identifier").And.NotContain("?");
        all.Should().Contain("altinn.instance_id=").And.Contain("altinn.app_id=" + DemoApp, "the check saw the tags it scans");
    }

    /// <summary>An end-user system creates an instance for a customer organisation, uploads an attachment with a file name, and ends the process.</summary>
    private static async Task SubmitAsync(AltinnEmulator emulator)
    {
        AppClient app = AppsClient.Create(emulator.Environment, emulator.CreateSystemUserCredential(), o => o.MaxRetries = 0, LeakWatch.LoggerFactory).GetAppClient(DemoApp);
        var asCustomer = new AltinnRequestOptions { SystemUser = new SystemUserContext("312345676") };
        Instance instance = await app.Instances.CreateAsync(InstanceOwnerReference.Organisation("312345676"), asCustomer);
        using (var pdf = new MemoryStream(System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n")))
        {
            await app.Data.UploadAsync(instance.Id!, "vedleggA", pdf, "application/pdf", "vedlegg.pdf", asCustomer);
        }

        ProcessState process = await app.Process.GetAsync(instance.Id!, asCustomer);
        while (process.Ended is null) process = await app.Process.NextAsync(instance.Id!, null, asCustomer);
    }

    private static ServiceProvider MaskinportenServices(AltinnEmulator emulator)
    {
        string jwk = emulator.CreateMaskinportenClient("telemetry-tests");
        LeakWatch.AddPrivateJwk(jwk);
        var services = new ServiceCollection();
        services.AddSingleton(LeakWatch.LoggerFactory);
        services.AddSingleton(emulator.Environment);
        services.AddAltinn(o =>
        {
            o.Maskinporten.ClientId = "telemetry-tests";
            o.Maskinporten.Jwk = jwk;
            o.Scopes.Add("altinn:serviceowner/instances.read");
            o.Scopes.Add("altinn:serviceowner/instances.write");
            o.MaxRetries = 0;
        });
        services.AddAltinnStorage();
        return services.BuildServiceProvider();
    }

    private static long Sum(IReadOnlyList<MetricSnapshot> metrics, string name, params (string Key, object Value)[] tags) =>
        Points(metrics, name, tags).Sum(p => p.GetSumLong());

    private static long HistogramCount(IReadOnlyList<MetricSnapshot> metrics, string name, params (string Key, object Value)[] tags) =>
        Points(metrics, name, tags).Sum(p => p.GetHistogramCount());

    private static List<MetricPoint> Points(IReadOnlyList<MetricSnapshot> metrics, string name, (string Key, object Value)[] tags)
    {
        var points = new List<MetricPoint>();
        foreach (MetricSnapshot metric in metrics.Where(m => m.Name == name))
        {
            foreach (MetricPoint point in metric.MetricPoints)
            {
                var have = new Dictionary<string, object?>();
                foreach (KeyValuePair<string, object?> tag in point.Tags) have[tag.Key] = tag.Value;
                if (tags.All(t => have.TryGetValue(t.Key, out object? v) && Equals(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture), Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture)))) points.Add(point);
            }
        }

        return points;
    }

    /// <summary>An OpenTelemetry tracer and meter provider with in-memory exporters, listening to the SDK.</summary>
    private sealed class Capture : IDisposable
    {
        private readonly List<Activity> _spans = [];
        private readonly List<MetricSnapshot> _metrics = [];
        private readonly TracerProvider _tracer;
        private readonly MeterProvider _meter;
        private ActivityTraceId _trace;

        public Capture()
        {
            _tracer = global::OpenTelemetry.Sdk.CreateTracerProviderBuilder().AddSource(AltinnTelemetry.Name, TestSource.Name).AddInMemoryExporter(_spans).Build()!;
            _meter = global::OpenTelemetry.Sdk.CreateMeterProviderBuilder().AddMeter(AltinnTelemetry.Name).AddInMemoryExporter(_metrics).Build()!;
        }

        public ActivitySpanId RootSpanId { get; private set; }

        public Activity Root()
        {
            Activity root = TestSource.StartActivity("test")!;
            _trace = root.TraceId;
            RootSpanId = root.SpanId;
            return root;
        }

        /// <summary>The spans ended so far; with a root, those of its trace only.</summary>
        public IReadOnlyList<Activity> Spans()
        {
            _tracer.ForceFlush();
            lock (_spans) return _spans.Where(s => s.Source.Name == AltinnTelemetry.Name && (_trace == default || s.TraceId == _trace)).ToList();
        }

        /// <summary>The metrics so far (cumulative), from one collection.</summary>
        public IReadOnlyList<MetricSnapshot> Metrics()
        {
            _metrics.Clear();
            _meter.ForceFlush();
            return _metrics.ToList();
        }

        public void Dispose()
        {
            _tracer.Dispose();
            _meter.Dispose();
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry (alone: the meter counts what every test records)";
}
