using Altinn.Sdk;
using Altinn.Sdk.Events;
using Altinn.Sdk.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the archive worker and its health check.</summary>
public static class ArchiveWorkerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the archive worker: a hosted service that archives and confirms the apps' completed instances in passes
    /// (see <see cref="ArchiveWorkerOptions"/>), with <c>AddAltinnWorkflows()</c> (added here when missing). Call
    /// <c>AddAltinn(...)</c> too. The options are checked when the host starts. Calling this more than once adds one
    /// worker; every <paramref name="configure"/> is applied.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the <see cref="ArchiveWorkerOptions"/>: at least the apps, and the folder or the sink.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    /// <remarks>
    /// <para>Each pass archives every app once through <see cref="WorkflowClient.ArchiveAsync(AppId, ArchiveSink, ArchiveOptions?, CancellationToken)"/>
    /// (a Storage query: at start, after a fault, after a gap longer than <see cref="ArchiveWorkerOptions.EventsRetention"/> and every
    /// <see cref="ArchiveWorkerOptions.FullScanEvery"/> passes) or, otherwise,
    /// <see cref="WorkflowClient.ArchiveFromEventsAsync(AppId, ArchiveSink, EventCheckpointStore, ArchiveOptions?, CancellationToken)"/>
    /// from the checkpoint, so restarts lose and repeat nothing. An app whose archive another replica holds is skipped
    /// in that pass (not a fault). After a pass with faults the next one waits exponentially longer, with jitter, up to
    /// <see cref="ArchiveWorkerOptions.MaxBackoff"/>; a good pass returns to the interval. Shutdown cancels the
    /// running pass, which confirms nothing that is not stored and verified.</para>
    /// </remarks>
    public static IServiceCollection AddAltinnArchiveWorker(this IServiceCollection services, Action<ArchiveWorkerOptions> configure)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        if (configure is null) throw new ArgumentNullException(nameof(configure));
        AddWorker(services).Configure(configure);
        return services;
    }

    /// <summary>
    /// Adds the archive worker configured from <paramref name="configuration"/>: the configuration root (its
    /// <see cref="ArchiveWorkerOptions.SectionName"/> section, <c>ArchiveWorker</c>, is read) or a section; then
    /// <paramref name="configure"/>, when given (for a <see cref="ArchiveWorkerOptions.Sink"/>, say). A key the worker
    /// does not know, or a value it cannot read, fails the start with its name. See
    /// <see cref="AddAltinnArchiveWorker(IServiceCollection, Action{ArchiveWorkerOptions})"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration root, or the section holding the worker's settings.</param>
    /// <param name="configure">Further settings in code, or <see langword="null"/>.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is null.</exception>
    public static IServiceCollection AddAltinnArchiveWorker(this IServiceCollection services, IConfiguration configuration, Action<ArchiveWorkerOptions>? configure = null)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        if (configuration is null) throw new ArgumentNullException(nameof(configuration));
        OptionsBuilder<ArchiveWorkerOptions> options = AddWorker(services).Configure(o => ArchiveWorkerSettings.Apply(configuration, o));
        if (configure is not null) options.Configure(configure);
        return services;
    }

    /// <summary>
    /// Adds the archive worker's health check (registered by <c>AddAltinnArchiveWorker</c>): healthy after a good pass
    /// within <see cref="ArchiveWorkerOptions.HealthyWithinIntervals"/> intervals, or while a long pass keeps archiving;
    /// degraded when the last pass left failed instances or before the first pass ends; otherwise
    /// <paramref name="failureStatus"/>. Its data: <c>lastSuccessfulPass</c>, <c>lastPass</c>, <c>lastError</c> (a
    /// message, never a token), <c>backlog</c> (completed instances the last pass left unconfirmed) and <c>passes</c>.
    /// </summary>
    /// <param name="builder">The health checks builder, from <c>services.AddHealthChecks()</c>.</param>
    /// <param name="name">The check's name. Default <c>altinn-archive-worker</c>.</param>
    /// <param name="failureStatus">The status when the worker has had no good pass for too long, or <see langword="null"/> for <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by (a readiness or liveness endpoint), or <see langword="null"/>.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="name"/> is null.</exception>
    public static IHealthChecksBuilder AddAltinnArchiveWorker(this IHealthChecksBuilder builder, string name = "altinn-archive-worker", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        if (builder is null) throw new ArgumentNullException(nameof(builder));
        if (name is null) throw new ArgumentNullException(nameof(name));
        builder.Services.TryAddSingleton<ArchiveWorkerStatus>();
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new ArchiveWorkerHealthCheck(sp.GetRequiredService<ArchiveWorkerStatus>(), sp.GetRequiredService<IOptions<ArchiveWorkerOptions>>(), sp.GetService<TimeProvider>()),
            failureStatus,
            tags));
    }

    private static OptionsBuilder<ArchiveWorkerOptions> AddWorker(IServiceCollection services)
    {
        services.AddAltinnWorkflows();
        bool EventsRegistered() => services.Any(d => d.ServiceType == typeof(EventsClient));
        services.TryAddSingleton<ArchiveWorkerStatus>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ArchiveWorkerOptions>>(new ArchiveWorkerSettings.Validator(EventsRegistered)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ArchiveWorker>(sp => new ArchiveWorker(
            () => sp.GetRequiredService<WorkflowClient>(),
            sp.GetRequiredService<IOptions<ArchiveWorkerOptions>>(),
            sp.GetRequiredService<ArchiveWorkerStatus>(),
            EventsRegistered(),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<ArchiveWorker>>())));
        return services.AddOptions<ArchiveWorkerOptions>().ValidateOnStart();
    }
}
