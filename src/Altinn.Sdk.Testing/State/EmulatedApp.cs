namespace Altinn.Sdk.Testing.State;

/// <summary>An app the emulator serves: its metadata, its process tasks in order, and its delete policy.</summary>
/// <param name="AppId">The app id.</param>
/// <param name="Metadata">The application metadata, as <c>applicationmetadata.json</c> holds it.</param>
/// <param name="Tasks">The process tasks in order (the process ends after the last one).</param>
/// <param name="OrgMayDelete">
/// Whether the app's policy lets the app owner org delete instances (Altinn's <c>policy.xml</c> rule); without it the
/// org gets 403 on delete, as in Altinn.
/// </param>
internal sealed record EmulatedApp(AppId AppId, ApplicationMetadata Metadata, IReadOnlyList<EmulatorTask> Tasks, bool OrgMayDelete)
{
    /// <summary>The default process: one data task, <c>Task_1</c>, then the end.</summary>
    public static IReadOnlyList<EmulatorTask> DefaultTasks { get; } = [new EmulatorTask("Task_1")];

    /// <summary>The app's texts by language (two letters); in the data folder as <c>texts/resource.{language}.json</c>.</summary>
    public IReadOnlyDictionary<string, TextResource> Texts { get; init; } = new Dictionary<string, TextResource>(StringComparer.Ordinal);

    /// <summary>A data type by id, or null.</summary>
    public DataType? FindDataType(string id) => Metadata.DataTypes?.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));
}

/// <summary>A party in the emulator's register: a person or an organisation.</summary>
internal sealed record EmulatedParty(int PartyId, PartyType Type, string Name, string? OrganisationNumber, string? PersonNumber);

/// <summary>A user: their own party and the parties they may represent.</summary>
internal sealed record EmulatedUser(int UserId, int PartyId, IReadOnlySet<int> Represents);

/// <summary>An instance held by the store, with the order key Storage pages by and its instance events.</summary>
internal sealed class StoredInstance(Instance instance, long sequence)
{
    /// <summary>The instance as Storage would return it (links are added when written out).</summary>
    public Instance Instance { get; set; } = instance;

    /// <summary>An insertion counter: the tie-breaker of Storage's continuation token (its internal id).</summary>
    public long Sequence { get; } = sequence;

    /// <summary>The instance's events (Storage's <c>instances/{p}/{g}/events</c>), oldest first.</summary>
    public List<InstanceEvent> Events { get; } = [];

    /// <summary>The instance guid.</summary>
    public Guid Guid => Instance.Id!.InstanceGuid;
}
