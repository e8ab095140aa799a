using System.Text.Json.Serialization.Metadata;

namespace Altinn.Sdk.Testing.Apps;

/// <summary>One authenticated call to an app's App API: the request, the app and the caller.</summary>
internal sealed class AppCall(HttpContext http, EmulatorContext emulator, EmulatedApp app, Caller caller)
{
    public HttpContext Http { get; } = http;

    public EmulatorContext Emulator { get; } = emulator;

    public EmulatorState State => Emulator.State;

    public EmulatedApp App { get; } = app;

    public Caller Caller { get; } = caller;

    public DateTimeOffset Now => Emulator.Clock.GetUtcNow();

    /// <summary>The app owner org calling (a token with <c>urn:altinn:org</c> equal to the app's org).</summary>
    public bool IsAppOwner => Caller.IsOrg && string.Equals(Caller.Org, App.AppId.Org, StringComparison.Ordinal);

    public int PartyIdFromRoute => int.Parse((string)Http.GetRouteValue("p")!, CultureInfo.InvariantCulture);

    public Guid InstanceGuidFromRoute => Guid.Parse((string)Http.GetRouteValue("g")!);

    public Guid DataGuidFromRoute => Guid.Parse((string)Http.GetRouteValue("d")!);

    public string? Query(string name)
    {
        string? value = Http.Request.Query[name];
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>Whether the caller may act for a party: a user who represents it, or the system user of that organisation.</summary>
    public bool MayActFor(int partyId)
    {
        if (Caller.IsSystemUser)
        {
            return Caller.SystemUserOrgNumber is { } number && State.FindPartyByOrganisationNumber(number)?.PartyId == partyId;
        }

        if (Caller.IsUser)
        {
            var user = State.FindUser(Caller.UserId!.Value);
            return user is not null ? user.Represents.Contains(partyId) : Caller.PartyId == partyId;
        }

        return false;
    }

    /// <summary>
    /// The instance named by the route, as the caller may see it: 404 when it is missing, belongs to another app or
    /// party, or is hard-deleted and the caller is not the app owner; 403 when the caller may not act on it.
    /// </summary>
    public Instance LoadInstance(bool write)
    {
        int partyId = PartyIdFromRoute;
        var stored = State.Find(InstanceGuidFromRoute);
        Instance? instance;
        lock (State.Gate) instance = stored?.Instance;
        if (instance is null || instance.AppId != App.AppId || instance.Id!.PartyId != partyId)
        {
            throw AppProblem.Empty(StatusCodes.Status404NotFound);
        }

        Authorize(partyId, write);
        if (instance.Status?.IsHardDeleted == true && !IsAppOwner) throw AppProblem.Empty(StatusCodes.Status404NotFound);
        return instance;
    }

    /// <summary>403 unless the caller is the app owner with the right scope or may act for the party.</summary>
    public void Authorize(int partyId, bool write)
    {
        if (IsAppOwner)
        {
            bool scoped = write ? Caller.HasScope(Caller.InstancesWrite) : Caller.HasScope(Caller.InstancesRead) || Caller.HasScope(Caller.InstancesWrite);
            if (!scoped) throw AppProblem.Empty(StatusCodes.Status403Forbidden);
            return;
        }

        if (!MayActFor(partyId)) throw AppProblem.Empty(StatusCodes.Status403Forbidden);
    }

    /// <summary>Changes the instance atomically; 404 when it has gone meanwhile.</summary>
    public Instance Update(Guid instanceGuid, Func<Instance, Instance> change) =>
        State.Update(instanceGuid, change) ?? throw AppProblem.Empty(StatusCodes.Status404NotFound);

    /// <summary>The caller as Storage records it on instance events.</summary>
    public PlatformUser PlatformUser()
    {
        string? nationalId = null;
        if (Caller.IsUser && Caller.PartyId is { } own) nationalId = State.FindParty(own)?.PersonNumber;
        return new PlatformUser
        {
            UserId = Caller.UserId,
            OrgId = Caller.Org,
            AuthenticationLevel = Caller.AuthenticationLevel,
            NationalIdentityNumber = nationalId,
            SystemUserId = Caller.SystemUserId,
            SystemUserOwnerOrgNo = Caller.IsSystemUser ? Caller.SystemUserOrgNumber : null,
        };
    }

    /// <summary>Adds a Storage instance event for this caller.</summary>
    public void AddEvent(Instance instance, string eventType, Guid? dataId = null, ProcessState? processInfo = null) =>
        State.AddInstanceEvent(instance.Id!.InstanceGuid, new InstanceEvent
        {
            InstanceId = instance.Id.ToString(),
            EventType = eventType,
            DataId = dataId?.ToString(),
            InstanceOwnerPartyId = instance.InstanceOwner?.PartyId,
            User = PlatformUser(),
            ProcessInfo = processInfo,
            Created = Now,
        });

    /// <summary>Publishes an app CloudEvent about the instance.</summary>
    public void Publish(Instance instance, string type)
    {
        string? alternative = instance.InstanceOwner?.PersonNumber is { } ssn ? "/person/" + ssn
            : instance.InstanceOwner?.OrganisationNumber is { } orgNo ? "/org/" + orgNo : null;
        State.PublishAppEvent(instance, type, Emulator.AppBaseUrl(App.AppId), alternative);
    }

    /// <summary>The instance as the App API returns it to this caller: links, the owner's party, readable data only.</summary>
    public Instance Response(Instance instance)
    {
        var shown = instance;
        if (!IsAppOwner && instance.Data is { } data)
        {
            shown = shown with { Data = data.Where(d => d.DeleteStatus?.IsHardDeleted != true).ToArray() };
        }

        shown = Emulator.WithLinks(shown);
        if (shown.InstanceOwner is { PartyId: { } id } owner && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out int partyId)
            && State.FindParty(partyId) is { } party)
        {
            shown = shown with
            {
                InstanceOwner = owner with
                {
                    Party = new Party
                    {
                        PartyId = party.PartyId,
                        PartyTypeName = party.Type,
                        Ssn = party.PersonNumber,
                        OrgNumber = party.OrganisationNumber,
                        Name = party.Name,
                    },
                },
            };
        }

        return shown;
    }

    /// <summary>Writes a value in the App API's JSON dialect (also for the emulator's own response shapes).</summary>
    public Task Json<T>(T value, int status = StatusCodes.Status200OK) => AppWire.WriteAsync(Http, value, status);
}

/// <summary>The App API's JSON for response shapes that are not SDK models (AppProcessState, DataPostResponse, ...).</summary>
internal static class AppWire
{
    public static JsonSerializerOptions Options { get; } = new(EmulatorJson.App)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(AltinnJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static async Task WriteAsync<T>(HttpContext context, T value, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, Options, context.RequestAborted);
    }
}

/// <summary>An error answer, thrown anywhere in a handler and written by the route wrapper.</summary>
internal sealed class AppProblem(int status, string? title, string? detail, AppProblemKind kind, IReadOnlyList<ValidationIssue>? issues)
    : Exception(detail ?? title ?? status.ToString(CultureInfo.InvariantCulture))
{
    public int Status { get; } = status;

    public string? Title { get; } = title;

    public string? Detail { get; } = detail;

    public AppProblemKind Kind { get; } = kind;

    public IReadOnlyList<ValidationIssue>? ValidationIssues { get; } = issues;

    /// <summary>RFC 7807 problem details.</summary>
    public static AppProblem Details(int status, string title, string? detail = null, IReadOnlyList<ValidationIssue>? issues = null) =>
        new(status, title, detail, AppProblemKind.Problem, issues);

    /// <summary>A status without a body (ASP.NET's <c>Forbid()</c>/<c>NotFound()</c>).</summary>
    public static AppProblem Empty(int status) => new(status, null, null, AppProblemKind.Empty, null);

    /// <summary>A plain-text body, as some legacy App API paths answer.</summary>
    public static AppProblem Text(int status, string message) => new(status, null, message, AppProblemKind.Text, null);

    public Task WriteAsync(HttpContext context)
    {
        switch (Kind)
        {
            case AppProblemKind.Empty:
                return context.Status(Status);
            case AppProblemKind.Text:
                return context.Text(Status, Detail ?? string.Empty);
            default:
                var issues = ValidationIssues;
                return context.Problem(Status, Title ?? string.Empty, Detail, issues is null ? null : w =>
                {
                    w.WritePropertyName("validationIssues");
                    JsonSerializer.Serialize(w, issues, AppWire.Options);
                });
        }
    }
}

internal enum AppProblemKind
{
    Problem,
    Empty,
    Text,
}

/// <summary>The App API's <c>ValidationIssueWithSource</c> (severity as a number: 1 Error, 2 Warning, 3 Informational).</summary>
internal sealed record ValidationIssue(int Severity, string? DataElementId, string? Field, string? Code, string? Description, string Source);

/// <summary>The App API's <c>DataPostResponse</c> and <c>DataDeleteResponse</c> (validation is not emulated: both lists are empty).</summary>
internal sealed record DataPostResponse(Guid NewDataElementId, Instance Instance, IReadOnlyList<object> ValidationIssues, IReadOnlyList<object> NewDataModels);

/// <summary>The App API's <c>DataDeleteResponse</c>.</summary>
internal sealed record DataDeleteResponse(Instance Instance, IReadOnlyList<object> ValidationIssues, IReadOnlyList<object> NewDataModels);

/// <summary>The App API's <c>SimpleInstance</c> (active instances).</summary>
internal sealed record SimpleInstance(string Id, IReadOnlyDictionary<string, string>? PresentationTexts, DateTimeOffset? DueBefore, DateTimeOffset? LastChanged, string LastChangedBy);
