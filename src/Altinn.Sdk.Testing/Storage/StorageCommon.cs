using System.Globalization;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing.Hosting;
using Altinn.Sdk.Testing.Security;
using Microsoft.AspNetCore.Http;

namespace Altinn.Sdk.Testing.Storage;

/// <summary>What a caller wants to do with an instance, as the emulated PDP sees it.</summary>
internal enum InstanceAction
{
    Read,
    Write,
    Delete,
    Complete,
}

/// <summary>An answer decided deep in a handler: the status and an optional plain-text body (none for 403).</summary>
internal sealed class StorageAnswerException(int status, string? message = null) : Exception(message)
{
    /// <summary>Status 0: the answer (401 from <see cref="EmulatorHttp.RequireCaller"/>) is already written.</summary>
    public static StorageAnswerException Answered => new(0);

    public int Status { get; } = status;

    public string? Text { get; } = message;
}

/// <summary>An instance a handler works on, with who is asking.</summary>
internal sealed record InstanceTarget(Caller Caller, Instance Instance, bool IsAppOwner)
{
    public Guid Guid => Instance.Id!.InstanceGuid;
}

/// <summary>Access rules, loading and writing shared by Storage's endpoints.</summary>
internal static class StorageCommon
{
    /// <summary>The sync-adapter scope that bypasses Storage's read/write/delete policies.</summary>
    public const string SyncAdapterScope = "altinn:storage/instances.syncadapter";

    /// <summary>Wraps a handler so that a <see cref="StorageAnswerException"/> becomes the response.</summary>
    public static RequestDelegate Handle(Func<HttpContext, Task> handler) => async context =>
    {
        try
        {
            await handler(context);
        }
        catch (StorageAnswerException answer) when (!context.Response.HasStarted)
        {
            if (answer.Status == 0) return;
            if (answer.Text is null) await context.Status(answer.Status);
            else await context.Text(answer.Status, answer.Text);
        }
    };

    /// <summary>The caller, or a 401 already answered.</summary>
    public static Caller CallerOf(HttpContext context) => context.RequireCaller() ?? throw StorageAnswerException.Answered;

    /// <summary>A route value that the route constraint made a guid.</summary>
    public static Guid RouteGuid(HttpContext context, string name) =>
        Guid.Parse((string)context.Request.RouteValues[name]!, CultureInfo.InvariantCulture);

    /// <summary>A route value that the route constraint made an int.</summary>
    public static int RouteInt(HttpContext context, string name) =>
        int.Parse((string)context.Request.RouteValues[name]!, CultureInfo.InvariantCulture);

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
        var caller = CallerOf(context);
        Guid instanceGuid = RouteGuid(context, "instanceGuid");
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
            ? new StorageAnswerException(StatusCodes.Status404NotFound, $"Unable to find any instance with id: {PathId(context, instanceGuid)}.")
            : new StorageAnswerException(StatusCodes.Status403Forbidden);

    /// <summary>The instance id as the route gave it.</summary>
    public static string PathId(HttpContext context, Guid instanceGuid) =>
        context.Request.RouteValues.TryGetValue("instanceOwnerPartyId", out var party) ? $"{party}/{instanceGuid}" : instanceGuid.ToString();

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

    /// <summary>Reads a boolean query value; absent is null, unreadable is a 400.</summary>
    public static bool? QueryBool(HttpContext context, string key)
    {
        string? text = context.Request.Query[key].LastOrDefault();
        if (string.IsNullOrEmpty(text)) return null;
        return bool.TryParse(text, out bool value) ? value : throw new StorageAnswerException(StatusCodes.Status400BadRequest, $"The value '{text}' is not valid for {key}.");
    }

    /// <summary>Reads an int query value; absent is null, unreadable is a 400.</summary>
    public static int? QueryInt(HttpContext context, string key)
    {
        string? text = context.Request.Query[key].LastOrDefault();
        if (string.IsNullOrEmpty(text)) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : throw new StorageAnswerException(StatusCodes.Status400BadRequest, $"The value '{text}' is not valid for {key}.");
    }
}
