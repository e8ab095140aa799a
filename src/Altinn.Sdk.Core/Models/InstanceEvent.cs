using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>An entry in an instance's event log in Storage.</summary>
public sealed record InstanceEvent
{
    /// <summary>The event id.</summary>
    [JsonIgnore]
    public Guid? Id { get => IdOnWire; init => IdOnWire = value; }

    [JsonInclude, JsonPropertyName("id")]
    internal Guid? IdOnWire { get; set; }

    /// <summary>The instance id <c>{partyId}/{guid}</c> as text.</summary>
    [JsonIgnore]
    public string? InstanceId { get => InstanceIdOnWire; init => InstanceIdOnWire = value; }

    [JsonInclude, JsonPropertyName("instanceId")]
    internal string? InstanceIdOnWire { get; set; }

    /// <summary>The data element the event concerns, if any.</summary>
    [JsonIgnore]
    public string? DataId { get => DataIdOnWire; init => DataIdOnWire = value; }

    [JsonInclude, JsonPropertyName("dataId")]
    internal string? DataIdOnWire { get; set; }

    /// <summary>When the event happened (UTC); Storage sets it when absent.</summary>
    [JsonIgnore]
    public DateTimeOffset? Created { get => CreatedOnWire; init => CreatedOnWire = value; }

    [JsonInclude, JsonPropertyName("created")]
    internal DateTimeOffset? CreatedOnWire { get; set; }

    /// <summary>
    /// The event type, matched exactly and case-sensitively in filters: for example <c>Created</c>, <c>Saved</c>,
    /// <c>Submited</c> (sic), <c>process_StartTask</c>; apps may also write their own.
    /// </summary>
    [JsonIgnore]
    public string? EventType { get => EventTypeOnWire; init => EventTypeOnWire = value; }

    [JsonInclude, JsonPropertyName("eventType")]
    internal string? EventTypeOnWire { get; set; }

    /// <summary>The party id of the instance owner as text.</summary>
    [JsonIgnore]
    public string? InstanceOwnerPartyId { get => InstanceOwnerPartyIdOnWire; init => InstanceOwnerPartyIdOnWire = value; }

    [JsonInclude, JsonPropertyName("instanceOwnerPartyId")]
    internal string? InstanceOwnerPartyIdOnWire { get; set; }

    /// <summary>Who caused the event.</summary>
    [JsonIgnore]
    public PlatformUser? User { get => UserOnWire; init => UserOnWire = value; }

    [JsonInclude, JsonPropertyName("user")]
    internal PlatformUser? UserOnWire { get; set; }

    /// <summary>Another user the event concerns, for example the receiver of a delegation.</summary>
    [JsonIgnore]
    public PlatformUser? RelatedUser { get => RelatedUserOnWire; init => RelatedUserOnWire = value; }

    [JsonInclude, JsonPropertyName("relatedUser")]
    internal PlatformUser? RelatedUserOnWire { get; set; }

    /// <summary>The process state after the event (process events only).</summary>
    [JsonIgnore]
    public ProcessState? ProcessInfo { get => ProcessInfoOnWire; init => ProcessInfoOnWire = value; }

    [JsonInclude, JsonPropertyName("processInfo")]
    internal ProcessState? ProcessInfoOnWire { get; set; }

    /// <summary>Free text with more about the event.</summary>
    [JsonIgnore]
    public string? AdditionalInfo { get => AdditionalInfoOnWire; init => AdditionalInfoOnWire = value; }

    [JsonInclude, JsonPropertyName("additionalInfo")]
    internal string? AdditionalInfoOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The user, organisation or system user behind an event.</summary>
/// <remarks><see cref="ToString"/> does not show the national identity number.</remarks>
public sealed record PlatformUser
{
    /// <summary>The Altinn user id.</summary>
    [JsonIgnore]
    public int? UserId { get => UserIdOnWire; init => UserIdOnWire = value; }

    [JsonInclude, JsonPropertyName("userId")]
    internal int? UserIdOnWire { get; set; }

    /// <summary>The org code when an organisation acted.</summary>
    [JsonIgnore]
    public string? OrgId { get => OrgIdOnWire; init => OrgIdOnWire = value; }

    [JsonInclude, JsonPropertyName("orgId")]
    internal string? OrgIdOnWire { get; set; }

    /// <summary>The authentication level of the login (0-4).</summary>
    [JsonIgnore]
    public int AuthenticationLevel { get => AuthenticationLevelOnWire; init => AuthenticationLevelOnWire = value; }

    [JsonInclude, JsonPropertyName("authenticationLevel")]
    internal int AuthenticationLevelOnWire { get; set; }

    /// <summary>The id of the end-user system used, if any.</summary>
    [JsonIgnore]
    public int? EndUserSystemId { get => EndUserSystemIdOnWire; init => EndUserSystemIdOnWire = value; }

    [JsonInclude, JsonPropertyName("endUserSystemId")]
    internal int? EndUserSystemIdOnWire { get; set; }

    /// <summary>The person's national identity number (11 digits).</summary>
    [JsonIgnore]
    public string? NationalIdentityNumber { get => NationalIdentityNumberOnWire; init => NationalIdentityNumberOnWire = value; }

    [JsonInclude, JsonPropertyName("nationalIdentityNumber")]
    internal string? NationalIdentityNumberOnWire { get; set; }

    /// <summary>The system user id, when a system user acted.</summary>
    [JsonIgnore]
    public Guid? SystemUserId { get => SystemUserIdOnWire; init => SystemUserIdOnWire = value; }

    [JsonInclude, JsonPropertyName("systemUserId")]
    internal Guid? SystemUserIdOnWire { get; set; }

    /// <summary>The organisation number of the system user's owner.</summary>
    [JsonIgnore]
    public string? SystemUserOwnerOrgNo { get => SystemUserOwnerOrgNoOnWire; init => SystemUserOwnerOrgNoOnWire = value; }

    [JsonInclude, JsonPropertyName("systemUserOwnerOrgNo")]
    internal string? SystemUserOwnerOrgNoOnWire { get; set; }

    /// <summary>The system user's name.</summary>
    [JsonIgnore]
    public string? SystemUserName { get => SystemUserNameOnWire; init => SystemUserNameOnWire = value; }

    [JsonInclude, JsonPropertyName("systemUserName")]
    internal string? SystemUserNameOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("UserId = ").Append(UserId?.ToString(CultureInfo.InvariantCulture))
            .Append(", OrgId = ").Append(OrgId)
            .Append(", AuthenticationLevel = ").Append(AuthenticationLevel.ToString(CultureInfo.InvariantCulture))
            .Append(", EndUserSystemId = ").Append(EndUserSystemId?.ToString(CultureInfo.InvariantCulture))
            .Append(", NationalIdentityNumber = ").Append(Redaction.Mask(NationalIdentityNumber))
            .Append(", SystemUserId = ").Append(SystemUserId)
            .Append(", SystemUserOwnerOrgNo = ").Append(SystemUserOwnerOrgNo)
            .Append(", SystemUserName = ").Append(SystemUserName);
        return true;
    }
}

/// <summary>One step of an instance's process history, built by Storage from its process events.</summary>
/// <remarks><see cref="ToString"/> does not show <see cref="PerformedBy"/>, which may be a national identity number.</remarks>
public sealed record ProcessHistoryItem
{
    /// <summary>The process event type, for example <c>process_StartEvent</c> or <c>process_StartTask</c>.</summary>
    [JsonIgnore]
    public string? EventType { get => EventTypeOnWire; init => EventTypeOnWire = value; }

    [JsonInclude, JsonPropertyName("eventType")]
    internal string? EventTypeOnWire { get; set; }

    /// <summary>The BPMN element id.</summary>
    [JsonIgnore]
    public string? ElementId { get => ElementIdOnWire; init => ElementIdOnWire = value; }

    [JsonInclude, JsonPropertyName("elementId")]
    internal string? ElementIdOnWire { get; set; }

    /// <summary>When a start or end event happened (UTC). Spelled <c>occured</c> on the wire.</summary>
    // The wire name here too: an ignored property under another name would swallow a JSON "occurred" instead of
    // keeping it as an unknown property.
    [JsonIgnore, JsonPropertyName("occured")]
    public DateTimeOffset? Occurred { get => OccurredOnWire; init => OccurredOnWire = value; }

    [JsonInclude, JsonPropertyName("occured")]
    internal DateTimeOffset? OccurredOnWire { get; set; }

    /// <summary>When the task started (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset? Started { get => StartedOnWire; init => StartedOnWire = value; }

    [JsonInclude, JsonPropertyName("started")]
    internal DateTimeOffset? StartedOnWire { get; set; }

    /// <summary>When the task ended (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset? Ended { get => EndedOnWire; init => EndedOnWire = value; }

    [JsonInclude, JsonPropertyName("ended")]
    internal DateTimeOffset? EndedOnWire { get; set; }

    /// <summary>
    /// Who performed the step: a national identity number, else an org code, else a system user's owner
    /// organisation number, else empty.
    /// </summary>
    [JsonIgnore]
    public string? PerformedBy { get => PerformedByOnWire; init => PerformedByOnWire = value; }

    [JsonInclude, JsonPropertyName("performedBy")]
    internal string? PerformedByOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("EventType = ").Append(EventType)
            .Append(", ElementId = ").Append(ElementId)
            .Append(", Occurred = ").Append(Occurred)
            .Append(", Started = ").Append(Started)
            .Append(", Ended = ").Append(Ended)
            .Append(", PerformedBy = ").Append(string.IsNullOrEmpty(PerformedBy) ? PerformedBy : Redaction.Hidden);
        return true;
    }
}
