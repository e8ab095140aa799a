namespace Altinn.Sdk.Testing.State;

/// <summary>
/// The documented demo app <c>ttd/demo-app</c> and its instances (the package README lists them; tests and
/// samples rely on the ids and states, so change them only with the README).
/// </summary>
internal static class DemoSeed
{
    /// <summary>The demo app.</summary>
    public const string AppId = "ttd/demo-app";

    /// <summary>The demo organisation's party id.</summary>
    public const int OrganisationPartyId = 50006000;

    /// <summary>The demo organisation's organisation number.</summary>
    public const string OrganisationNumber = "312345676";

    /// <summary>The demo person's party id.</summary>
    public const int PersonPartyId = 50001337;

    /// <summary>The demo person's national identity number (a test number).</summary>
    public const string PersonNumber = "01017012343";

    /// <summary>The demo user (the person), who may also represent the organisation.</summary>
    public const int UserId = 1337;

    /// <summary>A draft in Task_1 of the organisation, created 15 June 2020.</summary>
    public static readonly Guid DraftFrom2020 = new("de000000-0000-4000-8000-000000000001");

    /// <summary>A draft in Task_1 of the person, created this year.</summary>
    public static readonly Guid DraftThisYear = new("de000000-0000-4000-8000-000000000002");

    /// <summary>An instance of the organisation in Task_2 (confirmation).</summary>
    public static readonly Guid InConfirmation = new("de000000-0000-4000-8000-000000000003");

    /// <summary>A completed (archived) instance of the person, not yet confirmed by the app owner, with a substatus.</summary>
    public static readonly Guid CompletedNotConfirmed = new("de000000-0000-4000-8000-000000000004");

    /// <summary>A completed instance of the organisation, confirmed by ttd.</summary>
    public static readonly Guid CompletedAndConfirmed = new("de000000-0000-4000-8000-000000000005");

    /// <summary>A soft-deleted draft of the person.</summary>
    public static readonly Guid SoftDeleted = new("de000000-0000-4000-8000-000000000006");

    /// <summary>A completed, hard-deleted instance of the organisation (not confirmed, so not purged).</summary>
    public static readonly Guid HardDeleted = new("de000000-0000-4000-8000-000000000007");

    private const string Form = """
        <?xml version="1.0" encoding="utf-8"?>
        <Skjema xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <Tittel>{0}</Tittel>
          <Beskrivelse>Demo data from the Altinn emulator.</Beskrivelse>
        </Skjema>
        """;

    // A minimal valid one-page PDF.
    private const string Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

    /// <summary>
    /// Adds the demo parties and user (always), the app (when missing), and the instances (only when the store
    /// has no instances).
    /// </summary>
    public static async Task ApplyAsync(AltinnEmulator emulator, CancellationToken cancellationToken)
    {
        var state = emulator.Context.State;
        if (state.FindParty(OrganisationPartyId) is null) emulator.AddOrganisationParty(OrganisationPartyId, OrganisationNumber, "Emulator Demo AS");
        if (state.FindParty(PersonPartyId) is null) emulator.AddPersonParty(PersonPartyId, PersonNumber, "Sophie Salt");
        if (state.FindUser(UserId) is null) emulator.AddUser(UserId, PersonPartyId, OrganisationPartyId);
        if (state.FindApp(AppId) is null) emulator.AddApp(Metadata(), [new EmulatorTask("Task_1", "data"), new EmulatorTask("Task_2", "confirmation")], orgMayDelete: true);
        if (state.FindModelSchema(Sdk.AppId.Parse(AppId), "model") is null) emulator.AddModelSchema(Sdk.AppId.Parse(AppId), "model", DemoModelSchema.Json);
        emulator.AddTexts(Sdk.AppId.Parse(AppId), "nb", new Dictionary<string, string>
        {
            ["appName"] = "Demo-app",
            ["substatus.received"] = "Mottatt",
            ["substatus.received.description"] = "Søknaden er mottatt og blir behandlet.",
        });
        emulator.AddTexts(Sdk.AppId.Parse(AppId), "en", new Dictionary<string, string>
        {
            ["appName"] = "Demo app",
            ["substatus.received"] = "Received",
            ["substatus.received.description"] = "The application has been received and is being processed.",
        });
        if (state.InstanceCount > 0) return;

        var now = state.Clock.GetUtcNow();
        var startOfYear = new DateTimeOffset(now.Year, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var thisYear = now - TimeSpan.FromHours(1) < startOfYear ? startOfYear : now - TimeSpan.FromHours(1);
        var seeds = new (Guid Guid, int Party, DateTimeOffset Created, string Title, Stage Stage)[]
        {
            (DraftFrom2020, OrganisationPartyId, new DateTimeOffset(2020, 6, 15, 10, 0, 0, TimeSpan.Zero), "Søknad fra 2020", Stage.Task1),
            (DraftThisYear, PersonPartyId, thisYear, "Søknad fra i år", Stage.Task1),
            (InConfirmation, OrganisationPartyId, now.AddDays(-3), "Til bekreftelse", Stage.Task2),
            (CompletedNotConfirmed, PersonPartyId, now.AddDays(-10), "Innsendt søknad", Stage.Ended),
            (CompletedAndConfirmed, OrganisationPartyId, now.AddDays(-20), "Mottatt og bekreftet", Stage.Confirmed),
            (SoftDeleted, PersonPartyId, now.AddDays(-5), "Slettet utkast", Stage.SoftDeleted),
            (HardDeleted, OrganisationPartyId, now.AddDays(-30), "Slettet for godt", Stage.HardDeleted),
        };

        foreach (var seed in seeds)
        {
            await AddInstanceAsync(state, seed.Guid, seed.Party, seed.Created, seed.Title, seed.Stage, cancellationToken);
        }
    }

    /// <summary>The demo app's metadata, after Altinn's documentation examples.</summary>
    public static ApplicationMetadata Metadata() => new()
    {
        Id = AppId,
        Org = "ttd",
        Title = new Dictionary<string, string> { ["nb"] = "Demo-app", ["en"] = "Demo app" },
        PartyTypesAllowed = new PartyTypesAllowed(),
        DataTypes =
        [
            new DataType
            {
                Id = "ref-data-as-pdf",
                AllowedContentTypes = ["application/pdf"],
                MaxCount = 0,
                MinCount = 0,
            },
            new DataType
            {
                Id = "model",
                AllowedContentTypes = ["application/xml"],
                AppLogic = new ApplicationLogic { AutoCreate = true, ClassRef = "Altinn.App.Models.Skjema" },
                TaskId = "Task_1",
                MaxCount = 1,
                MinCount = 1,
            },
            new DataType
            {
                Id = "vedleggA",
                AllowedContentTypes = ["application/pdf"],
                AppLogic = new ApplicationLogic { AutoDeleteOnProcessEnd = true },
                TaskId = "Task_1",
                MaxSize = 25,
                MaxCount = 5,
                MinCount = 0,
            },
        ],
        PresentationFields = [new DataField { Id = "Tittel", Path = "Skjema.Tittel", DataTypeId = "model" }],
        Created = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
        CreatedBy = "ttd",
    };

    private static async Task AddInstanceAsync(EmulatorState state, Guid guid, int partyId, DateTimeOffset created, string title, Stage stage, CancellationToken cancellationToken)
    {
        bool isOrganisation = partyId == OrganisationPartyId;
        const string user = "1337";
        bool ended = stage is Stage.Ended or Stage.Confirmed or Stage.HardDeleted;
        var task1Done = created.AddMinutes(30);
        var endedAt = created.AddHours(1);
        var changed = stage switch
        {
            Stage.Task1 => created.AddMinutes(10),
            Stage.Task2 => task1Done,
            Stage.SoftDeleted => created.AddDays(1),
            Stage.HardDeleted => endedAt.AddDays(1),
            _ => endedAt,
        };

        var data = new List<DataElement>
        {
            await ElementAsync(state, guid, DataId(guid, 1), "model", "application/xml", null, Encoding.UTF8.GetBytes(Form.Replace("{0}", title, StringComparison.Ordinal)), created.AddMinutes(1), locked: stage != Stage.Task1 && stage != Stage.SoftDeleted, cancellationToken),
            await ElementAsync(state, guid, DataId(guid, 2), "vedleggA", "application/pdf", "vedlegg.pdf", Encoding.ASCII.GetBytes(Pdf), created.AddMinutes(5), locked: false, cancellationToken),
        };
        if (ended)
        {
            data.Add(await ElementAsync(state, guid, DataId(guid, 3), "ref-data-as-pdf", "application/pdf", title + ".pdf", Encoding.ASCII.GetBytes(Pdf), endedAt, locked: true, cancellationToken));

            // vedleggA has autoDeleteOnProcessEnd: at the end the app deletes it with delay (hidden from users).
            data[1] = data[1] with { DeleteStatus = new DeleteStatus { IsHardDeleted = true, HardDeleted = endedAt } };
        }

        var process = new ProcessState { Started = created, StartEvent = "StartEvent_1" };
        process = stage switch
        {
            Stage.Task2 => process with { CurrentTask = Task("Task_2", "confirmation", 2, task1Done) },
            _ when ended => process with { Ended = endedAt, EndEvent = "EndEvent_1" },
            _ => process with { CurrentTask = Task("Task_1", "data", 1, created) },
        };

        var status = new InstanceStatus
        {
            IsArchived = ended,
            Archived = ended ? endedAt : null,
            IsSoftDeleted = stage is Stage.SoftDeleted or Stage.HardDeleted,
            SoftDeleted = stage switch { Stage.SoftDeleted => changed, Stage.HardDeleted => changed, _ => null },
            IsHardDeleted = stage == Stage.HardDeleted,
            HardDeleted = stage == Stage.HardDeleted ? changed : null,
            ReadStatus = stage == Stage.Task1 ? ReadStatus.Read : ReadStatus.Unread,
            Substatus = stage == Stage.Ended ? new Substatus { Label = "Mottatt", Description = "Søknaden er mottatt og blir behandlet." } : null,
        };

        var instance = new Instance
        {
            Id = new InstanceId(partyId, guid),
            InstanceOwner = isOrganisation
                ? new InstanceOwner { PartyId = partyId.ToString(CultureInfo.InvariantCulture), OrganisationNumber = OrganisationNumber }
                : new InstanceOwner { PartyId = partyId.ToString(CultureInfo.InvariantCulture), PersonNumber = PersonNumber },
            AppId = Sdk.AppId.Parse(AppId),
            Org = "ttd",
            VisibleAfter = created,
            Process = process,
            Status = status,
            CompleteConfirmations = stage == Stage.Confirmed ? [new CompleteConfirmation { StakeholderId = "ttd", ConfirmedOn = endedAt.AddDays(1) }] : null,
            Data = data,
            PresentationTexts = new Dictionary<string, string> { ["Tittel"] = title },
            Created = created,
            CreatedBy = user,
            LastChanged = stage == Stage.Confirmed ? endedAt.AddDays(1) : changed,
            LastChangedBy = stage == Stage.Confirmed ? "405003309" : user,
        };

        state.Insert(instance);
        string instanceId = instance.Id.ToString();
        state.AddInstanceEvent(guid, Event(instanceId, partyId, "Created", created));
        if (stage != Stage.Task1 && stage != Stage.SoftDeleted) state.AddInstanceEvent(guid, Event(instanceId, partyId, "Submited", task1Done));
        if (stage == Stage.SoftDeleted) state.AddInstanceEvent(guid, Event(instanceId, partyId, "Deleted", changed));
    }

    /// <summary>The id of a seeded data element: <c>da000000-0000-4000-8000-0000000000{N}{K}</c>, N the instance (1-7), K 1 model, 2 vedleggA, 3 ref-data-as-pdf.</summary>
    public static Guid DataId(Guid instanceGuid, int kind) =>
        new($"da000000-0000-4000-8000-0000000000{instanceGuid.ToString()[^1]}{kind.ToString(CultureInfo.InvariantCulture)}");

    private static ProcessElementInfo Task(string id, string type, int flow, DateTimeOffset started) => new()
    {
        Flow = flow,
        Started = started,
        ElementId = id,
        Name = type == "data" ? "Utfylling" : "Bekreftelse",
        AltinnTaskType = type,
        FlowType = "CompleteCurrentMoveToNext",
    };

    private static InstanceEvent Event(string instanceId, int partyId, string type, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(),
        InstanceId = instanceId,
        Created = at,
        EventType = type,
        InstanceOwnerPartyId = partyId.ToString(CultureInfo.InvariantCulture),
        User = new PlatformUser { UserId = UserId, AuthenticationLevel = 2 },
    };

    private static async Task<DataElement> ElementAsync(
        EmulatorState state, Guid instanceGuid, Guid id, string dataType, string contentType, string? filename, byte[] content, DateTimeOffset created, bool locked, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content);
        var (size, hash) = await state.Blobs.WriteAsync(instanceGuid, id, stream, null, cancellationToken);
        return DataElements.New(Sdk.AppId.Parse(AppId), instanceGuid, id, dataType, contentType, filename, size, hash, created, "1337") with { Locked = locked };
    }

    private enum Stage
    {
        Task1,
        Task2,
        Ended,
        Confirmed,
        SoftDeleted,
        HardDeleted,
    }
}
