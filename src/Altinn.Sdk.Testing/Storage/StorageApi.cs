namespace Altinn.Sdk.Testing.Storage;

/// <summary>The emulated Storage endpoints, under <c>{base}/storage/api/v1/</c>; docs/storage.md lists them.</summary>
internal static class StorageApi
{
    private const string Root = "storage/api/v1/";
    private const string Instance = Root + "instances/{instanceOwnerPartyId:int}/{instanceGuid:guid}";

    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder routes, EmulatorContext emulator)
    {
        void Get(string pattern, Func<HttpContext, EmulatorContext, Task> handler) => routes.MapGet(pattern, StorageRequest.Handle(c => handler(c, emulator)));
        void Post(string pattern, Func<HttpContext, EmulatorContext, Task> handler) => routes.MapPost(pattern, StorageRequest.Handle(c => handler(c, emulator)));
        void Put(string pattern, Func<HttpContext, EmulatorContext, Task> handler) => routes.MapPut(pattern, StorageRequest.Handle(c => handler(c, emulator)));
        void Delete(string pattern, Func<HttpContext, EmulatorContext, Task> handler) => routes.MapDelete(pattern, StorageRequest.Handle(c => handler(c, emulator)));

        Get(Root + "instances", InstanceSearch.HandleAsync);
        Post(Root + "instances", InstanceEndpoints.CreateAsync);
        Get(Root + "instances/{instanceGuid:guid}", InstanceEndpoints.GetAsync);
        Get(Instance, InstanceEndpoints.GetAsync);
        Delete(Instance, InstanceEndpoints.DeleteAsync);
        Post(Instance + "/complete", InstanceEndpoints.CompleteAsync);
        Put(Instance + "/readstatus", InstanceEndpoints.ReadStatusAsync);
        Put(Instance + "/substatus", InstanceEndpoints.SubstatusAsync);
        Put(Instance + "/presentationtexts", (c, e) => InstanceEndpoints.MergeAsync(c, e, presentationTexts: true));
        Put(Instance + "/datavalues", (c, e) => InstanceEndpoints.MergeAsync(c, e, presentationTexts: false));
        Get(Instance + "/events", InstanceEndpoints.EventsAsync);
        Post(Instance + "/events", InstanceEndpoints.AddEventAsync);
        Get(Instance + "/events/{eventGuid:guid}", InstanceEndpoints.EventAsync);
        Put(Instance + "/process", InstanceEndpoints.ProcessAsync);
        Get(Instance + "/process/history", InstanceEndpoints.ProcessHistoryAsync);

        Get(Instance + "/data/{dataGuid:guid}", DataEndpoints.DownloadAsync);
        Post(Instance + "/data", DataEndpoints.UploadAsync);
        Put(Instance + "/data/{dataGuid:guid}", DataEndpoints.OverwriteAsync);
        Delete(Instance + "/data/{dataGuid:guid}", DataEndpoints.DeleteAsync);
        Put(Instance + "/data/{dataGuid:guid}/lock", (c, e) => DataEndpoints.LockAsync(c, e, locked: true));
        Delete(Instance + "/data/{dataGuid:guid}/lock", (c, e) => DataEndpoints.LockAsync(c, e, locked: false));
        Get(Instance + "/dataelements", DataEndpoints.ListAsync);
        Put(Instance + "/dataelements/{dataGuid:guid}", DataEndpoints.UpdateMetadataAsync);

        Get(Root + "applications", ApplicationEndpoints.ListAsync);
        Get(Root + "applications/{org}", ApplicationEndpoints.ListForOrgAsync);
        Get(Root + "applications/{org}/{app}", ApplicationEndpoints.GetAsync);
        Get(Root + "applications/{org}/{app}/texts/{language}", ApplicationEndpoints.TextsAsync);
        Post(Root + "applications/{org}/{app}/texts", ApplicationEndpoints.CreateTextsAsync);
    }
}
