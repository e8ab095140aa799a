namespace Altinn.Sdk.Testing.Apps;

/// <summary>
/// The emulated process engine: a straight line of tasks (<see cref="EmulatedApp.Tasks"/>) from <c>StartEvent_1</c>
/// to <c>EndEvent_1</c>, with the instance events, CloudEvents and end-of-process deletions Altinn produces.
/// </summary>
internal static class AppProcess
{
    public const string StartEvent = "StartEvent_1";
    public const string EndEvent = "EndEvent_1";
    private const string CompleteCurrentMoveToNext = "CompleteCurrentMoveToNext";

    // ---- The engine ----

    /// <summary>The process state of a new instance: started, and in the first task (flow 2; the start event is flow 1).</summary>
    public static ProcessState Started(EmulatedApp app, DateTimeOffset now) => new()
    {
        Started = now,
        StartEvent = StartEvent,
        CurrentTask = TaskInfo(app.Tasks[0], 2, now),
    };

    /// <summary>The events of a process start: <c>process_StartEvent</c> and <c>process_StartTask</c>.</summary>
    public static void RecordStart(AppCall call, Instance instance)
    {
        var process = instance.Process!;
        call.AddEvent(instance, "process_StartEvent", processInfo: process with { CurrentTask = null });
        call.AddEvent(instance, "process_StartTask", processInfo: process);
    }

    /// <summary>
    /// Moves the instance from its current task to the next task or the end; validates the current task first
    /// (409 with validation issues), records instance events, publishes CloudEvents and, at the end, archives and
    /// applies <c>autoDeleteOnProcessEnd</c>. Returns the updated instance.
    /// </summary>
    public static Instance MoveNext(AppCall call, Guid instanceGuid, string? action)
    {
        if (string.Equals(action, "reject", StringComparison.Ordinal))
        {
            throw AppProblem.Details(StatusCodes.Status409Conflict, "Process next failed", "The emulated process has no reject flow.");
        }

        ProcessElementInfo? ended = null;
        EmulatorTask? next = null;
        var now = call.Now;
        var updated = call.Update(instanceGuid, current =>
        {
            var process = current.Process;
            if (process?.Started is null) throw AppProblem.Details(StatusCodes.Status409Conflict, "Process next failed", "Process is not started. Use start!");
            if (process.Ended is not null || process.CurrentTask is null) throw AppProblem.Details(StatusCodes.Status409Conflict, "Process next failed", "Process is ended.");
            if (current.Status is { IsSoftDeleted: true } or { IsHardDeleted: true }) throw AppProblem.Details(StatusCodes.Status409Conflict, "Process next failed", "Instance Not Active");

            var issues = Validate(call.App, current);
            if (issues.Count > 0) throw AppProblem.Details(StatusCodes.Status409Conflict, "Validation failed for task", $"{issues.Count} validation errors found for task {process.CurrentTask.ElementId}", issues);

            int index = IndexOf(call.App, process.CurrentTask.ElementId);
            ended = process.CurrentTask with { Ended = now };
            next = index + 1 < call.App.Tasks.Count ? call.App.Tasks[index + 1] : null;
            int flow = (process.CurrentTask.Flow ?? 1) + 1;

            // Altinn locks the data of a task when the task ends.
            var data = current.Data?.Select(d => TaskOf(call.App, d) == ended.ElementId ? d with { Locked = true } : d).ToArray();
            var moved = current with { Data = data, LastChanged = now, LastChangedBy = call.Caller.ActorId };
            if (next is not null)
            {
                return moved with { Process = process with { CurrentTask = TaskInfo(next, flow, now) } };
            }

            moved = moved with
            {
                Process = process with { CurrentTask = null, Ended = now, EndEvent = EndEvent },
                Status = (moved.Status ?? new InstanceStatus()) with { IsArchived = true, Archived = now },
            };
            return ApplyAutoDelete(call.App, moved, now);
        });

        var endedState = updated.Process! with { CurrentTask = ended, Ended = null, EndEvent = null };
        call.AddEvent(updated, "process_EndTask", processInfo: endedState);
        if (next is not null)
        {
            call.AddEvent(updated, "process_StartTask", processInfo: updated.Process);
            call.Publish(updated, "app.instance.process.movedTo." + next.Id);
            return updated;
        }

        call.AddEvent(updated, "process_EndEvent", processInfo: updated.Process);
        call.AddEvent(updated, "Submited", processInfo: updated.Process);
        if (updated.Status?.IsHardDeleted == true) call.AddEvent(updated, "Deleted");
        call.Publish(updated, "app.instance.process.completed");
        return updated;
    }

    /// <summary>
    /// The end of the process: elements of data types with <c>appLogic.autoDeleteOnProcessEnd</c> get a delete status
    /// (delayed delete), and an app with <c>autoDeleteOnProcessEnd</c> hard-deletes the instance.
    /// </summary>
    private static Instance ApplyAutoDelete(EmulatedApp app, Instance instance, DateTimeOffset now)
    {
        var data = instance.Data?.Select(d =>
            d.DeleteStatus?.IsHardDeleted != true && app.FindDataType(d.DataType ?? string.Empty)?.AppLogic?.AutoDeleteOnProcessEnd == true
                ? d with { DeleteStatus = new DeleteStatus { IsHardDeleted = true, HardDeleted = now } }
                : d).ToArray();
        instance = instance with { Data = data };
        if (!app.Metadata.AutoDeleteOnProcessEnd) return instance;
        var status = instance.Status ?? new InstanceStatus();
        return instance with
        {
            Status = status with { IsSoftDeleted = true, SoftDeleted = status.SoftDeleted ?? now, IsHardDeleted = true, HardDeleted = now },
        };
    }

    /// <summary>
    /// The emulated task validation: every data type of the current task needs at least <c>minCount</c> and at most
    /// <c>maxCount</c> (when above 0) elements.
    /// </summary>
    public static IReadOnlyList<ValidationIssue> Validate(EmulatedApp app, Instance instance)
    {
        string? task = instance.Process?.CurrentTask?.ElementId;
        var issues = new List<ValidationIssue>();
        foreach (var type in app.Metadata.DataTypes ?? [])
        {
            if (type.Id is null || !string.Equals(type.TaskId, task, StringComparison.Ordinal)) continue;
            int count = instance.Data?.Count(d => d.DataType == type.Id && d.DeleteStatus?.IsHardDeleted != true) ?? 0;
            if (type.MinCount is > 0 and var min && count < min)
            {
                issues.Add(new ValidationIssue(1, null, null, "TooFewDataElementsOfType", $"The data type '{type.Id}' needs at least {min} element(s); the instance has {count}.", "Required"));
            }
            else if (type.MaxCount is > 0 and var max && count > max)
            {
                issues.Add(new ValidationIssue(1, null, null, "TooManyDataElementsOfType", $"The data type '{type.Id}' allows at most {max} element(s); the instance has {count}.", "Required"));
            }
        }

        return issues;
    }

    /// <summary>The state of a task as the instance holds it.</summary>
    public static ProcessElementInfo TaskInfo(EmulatorTask task, int flow, DateTimeOffset now) => new()
    {
        Flow = flow,
        Started = now,
        ElementId = task.Id,
        Name = task.Id,
        AltinnTaskType = task.Type,
        FlowType = CompleteCurrentMoveToNext,
    };

    /// <summary>The task a data element belongs to (its data type's <c>taskId</c>), or null.</summary>
    private static string? TaskOf(EmulatedApp app, DataElement element) => app.FindDataType(element.DataType ?? string.Empty)?.TaskId;

    private static int IndexOf(EmulatedApp app, string? taskId)
    {
        for (int i = 0; i < app.Tasks.Count; i++)
        {
            if (string.Equals(app.Tasks[i].Id, taskId, StringComparison.Ordinal)) return i;
        }

        throw AppProblem.Details(StatusCodes.Status409Conflict, "Process next failed", $"The current task '{taskId}' is not in the app's process.");
    }

    // ---- Endpoints ----

    /// <summary>P1: <c>GET .../process</c>.</summary>
    public static Task GetAsync(AppCall call)
    {
        var instance = call.LoadInstance(write: false);
        return call.Json(AppProcessState(call, instance));
    }

    /// <summary>P2: <c>POST .../process/start</c>: instantiation always starts the process, so this is a 409.</summary>
    public static Task StartAsync(AppCall call)
    {
        _ = call.LoadInstance(write: true);
        throw AppProblem.Details(StatusCodes.Status409Conflict, "Process start failed", "Process is already started. Use next.");
    }

    /// <summary>P3: <c>PUT .../process/next</c> with an optional body <c>{"action": "..."}</c>.</summary>
    public static async Task NextAsync(AppCall call)
    {
        var instance = call.LoadInstance(write: true);
        string? action = await ReadActionAsync(call);
        var moved = MoveNext(call, instance.Id!.InstanceGuid, action);
        await call.Json(AppProcessState(call, moved));
    }

    /// <summary>P6 (obsolete): <c>GET .../process/next</c>: the start events when not started, else an empty list.</summary>
    public static Task NextElementsAsync(AppCall call)
    {
        var instance = call.LoadInstance(write: false);
        string[] elements = instance.Process?.Started is null ? [StartEvent] : [];
        return call.Json(elements);
    }

    /// <summary>P4: <c>PUT .../process/completeProcess</c>: next until the end.</summary>
    public static async Task CompleteProcessAsync(AppCall call)
    {
        var instance = call.LoadInstance(write: true);
        if (instance.Process?.Started is null) throw AppProblem.Details(StatusCodes.Status409Conflict, "Process complete failed", "Process is not started. Use start!");
        if (instance.Process.Ended is not null) throw AppProblem.Details(StatusCodes.Status409Conflict, "Process complete failed", "Process is ended. It is not possible to complete it.");
        var moved = instance;
        for (int step = 0; moved.Process?.Ended is null; step++)
        {
            if (step > call.App.Tasks.Count) throw AppProblem.Details(StatusCodes.Status500InternalServerError, "Process complete failed", "The process did not end.");
            moved = MoveNext(call, instance.Id!.InstanceGuid, null);
        }

        await call.Json(AppProcessState(call, moved));
    }

    /// <summary>P5: <c>GET .../process/history</c>, built from the <c>process_*</c> instance events as Storage does.</summary>
    public static Task HistoryAsync(AppCall call)
    {
        var instance = call.LoadInstance(write: false);
        var items = new List<ProcessHistoryItem>();
        foreach (var e in call.State.InstanceEvents(instance.Id!.InstanceGuid))
        {
            string performedBy = e.User?.NationalIdentityNumber ?? e.User?.OrgId ?? e.User?.SystemUserOwnerOrgNo ?? string.Empty;
            switch (e.EventType)
            {
                case "process_StartEvent":
                    items.Add(new ProcessHistoryItem { EventType = e.EventType, ElementId = e.ProcessInfo?.StartEvent, Occurred = e.Created, PerformedBy = performedBy });
                    break;
                case "process_StartTask":
                    items.Add(new ProcessHistoryItem { EventType = e.EventType, ElementId = e.ProcessInfo?.CurrentTask?.ElementId, Started = e.Created, PerformedBy = performedBy });
                    break;
                case "process_EndTask":
                    int open = items.FindLastIndex(i => i.EventType == "process_StartTask" && i.ElementId == e.ProcessInfo?.CurrentTask?.ElementId && i.Ended is null);
                    if (open >= 0) items[open] = items[open] with { Ended = e.Created };
                    break;
                case "process_EndEvent":
                    items.Add(new ProcessHistoryItem { EventType = e.EventType, ElementId = e.ProcessInfo?.EndEvent, Occurred = e.Created, PerformedBy = performedBy });
                    break;
            }
        }

        return call.Json(new ProcessHistoryList { ProcessHistory = items });
    }

    private static async Task<string?> ReadActionAsync(AppCall call)
    {
        using var reader = new StreamReader(call.Http.Request.Body);
        string body = await reader.ReadToEndAsync(call.Http.RequestAborted);
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.String
                ? action.GetString()
                : null;
        }
        catch (JsonException)
        {
            throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", "The body is not a ProcessNext JSON object.");
        }
    }

    // ---- AppProcessState ----

    /// <summary>The App API's <c>AppProcessState</c> for the caller.</summary>
    public static AppProcessStateDto AppProcessState(AppCall call, Instance instance)
    {
        var process = instance.Process ?? new ProcessState();
        bool write = call.IsAppOwner || call.MayActFor(instance.Id!.PartyId);
        AppTaskDto? current = null;
        if (process.CurrentTask is { } task)
        {
            string action = task.AltinnTaskType switch
            {
                "confirmation" => "confirm",
                "signing" => "sign",
                "payment" => "pay",
                null or "data" or "feedback" or "pdf" or "eFormidling" or "fiksArkiv" => "write",
                var other => other,
            };
            var actions = new Dictionary<string, bool>(StringComparer.Ordinal) { [action] = write };
            current = new AppTaskDto(
                task.Flow, task.Started, task.ElementId, task.Name, task.AltinnTaskType, task.Ended, null, task.FlowType,
                actions, [new UserActionDto(action, write, "ProcessAction")], Read: true, Write: write, ElementType: "Task");
        }

        return new AppProcessStateDto(
            process.Started, process.StartEvent, current, process.Ended, process.EndEvent,
            call.App.Tasks.Select(t => new ProcessTaskDto(t.Type, t.Id, "Task")).ToArray());
    }
}

/// <summary>The App API's <c>AppProcessState</c>.</summary>
internal sealed record AppProcessStateDto(DateTimeOffset? Started, string? StartEvent, AppTaskDto? CurrentTask, DateTimeOffset? Ended, string? EndEvent, IReadOnlyList<ProcessTaskDto> ProcessTasks);

/// <summary>The App API's <c>AppProcessElementInfo</c>.</summary>
internal sealed record AppTaskDto(
    int? Flow, DateTimeOffset? Started, string? ElementId, string? Name, string? AltinnTaskType, DateTimeOffset? Ended, object? Validated, string? FlowType,
    IReadOnlyDictionary<string, bool> Actions, IReadOnlyList<UserActionDto> UserActions, bool Read, bool Write, string ElementType);

/// <summary>An action the caller may take in the current task.</summary>
internal sealed record UserActionDto(string Id, bool Authorized, string Type);

/// <summary>A task of the app's process.</summary>
internal sealed record ProcessTaskDto(string AltinnTaskType, string ElementId, string ElementType);
