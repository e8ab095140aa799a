using System.Security.Cryptography.X509Certificates;
using Altinn.Sdk;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Altinn SDK in a service collection.</summary>
public static class AltinnServiceCollectionExtensions
{
    internal const string AuthenticationClientName = "Altinn.Sdk.Authentication";
    internal const string MaskinportenClientName = "Altinn.Sdk.Maskinporten";

    /// <summary>
    /// Adds the SDK's core services configured from <paramref name="configuration"/>: the configuration root (its
    /// <c>Altinn</c> section is read) or a section such as <c>configuration.GetSection("Altinn")</c>. Registers the
    /// <see cref="AltinnEnvironment"/>, the credential, the default <see cref="AltinnTokenContext"/> and the
    /// <see cref="AuthenticationClient"/>. What the section leaves unset is taken from the <c>ALTINN__*</c> environment
    /// variables, then from a profile of <c>~/.altinn/config.json</c> (see <see cref="AltinnOptions"/>). Settings are
    /// validated when the host starts, naming the wrong one, including a key the SDK does not know (a misspelling).
    /// An <see cref="AltinnCredential"/> or <see cref="AltinnEnvironment"/> registered in the service collection, before
    /// or after this call, is used instead of the one the settings describe.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration root, or the section holding <see cref="AltinnOptions"/>.</param>
    public static IServiceCollection AddAltinn(this IServiceCollection services, IConfiguration configuration)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        if (configuration is null) throw new ArgumentNullException(nameof(configuration));
        AddAltinnCore(services).Configure(options => AltinnSettingsSource.FromConfiguration(configuration).Apply(options, credential: true, onlyUnset: false));
        return services;
    }

    /// <summary>Adds the SDK's core services configured in code; see <see cref="AddAltinn(IServiceCollection, IConfiguration)"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the <see cref="AltinnOptions"/>.</param>
    public static IServiceCollection AddAltinn(this IServiceCollection services, Action<AltinnOptions> configure)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        if (configure is null) throw new ArgumentNullException(nameof(configure));
        AddAltinnCore(services).Configure(configure);
        return services;
    }

    /// <summary>
    /// Gives an HTTP client the SDK's pipeline: retries of requests that are safe to repeat (GET, HEAD, OPTIONS,
    /// or marked with <see cref="AltinnHttpRequestExtensions.MarkRetrySafe"/>) on 408, 429, 5xx and network
    /// errors with exponential back-off, jitter and <c>Retry-After</c>, each attempt within
    /// <see cref="AltinnOptions.AttemptTimeout"/> and all of them within <see cref="AltinnOptions.TotalTimeout"/> (until
    /// the response headers arrive; <see cref="HttpClient.Timeout"/> is set to infinite, and a timeout ends in a
    /// <see cref="TaskCanceledException"/> whose inner exception is a <see cref="TimeoutException"/>), and each read of
    /// the response body within <see cref="AltinnOptions.ReadIdleTimeout"/> (an <see cref="IOException"/>); then the
    /// <see cref="AltinnAuthenticationHandler"/>; and a primary handler that leaves redirects to that handler, so no
    /// token follows a redirect off Altinn's hosts. Requires <c>AddAltinn</c>.
    /// </summary>
    /// <param name="builder">The HTTP client builder, for example from <c>services.AddHttpClient&lt;MyClient&gt;()</c>.</param>
    public static IHttpClientBuilder AddAltinnPipeline(this IHttpClientBuilder builder)
    {
        if (builder is null) throw new ArgumentNullException(nameof(builder));
        AddTransport(builder);
        builder.AddHttpMessageHandler(sp => new AltinnAuthenticationHandler(
            sp.GetRequiredService<AltinnCredential>(),
            sp.GetRequiredService<AltinnTokenContext>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<AltinnAuthenticationHandler>>()));
        return builder;
    }

    private static OptionsBuilder<AltinnOptions> AddAltinnCore(IServiceCollection services)
    {
        // Services registered in code win, before or after AddAltinn: your own credential, or an environment built in
        // code. The last registration is the one resolved, so ours counts only while it is the last.
        var credential = ServiceDescriptor.Singleton<AltinnCredential>(CreateCredential);
        var environment = ServiceDescriptor.Singleton<AltinnEnvironment>(sp => AltinnSettingsFactory.CreateEnvironment(Options(sp)));
        bool CredentialRegistered() => services.LastOrDefault(d => d.ServiceType == typeof(AltinnCredential)) is { } last && !ReferenceEquals(last, credential);
        bool EnvironmentRegistered() => services.LastOrDefault(d => d.ServiceType == typeof(AltinnEnvironment)) is { } last && !ReferenceEquals(last, environment);
        services.AddSingleton<IValidateOptions<AltinnOptions>>(new AltinnOptionsValidator(CredentialRegistered, EnvironmentRegistered));
        services.TryAddSingleton(AltinnSettingsChain.Default);
        services.AddSingleton<IPostConfigureOptions<AltinnOptions>>(sp =>
            new PostConfigureOptions<AltinnOptions>(Microsoft.Extensions.Options.Options.DefaultName, options => sp.GetRequiredService<AltinnSettingsChain>().Complete(options, CredentialRegistered())));
        var options = services.AddOptions<AltinnOptions>().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAdd(environment);
        services.TryAddSingleton(sp =>
        {
            var settings = Options(sp);
            return new AltinnTokenContext(
                sp.GetRequiredService<AltinnEnvironment>(),
                settings.Scopes,
                settings.Maskinporten.Resource,
                settings.Maskinporten.ConsumerOrganisation,
                AltinnSettingsFactory.SystemUser(settings));
        });

        AddTransport(services.AddHttpClient(AuthenticationClientName));
        services.AddHttpClient(MaskinportenClientName).ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler).RemoveAllLoggers();
        services.TryAddSingleton(sp => new AuthenticationClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(AuthenticationClientName),
            sp.GetRequiredService<AltinnEnvironment>()));
        services.TryAdd(credential);
        return options;
    }

    private static AltinnOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<AltinnOptions>>().Value;

    private static AltinnCredential CreateCredential(IServiceProvider sp) => AltinnSettingsFactory.CreateCredential(
        Options(sp),
        sp.GetRequiredService<IHttpClientFactory>().CreateClient(MaskinportenClientName),
        () => sp.GetRequiredService<AuthenticationClient>(),
        sp.GetRequiredService<TimeProvider>());

    private static void AddTransport(IHttpClientBuilder builder)
    {
        // HttpClientFactory's default logging redacts header values in the message but passes them raw in the log
        // state (Authorization, and the owner's national identity number in X-Ai-InstanceOwnerIdentifier), where
        // structured sinks record them. The SDK logs its own requests without secrets instead.
        builder.RemoveAllLoggers();
        builder.ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler);

        // The pipeline's timeouts count, not HttpClient's: its Timeout would cancel the retries with the attempt.
        builder.ConfigureHttpClient(static http => http.Timeout = System.Threading.Timeout.InfiniteTimeSpan);
        builder.AddHttpMessageHandler(static sp => new ResilienceMessageHandler(Options(sp), sp.GetRequiredService<TimeProvider>()));
    }

    private static HttpMessageHandler CreatePrimaryHandler()
    {
        // Redirects are followed by AltinnAuthenticationHandler, which decides per hop whether a token may go along.
#if NET
        return new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
#else
        return new HttpClientHandler { AllowAutoRedirect = false };
#endif
    }
}
