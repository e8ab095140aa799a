namespace Altinn.Sdk.Testing.Storage;

/// <summary>Instances and data elements as Storage writes them out to a caller.</summary>
internal static class StoragePresentation
{
    /// <summary>Hides hard-deleted data elements from callers that are not the app owner.</summary>
    public static Instance ForCaller(Instance instance, bool isAppOwner) =>
        isAppOwner || instance.Data is null || !instance.Data.Any(d => d.DeleteStatus?.IsHardDeleted == true)
            ? instance
            : instance with { Data = instance.Data.Where(d => d.DeleteStatus?.IsHardDeleted != true).ToArray() };

    /// <summary>The instance as Storage writes it out: self links, and no hard-deleted elements for non-owners.</summary>
    public static Instance Present(EmulatorContext emulator, Instance instance, bool isAppOwner) =>
        emulator.WithLinks(ForCaller(instance, isAppOwner));

    /// <summary>A data element with its self links, as Storage writes it out.</summary>
    public static DataElement Present(EmulatorContext emulator, Instance instance, DataElement element) =>
        emulator.WithLinks(instance with { Data = [element] }).Data![0];
}
