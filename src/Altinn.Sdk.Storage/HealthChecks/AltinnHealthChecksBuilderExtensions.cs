using Altinn.Sdk;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SDK's health checks.</summary>
public static class AltinnHealthChecksBuilderExtensions
{
    /// <summary>The name of the check that a token can be acquired for the configured credential.</summary>
    public const string TokenCheckName = "altinn-token";

    /// <summary>The name of the check that Storage answers an authenticated call.</summary>
    public const string StorageCheckName = "altinn-storage";

    /// <summary>
    /// Adds two checks, for the client registered with <c>AddAltinn(...)</c>: <see cref="TokenCheckName"/>, a token can
    /// be acquired for the configured credential (Maskinporten reachable and the key accepted, the exchange done; a
    /// cached token that is still valid counts), and <see cref="StorageCheckName"/>, Storage answers one page of one
    /// instance of <paramref name="org"/> with that token (so the token is accepted and has the read scope). Their
    /// descriptions name the failure, never a token or key. Registers the Storage client if it is not yet.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="org">The app owner whose instances the Storage check lists (one instance), for example <c>ttd</c>.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="org"/> is empty.</exception>
    public static IHealthChecksBuilder AddAltinn(this IHealthChecksBuilder builder, string org)
    {
        if (builder is null) throw new ArgumentNullException(nameof(builder));
        if (string.IsNullOrWhiteSpace(org)) throw new ArgumentException("The org is empty.", nameof(org));
        builder.Services.AddAltinnStorage();
        builder.Add(new HealthCheckRegistration(
            TokenCheckName,
            sp => new AltinnTokenHealthCheck(sp.GetRequiredService<AltinnCredential>(), sp.GetRequiredService<AltinnTokenContext>()),
            failureStatus: null,
            tags: null));
        builder.Add(new HealthCheckRegistration(
            StorageCheckName,
            sp => new StorageHealthCheck(sp.GetRequiredService<StorageClient>(), org),
            failureStatus: null,
            tags: null));
        return builder;
    }
}
