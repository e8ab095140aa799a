using Altinn.Sdk.Authentication;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Altinn.Sdk.Storage;

/// <summary>Whether a token can be acquired for the configured credential and token context (the cache answers while its token is valid).</summary>
internal sealed class AltinnTokenHealthCheck(AltinnCredential credential, AltinnTokenContext tokenContext) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            AltinnAccessToken token = await credential.GetTokenAsync(new AltinnTokenRequest(tokenContext), cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("A token for " + tokenContext.Environment.Name + " was acquired; it expires at " + token.ExpiresOn.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + ".");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure to get a token is the check's answer.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // The SDK's exception messages name hosts, statuses and causes, never a token or key.
            return HealthCheckResult.Unhealthy("No token could be acquired for " + tokenContext.Environment.Name + ": " + exception.Message, exception);
        }
    }
}
