// Shared source, compiled into Storage, Apps and Events (see AltinnTransport.cs for why linked source): the one way a
// package registers its client in DI, and the one way its static Create builds a client without a host.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Altinn.Sdk.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Altinn.Sdk.Internal;

/// <summary>Registers a package's client on a named HTTP client with the Altinn pipeline, and builds host-less clients.</summary>
internal static class AltinnClientRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TClient"/> as a typed HTTP client on the named client <paramref name="name"/>
    /// with the Altinn pipeline, created with the registered environment and logger; does nothing when it is
    /// registered already.
    /// </summary>
    public static IServiceCollection AddAltinnTypedClient<TClient>(
        this IServiceCollection services, string name, Func<HttpClient, AltinnEnvironment, ILogger<TClient>?, TClient> create)
        where TClient : class
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        if (IsRegistered<TClient>(services)) return services;
        AddAltinnHttpClient(services, name).AddTypedClient((http, sp) => create(http, sp.GetRequiredService<AltinnEnvironment>(), sp.GetService<ILogger<TClient>>()));
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="TClient"/> as a singleton, created with the registered environment and logger,
    /// that asks the factory for the named client <paramref name="name"/> (with the Altinn pipeline) per request, so
    /// the factory still rotates the handlers; does nothing when it is registered already.
    /// </summary>
    public static IServiceCollection AddAltinnSingletonClient<TClient>(
        this IServiceCollection services, string name, Func<Func<HttpClient>, AltinnEnvironment, ILogger<TClient>?, TClient> create)
        where TClient : class
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        if (IsRegistered<TClient>(services)) return services;
        AddAltinnHttpClient(services, name);
        services.AddSingleton(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return create(() => factory.CreateClient(name), sp.GetRequiredService<AltinnEnvironment>(), sp.GetService<ILogger<TClient>>());
        });
        return services;
    }

    /// <summary>
    /// Builds a client without a host: a small private service collection with <c>AddAltinn</c> (the environment,
    /// the credential, <paramref name="defaultScopes"/> when <paramref name="configure"/> sets none) and the
    /// package's registration, so the token handling and retries are those of dependency injection.
    /// </summary>
    public static TClient CreateHostless<TClient>(
        AltinnEnvironment environment,
        AltinnCredential credential,
        Action<AltinnOptions>? configure,
        ILoggerFactory? loggerFactory,
        IReadOnlyList<string> defaultScopes,
        Action<IServiceCollection> register)
        where TClient : class
    {
        if (environment is null) throw new ArgumentNullException(nameof(environment));
        if (credential is null) throw new ArgumentNullException(nameof(credential));

        var services = new ServiceCollection();
        // Before AddAltinn, whose AddHttpClient only adds logging (none) when no factory is registered.
        if (loggerFactory is not null) services.AddSingleton(loggerFactory);
        services.AddSingleton(environment);
        services.AddSingleton(credential);
        services.AddAltinn(options =>
        {
            configure?.Invoke(options);
            if (options.Scopes.Count == 0)
            {
                foreach (string scope in defaultScopes)
                {
                    options.Scopes.Add(scope);
                }
            }
        });
        register(services);

        // The provider lives as long as the client's HttpClient needs its handlers; it holds nothing that outlives
        // the process, so it is not disposed.
        ServiceProvider provider = services.BuildServiceProvider();
        return provider.GetRequiredService<TClient>();
    }

    private static bool IsRegistered<TClient>(IServiceCollection services) => services.Any(d => d.ServiceType == typeof(TClient));

    private static IHttpClientBuilder AddAltinnHttpClient(IServiceCollection services, string name)
    {
        IHttpClientBuilder builder = services.AddHttpClient(name);
        builder.AddAltinnPipeline();
        // The bound on an answer read into memory whole (AltinnOptions.MaxResponseBytes); streamed downloads are not bounded.
        builder.ConfigureHttpClient((sp, http) => http.MaxResponseContentBufferSize = sp.GetRequiredService<IOptions<AltinnOptions>>().Value.MaxResponseBytes);
        return builder;
    }
}
