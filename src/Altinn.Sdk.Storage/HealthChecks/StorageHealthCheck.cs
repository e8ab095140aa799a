using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Altinn.Sdk.Storage;

/// <summary>Whether Storage answers an authenticated call: the first page, of one instance, of the org's instances.</summary>
internal sealed class StorageHealthCheck(StorageClient storage, string org) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (Page<Instance> page in storage.Instances.QueryAsync(InstanceQuery.ForOrg(org), cancellationToken).AsPages(pageSizeHint: 1).ConfigureAwait(false))
            {
                _ = page;
                break;
            }

            return HealthCheckResult.Healthy("Storage answered a query of " + org + "'s instances.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure of the call is the check's answer.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // The SDK's exception messages name the request and status, never a token.
            return HealthCheckResult.Unhealthy("Storage did not answer a query of " + org + "'s instances: " + exception.Message, exception);
        }
    }
}
