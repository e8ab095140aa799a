using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

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
public sealed record Instance
{
    /// <summary>
    /// The instance id <c>{instanceOwnerPartyId}/{instanceGuid}</c>; <see langword="null"/> only in a template
    /// for an instance not yet created.
    /// </summary>
    [JsonIgnore]
    public InstanceId? Id { get => IdOnWire; init => IdOnWire = value; }

    [JsonInclude, JsonPropertyName("id")]
    internal InstanceId? IdOnWire { get; set; }

    /// <summary>The party that owns the instance.</summary>
    [JsonIgnore]
    public InstanceOwner? InstanceOwner { get => InstanceOwnerOnWire; init => InstanceOwnerOnWire = value; }

    [JsonInclude, JsonPropertyName("instanceOwner")]
    internal InstanceOwner? InstanceOwnerOnWire { get; set; }

    /// <summary>The app the instance belongs to, <c>{org}/{app}</c>.</summary>
    [JsonIgnore]
    public AppId? AppId { get => AppIdOnWire; init => AppIdOnWire = value; }

    [JsonInclude, JsonPropertyName("appId")]
    internal AppId? AppIdOnWire { get; set; }

    /// <summary>The app owner's org code in lower case, for example <c>ttd</c>.</summary>
    [JsonIgnore]
    public string? Org { get => OrgOnWire; init => OrgOnWire = value; }

    [JsonInclude, JsonPropertyName("org"), JsonConverter(typeof(RepeatedStringConverter))]
    internal string? OrgOnWire { get; set; }

    /// <summary>Links to the instance: <c>apps</c> is filled by the App API, <c>platform</c> by Storage.</summary>
    [JsonIgnore]
    public ResourceLinks? SelfLinks { get => SelfLinksOnWire; init => SelfLinksOnWire = value; }

    [JsonInclude, JsonPropertyName("selfLinks")]
    internal ResourceLinks? SelfLinksOnWire { get; set; }

    /// <summary>The deadline shown to the owner, if any.</summary>
    [JsonIgnore]
    public DateTimeOffset? DueBefore { get => DueBeforeOnWire; init => DueBeforeOnWire = value; }

    [JsonInclude, JsonPropertyName("dueBefore")]
    internal DateTimeOffset? DueBeforeOnWire { get; set; }

    /// <summary>When the instance becomes visible to the owner; Storage defaults it to the creation time.</summary>
    [JsonIgnore]
    public DateTimeOffset? VisibleAfter { get => VisibleAfterOnWire; init => VisibleAfterOnWire = value; }

    [JsonInclude, JsonPropertyName("visibleAfter")]
    internal DateTimeOffset? VisibleAfterOnWire { get; set; }

    /// <summary>Where the instance is in the app's process; absent before the process has started.</summary>
    [JsonIgnore]
    public ProcessState? Process { get => ProcessOnWire; init => ProcessOnWire = value; }

    [JsonInclude, JsonPropertyName("process")]
    internal ProcessState? ProcessOnWire { get; set; }

    /// <summary>Archive, deletion and read state, and the substatus shown in the inbox.</summary>
    [JsonIgnore]
    public InstanceStatus? Status { get => StatusOnWire; init => StatusOnWire = value; }

    [JsonInclude, JsonPropertyName("status")]
    internal InstanceStatus? StatusOnWire { get; set; }

    /// <summary>The stakeholders (org codes) that confirmed they have finished with the instance.</summary>
    [JsonIgnore]
    public IReadOnlyList<CompleteConfirmation>? CompleteConfirmations { get => CompleteConfirmationsOnWire; init => CompleteConfirmationsOnWire = value; }

    [JsonInclude, JsonPropertyName("completeConfirmations")]
    internal IReadOnlyList<CompleteConfirmation>? CompleteConfirmationsOnWire { get; set; }

    /// <summary>
    /// The instance's data elements. Storage's search returns an empty list when asked with
    /// <c>includeDataElements=false</c>, so an empty list does not prove there are no elements.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<DataElement>? Data { get => DataOnWire; init => DataOnWire = value; }

    [JsonInclude, JsonPropertyName("data")]
    internal IReadOnlyList<DataElement>? DataOnWire { get; set; }

    /// <summary>Texts shown in the inbox, copied from the app's <c>presentationFields</c>.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string>? PresentationTexts { get => PresentationTextsOnWire; init => PresentationTextsOnWire = value; }

    [JsonInclude, JsonPropertyName("presentationTexts")]
    internal IReadOnlyDictionary<string, string>? PresentationTextsOnWire { get; set; }

    /// <summary>Searchable values copied from the app's <c>dataFields</c>.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string>? DataValues { get => DataValuesOnWire; init => DataValuesOnWire = value; }

    [JsonInclude, JsonPropertyName("dataValues")]
    internal IReadOnlyDictionary<string, string>? DataValuesOnWire { get; set; }

    /// <summary>When the instance was created (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset? Created { get => CreatedOnWire; init => CreatedOnWire = value; }

    [JsonInclude, JsonPropertyName("created")]
    internal DateTimeOffset? CreatedOnWire { get; set; }

    /// <summary>Who created the instance: a user id, or an organisation number (9 digits).</summary>
    [JsonIgnore]
    public string? CreatedBy { get => CreatedByOnWire; init => CreatedByOnWire = value; }

    [JsonInclude, JsonPropertyName("createdBy"), JsonConverter(typeof(RepeatedStringConverter))]
    internal string? CreatedByOnWire { get; set; }

    /// <summary>When the instance was last changed (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset? LastChanged { get => LastChangedOnWire; init => LastChangedOnWire = value; }

    [JsonInclude, JsonPropertyName("lastChanged")]
    internal DateTimeOffset? LastChangedOnWire { get; set; }

    /// <summary>Who last changed the instance: a user id, or an organisation number (9 digits).</summary>
    [JsonIgnore]
    public string? LastChangedBy { get => LastChangedByOnWire; init => LastChangedByOnWire = value; }

    [JsonInclude, JsonPropertyName("lastChangedBy"), JsonConverter(typeof(RepeatedStringConverter))]
    internal string? LastChangedByOnWire { get; set; }

    /// <summary>
    /// <see langword="true"/> when the process has reached an end event (what Storage filters on with
    /// <c>process.isComplete=true</c>).
    /// </summary>
    [JsonIgnore]
    public bool IsComplete => Process?.Ended is not null;

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Links to a resource in the App API and in Storage.</summary>
public sealed record ResourceLinks
{
    /// <summary>The App API address, <c>https://{org}.apps.{host}/{org}/{app}/instances/{partyId}/{guid}[/data/{id}]</c>.</summary>
    [JsonIgnore]
    public string? Apps { get => AppsOnWire; init => AppsOnWire = value; }

    [JsonInclude, JsonPropertyName("apps")]
    internal string? AppsOnWire { get; set; }

    /// <summary>The Storage address, <c>https://platform.{host}/storage/api/v1/instances/{partyId}/{guid}[/data/{id}]</c>.</summary>
    [JsonIgnore]
    public string? Platform { get => PlatformOnWire; init => PlatformOnWire = value; }

    [JsonInclude, JsonPropertyName("platform")]
    internal string? PlatformOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A stakeholder's confirmation that it has finished with an instance.</summary>
public sealed record CompleteConfirmation
{
    /// <summary>The confirming stakeholder, normally the app owner's org code.</summary>
    [JsonIgnore]
    public string? StakeholderId { get => StakeholderIdOnWire; init => StakeholderIdOnWire = value; }

    [JsonInclude, JsonPropertyName("stakeholderId"), JsonConverter(typeof(RepeatedStringConverter))]
    internal string? StakeholderIdOnWire { get; set; }

    /// <summary>When the confirmation was given (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset ConfirmedOn { get => ConfirmedOnOnWire; init => ConfirmedOnOnWire = value; }

    [JsonInclude, JsonPropertyName("confirmedOn")]
    internal DateTimeOffset ConfirmedOnOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The archive, deletion and read state of an instance.</summary>
public sealed record InstanceStatus
{
    /// <summary>Whether the process has ended and the instance is archived.</summary>
    [JsonIgnore]
    public bool IsArchived { get => IsArchivedOnWire; init => IsArchivedOnWire = value; }

    [JsonInclude, JsonPropertyName("isArchived")]
    internal bool IsArchivedOnWire { get; set; }

    /// <summary>When the instance was archived (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset? Archived { get => ArchivedOnWire; init => ArchivedOnWire = value; }

    [JsonInclude, JsonPropertyName("archived")]
    internal DateTimeOffset? ArchivedOnWire { get; set; }

    /// <summary>Whether the instance has been deleted softly (the owner can restore it).</summary>
    [JsonIgnore]
    public bool IsSoftDeleted { get => IsSoftDeletedOnWire; init => IsSoftDeletedOnWire = value; }

    [JsonInclude, JsonPropertyName("isSoftDeleted")]
    internal bool IsSoftDeletedOnWire { get; set; }

    /// <summary>When the instance was soft-deleted (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset? SoftDeleted { get => SoftDeletedOnWire; init => SoftDeletedOnWire = value; }

    [JsonInclude, JsonPropertyName("softDeleted")]
    internal DateTimeOffset? SoftDeletedOnWire { get; set; }

    /// <summary>
    /// Whether the instance has been hard-deleted: hidden from end users, still visible to the app owner until
    /// it is purged.
    /// </summary>
    [JsonIgnore]
    public bool IsHardDeleted { get => IsHardDeletedOnWire; init => IsHardDeletedOnWire = value; }

    [JsonInclude, JsonPropertyName("isHardDeleted")]
    internal bool IsHardDeletedOnWire { get; set; }

    /// <summary>When the instance was hard-deleted (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset? HardDeleted { get => HardDeletedOnWire; init => HardDeletedOnWire = value; }

    [JsonInclude, JsonPropertyName("hardDeleted")]
    internal DateTimeOffset? HardDeletedOnWire { get; set; }

    /// <summary>Whether the owner has seen the instance.</summary>
    [JsonIgnore]
    public ReadStatus ReadStatus { get => ReadStatusOnWire; init => ReadStatusOnWire = value; }

    [JsonInclude, JsonPropertyName("readStatus")]
    internal ReadStatus ReadStatusOnWire { get; set; }

    /// <summary>The app owner's substatus shown in the inbox, if any.</summary>
    [JsonIgnore]
    public Substatus? Substatus { get => SubstatusOnWire; init => SubstatusOnWire = value; }

    [JsonInclude, JsonPropertyName("substatus")]
    internal Substatus? SubstatusOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>
/// A status set by the app owner and shown in the inbox. A label longer than 25 characters is shown cut to 22
/// characters and an ellipsis.
/// </summary>
public sealed record Substatus
{
    /// <summary>The short status text or text resource key; Storage requires it to be non-empty.</summary>
    [JsonIgnore]
    public string? Label { get => LabelOnWire; init => LabelOnWire = value; }

    [JsonInclude, JsonPropertyName("label"), JsonConverter(typeof(RepeatedStringConverter))]
    internal string? LabelOnWire { get; set; }

    /// <summary>A longer description or text resource key (plain text, no variables).</summary>
    [JsonIgnore]
    public string? Description { get => DescriptionOnWire; init => DescriptionOnWire = value; }

    [JsonInclude, JsonPropertyName("description"), JsonConverter(typeof(RepeatedStringConverter))]
    internal string? DescriptionOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
