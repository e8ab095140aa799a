namespace Altinn.Sdk.Testing.Apps;

/// <summary>
/// Storage's cleanup jobs on the emulator's clock (altinn-storage <c>CleanupController</c> with the repository's
/// <c>readdeletedinstances</c>/<c>readdeletedelements</c>): a hard-deleted instance is purged at once when it was never
/// archived, else once the hard delete and the app owner's own complete confirmation are both 7 days old; a deleted
/// data element once its delete and its instance's confirmation by the app owner are both 7 days old. A purge removes
/// the instance events too only for apps with <c>autoDeleteOnProcessEnd</c>. Runs every emulated hour (see
/// <see cref="AppApi.Map"/>).
/// </summary>
internal static class AppCleanup
{
    /// <summary>How often the cleanup runs, in emulated time.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>How long a hard delete (and the app owner's confirmation) must be old before the purge.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromDays(7);

    /// <summary>Runs both jobs once; never throws (it runs on a timer).</summary>
    public static void Run(EmulatorContext emulator)
    {
        try
        {
            RunCleanup(emulator);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ObjectDisposedException)
        {
            // A purge that fails (content held open, emulator stopping) is retried on the next run.
        }
    }

    /// <summary>Runs both jobs once; returns the number of instances and data elements removed.</summary>
    internal static (int Instances, int DataElements) RunCleanup(EmulatorContext emulator)
    {
        var state = emulator.State;
        var cutoff = emulator.Clock.GetUtcNow() - Grace;
        int instances = 0, elements = 0;
        foreach (var (instance, _) in state.Snapshot())
        {
            var guid = instance.Id!.InstanceGuid;
            if (IsPurgeable(instance, cutoff))
            {
                bool removeEvents = state.FindApp(instance.AppId!.ToString())?.Metadata.AutoDeleteOnProcessEnd == true;
                if (state.Remove(guid, removeEvents)) instances++;
                continue;
            }

            if (!ConfirmedByOwner(instance, cutoff)) continue;
            var expired = instance.Data?.Where(d => d.DeleteStatus is { IsHardDeleted: true, HardDeleted: { } at } && at <= cutoff).Select(d => d.Id).ToHashSet();
            if (expired is not { Count: > 0 }) continue;
            state.Update(guid, i => i with { Data = i.Data?.Where(d => !expired.Contains(d.Id)).ToArray() });
            foreach (var dataGuid in expired)
            {
                state.Blobs.Delete(guid, dataGuid);
                elements++;
            }
        }

        return (instances, elements);
    }

    /// <summary>Hard-deleted, and either never archived, or the hard delete and the owner's confirmation both before the cutoff.</summary>
    private static bool IsPurgeable(Instance instance, DateTimeOffset cutoff) =>
        instance.Status is { IsHardDeleted: true } status
        && (!status.IsArchived || (status.HardDeleted is { } at && at <= cutoff && ConfirmedByOwner(instance, cutoff)));

    /// <summary>Whether the instance's own org (not another stakeholder) confirmed it complete before the cutoff.</summary>
    private static bool ConfirmedByOwner(Instance instance, DateTimeOffset cutoff) =>
        instance.CompleteConfirmations?.Any(c => string.Equals(c.StakeholderId, instance.Org, StringComparison.OrdinalIgnoreCase) && c.ConfirmedOn <= cutoff) == true;
}
