using Altinn.Sdk.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Altinn.Sdk.Workflows.Tests.Worker;

/// <summary>The worker's health states on a fake clock, and options that fail the host's start with clear messages.</summary>
public sealed class ArchiveWorkerHealthAndOptionsTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Health_follows_the_passes_healthy_degraded_and_unhealthy_with_its_data()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var status = new ArchiveWorkerStatus();
        var check = new ArchiveWorkerHealthCheck(status, Options.Create(new ArchiveWorkerOptions { Interval = Interval, HealthyWithinIntervals = 3 }), clock);
        async Task<HealthCheckResult> Check() => await check.CheckHealthAsync(new HealthCheckContext { Registration = new HealthCheckRegistration("w", check, HealthStatus.Unhealthy, null) });

        (await Check()).Status.Should().Be(HealthStatus.Unhealthy, "the worker has not started");

        status.WorkerStarted(clock.GetUtcNow());
        status.PassStarted(clock.GetUtcNow());
        (await Check()).Status.Should().Be(HealthStatus.Degraded, "the first pass has not ended");

        // A long first pass over a backlog keeps finishing instances: alive.
        clock.Advance(Interval * 5);
        status.Progress(clock.GetUtcNow());
        (await Check()).Status.Should().Be(HealthStatus.Healthy);
        clock.Advance(Interval * 4);
        (await Check()).Status.Should().Be(HealthStatus.Unhealthy, "the running pass finished nothing for four intervals");

        status.PassEnded(clock.GetUtcNow(), good: true, error: null, backlog: 0);
        HealthCheckResult healthy = await Check();
        healthy.Status.Should().Be(HealthStatus.Healthy);
        healthy.Data["lastSuccessfulPass"].Should().Be("2026-12-01T08:09:00.0000000+00:00");
        healthy.Data["backlog"].Should().Be(0);
        healthy.Data["lastError"].Should().Be(string.Empty);

        // Instances failed in the next pass: degraded, with the error and the backlog.
        clock.Advance(Interval);
        status.PassEnded(clock.GetUtcNow(), good: true, error: "ttd/demo-app 50006000/de000000-0000-4000-8000-000000000004: Storage answered 500", backlog: 2);
        HealthCheckResult degraded = await Check();
        degraded.Status.Should().Be(HealthStatus.Degraded);
        degraded.Data["backlog"].Should().Be(2);
        degraded.Data["lastError"].As<string>().Should().Contain("Storage answered 500");

        // The app stops in every pass from now on: once the last good pass is more than three intervals old, unhealthy.
        for (int i = 0; i < 4; i++)
        {
            clock.Advance(Interval);
            status.PassEnded(clock.GetUtcNow(), good: false, error: "ttd/demo-app: Storage did not answer", backlog: 0);
        }

        HealthCheckResult unhealthy = await Check();
        unhealthy.Status.Should().Be(HealthStatus.Unhealthy);
        unhealthy.Data["lastSuccessfulPass"].Should().Be("2026-12-01T08:10:00.0000000+00:00");
        unhealthy.Data["lastError"].Should().Be("ttd/demo-app: Storage did not answer");
        unhealthy.Data["passes"].Should().Be(6L);
    }

    [Fact]
    public async Task Missing_apps_and_folder_fail_the_start_naming_both()
    {
        using IHost host = Build(services => services.AddAltinnArchiveWorker(_ => { }));

        var failed = await host.Invoking(h => h.StartAsync()).Should().ThrowAsync<OptionsValidationException>();

        failed.Which.Failures.Should().Contain(f => f.Contains("ArchiveWorker:Apps is empty", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("ArchiveWorker:Folder", StringComparison.Ordinal) && f.Contains("no default folder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_values_fail_the_start_each_named()
    {
        using IHost host = Build(services => services.AddAltinnArchiveWorker(o =>
        {
            o.Apps.Add(AppId.Parse("ttd/demo-app"));
            o.Sink = new FolderArchiveSink(Path.GetTempPath());
            o.Folder = "archive";
            o.Interval = TimeSpan.Zero;
            o.MaxConcurrency = 0;
            o.LockWait = TimeSpan.FromSeconds(-1);
        }));

        var failed = await host.Invoking(h => h.StartAsync()).Should().ThrowAsync<OptionsValidationException>();

        failed.Which.Failures.Should().HaveCount(4).And.Contain(f => f.Contains("keep one", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("ArchiveWorker:Interval must be positive", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("ArchiveWorker:MaxConcurrency must be from 1 to 32", StringComparison.Ordinal))
            .And.Contain(f => f.Contains("ArchiveWorker:LockWait", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_sink_with_events_needs_a_checkpoint_store()
    {
        using IHost host = Build(services => services.AddAltinnArchiveWorker(o =>
        {
            o.Apps.Add(AppId.Parse("ttd/demo-app"));
            o.Sink = new NowhereSink();
        }));

        var failed = await host.Invoking(h => h.StartAsync()).Should().ThrowAsync<OptionsValidationException>();

        failed.Which.Failures.Should().ContainSingle().Which.Should().Contain("ArchiveWorkerOptions.Checkpoints").And.Contain("ArchiveWorker:UseEvents");
    }

    [Fact]
    public void Configuration_binds_the_section_and_reports_unknown_keys_and_unreadable_values()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ArchiveWorker:Apps:0"] = "ttd/demo-app",
            ["ArchiveWorker:Apps:1"] = "ttd/other-app, ttd/third-app",
            ["ArchiveWorker:Folder"] = "archive",
            ["ArchiveWorker:Interval"] = "00:00:30",
            ["ArchiveWorker:UseEvents"] = "false",
            ["ArchiveWorker:MaxConcurrency"] = "8",
        }).Build();
        var services = new ServiceCollection();
        services.AddAltinnArchiveWorker(configuration);
        ArchiveWorkerOptions options = services.BuildServiceProvider().GetRequiredService<IOptions<ArchiveWorkerOptions>>().Value;

        options.Apps.Select(a => a.ToString()).Should().BeEquivalentTo("ttd/demo-app", "ttd/other-app", "ttd/third-app");
        options.Folder.Should().Be("archive");
        options.Interval.Should().Be(TimeSpan.FromSeconds(30));
        options.UseEvents.Should().BeFalse();
        options.MaxConcurrency.Should().Be(8);

        var wrong = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ArchiveWorker:Apps:0"] = "not an app",
            ["ArchiveWorker:Folder"] = "archive",
            ["ArchiveWorker:Intervall"] = "00:00:30",
            ["ArchiveWorker:LockWait"] = "soon",
        }).Build();
        var bad = new ServiceCollection();
        bad.AddAltinnArchiveWorker(wrong);
        var thrown = bad.BuildServiceProvider().Invoking(sp => sp.GetRequiredService<IOptions<ArchiveWorkerOptions>>().Value).Should().Throw<OptionsValidationException>();
        thrown.Which.Failures.Should().Contain(f => f.Contains("ArchiveWorker:Apps:0: 'not an app' is not an app id", StringComparison.Ordinal))
            .And.Contain(f => f.StartsWith("ArchiveWorker:Intervall is not a setting", StringComparison.Ordinal))
            .And.Contain(f => f.StartsWith("ArchiveWorker:LockWait must be a time", StringComparison.Ordinal));
    }

    private static IHost Build(Action<IServiceCollection> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddLeakWatch();
        configure(builder.Services);
        return builder.Build();
    }

    /// <summary>A sink other than a folder, for the checks at start (nothing is archived).</summary>
    private sealed class NowhereSink : ArchiveSink
    {
        public override string Describe(string path) => "nowhere/" + path;

        public override Task<ArchiveLock> LockAsync(string appPath, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<ArchiveFileWrite> BeginWriteAsync(string path, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<bool> VerifyAsync(string path, long size, string sha256, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task DeleteAsync(string path, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
