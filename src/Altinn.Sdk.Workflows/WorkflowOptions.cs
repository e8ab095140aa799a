namespace Altinn.Sdk.Workflows;

/// <summary>
/// Settings every workflow of <see cref="WorkflowClient"/> shares: dry run, how many instances are worked on at once,
/// and where progress goes. Derived options add what one workflow needs.
/// </summary>
public class WorkflowOptions
{
    /// <summary>The default of <see cref="MaxConcurrency"/>: a few instances at a time keeps Altinn's rate limits and the local disk comfortable.</summary>
    public const int DefaultMaxConcurrency = 4;

    /// <summary>The largest allowed <see cref="MaxConcurrency"/>.</summary>
    public const int MaxAllowedConcurrency = 32;

    private int _maxConcurrency = DefaultMaxConcurrency;

    /// <summary>
    /// When <see langword="true"/>, the workflow reads what it needs (queries, metadata) and reports what it would do,
    /// but sends no write (no POST, PUT or DELETE) and writes no file. Default <see langword="false"/>.
    /// </summary>
    public bool DryRun { get; set; }

    /// <summary>How many instances are worked on at the same time, from 1 to <see cref="MaxAllowedConcurrency"/>. Default <see cref="DefaultMaxConcurrency"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above <see cref="MaxAllowedConcurrency"/>.</exception>
    public int MaxConcurrency
    {
        get => _maxConcurrency;
        set
        {
            if (value < 1 || value > MaxAllowedConcurrency)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"MaxConcurrency must be from 1 to {MaxAllowedConcurrency}.");
            }

            _maxConcurrency = value;
        }
    }

    /// <summary>
    /// Receives a report when an instance is started and when it is done, skipped or failed, or <see langword="null"/>.
    /// Reports come from several threads at once when <see cref="MaxConcurrency"/> is above 1 (<see cref="Progress{T}"/>
    /// hands them to its synchronization context; an own implementation must be thread-safe).
    /// </summary>
    public IProgress<WorkflowProgress>? Progress { get; set; }

    /// <summary>Another identity (credential or party) for every request of the workflow, or <see langword="null"/>.</summary>
    public AltinnRequestOptions? RequestOptions { get; set; }
}

/// <summary>Options of <see cref="WorkflowClient.ArchiveAsync(AppId, string, ArchiveOptions?, System.Threading.CancellationToken)"/>.</summary>
public sealed class ArchiveOptions : WorkflowOptions
{
    /// <summary>
    /// Whether to confirm each instance complete in Storage once its files are all on disk and verified. Default
    /// <see langword="true"/>. With <see langword="false"/> the files are written and verified and nothing is sent to
    /// Storage; a later run with <see langword="true"/> confirms without downloading again.
    /// </summary>
    public bool ConfirmComplete { get; set; } = true;

    private TimeSpan _folderLockTimeout = TimeSpan.Zero;

    /// <summary>
    /// How long a run waits when another archive run (in this or another process) holds the app's archive folder
    /// <c>{folder}/{org}/{app}</c> (by its lock file <c>.lock</c>), or, with another <see cref="ArchiveSink"/>, the lock
    /// that sink takes for the app (<see cref="ArchiveSink.LockAsync(string, TimeSpan, CancellationToken)"/>). Default <see cref="TimeSpan.Zero"/>: the run stops at
    /// once with a <see cref="WorkflowStoppedException"/> that says so, before it lists or writes anything. The wait ends early
    /// on cancellation. A dry run writes nothing and takes no lock.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan FolderLockTimeout
    {
        get => _folderLockTimeout;
        set
        {
            if (value < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(value), value, "FolderLockTimeout must not be negative.");
            _folderLockTimeout = value;
        }
    }
}

/// <summary>Options of <see cref="WorkflowClient.GetUndeployReadinessAsync(AppId, UndeployReadinessOptions?, System.Threading.CancellationToken)"/>.</summary>
public sealed class UndeployReadinessOptions : WorkflowOptions
{
    /// <summary>
    /// A folder to export every instance of the app to (the archive layout, without confirming anything), or
    /// <see langword="null"/> for the report alone. <see cref="WorkflowOptions.DryRun"/> reports the export without writing.
    /// </summary>
    public string? ExportDirectory { get; set; }

    /// <summary>
    /// The upper bounds of the draft age groups, ascending; drafts older than the last bound form a last group.
    /// Default 7, 30, 90 and 365 days.
    /// </summary>
    public System.Collections.Generic.IList<TimeSpan> DraftAgeBounds { get; } =
        [TimeSpan.FromDays(7), TimeSpan.FromDays(30), TimeSpan.FromDays(90), TimeSpan.FromDays(365)];

    /// <summary>
    /// Whether to hard-delete the active instances (not complete, not deleted) through the app's API after the report
    /// and the optional export, as Altinn advises before an undeploy (the app's API is gone afterwards). Each is read
    /// again right before its delete and kept when it is no longer active in the same task. With an export, only the
    /// instances it archived are deleted, and only unchanged since (the same <c>lastChanged</c>): one whose export
    /// failed, that appeared after it or that changed since is kept. <see cref="WorkflowOptions.DryRun"/> lists them without deleting. The app's
    /// <c>policy.xml</c> must let the app owner delete. Default <see langword="false"/>.
    /// </summary>
    public bool DeleteActiveInstances { get; set; }
}

/// <summary>
/// Options of <see cref="WorkflowClient.DeleteDraftsAsync(AppId, DeleteDraftsOptions, System.Threading.CancellationToken)"/>:
/// which drafts are stale, and how to delete them.
/// </summary>
public class DeleteDraftsOptions : WorkflowOptions
{
    /// <summary>
    /// Required: when the drafts were created (<c>created</c>), for example <c>DateFilter.OnOrBefore(2020, 9, 30)</c>
    /// for everything created on or before 30 September 2020.
    /// </summary>
    public DateFilter? Created { get; set; }

    /// <summary>
    /// The task the drafts are still in (<c>process.currentTask</c>). Default <c>Task_1</c>, the filling-in task of
    /// Altinn's templates; <see langword="null"/> for drafts in any task (never a completed instance).
    /// </summary>
    public string? CurrentTask { get; set; } = "Task_1";

    /// <summary>
    /// <see langword="true"/> for a hard delete (hidden from the owner, purged by Altinn later); default
    /// <see langword="false"/>, a soft delete the owner can undo from the inbox's bin.
    /// </summary>
    public bool Hard { get; set; }
}
