using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Altinn.Sdk.Testing.Apps;

/// <summary>The instance endpoints of the App API (I1-I7).</summary>
internal static class AppInstances
{
    // ---- I1 create ----

    /// <summary>I1: <c>POST instances?instanceOwnerPartyId=</c> with an empty body, a JSON template or multipart.</summary>
    public static async Task CreateAsync(AppCall call)
    {
        var request = call.Http.Request;
        int? queryPartyId = null;
        if (call.Query("instanceOwnerPartyId") is { } text)
        {
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int parsed))
            {
                throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", $"instanceOwnerPartyId '{text}' is not a number.");
            }

            queryPartyId = parsed;
        }

        var instanceGuid = Guid.NewGuid();
        var parts = new List<DataElement>();
        try
        {
            Instance? template = null;
            if (request.ContentType is { } contentType && MediaTypeHeaderValue.TryParse(contentType, out var media)
                && media.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            {
                template = await ReadMultipartAsync(call, media, instanceGuid, parts);
            }
            else
            {
                template = await ReadTemplateAsync(call.Http.Request.Body, call.Http.RequestAborted);
            }

            if (queryPartyId is not null && template?.InstanceOwner?.PartyId is not null)
            {
                throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", "Cannot have both instanceOwnerPartyId in the query and instanceOwner.partyId in the instance template.");
            }

            var party = queryPartyId is { } id ? LookupParty(call, id.ToString(CultureInfo.InvariantCulture), null, null, null)
                : template?.InstanceOwner is { } owner ? LookupParty(call, owner.PartyId, owner.PersonNumber, owner.OrganisationNumber, owner.Username ?? owner.ExternalIdentifier)
                : throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", "Give the instance owner: the query parameter instanceOwnerPartyId or instanceOwner in an instance template.");

            var instance = await CreateInstanceAsync(call, party, instanceGuid, template, parts);
            await WriteCreatedAsync(call, instance);
        }
        catch
        {
            // Nothing half-made stays behind: the parts already written are removed with the instance's folder.
            if (call.State.Find(instanceGuid) is null) call.State.Blobs.DeleteInstance(instanceGuid);
            throw;
        }
    }

    /// <summary>I2: <c>POST instances/create</c> with <c>{instanceOwner, dueBefore, visibleAfter, prefill, sourceInstanceId}</c>.</summary>
    public static async Task CreateSimplifiedAsync(AppCall call)
    {
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(call.Http.Request.Body, cancellationToken: call.Http.RequestAborted);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", "The body is not an InstansiationInstance JSON object.");
        }

        if (body.ValueKind != JsonValueKind.Object) throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", "The body is not an InstansiationInstance JSON object.");
        var template = body.Deserialize(AltinnJsonContext.Default.Instance);
        if (template?.InstanceOwner is not { } owner) throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", "instanceOwner is required.");
        if (body.TryGetProperty("sourceInstanceId", out var source) && source.ValueKind == JsonValueKind.String && source.GetString()!.Length > 0)
        {
            string reason = call.App.Metadata.CopyInstanceSettings?.Enabled == true
                ? "Creating an instance as a copy (sourceInstanceId) is not supported by the emulator."
                : "Creating instance based on a copy from an archived instance is not enabled for this app.";
            throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", reason);
        }

        var party = LookupParty(call, owner.PartyId, owner.PersonNumber, owner.OrganisationNumber, owner.Username ?? owner.ExternalIdentifier);
        var instance = await CreateInstanceAsync(call, party, Guid.NewGuid(), template with { DataValues = null, Status = null }, []);
        await WriteCreatedAsync(call, instance);
    }

    private static Task WriteCreatedAsync(AppCall call, Instance instance)
    {
        var response = call.Response(instance);
        call.Http.Response.Headers.Location = response.SelfLinks!.Apps;
        return call.Json(response, StatusCodes.Status201Created);
    }

    private static async Task<Instance?> ReadTemplateAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body);
        string json = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonSerializer.Deserialize(json, AltinnJsonContext.Default.Instance);
        }
        catch (JsonException e)
        {
            throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", "The instance template is not valid JSON: " + e.Message);
        }
    }

    /// <summary>Reads a multipart body: the <c>instance</c> template, data parts streamed to content, <c>notification</c> ignored.</summary>
    private static async Task<Instance?> ReadMultipartAsync(AppCall call, MediaTypeHeaderValue media, Guid instanceGuid, List<DataElement> parts)
    {
        string boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value ?? string.Empty;
        if (boundary.Length == 0) throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", "The multipart body has no boundary.");
        var reader = new MultipartReader(boundary, call.Http.Request.Body);
        Instance? template = null;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(call.Http.RequestAborted)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
            {
                throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", "Every part needs a Content-Disposition header with a name.");
            }

            if (string.IsNullOrEmpty(section.ContentType))
            {
                throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", $"The part '{name}' has no Content-Type.");
            }

            if (name == "instance")
            {
                template = await ReadTemplateAsync(section.Body, call.Http.RequestAborted);
                continue;
            }

            if (name == "notification")
            {
                await section.Body.CopyToAsync(Stream.Null, call.Http.RequestAborted);
                continue;
            }

            var dataType = call.App.FindDataType(name)
                ?? throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", $"Multipart section named '{name}' does not correspond to an element type in application metadata.");
            string contentType = section.ContentType.Split(';')[0].Trim();
            // As the app's RequestPartValidator: exactly in the list; unlike single uploads, octet-stream is no wildcard.
            if (dataType.AllowedContentTypes is { Count: > 0 } allowed && !allowed.Contains(contentType, StringComparer.Ordinal))
            {
                throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", $"The content type '{contentType}' of the part '{name}' is not allowed by its data type.");
            }

            counts[name] = counts.GetValueOrDefault(name) + 1;
            if (dataType.MaxCount is > 0 and var max && counts[name] > max)
            {
                throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", $"The data type '{name}' allows at most {max} element(s); the request has more.");
            }

            var dataGuid = Guid.NewGuid();
            long size;
            string hash;
            try
            {
                await using var converted = await AppFormData.ForStorageAsync(section.Body, dataType, contentType, call.Http.RequestAborted);
                (size, hash) = await call.State.Blobs.WriteAsync(instanceGuid, dataGuid, converted ?? section.Body, AppData.MaxBytes(dataType), call.Http.RequestAborted);
            }
            catch (BlobTooLargeException)
            {
                throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", $"The part '{name}' is larger than the data type's maxSize of {dataType.MaxSize} MB.");
            }

            if (size == 0)
            {
                call.State.Blobs.Delete(instanceGuid, dataGuid);
                throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", $"The part '{name}' is empty.");
            }

            await AppData.CheckedAsync(call, instanceGuid, dataGuid, dataType, AppData.StoredContentType(dataType, contentType));
            string? filename = dataType.IsFormData ? null : AppData.FileName(disposition);
            parts.Add(AppData.NewElement(call, instanceGuid, dataGuid, dataType, AppData.StoredContentType(dataType, contentType), filename, size, hash));
        }

        return template;
    }

    /// <summary>The owner party from one identifier; 404 "Cannot lookup party" when the register does not know it.</summary>
    private static EmulatedParty LookupParty(AppCall call, string? partyId, string? personNumber, string? organisationNumber, string? other)
    {
        EmulatedParty? party;
        string shown;
        if (partyId is not null)
        {
            shown = "partyId " + partyId;
            party = int.TryParse(partyId, NumberStyles.None, CultureInfo.InvariantCulture, out int id) ? call.State.FindParty(id) : null;
        }
        else if (personNumber is not null)
        {
            shown = "personNumber";
            party = call.State.FindPartyByPersonNumber(personNumber);
        }
        else if (organisationNumber is not null)
        {
            shown = "organisationNumber " + organisationNumber;
            party = call.State.FindPartyByOrganisationNumber(organisationNumber);
        }
        else if (other is not null)
        {
            shown = "self-identified user " + other + " (the emulator's register has only persons and organisations)";
            party = null;
        }
        else
        {
            throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", "The instance owner needs one of partyId, personNumber, organisationNumber, username or externalIdentifier.");
        }

        return party ?? throw AppProblem.Details(StatusCodes.Status404NotFound, "Not found", $"Cannot lookup party: no party with {shown}.");
    }

    /// <summary>Checks the caller may instantiate for the party, then stores the instance and starts its process.</summary>
    private static async Task<Instance> CreateInstanceAsync(AppCall call, EmulatedParty party, Guid instanceGuid, Instance? template, List<DataElement> parts)
    {
        MayInstantiate(call, party);
        var now = call.Now;
        var app = call.App;
        var id = new InstanceId(party.PartyId, instanceGuid);
        var process = AppProcess.Started(app, now);
        var instance = new Instance
        {
            Id = id,
            InstanceOwner = new InstanceOwner
            {
                PartyId = party.PartyId.ToString(CultureInfo.InvariantCulture),
                PersonNumber = party.PersonNumber,
                OrganisationNumber = party.OrganisationNumber,
            },
            AppId = app.AppId,
            Org = app.AppId.Org,
            DueBefore = template?.DueBefore,
            VisibleAfter = template?.VisibleAfter ?? now,
            Process = process,
            Status = (template?.Status ?? new InstanceStatus()) with
            {
                IsArchived = false, Archived = null, IsSoftDeleted = false, SoftDeleted = null, IsHardDeleted = false, HardDeleted = null,
                ReadStatus = call.IsAppOwner ? ReadStatus.Unread : ReadStatus.Read,
            },
            CompleteConfirmations = null,
            Data = [],
            DataValues = template?.DataValues,
            PresentationTexts = null,
            Created = now,
            CreatedBy = call.Caller.ActorId,
            LastChanged = now,
            LastChangedBy = call.Caller.ActorId,
        };

        // Data types the first task creates automatically (unless a part already gave one).
        var data = new List<DataElement>(parts);
        foreach (var type in app.Metadata.DataTypes ?? [])
        {
            if (type.AppLogic?.AutoCreate != true || type.Id is null || !string.Equals(type.TaskId, process.CurrentTask!.ElementId, StringComparison.Ordinal)) continue;
            if (data.Exists(d => d.DataType == type.Id)) continue;
            data.Add(await AppData.CreateEmptyFormDataAsync(call, instanceGuid, type));
        }

        instance = instance with { Data = data };
        call.State.Insert(instance);
        call.AddEvent(instance, "Created");
        foreach (var element in data) call.AddEvent(instance, "Created", element.Id);
        AppProcess.RecordStart(call, instance);
        call.Publish(instance, "app.instance.process.movedTo." + process.CurrentTask!.ElementId);
        call.Publish(instance, "app.instance.created");
        return instance;
    }

    /// <summary>
    /// The emulated instantiate policy: the app owner with <c>instances.write</c>; a user for a party they represent; a
    /// system user for its customer organisation; and the party type must be in <c>partyTypesAllowed</c>.
    /// </summary>
    private static void MayInstantiate(AppCall call, EmulatedParty party)
    {
        if (call.IsAppOwner)
        {
            if (!call.Caller.HasScope(Caller.InstancesWrite))
            {
                throw AppProblem.Details(StatusCodes.Status403Forbidden, "Forbidden", $"Instantiation needs the scope {Caller.InstancesWrite}.");
            }
        }
        else if (!call.MayActFor(party.PartyId))
        {
            throw AppProblem.Empty(StatusCodes.Status403Forbidden);
        }

        var allowed = call.App.Metadata.PartyTypesAllowed;
        if (allowed is null || !(allowed.Person || allowed.Organisation || allowed.SubUnit || allowed.BankruptcyEstate)) return;
        bool ok = party.Type switch
        {
            PartyType.Person => allowed.Person,
            PartyType.Organisation => allowed.Organisation,
            PartyType.SubUnit => allowed.SubUnit,
            PartyType.BankruptcyEstate => allowed.BankruptcyEstate,
            _ => false,
        };
        if (!ok)
        {
            throw AppProblem.Details(StatusCodes.Status403Forbidden, "Forbidden", $"Party {party.PartyId} is not allowed to instantiate this application {call.App.AppId}: its party type {party.Type} is not in partyTypesAllowed.");
        }
    }

    // ---- I3 get, I4 delete, I5 active ----

    /// <summary>I3: <c>GET instances/{p}/{g}</c>; a read by anyone but the app owner marks the instance read.</summary>
    public static Task GetAsync(AppCall call)
    {
        var instance = call.LoadInstance(write: false);
        if (!call.IsAppOwner && instance.Status?.ReadStatus != ReadStatus.Read)
        {
            instance = call.Update(instance.Id!.InstanceGuid, i => i with { Status = (i.Status ?? new InstanceStatus()) with { ReadStatus = ReadStatus.Read } });
        }

        return call.Json(call.Response(instance));
    }

    /// <summary>I4: <c>DELETE instances/{p}/{g}?hard=</c>.</summary>
    public static Task DeleteAsync(AppCall call)
    {
        var instance = call.LoadInstance(write: false);
        bool hard = string.Equals(call.Query("hard"), "true", StringComparison.OrdinalIgnoreCase);
        if (call.IsAppOwner)
        {
            if (!call.App.OrgMayDelete)
            {
                throw AppProblem.Details(StatusCodes.Status403Forbidden, "Forbidden", $"The app owner may not delete instances of {call.App.AppId}: the app's policy has no rule that lets the org delete (emulated with AddApp(..., orgMayDelete: false)).");
            }

            if (!call.Caller.HasScope(Caller.InstancesWrite)) throw AppProblem.Empty(StatusCodes.Status403Forbidden);
        }
        else if (instance.Process?.Ended is not null || instance.Status?.IsArchived == true)
        {
            throw AppProblem.Details(StatusCodes.Status403Forbidden, "Forbidden", "End users may delete only their drafts (instances whose process has not ended).");
        }

        if (call.App.Metadata.PreventInstanceDeletionForDays is { } days && instance.Status?.Archived is { } archived && archived.AddDays(days) > call.Now)
        {
            throw AppProblem.Details(StatusCodes.Status403Forbidden, "Forbidden", $"Instances of this app may not be deleted until {days} days after they were archived.");
        }

        var now = call.Now;
        var deleted = call.Update(instance.Id!.InstanceGuid, i =>
        {
            var status = i.Status ?? new InstanceStatus();
            status = status with { IsSoftDeleted = true, SoftDeleted = status.SoftDeleted ?? now };
            if (hard) status = status with { IsHardDeleted = true, HardDeleted = now };
            return i with { Status = status, LastChanged = now, LastChangedBy = call.Caller.ActorId };
        });
        call.AddEvent(deleted, "Deleted");
        return call.Json(call.Response(deleted));
    }

    /// <summary>I5: <c>GET instances/{p}/active</c>: the party's instances of the app that are neither archived nor deleted.</summary>
    public static Task ActiveAsync(AppCall call)
    {
        int partyId = call.PartyIdFromRoute;
        call.Authorize(partyId, write: false);
        var active = call.State.Snapshot()
            .OrderBy(s => s.Sequence)
            .Select(s => s.Instance)
            .Where(i => i.AppId == call.App.AppId && i.Id!.PartyId == partyId
                && i.Status is not ({ IsArchived: true } or { IsSoftDeleted: true } or { IsHardDeleted: true }))
            .Select(i => new SimpleInstance(i.Id!.ToString(), i.PresentationTexts, i.DueBefore, i.LastChanged, DisplayName(call, i.LastChangedBy)))
            .ToArray();
        return call.Json(active);
    }

    /// <summary>The name Altinn shows for a lastChangedBy value: an organisation's name for 9 digits, a user's name for a user id.</summary>
    private static string DisplayName(AppCall call, string? actor)
    {
        if (actor is null || !actor.All(char.IsAsciiDigit)) return string.Empty;
        if (actor.Length == 9)
        {
            if (call.State.FindPartyByOrganisationNumber(actor) is { } org) return org.Name;
            return call.State.OrgOfNumber(actor)?.ToUpperInvariant() ?? string.Empty;
        }

        if (int.TryParse(actor, NumberStyles.None, CultureInfo.InvariantCulture, out int userId) && call.State.FindUser(userId) is { } user)
        {
            return call.State.FindParty(user.PartyId)?.Name ?? string.Empty;
        }

        return string.Empty;
    }

    // ---- I6 substatus, I7 complete ----

    /// <summary>I6: <c>PUT instances/{p}/{g}/substatus</c>, only for the app owner org.</summary>
    public static async Task SubstatusAsync(AppCall call)
    {
        var instance = call.LoadInstance(write: false);
        if (!call.IsAppOwner) throw AppProblem.Empty(StatusCodes.Status403Forbidden);
        var substatus = await call.Http.ReadJsonAsync<Substatus>(EmulatorJson.App);
        if (substatus is null || string.IsNullOrEmpty(substatus.Label))
        {
            throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", $"Invalid sub status for instance {instance.Id}. Substatus must be defined and include a label.");
        }

        var now = call.Now;
        var updated = call.Update(instance.Id!.InstanceGuid, i => i with
        {
            Status = (i.Status ?? new InstanceStatus()) with { Substatus = new Substatus { Label = substatus.Label, Description = substatus.Description } },
            LastChanged = now,
            LastChangedBy = call.Caller.OrgNumber ?? call.Caller.ActorId,
        });
        call.AddEvent(updated, "SubstatusUpdated");
        call.Publish(updated, "app.instance.substatus.changed");
        await call.Json(call.Response(updated));
    }

    /// <summary>I7: <c>POST instances/{p}/{g}/complete</c>: the app owner confirms it has the instance (once per org).</summary>
    public static Task CompleteAsync(AppCall call)
    {
        var instance = call.LoadInstance(write: false);
        if (!call.IsAppOwner) throw AppProblem.Empty(StatusCodes.Status403Forbidden);
        string org = call.Caller.Org!;
        if (instance.CompleteConfirmations?.Any(c => c.StakeholderId == org) == true) return call.Json(call.Response(instance));
        var now = call.Now;
        var updated = call.Update(instance.Id!.InstanceGuid, i => i.CompleteConfirmations?.Any(c => c.StakeholderId == org) == true ? i : i with
        {
            CompleteConfirmations = [.. i.CompleteConfirmations ?? [], new CompleteConfirmation { StakeholderId = org, ConfirmedOn = now }],
            LastChanged = now,
            LastChangedBy = call.Caller.ActorId,
        });
        call.AddEvent(updated, "ConfirmedComplete");
        return call.Json(call.Response(updated));
    }
}
