namespace Altinn.Sdk.Testing.Storage;

/// <summary>The instance events Storage records.</summary>
internal static class StorageEvents
{
    /// <summary>The platform user Storage records in instance events.</summary>
    public static PlatformUser PlatformUserOf(Caller caller) => new()
    {
        UserId = caller.UserId,
        OrgId = caller.Org,
        AuthenticationLevel = caller.AuthenticationLevel,
        SystemUserId = caller.SystemUserId,
        SystemUserOwnerOrgNo = caller.SystemUserOrgNumber,
    };

    /// <summary>Records an instance event (Storage's <c>DispatchEvent</c>).</summary>
    public static void RecordEvent(EmulatorContext emulator, Caller caller, Instance instance, string eventType, Guid? dataId = null)
    {
        emulator.State.AddInstanceEvent(instance.Id!.InstanceGuid, new InstanceEvent
        {
            InstanceId = instance.Id.ToString(),
            DataId = dataId?.ToString(),
            Created = emulator.Clock.GetUtcNow(),
            EventType = eventType,
            InstanceOwnerPartyId = instance.InstanceOwner?.PartyId ?? instance.Id.PartyId.ToString(CultureInfo.InvariantCulture),
            User = PlatformUserOf(caller),
            ProcessInfo = instance.Process,
        });
    }
}
