using System;
using System.Linq;
using System.Net.Http;
using Altinn.Sdk;
using Altinn.Sdk.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
    public static IServiceCollection AddAltinnStorage(this IServiceCollection services)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        if (services.Any(d => d.ServiceType == typeof(StorageClient))) return services;

        IHttpClientBuilder builder = services.AddHttpClient(HttpClientName);
        builder.AddTypedClient<StorageClient>((HttpClient http, IServiceProvider sp) => new StorageClient(
            http,
            sp.GetRequiredService<AltinnEnvironment>(),
            sp.GetService<ILogger<StorageClient>>()));
        builder.AddAltinnPipeline();
        // The bound on an answer read into memory whole (AltinnOptions.MaxResponseBytes); streamed downloads are not bounded.
        builder.ConfigureHttpClient((sp, http) => http.MaxResponseContentBufferSize = sp.GetRequiredService<IOptions<AltinnOptions>>().Value.MaxResponseBytes);
        return services;
    }
}
