namespace Altinn.Sdk.Cli.Commands;

/// <summary>How commands describe an instance to people. National identity numbers are never shown.</summary>
internal static class InstanceText
{
    public static string Owner(Instance instance)
    {
        string party = instance.InstanceOwner?.PartyId ?? instance.Id?.PartyId.ToString(CultureInfo.InvariantCulture) ?? "?";
        return instance.InstanceOwner?.OrganisationNumber is { Length: > 0 } org ? $"{party} (org {org})"
            : instance.InstanceOwner?.PersonNumber is { Length: > 0 } ? $"{party} (person)"
            : party;
    }

    public static string Task(Instance instance) =>
        instance.Process?.CurrentTask?.ElementId ?? (instance.Process?.Ended is not null ? "(ended)" : "-");

    /// <summary>Draft, completed, confirmed, deleted: what an app owner decides on.</summary>
    public static string State(Instance instance)
    {
        var parts = new List<string>();
        InstanceStatus? status = instance.Status;
        if (status?.IsHardDeleted == true) parts.Add("hard-deleted");
        else if (status?.IsSoftDeleted == true) parts.Add("soft-deleted");

        if (instance.Process?.Ended is not null || status?.IsArchived == true) parts.Add("completed");
        else if (instance.Process?.CurrentTask is not null) parts.Add("active");
        else parts.Add("not started");

        if (instance.CompleteConfirmations is { Count: > 0 } confirmations)
        {
            parts.Add("confirmed by " + string.Join(", ", confirmations.Select(c => c.StakeholderId)));
        }

        return string.Join(", ", parts);
    }

    public static string Time(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "-";
}
