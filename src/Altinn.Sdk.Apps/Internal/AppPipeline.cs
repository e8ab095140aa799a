using Altinn.Sdk.Apps.Transport;
using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Apps;

/// <summary>
/// What the sub-clients of one <see cref="AppClient"/> share: the connection (see
/// <see cref="AltinnConnection{TTransport}"/>) to the app's base URL, ending in <c>/{org}/{app}/</c>, and the cached
/// application metadata.
/// </summary>
internal sealed class AppPipeline : AltinnConnection<AppTransport>
{
    private ApplicationMetadata? _metadata;

    public AppPipeline(Func<HttpClient> httpClient, AltinnEnvironment environment, AppId appId, ILogger? logger)
        : base(httpClient, environment.GetAppBaseUrl(appId).AbsoluteUri, logger, (baseUrl, http) => new AppTransport(baseUrl, http), environment, appId)
    {
        AppId = appId;
    }

    public AppId AppId { get; }

    /// <summary>The metadata read last, or <see langword="null"/> before the first read.</summary>
    public ApplicationMetadata? CachedMetadata => Volatile.Read(ref _metadata);

    public void CacheMetadata(ApplicationMetadata metadata) => Volatile.Write(ref _metadata, metadata);

    /// <summary>
    /// The app's metadata for the checks before an upload: the cached copy, or read once (anonymous, cheap). When it
    /// cannot be read the checks are skipped and the app decides, so <see langword="null"/> is returned.
    /// Concurrent first uploads may each read it; that is harmless and needs no lock. The read runs with the
    /// upload's identity: the endpoint is anonymous, but the pipeline attaches a token for whoever is calling.
    /// </summary>
    public async Task<ApplicationMetadata?> MetadataForChecksAsync(AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        if (CachedMetadata is { } cached) return cached;
        try
        {
            ApplicationMetadata metadata = await CallAsync(
                "Apps.Metadata.Get",
                options, retrySafe: false, _ => null, (t, ct) => t.GetApplicationMetadataAsync(null, ct), cancellationToken).ConfigureAwait(false);
            CacheMetadata(metadata);
            return metadata;
        }
        catch (AltinnRequestFailedException e)
        {
            AppsLog.MetadataUnavailable(Logger, AppId, e.Status);
            return null;
        }
    }

    public static void CheckInstanceId(InstanceId instanceId)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
    }

    public static void CheckIds(InstanceId instanceId, Guid dataElementId)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        if (dataElementId == Guid.Empty) throw new ArgumentException("The data element id is empty.", nameof(dataElementId));
    }

    /// <summary>Hints for the statuses every instance call can get.</summary>
    public static string? InstanceHint(int status) => status switch
    {
        403 => "The caller may not do this with the instance: the app's policy decides per task (app owners need the altinn:serviceowner/instances scopes; users and system users must be allowed to act for the instance owner).",
        404 => "The instance does not exist for this caller: it may never have existed, or be hard-deleted (hidden from end users, for example after the process ended in an app with autoDeleteOnProcessEnd).",
        _ => null,
    };
}
