using Altinn.Sdk.Apps;
using Altinn.Sdk.Events;
using Altinn.Sdk.Workflows;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="WorkflowClient"/>.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="WorkflowClient"/> on the <see cref="StorageClient"/> of <c>AddAltinnStorage()</c> and the
    /// <see cref="AppsClient"/> of <c>AddAltinnApps()</c> and the <see cref="EventsClient"/> of <c>AddAltinnEvents()</c>
    /// (added here when missing), with the registered <see cref="TimeProvider"/> when there is one. Call <c>AddAltinn(...)</c> too.
    /// Calling this more than once registers the client once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddAltinnWorkflows(this IServiceCollection services)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        if (services.Any(d => d.ServiceType == typeof(WorkflowClient))) return services;
        services.AddAltinnStorage();
        services.AddAltinnApps();
        services.AddAltinnEvents();
        services.AddTransient(sp => new WorkflowClient(
            sp.GetRequiredService<StorageClient>(),
            sp.GetRequiredService<AppsClient>(),
            sp.GetRequiredService<EventsClient>(),
            sp.GetService<ILogger<WorkflowClient>>(),
            sp.GetService<TimeProvider>()));
        return services;
    }
}
