namespace Altinn.Sdk.Testing.Storage;

/// <summary>Storage's single-instance endpoints: read, create, delete, complete, statuses, texts, values, events, history.</summary>
internal static class InstanceEndpoints
{
    /// <summary>G1/G2: <c>GET instances/{p}/{g}</c> and <c>GET instances/{g}</c>.</summary>
    public static Task GetAsync(HttpContext context, EmulatorContext emulator)
    {
        var target = StorageAccess.Load(context, emulator, InstanceAction.Read, missingIsNotFound: true);
        return context.StorageJson(StoragePresentation.Present(emulator, target.Instance, target.IsAppOwner));
    }

    /// <summary>C1: <c>POST instances?appId=</c>, a bare instance from a template (no process started, no data).</summary>
    public static async Task CreateAsync(HttpContext context, EmulatorContext emulator)
    {
        var caller = StorageRequest.CallerOf(context);
        string? appIdText = context.Request.Query["appId"].LastOrDefault();
        if (string.IsNullOrEmpty(appIdText) || !appIdText.Contains('/', StringComparison.Ordinal))
        {
            throw new StorageAnswerException(StatusCodes.Status400BadRequest, "Missing or invalid parameter value: appId must be set to {org}/{app}.");
        }

        var template = await context.ReadJsonAsync<Instance>() ?? throw new StorageAnswerException(StatusCodes.Status400BadRequest, "The body must be an instance template.");
        var app = emulator.State.FindApp(appIdText) ?? throw new StorageAnswerException(StatusCodes.Status404NotFound, $"Did not find application with appId={appIdText}");
        if (!int.TryParse(template.InstanceOwner?.PartyId, NumberStyles.None, CultureInfo.InvariantCulture, out int partyId) || partyId <= 0)
        {
            throw new StorageAnswerException(StatusCodes.Status400BadRequest, "Cannot create an instance without an instanceOwner.partyId.");
        }

        var now = emulator.Clock.GetUtcNow();
        var instance = new Instance
        {
            Id = new InstanceId(partyId, Guid.NewGuid()),
            InstanceOwner = template.InstanceOwner,
            AppId = app.AppId,
            Org = app.AppId.Org,
            DueBefore = template.DueBefore?.ToUniversalTime(),
            VisibleAfter = (template.VisibleAfter ?? now).ToUniversalTime(),
            Process = template.Process,
            Status = template.Status ?? new InstanceStatus(),
            CompleteConfirmations = template.CompleteConfirmations,
            Data = [],
            PresentationTexts = template.PresentationTexts,
            DataValues = template.DataValues,
            Created = now,
            CreatedBy = caller.ActorId,
            LastChanged = now,
            LastChangedBy = caller.ActorId,
        };

        // Storage asks the PDP for "instantiate" on the owner party; the emulated one lets the app owner with the write
        // scope, and users and system users who may represent the party.
        if (!StorageAccess.IsPermitted(emulator, caller, instance, InstanceAction.Write)) throw new StorageAnswerException(StatusCodes.Status403Forbidden);

        emulator.State.Insert(instance);
        StorageEvents.RecordEvent(emulator, caller, instance, "Created");
        var written = StoragePresentation.Present(emulator, instance, StorageAccess.IsAppOwner(caller, instance));
        context.Response.Headers.Location = written.SelfLinks!.Platform;
        await context.StorageJson(written, StatusCodes.Status201Created);
    }

    /// <summary>X1: <c>DELETE instances/{p}/{g}?hard=</c>.</summary>
    public static Task DeleteAsync(HttpContext context, EmulatorContext emulator)
    {
        var target = StorageAccess.Load(context, emulator, InstanceAction.Delete, missingIsNotFound: true);
        bool hard = StorageRequest.QueryBool(context, "hard") ?? false;
        var app = emulator.State.FindApp(target.Instance.AppId!.ToString());
        var updated = Update(emulator, target, instance =>
        {
            var now = emulator.Clock.GetUtcNow();
            var status = instance.Status ?? new InstanceStatus();
            if (app?.Metadata.PreventInstanceDeletionForDays is { } days && status.IsArchived && status.Archived is { } archivedAt
                && archivedAt.AddDays(days) > now)
            {
                throw new StorageAnswerException(StatusCodes.Status403Forbidden);
            }

            status = hard
                ? status with { IsSoftDeleted = true, SoftDeleted = status.SoftDeleted ?? now, IsHardDeleted = true, HardDeleted = now }
                : status with { IsSoftDeleted = true, SoftDeleted = now };
            return instance with { Status = status, LastChanged = now, LastChangedBy = target.Caller.ActorId };
        });
        StorageEvents.RecordEvent(emulator, target.Caller, updated, "Deleted");
        return context.StorageJson(StoragePresentation.Present(emulator, updated, target.IsAppOwner));
    }

    /// <summary>CC: <c>POST instances/{p}/{g}/complete</c>; once per org, later calls return the instance unchanged.</summary>
    public static Task CompleteAsync(HttpContext context, EmulatorContext emulator)
    {
        var target = StorageAccess.Load(context, emulator, InstanceAction.Complete, missingIsNotFound: false);
        string stakeholder = target.Caller.Org!;
        bool added = false;
        var updated = Update(emulator, target, instance =>
        {
            if (instance.CompleteConfirmations?.Any(c => string.Equals(c.StakeholderId, stakeholder, StringComparison.Ordinal)) == true) return instance;
            added = true;
            var now = emulator.Clock.GetUtcNow();
            return instance with
            {
                CompleteConfirmations = [.. instance.CompleteConfirmations ?? [], new CompleteConfirmation { StakeholderId = stakeholder, ConfirmedOn = now }],
                LastChanged = now,
                LastChangedBy = target.Caller.ActorId,
            };
        });
        if (added) StorageEvents.RecordEvent(emulator, target.Caller, updated, "ConfirmedComplete");
        return context.StorageJson(StoragePresentation.Present(emulator, updated, target.IsAppOwner));
    }

    /// <summary>RS: <c>PUT instances/{p}/{g}/readstatus?status=</c>; does not touch lastChanged.</summary>
    public static Task ReadStatusAsync(HttpContext context, EmulatorContext emulator)
    {
        var target = StorageAccess.Load(context, emulator, InstanceAction.Read, missingIsNotFound: false);
        string? text = context.Request.Query["status"].LastOrDefault();
        ReadStatus status = text?.ToUpperInvariant() switch
        {
            "READ" => ReadStatus.Read,
            "UNREAD" => ReadStatus.Unread,
            "UPDATEDSINCELASTREVIEW" => ReadStatus.UpdatedSinceLastReview,
            _ => throw new StorageAnswerException(StatusCodes.Status400BadRequest, $"Invalid read status: {text}. Accepted types include: {string.Join(", ", Enum.GetNames<ReadStatus>())}"),
        };
        var updated = target.Instance.Status?.ReadStatus == status
            ? target.Instance
            : Update(emulator, target, instance => instance with { Status = (instance.Status ?? new InstanceStatus()) with { ReadStatus = status } });
        return context.StorageJson(StoragePresentation.Present(emulator, updated, target.IsAppOwner));
    }

    /// <summary>SS: <c>PUT instances/{p}/{g}/substatus</c>; only the instance's own org may set it.</summary>
    public static async Task SubstatusAsync(HttpContext context, EmulatorContext emulator)
    {
        var caller = StorageRequest.CallerOf(context);
        var substatus = await context.ReadJsonAsync<Substatus>();
        if (string.IsNullOrEmpty(substatus?.Label))
        {
            throw new StorageAnswerException(StatusCodes.Status400BadRequest, "Invalid sub status object: the label must be set.");
        }

        Guid instanceGuid = StorageRequest.RouteGuid(context, "instanceGuid");
        var instance = StorageAccess.Current(emulator, instanceGuid);
        if (instance is null)
        {
            // Storage reads the missing instance's org without a null check: its exception handler answers 500.
            await context.Problem(StatusCodes.Status500InternalServerError, "An error occurred while processing your request.");
            return;
        }

        // Storage checks only that the caller's org is the instance's org: no scope, no policy.
        if (!StorageAccess.IsAppOwner(caller, instance)) throw new StorageAnswerException(StatusCodes.Status403Forbidden);

        var target = new InstanceTarget(caller, instance, IsAppOwner: true);
        var updated = Update(emulator, target, current => current with
        {
            Status = (current.Status ?? new InstanceStatus()) with { Substatus = new Substatus { Label = substatus.Label, Description = substatus.Description } },
            LastChanged = emulator.Clock.GetUtcNow(),
            LastChangedBy = caller.OrgNumber ?? caller.ActorId,
        });
        StorageEvents.RecordEvent(emulator, caller, updated, "SubstatusUpdated");
        await context.StorageJson(StoragePresentation.Present(emulator, updated, isAppOwner: true));
    }

    /// <summary>
    /// PP: <c>PUT instances/{p}/{g}/process</c>, the app's write of a new process state. Needs a current task (403
    /// otherwise) and the write action; the first state with <c>ended</c> archives the instance. A signing task records
    /// <c>SentToSign</c>. Storage keeps no process events here: the app posts those itself.
    /// </summary>
    public static async Task ProcessAsync(HttpContext context, EmulatorContext emulator)
    {
        var target = StorageAccess.Load(context, emulator, InstanceAction.Write, missingIsNotFound: true);
        var state = await context.ReadJsonAsync<ProcessState>() ?? throw new StorageAnswerException(StatusCodes.Status400BadRequest, "The body must be a process state.");
        if (target.Instance.Process?.CurrentTask is null) throw new StorageAnswerException(StatusCodes.Status403Forbidden);
        var updated = Update(emulator, target, instance =>
        {
            var status = instance.Status ?? new InstanceStatus();
            if (instance.Process?.Ended is null && state.Ended is { } ended) status = status with { IsArchived = true, Archived = ended };
            return instance with { Process = state, Status = status, LastChanged = emulator.Clock.GetUtcNow(), LastChangedBy = target.Caller.ActorId };
        });
        if (state.CurrentTask?.AltinnTaskType == "signing") StorageEvents.RecordEvent(emulator, target.Caller, updated, "SentToSign");
        await context.StorageJson(StoragePresentation.Present(emulator, updated, target.IsAppOwner));
    }

    /// <summary>PT and DV: <c>PUT …/presentationtexts</c> (<c>{"texts":{}}</c>) and <c>PUT …/datavalues</c> (<c>{"values":{}}</c>).</summary>
    public static async Task MergeAsync(HttpContext context, EmulatorContext emulator, bool presentationTexts)
    {
        var target = StorageAccess.Load(context, emulator, InstanceAction.Write, missingIsNotFound: true);
        string property = presentationTexts ? "texts" : "values";
        Dictionary<string, string?> changes = [];
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (body.RootElement.ValueKind != JsonValueKind.Object
                || !TryGetPropertyIgnoreCase(body.RootElement, property, out var map) || map.ValueKind != JsonValueKind.Object)
            {
                throw new StorageAnswerException(StatusCodes.Status400BadRequest, $"Missing parameter value: {property} is missing.");
            }

            foreach (var entry in map.EnumerateObject())
            {
                changes[entry.Name] = entry.Value.ValueKind switch
                {
                    JsonValueKind.String => entry.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => entry.Value.GetRawText(),
                };
            }
        }
        catch (JsonException)
        {
            throw new StorageAnswerException(StatusCodes.Status400BadRequest, $"Missing parameter value: {property} is missing.");
        }

        var updated = Update(emulator, target, instance =>
        {
            var merged = new Dictionary<string, string>((presentationTexts ? instance.PresentationTexts : instance.DataValues) ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            foreach (var (key, value) in changes)
            {
                if (string.IsNullOrEmpty(value)) merged.Remove(key);
                else merged[key] = value;
            }

            return presentationTexts ? instance with { PresentationTexts = merged } : instance with { DataValues = merged };
        });
        await context.StorageJson(StoragePresentation.Present(emulator, updated, target.IsAppOwner));
    }

    /// <summary>E1: <c>GET instances/{p}/{g}/events?eventTypes=&amp;from=&amp;to=</c>.</summary>
    public static Task EventsAsync(HttpContext context, EmulatorContext emulator)
    {
        var target = StorageAccess.Load(context, emulator, InstanceAction.Read, missingIsNotFound: false);
        var query = context.Request.Query;
        var types = query["eventTypes"].Where(t => !string.IsNullOrEmpty(t)).ToHashSet(StringComparer.Ordinal);
        DateTimeOffset? from = ParseInstant(query["from"].LastOrDefault(), "from");
        DateTimeOffset? to = ParseInstant(query["to"].LastOrDefault(), "to");
        IEnumerable<InstanceEvent> events = emulator.State.InstanceEvents(target.Guid);
        if (types.Count > 0) events = events.Where(e => e.EventType is not null && types.Contains(e.EventType));
        if (from is { } start && to is { } end) events = events.Where(e => e.Created >= start && e.Created <= end);
        return context.StorageJson(new InstanceEventList { InstanceEvents = events.OrderBy(e => e.Created).ToArray() });
    }

    /// <summary>E2: <c>GET instances/{p}/{g}/events/{eventGuid}</c>.</summary>
    public static Task EventAsync(HttpContext context, EmulatorContext emulator)
    {
        var target = StorageAccess.Load(context, emulator, InstanceAction.Read, missingIsNotFound: false);
        Guid eventGuid = StorageRequest.RouteGuid(context, "eventGuid");
        var found = emulator.State.InstanceEvents(target.Guid).FirstOrDefault(e => e.Id == eventGuid)
            ?? throw new StorageAnswerException(StatusCodes.Status404NotFound, $"Unable to find any instance event with id: {eventGuid}.");
        return context.StorageJson(found);
    }

    /// <summary>E3: <c>POST instances/{p}/{g}/events</c>; needs <c>instanceId</c>, <c>created</c> defaults to now.</summary>
    public static async Task AddEventAsync(HttpContext context, EmulatorContext emulator)
    {
        var target = StorageAccess.Load(context, emulator, InstanceAction.Read, missingIsNotFound: false);
        var posted = await context.ReadJsonAsync<InstanceEvent>();
        if (posted is null || string.IsNullOrEmpty(posted.InstanceId))
        {
            throw new StorageAnswerException(StatusCodes.Status400BadRequest, "Missing parameter values: instanceId must be set.");
        }

        var stored = emulator.State.AddInstanceEvent(target.Guid, posted with { Id = Guid.NewGuid(), Created = posted.Created?.ToUniversalTime() ?? emulator.Clock.GetUtcNow() });
        context.Response.Headers.Location = new Uri(emulator.StorageBaseUrl, $"instances/{target.Instance.Id}/events/{stored.Id}").AbsoluteUri;
        await context.StorageJson(stored, StatusCodes.Status201Created);
    }

    /// <summary>PH: <c>GET instances/{p}/{g}/process/history</c>, built from the <c>process_*</c> events.</summary>
    public static Task ProcessHistoryAsync(HttpContext context, EmulatorContext emulator)
    {
        var target = StorageAccess.Load(context, emulator, InstanceAction.Read, missingIsNotFound: false);
        var items = new List<ProcessHistoryItem>();
        foreach (var e in emulator.State.InstanceEvents(target.Guid).Where(e => e.EventType?.StartsWith("process_", StringComparison.Ordinal) == true).OrderBy(e => e.Created))
        {
            string performedBy = e.User?.NationalIdentityNumber ?? e.User?.OrgId ?? e.User?.SystemUserOwnerOrgNo ?? string.Empty;
            switch (e.EventType)
            {
                case "process_StartEvent":
                    items.Add(new ProcessHistoryItem { EventType = e.EventType, ElementId = e.ProcessInfo?.StartEvent, Occurred = e.ProcessInfo?.Started ?? e.Created, PerformedBy = performedBy });
                    break;
                case "process_StartTask":
                    items.Add(new ProcessHistoryItem { EventType = e.EventType, ElementId = e.ProcessInfo?.CurrentTask?.ElementId, Started = e.ProcessInfo?.CurrentTask?.Started ?? e.Created, PerformedBy = performedBy });
                    break;
                case "process_EndTask" or "process_AbandonTask":
                    string? elementId = e.ProcessInfo?.CurrentTask?.ElementId;
                    int open = items.FindLastIndex(i => i.EventType == "process_StartTask" && i.Ended is null && (elementId is null || i.ElementId == elementId));
                    if (open >= 0) items[open] = items[open] with { Ended = e.ProcessInfo?.CurrentTask?.Ended ?? e.Created };
                    break;
                case "process_EndEvent":
                    items.Add(new ProcessHistoryItem { EventType = e.EventType, ElementId = e.ProcessInfo?.EndEvent, Occurred = e.ProcessInfo?.Ended ?? e.Created, PerformedBy = performedBy });
                    break;
            }
        }

        return context.StorageJson(new ProcessHistoryList { ProcessHistory = items });
    }

    /// <summary>Changes the target instance in the store; a purge in between answers 404.</summary>
    internal static Instance Update(EmulatorContext emulator, InstanceTarget target, Func<Instance, Instance> change) =>
        emulator.State.Update(target.Guid, change)
            ?? throw new StorageAnswerException(StatusCodes.Status404NotFound, $"Unable to find any instance with id: {target.Instance.Id}.");

    private static DateTimeOffset? ParseInstant(string? text, string key)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new StorageAnswerException(StatusCodes.Status400BadRequest, $"Unable to parse the {key} date: {text}.");
    }

    private static bool TryGetPropertyIgnoreCase(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
