namespace Altinn.Sdk.Testing.Storage;

/// <summary>What a caller wants to do with an instance, as the emulated PDP sees it.</summary>
internal enum InstanceAction
{
    Read,
    Write,
    Delete,
    Complete,
}

/// <summary>An instance a handler works on, with who is asking.</summary>
internal sealed record InstanceTarget(Caller Caller, Instance Instance, bool IsAppOwner)
{
    public Guid Guid => Instance.Id!.InstanceGuid;
}

/// <summary>Who may do what with an instance (the emulated PDP), and loading the route's instance for a caller.</summary>
internal static class StorageAccess
{
    /// <summary>The sync-adapter scope that bypasses Storage's read/write/delete policies.</summary>
    public const string SyncAdapterScope = "altinn:storage/instances.syncadapter";

    /// <summary>Whether the caller is the instance's app owner (org claim equals <c>instance.org</c>).</summary>
    public static bool IsAppOwner(Caller caller, Instance instance) =>
        caller.IsOrg && string.Equals(caller.Org, instance.Org, StringComparison.Ordinal);

    /// <summary>Whether a user or system user may act for a party.</summary>
    public static bool MayRepresent(EmulatorContext emulator, Caller caller, int partyId)
    {
        if (caller.IsSystemUser)
        {
            return caller.SystemUserOrgNumber is { } number && emulator.State.FindParty(partyId)?.OrganisationNumber == number;
        }

        if (caller.IsUser)
        {
            var user = emulator.State.FindUser(caller.UserId!.Value);
            return user is null ? caller.PartyId == partyId : user.Represents.Contains(partyId);
        }

        return false;
    }

    /// <summary>
    /// The emulated PDP: the app owner org with the serviceowner scope for the action (read scope to read, write scope
    /// otherwise; delete also needs the app's policy to let the org delete); users and system users for the parties they
    /// may represent (never <see cref="InstanceAction.Complete"/>); the sync-adapter scope passes read, write and delete.
    /// </summary>
    public static bool IsPermitted(EmulatorContext emulator, Caller caller, Instance instance, InstanceAction action)
    {
        if (action != InstanceAction.Complete && caller.HasScope(SyncAdapterScope)) return true;
        if (caller.IsOrg)
        {
            if (!IsAppOwner(caller, instance)) return false;
            if (!caller.HasScope(action == InstanceAction.Read ? Caller.InstancesRead : Caller.InstancesWrite)) return false;
            return action != InstanceAction.Delete || (emulator.State.FindApp(instance.AppId!.ToString())?.OrgMayDelete ?? true);
        }

        return action != InstanceAction.Complete && MayRepresent(emulator, caller, instance.Id!.PartyId);
    }

    /// <summary>The current record of an instance, or null.</summary>
    public static Instance? Current(EmulatorContext emulator, Guid instanceGuid)
    {
        var stored = emulator.State.Find(instanceGuid);
        if (stored is null) return null;
        lock (emulator.State.Gate) return stored.Instance;
    }

    /// <summary>
    /// Loads the route's instance and checks the caller may do <paramref name="action"/>. A missing instance answers 404
    /// (plain text) where Storage reads it in the controller, else 403 as Storage's policy attribute does. A hard-deleted
    /// instance is missing to everyone but its app owner (and the sync adapter), as Altinn documents.
    /// </summary>
    public static InstanceTarget Load(HttpContext context, EmulatorContext emulator, InstanceAction action, bool missingIsNotFound)
    {
        var caller = StorageRequest.CallerOf(context);
        Guid instanceGuid = StorageRequest.RouteGuid(context, "instanceGuid");
        var instance = Current(emulator, instanceGuid) ?? throw Missing(context, instanceGuid, missingIsNotFound);
        if (!IsPermitted(emulator, caller, instance, action)) throw new StorageAnswerException(StatusCodes.Status403Forbidden);
        bool isAppOwner = IsAppOwner(caller, instance);
        if (instance.Status?.IsHardDeleted == true && !isAppOwner && !caller.HasScope(SyncAdapterScope))
        {
            throw Missing(context, instanceGuid, missingIsNotFound);
        }

        return new InstanceTarget(caller, instance, isAppOwner);
    }

    private static StorageAnswerException Missing(HttpContext context, Guid instanceGuid, bool missingIsNotFound) =>
        missingIsNotFound
            ? new StorageAnswerException(StatusCodes.Status404NotFound, $"Unable to find any instance with id: {StorageRequest.PathId(context, instanceGuid)}.")
            : new StorageAnswerException(StatusCodes.Status403Forbidden);
}
