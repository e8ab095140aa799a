using System.Threading;
using System.Threading.Tasks;

namespace Altinn.Sdk.Workflows;

/// <summary>
/// Deletes one instance through the app's own API, the way Altinn documents for drafts and for active instances
/// before an undeploy: <c>DELETE https://{org}.apps.{env}/{org}/{app}/instances/{partyId}/{instanceGuid}</c>.
/// <see cref="WorkflowClient.DeleteInstancesAsync(Storage.InstanceQuery, AppInstanceDeleter, WorkflowOptions?, CancellationToken)"/>
/// finds the instances in Storage and calls this for each, with dry run, bounded concurrency, progress and a result.
/// </summary>
/// <remarks>
/// <para>This is the seam for the App API: implement it over an App API client (or your own <c>HttpClient</c> call
/// with the app owner's token). The Storage <c>DELETE</c> is deliberately not used here: it bypasses the app, and the
/// app owner needs the app's <c>policy.xml</c> rule "org can delete an instance of org/app regardless of process
/// state" for either.</para>
/// <para>Throw <see cref="AltinnRequestFailedException"/> on failure; a 404 is read as "already deleted" (a re-run
/// skips it), anything else fails that instance only.</para>
/// </remarks>
public abstract class AppInstanceDeleter
{
    /// <summary>A short description for results and logs, for example <c>App API of ttd/apps-test (hard delete)</c>.</summary>
    public abstract string Description { get; }

    /// <summary>Deletes the instance through the app.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the app has deleted the instance.</returns>
    public abstract Task DeleteAsync(InstanceId instanceId, CancellationToken cancellationToken);
}
