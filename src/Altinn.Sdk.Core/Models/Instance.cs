namespace Altinn.Sdk.Models;

/// <summary>
/// An instance of an Altinn app: one case or submission owned by a party, with its process state, status and
/// data elements. Storage returns it as <c>Instance</c>; the App API as <c>InstanceResponse</c>, which adds
/// <see cref="InstanceOwner.Party"/>.
/// </summary>
/// <remarks>
/// Properties the SDK does not know are kept and written back, so a read-modify-write does not lose them.
/// The same type serves as the template when creating an instance, where only a few fields are set.
/// </remarks>
public sealed partial record Instance
{
    /// <summary>
    /// The instance id <c>{instanceOwnerPartyId}/{instanceGuid}</c>; <see langword="null"/> only in a template
    /// for an instance not yet created.
    /// </summary>
    public partial InstanceId? Id { get; init; }

    /// <summary>The party that owns the instance.</summary>
    public partial InstanceOwner? InstanceOwner { get; init; }

    /// <summary>The app the instance belongs to, <c>{org}/{app}</c>.</summary>
    public partial AppId? AppId { get; init; }

    /// <summary>The app owner's org code in lower case, for example <c>ttd</c>.</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? Org { get; init; }

    /// <summary>Links to the instance: <c>apps</c> is filled by the App API, <c>platform</c> by Storage.</summary>
    public partial ResourceLinks? SelfLinks { get; init; }

    /// <summary>The deadline shown to the owner, if any.</summary>
    public partial DateTimeOffset? DueBefore { get; init; }

    /// <summary>When the instance becomes visible to the owner; Storage defaults it to the creation time.</summary>
    public partial DateTimeOffset? VisibleAfter { get; init; }

    /// <summary>Where the instance is in the app's process; absent before the process has started.</summary>
    public partial ProcessState? Process { get; init; }

    /// <summary>Archive, deletion and read state, and the substatus shown in the inbox.</summary>
    public partial InstanceStatus? Status { get; init; }

    /// <summary>The stakeholders (org codes) that confirmed they have finished with the instance.</summary>
    public partial IReadOnlyList<CompleteConfirmation>? CompleteConfirmations { get; init; }

    /// <summary>
    /// The instance's data elements. Storage's search returns an empty list when asked with
    /// <c>includeDataElements=false</c>, so an empty list does not prove there are no elements.
    /// </summary>
    public partial IReadOnlyList<DataElement>? Data { get; init; }

    /// <summary>Texts shown in the inbox, copied from the app's <c>presentationFields</c>.</summary>
    public partial IReadOnlyDictionary<string, string>? PresentationTexts { get; init; }

    /// <summary>Searchable values copied from the app's <c>dataFields</c>.</summary>
    public partial IReadOnlyDictionary<string, string>? DataValues { get; init; }

    /// <summary>When the instance was created (UTC).</summary>
    public partial DateTimeOffset? Created { get; init; }

    /// <summary>Who created the instance: a user id, or an organisation number (9 digits).</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? CreatedBy { get; init; }

    /// <summary>When the instance was last changed (UTC).</summary>
    public partial DateTimeOffset? LastChanged { get; init; }

    /// <summary>Who last changed the instance: a user id, or an organisation number (9 digits).</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? LastChangedBy { get; init; }

    /// <summary>
    /// <see langword="true"/> when the process has reached an end event (what Storage filters on with
    /// <c>process.isComplete=true</c>).
    /// </summary>
    [JsonIgnore]
    public bool IsComplete => Process?.Ended is not null;
}

/// <summary>Links to a resource in the App API and in Storage.</summary>
public sealed partial record ResourceLinks
{
    /// <summary>The App API address, <c>https://{org}.apps.{host}/{org}/{app}/instances/{partyId}/{guid}[/data/{id}]</c>.</summary>
    public partial string? Apps { get; init; }

    /// <summary>The Storage address, <c>https://platform.{host}/storage/api/v1/instances/{partyId}/{guid}[/data/{id}]</c>.</summary>
    public partial string? Platform { get; init; }
}

/// <summary>A stakeholder's confirmation that it has finished with an instance.</summary>
public sealed partial record CompleteConfirmation
{
    /// <summary>The confirming stakeholder, normally the app owner's org code.</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? StakeholderId { get; init; }

    /// <summary>When the confirmation was given (UTC).</summary>
    public partial DateTimeOffset ConfirmedOn { get; init; }
}

/// <summary>The archive, deletion and read state of an instance.</summary>
public sealed partial record InstanceStatus
{
    /// <summary>Whether the process has ended and the instance is archived.</summary>
    public partial bool IsArchived { get; init; }

    /// <summary>When the instance was archived (UTC).</summary>
    public partial DateTimeOffset? Archived { get; init; }

    /// <summary>Whether the instance has been deleted softly (the owner can restore it).</summary>
    public partial bool IsSoftDeleted { get; init; }

    /// <summary>When the instance was soft-deleted (UTC).</summary>
    public partial DateTimeOffset? SoftDeleted { get; init; }

    /// <summary>
    /// Whether the instance has been hard-deleted: hidden from end users, still visible to the app owner until
    /// it is purged.
    /// </summary>
    public partial bool IsHardDeleted { get; init; }

    /// <summary>When the instance was hard-deleted (UTC).</summary>
    public partial DateTimeOffset? HardDeleted { get; init; }

    /// <summary>Whether the owner has seen the instance.</summary>
    public partial ReadStatus ReadStatus { get; init; }

    /// <summary>The app owner's substatus shown in the inbox, if any.</summary>
    public partial Substatus? Substatus { get; init; }
}

/// <summary>
/// A status set by the app owner and shown in the inbox. A label longer than 25 characters is shown cut to 22
/// characters and an ellipsis.
/// </summary>
public sealed partial record Substatus
{
    /// <summary>The short status text or text resource key; Storage requires it to be non-empty.</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? Label { get; init; }

    /// <summary>A longer description or text resource key (plain text, no variables).</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? Description { get; init; }
}
