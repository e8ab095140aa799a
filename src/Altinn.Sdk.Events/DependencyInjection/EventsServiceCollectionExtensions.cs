using Altinn.Sdk.Events;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="EventsClient"/>.</summary>
public static class EventsServiceCollectionExtensions
{
    /// <summary>The name of the HTTP client the Events client uses (to add your own handlers with <c>services.AddHttpClient(name)</c>).</summary>
    public const string HttpClientName = "Altinn.Sdk.Events";

    /// <summary>
    /// Registers <see cref="EventsClient"/> as a typed HTTP client with the Altinn pipeline (token handling and
    /// retries of idempotent requests). Call <c>AddAltinn(...)</c> too, which provides the environment and the
    /// credential. Calling this more than once registers the client once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddAltinnEvents(this IServiceCollection services) => services.AddAltinnTypedClient<EventsClient>(HttpClientName, (http, environment, logger) => new EventsClient(http, environment, logger));
}
