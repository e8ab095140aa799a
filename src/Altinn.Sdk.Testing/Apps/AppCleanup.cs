using Altinn.Sdk.Models;
using Altinn.Sdk.Testing.Hosting;

namespace Altinn.Sdk.Testing.Apps;

/// <summary>
/// Storage's cleanup jobs on the emulator's clock: hard-deleted instances that were never archived, or were
/// complete-confirmed with the hard delete at least 7 days old, are purged; so are data elements whose delete status
/// is at least 7 days old. Runs every emulated hour (see <see cref="AppApi.Map"/>).
/// </summary>
internal static class AppCleanup
{
    /// <summary>How often the cleanup runs, in emulated time.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>How long a hard delete waits before the purge.</summary>
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
                if (state.Remove(guid)) instances++;
                continue;
            }

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

    /// <summary>Storage's rule: hard-deleted, and either not archived, or complete-confirmed with the hard delete 7 days old.</summary>
    private static bool IsPurgeable(Instance instance, DateTimeOffset cutoff) =>
        instance.Status is { IsHardDeleted: true } status
        && (!status.IsArchived || (instance.CompleteConfirmations is { Count: > 0 } && status.HardDeleted is { } at && at <= cutoff));
}
