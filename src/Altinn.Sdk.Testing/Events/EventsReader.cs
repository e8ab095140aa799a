namespace Altinn.Sdk.Testing.Events;

/// <summary>
/// An Events consumer and what it may read, standing in for Altinn Authorization: an app owner reads its own apps'
/// events, a user the events of parties they represent, a system user (or an organisation) the events of its
/// organisation's party. Events of other resources are open to all (the emulator has no resource policies).
/// </summary>
internal sealed class EventsReader(string consumer, string? org, int? userId, string? organisationNumber)
{
    /// <summary>The prefix of an app's resource, <c>urn:altinn:resource:app_{org}_{app}</c>.</summary>
    public const string AppResourcePrefix = "urn:altinn:resource:app_";

    /// <summary><c>/org/{org}</c>, <c>/user/{id}</c>, <c>/systemuser/{uuid}</c> or <c>/organisation/{orgno}</c>.</summary>
    public string Consumer { get; } = consumer;

    /// <summary>The service-owner org code, for app owners.</summary>
    public string? Org { get; } = org;

    /// <summary>The user id, for a person.</summary>
    public int? UserId { get; } = userId;

    /// <summary>The organisation a system user acts for, or the organisation itself.</summary>
    public string? OrganisationNumber { get; } = organisationNumber;

    /// <summary>The reader for a caller.</summary>
    public static EventsReader From(Caller caller)
    {
        if (caller.IsSystemUser) return new EventsReader($"/systemuser/{caller.SystemUserId}", null, null, caller.SystemUserOrgNumber);
        if (caller.IsUser) return new EventsReader("/user/" + caller.UserId!.Value.ToString(CultureInfo.InvariantCulture), null, caller.UserId, null);
        if (caller.IsOrg) return new EventsReader("/org/" + caller.Org, caller.Org, null, null);
        return new EventsReader("/organisation/" + caller.OrgNumber, null, null, caller.OrgNumber);
    }

    /// <summary>Whether the app events of <paramref name="org"/> are this app owner's.</summary>
    public bool OwnsAppsOf(string org) => Org is not null && string.Equals(Org, org, StringComparison.Ordinal);

    /// <summary>Whether the identity may act for (read the events of) a party.</summary>
    public bool MayRepresent(EmulatorState state, int partyId)
    {
        if (UserId is { } userId)
        {
            var user = state.FindUser(userId);
            return user is not null && (user.PartyId == partyId || user.Represents.Contains(partyId));
        }

        if (OrganisationNumber is not null)
        {
            return state.FindParty(partyId)?.OrganisationNumber == OrganisationNumber;
        }

        return false;
    }

    /// <summary>
    /// Whether the identity may read an event. The emulator has no Resource Registry policies, so any identity may
    /// read the events of a resource that is not an app.
    /// </summary>
    public bool MayRead(EmulatorState state, EmulatedCloudEvent cloudEvent)
    {
        if (!cloudEvent.Resource.StartsWith(AppResourcePrefix, StringComparison.Ordinal)) return true;
        if (Org is not null) return cloudEvent.Resource.StartsWith($"urn:altinn:resource:app_{Org}_", StringComparison.Ordinal);
        return TryParty(cloudEvent.Subject, out int partyId) && MayRepresent(state, partyId);
    }

    /// <summary>Reads the party id from a <c>/party/{id}</c> subject.</summary>
    public static bool TryParty(string? subject, out int partyId)
    {
        partyId = 0;
        return subject is not null && subject.StartsWith("/party/", StringComparison.Ordinal)
            && int.TryParse(subject.AsSpan("/party/".Length), NumberStyles.None, CultureInfo.InvariantCulture, out partyId);
    }
}
