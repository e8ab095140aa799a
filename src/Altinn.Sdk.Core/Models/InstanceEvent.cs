namespace Altinn.Sdk.Models;

/// <summary>An entry in an instance's event log in Storage.</summary>
public sealed partial record InstanceEvent
{
    /// <summary>The event id.</summary>
    public partial Guid? Id { get; init; }

    /// <summary>The instance id <c>{partyId}/{guid}</c> as text.</summary>
    public partial string? InstanceId { get; init; }

    /// <summary>The data element the event concerns, if any.</summary>
    public partial string? DataId { get; init; }

    /// <summary>When the event happened (UTC); Storage sets it when absent.</summary>
    public partial DateTimeOffset? Created { get; init; }

    /// <summary>
    /// The event type, matched exactly and case-sensitively in filters: for example <c>Created</c>, <c>Saved</c>,
    /// <c>Submited</c> (sic), <c>process_StartTask</c>; apps may also write their own.
    /// </summary>
    public partial string? EventType { get; init; }

    /// <summary>The party id of the instance owner as text.</summary>
    public partial string? InstanceOwnerPartyId { get; init; }

    /// <summary>Who caused the event.</summary>
    public partial PlatformUser? User { get; init; }

    /// <summary>Another user the event concerns, for example the receiver of a delegation.</summary>
    public partial PlatformUser? RelatedUser { get; init; }

    /// <summary>The process state after the event (process events only).</summary>
    public partial ProcessState? ProcessInfo { get; init; }

    /// <summary>Free text with more about the event.</summary>
    public partial string? AdditionalInfo { get; init; }
}

/// <summary>The user, organisation or system user behind an event.</summary>
/// <remarks><see cref="ToString"/> does not show the national identity number.</remarks>
public sealed partial record PlatformUser
{
    /// <summary>The Altinn user id.</summary>
    public partial int? UserId { get; init; }

    /// <summary>The org code when an organisation acted.</summary>
    public partial string? OrgId { get; init; }

    /// <summary>The authentication level of the login (0-4).</summary>
    public partial int AuthenticationLevel { get; init; }

    /// <summary>The id of the end-user system used, if any.</summary>
    public partial int? EndUserSystemId { get; init; }

    /// <summary>The person's national identity number (11 digits).</summary>
    public partial string? NationalIdentityNumber { get; init; }

    /// <summary>The system user id, when a system user acted.</summary>
    public partial Guid? SystemUserId { get; init; }

    /// <summary>The organisation number of the system user's owner.</summary>
    public partial string? SystemUserOwnerOrgNo { get; init; }

    /// <summary>The system user's name.</summary>
    public partial string? SystemUserName { get; init; }

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
public sealed partial record ProcessHistoryItem
{
    /// <summary>The process event type, for example <c>process_StartEvent</c> or <c>process_StartTask</c>.</summary>
    public partial string? EventType { get; init; }

    /// <summary>The BPMN element id.</summary>
    public partial string? ElementId { get; init; }

    /// <summary>When a start or end event happened (UTC). Spelled <c>occured</c> on the wire.</summary>
    [JsonPropertyName("occured")]
    public partial DateTimeOffset? Occurred { get; init; }

    /// <summary>When the task started (UTC).</summary>
    public partial DateTimeOffset? Started { get; init; }

    /// <summary>When the task ended (UTC).</summary>
    public partial DateTimeOffset? Ended { get; init; }

    /// <summary>
    /// Who performed the step: a national identity number, else an org code, else a system user's owner
    /// organisation number, else empty.
    /// </summary>
    public partial string? PerformedBy { get; init; }

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
