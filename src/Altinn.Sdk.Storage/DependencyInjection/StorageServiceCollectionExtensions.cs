using Altinn.Sdk.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="StorageClient"/>.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>The name of the HTTP client the Storage client uses (to add your own handlers with <c>services.AddHttpClient(name)</c>).</summary>
    public const string HttpClientName = "Altinn.Sdk.Storage";

    /// <summary>
    /// Registers <see cref="StorageClient"/> as a typed HTTP client with the Altinn pipeline (token handling and
    /// retries of idempotent requests). Call <c>AddAltinn(...)</c> too, which provides the environment and the
    /// credential. Calling this more than once registers the client once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddAltinnStorage(this IServiceCollection services) => services.AddAltinnTypedClient<StorageClient>(HttpClientName, (http, environment, logger) => new StorageClient(http, environment, logger));
}
