using Altinn.Sdk.Apps;
using Altinn.Sdk.Workflows;

namespace Altinn.Sdk.Cli.Commands;

/// <summary>Deletes an instance through the app's own API (<c>DELETE {app}/instances/{partyId}/{guid}?hard=</c>), as Altinn documents for drafts and before an undeploy.</summary>
internal sealed class AppInstanceDeleterOverApps(AppsClient apps, AppId appId, bool hard, AltinnRequestOptions? options) : AppInstanceDeleter
{
    private readonly AppClient _app = apps.GetAppClient(appId);

    public override string Description { get; } = $"the App API of {appId} ({(hard ? "hard" : "soft")} delete)";

    // A 403 from the app carries the policy.xml rule the app needs (the Apps client adds it to the message).
    public override Task DeleteAsync(InstanceId instanceId, CancellationToken cancellationToken) =>
        _app.Instances.DeleteAsync(instanceId, hard, options, cancellationToken);
}
