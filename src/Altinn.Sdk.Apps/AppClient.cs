namespace Altinn.Sdk.Apps;

/// <summary>
/// The App API of one Altinn app (<c>https://{org}.apps.{host}/{org}/{app}/</c>): <see cref="Instances"/>,
/// <see cref="Data"/>, <see cref="Process"/> and <see cref="Metadata"/>. Get it from
/// <see cref="AppsClient.GetAppClient(AppId)"/>. Thread-safe.
/// </summary>
/// <remarks>
/// Every method has an overload with <see cref="AltinnRequestOptions"/>, so one client serves the app owner and
/// any number of parties (a system user or user token per call). The app's metadata is read once, when first
/// needed, and kept: uploads are checked against their data type before anything is sent.
/// </remarks>
public class AppClient
{
    internal AppClient(AppPipeline pipeline)
    {
        AppId = pipeline.AppId;
        BaseUrl = new Uri(pipeline.BaseUrl);
        Metadata = new AppMetadataClient(pipeline);
        Instances = new AppInstancesClient(pipeline);
        Data = new AppDataClient(pipeline);
        Process = new AppProcessClient(pipeline);
    }

    /// <summary>For mocking.</summary>
    protected AppClient()
    {
        AppId = null!;
        BaseUrl = null!;
        Metadata = null!;
        Instances = null!;
        Data = null!;
        Process = null!;
    }

    /// <summary>The app, <c>{org}/{app}</c>.</summary>
    public virtual AppId AppId { get; }

    /// <summary>The app's App API base URL, ending in <c>/{org}/{app}/</c>.</summary>
    public virtual Uri BaseUrl { get; }

    /// <summary>Instances: create, get, delete, active instances, substatus, complete confirmation.</summary>
    public virtual AppInstancesClient Instances { get; }

    /// <summary>Data elements: streamed upload, download, replace, delete, form data as text.</summary>
    public virtual AppDataClient Data { get; }

    /// <summary>The process: state, next, history.</summary>
    public virtual AppProcessClient Process { get; }

    /// <summary>Application metadata, data types and texts.</summary>
    public virtual AppMetadataClient Metadata { get; }
}
