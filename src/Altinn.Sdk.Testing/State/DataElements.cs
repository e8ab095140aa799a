namespace Altinn.Sdk.Testing.State;

/// <summary>New data elements as Storage records them, for every path that creates one (App API, Storage API, demo seed).</summary>
internal static class DataElements
{
    /// <summary>
    /// A new element: its ids, type, file name, content type, blob path (<c>{org}/{app}/{instance}/data/{data}</c>),
    /// size, hash, empty tags, and created/changed now by <paramref name="actor"/>. Callers add what their path sets.
    /// </summary>
    public static DataElement New(
        AppId appId, Guid instanceGuid, Guid dataGuid, string? dataType, string? contentType, string? filename, long size, string hash, DateTimeOffset now, string? actor) => new()
    {
        Id = dataGuid,
        InstanceGuid = instanceGuid,
        DataType = dataType,
        Filename = filename,
        ContentType = contentType,
        BlobStoragePath = $"{appId.Org}/{appId.App}/{instanceGuid}/data/{dataGuid}",
        Size = size,
        ContentHash = hash,
        Tags = [],
        Created = now,
        CreatedBy = actor,
        LastChanged = now,
        LastChangedBy = actor,
    };
}
