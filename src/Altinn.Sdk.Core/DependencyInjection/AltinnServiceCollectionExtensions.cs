using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Altinn.Sdk;
using Altinn.Sdk.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Altinn SDK in a service collection.</summary>
public static class AltinnServiceCollectionExtensions
{
    internal const string AuthenticationClientName = "Altinn.Sdk.Authentication";
    internal const string MaskinportenClientName = "Altinn.Sdk.Maskinporten";

    /// <summary>
    /// Adds the SDK's core services bound to a configuration section (usually <c>configuration.GetSection("Altinn")</c>):
    /// the <see cref="AltinnEnvironment"/>, the credential, the default <see cref="AltinnTokenContext"/> and the
    /// <see cref="AuthenticationClient"/>. Settings are validated when the host starts, naming the wrong one.
    /// An <see cref="AltinnCredential"/> or <see cref="AltinnEnvironment"/> registered before this call is used
    /// instead of the one the settings describe.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <see cref="AltinnOptions"/>.</param>
    public static IServiceCollection AddAltinn(this IServiceCollection services, IConfiguration configuration)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        if (configuration is null) throw new ArgumentNullException(nameof(configuration));
        AddAltinnCore(services).Bind(configuration);
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
    /// errors with exponential back-off, jitter and <c>Retry-After</c>; then the <see cref="AltinnAuthenticationHandler"/>;
    /// and a primary handler that leaves redirects to that handler, so no token follows a redirect off Altinn's hosts.
    /// Requires <c>AddAltinn</c>.
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
        // Services registered before AddAltinn win: your own credential, or an environment built in code.
        bool credentialRegistered = services.Any(d => d.ServiceType == typeof(AltinnCredential));
        bool environmentRegistered = services.Any(d => d.ServiceType == typeof(AltinnEnvironment));
        services.AddSingleton<IValidateOptions<AltinnOptions>>(new AltinnOptionsValidator(credentialRegistered, environmentRegistered));
        var options = services.AddOptions<AltinnOptions>().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => AltinnEnvironment.Parse(Options(sp).Environment!));
        services.TryAddSingleton(sp =>
        {
            var settings = Options(sp);
            return new AltinnTokenContext(
                sp.GetRequiredService<AltinnEnvironment>(),
                settings.Scopes,
                settings.Maskinporten.Resource,
                settings.Maskinporten.ConsumerOrganisation);
        });

        AddTransport(services.AddHttpClient(AuthenticationClientName));
        services.AddHttpClient(MaskinportenClientName).ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler).RemoveAllLoggers();
        services.TryAddSingleton(sp => new AuthenticationClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(AuthenticationClientName),
            sp.GetRequiredService<AltinnEnvironment>()));
        services.TryAddSingleton(CreateCredential);
        return options;
    }

    private static AltinnOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<AltinnOptions>>().Value;

    private static AltinnCredential CreateCredential(IServiceProvider sp)
    {
        var settings = Options(sp);
        var timeProvider = sp.GetRequiredService<TimeProvider>();
        if (!string.IsNullOrWhiteSpace(settings.Token))
        {
            return new StaticTokenCredential(settings.Token!);
        }

        var mp = settings.Maskinporten;
        MaskinportenSigningKey key;
        if (!string.IsNullOrWhiteSpace(mp.CertificatePath))
        {
#if NET9_0_OR_GREATER
            var certificate = Pkcs12Files.Load(mp.CertificatePath!, mp.CertificatePassword);
#else
            var certificate = new X509Certificate2(mp.CertificatePath!, mp.CertificatePassword);
#endif
            key = mp.SendCertificateChain
                ? MaskinportenSigningKey.FromCertificate(certificate)
                : MaskinportenSigningKey.FromCertificate(certificate, mp.KeyId!);
        }
        else
        {
            string jwk = !string.IsNullOrWhiteSpace(mp.Jwk) ? mp.Jwk! : File.ReadAllText(mp.JwkPath!);
            key = MaskinportenSigningKey.FromJwk(jwk, mp.KeyId);
        }

        var maskinporten = new MaskinportenCredential(
            mp.ClientId!,
            key,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(MaskinportenClientName),
            timeProvider);
        return settings.ExchangeToAltinnToken
            ? new AltinnTokenExchangeCredential(maskinporten, sp.GetRequiredService<AuthenticationClient>(), AltinnTokenProvider.Maskinporten, settings.UseTestOrganisation, timeProvider)
            : maskinporten;
    }

    private static void AddTransport(IHttpClientBuilder builder)
    {
        // HttpClientFactory's default logging redacts header values in the message but passes them raw in the log
        // state (Authorization, and the owner's national identity number in X-Ai-InstanceOwnerIdentifier), where
        // structured sinks record them. The SDK logs its own requests without secrets instead.
        builder.RemoveAllLoggers();
        builder.ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler);
        builder.AddResilienceHandler("altinn", static (pipeline, context) =>
        {
            var settings = context.ServiceProvider.GetRequiredService<IOptions<AltinnOptions>>().Value;
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            if (settings.MaxRetries == 0) return;
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldRetryAfterHeader = true,
                ShouldHandle = static args => new ValueTask<bool>(
                    RetryPolicy.IsRetrySafe(args.Context.GetRequestMessage())
                    && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
            });
        });
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
