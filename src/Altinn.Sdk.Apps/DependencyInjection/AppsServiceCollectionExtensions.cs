using Altinn.Sdk.Apps;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="AppsClient"/>.</summary>
public static class AppsServiceCollectionExtensions
{
    /// <summary>The name of the HTTP client the App API client uses (to add your own handlers with <c>services.AddHttpClient(name)</c>).</summary>
    public const string HttpClientName = "Altinn.Sdk.Apps";

    // A singleton rather than a typed (transient) client, because it caches each app's AppClient and metadata;
    // it asks the factory for an HttpClient per request, so the factory still rotates the handlers.
    /// <summary>
    /// Registers <see cref="AppsClient"/> as a singleton on a named HTTP client with the Altinn pipeline (token
    /// handling and retries of idempotent requests). Call <c>AddAltinn(...)</c> too, which provides the environment
    /// and the credential. Calling this more than once registers the client once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddAltinnApps(this IServiceCollection services) => services.AddAltinnSingletonClient<AppsClient>(HttpClientName, (http, environment, logger) => new AppsClient(http, environment, logger));
}
