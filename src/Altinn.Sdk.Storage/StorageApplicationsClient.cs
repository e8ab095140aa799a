namespace Altinn.Sdk.Storage;

/// <summary>
/// Application metadata as Storage keeps it (<c>applications/...</c>; anonymous in Altinn, so it also works after an
/// app has been undeployed). Get it from <see cref="StorageClient.Applications"/>. Thread-safe.
/// </summary>
public class StorageApplicationsClient
{
    private readonly StoragePipeline _pipeline;

    /// <summary>For mocking.</summary>
    protected StorageApplicationsClient()
    {
        _pipeline = null!;
    }

    internal StorageApplicationsClient(StoragePipeline pipeline)
    {
        _pipeline = pipeline;
    }

    /// <summary>Gets an app's metadata; see <see cref="GetAsync(AppId, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="appId">The app.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The app's metadata.</returns>
    public virtual Task<ApplicationMetadata> GetAsync(AppId appId, CancellationToken cancellationToken = default) =>
        GetAsync(appId, null, cancellationToken);

    /// <summary>Gets an app's metadata (<c>GET applications/{org}/{app}</c>): data types, process, deletion rules.</summary>
    /// <param name="appId">The app.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The app's metadata.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="appId"/> is null.</exception>
    /// <exception cref="AltinnRequestFailedException">404 when Storage has no such app.</exception>
    public virtual Task<ApplicationMetadata> GetAsync(AppId appId, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (appId is null) throw new ArgumentNullException(nameof(appId));
        return _pipeline.CallAsync(
            "Storage.Applications.Get",
            options,
            retrySafe: false,
            status => status == 404 ? $"Storage has no app '{appId}': check the org and app name (the app must have been deployed to this environment at least once)." : null,
            (t, ct) => t.GetApplicationAsync(appId.Org, appId.App, ct),
            cancellationToken);
    }

    /// <summary>Lists an org's apps; see <see cref="ListAsync(string, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="org">The org code.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The apps' metadata.</returns>
    public virtual Task<IReadOnlyList<ApplicationMetadata>> ListAsync(string org, CancellationToken cancellationToken = default) =>
        ListAsync(org, null, cancellationToken);

    /// <summary>Lists the apps of an app owner (<c>GET applications/{org}</c>).</summary>
    /// <param name="org">The org code, for example <c>ttd</c>.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The apps' metadata.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="org"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="org"/> is not a valid org code.</exception>
    /// <exception cref="AltinnRequestFailedException">Storage refused.</exception>
    public virtual async Task<IReadOnlyList<ApplicationMetadata>> ListAsync(string org, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (org is null) throw new ArgumentNullException(nameof(org));
        AppId.ValidateOrg(org);
        ApplicationList list = await _pipeline.CallAsync(
            "Storage.Applications.List",
            options, retrySafe: false, _ => null, (t, ct) => t.GetApplicationsAsync(org, ct), cancellationToken).ConfigureAwait(false);
        return list.Applications ?? Array.Empty<ApplicationMetadata>();
    }
}
