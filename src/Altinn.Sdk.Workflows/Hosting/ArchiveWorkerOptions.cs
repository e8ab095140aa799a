using Altinn.Sdk.Events;

namespace Altinn.Sdk.Workflows;

/// <summary>
/// Settings of the archive worker (<c>services.AddAltinnArchiveWorker(...)</c>): which apps, where the archive goes,
/// how often it looks, and how it keeps its place. Checked when the host starts; every wrong setting is named.
/// </summary>
/// <remarks>
/// From configuration (<c>AddAltinnArchiveWorker(configuration)</c>) the keys are the property names under the
/// <see cref="SectionName"/> section: <c>Apps</c> (a list of <c>org/app</c>), <c>Folder</c>, <c>Interval</c>,
/// <c>UseEvents</c>, <c>CheckpointFolder</c>, <c>MaxConcurrency</c>, <c>LockWait</c>, <c>FullScanEvery</c>,
/// <c>EventsRetention</c>, <c>MaxBackoff</c> and <c>HealthyWithinIntervals</c>; times as <c>hh:mm:ss</c>.
/// </remarks>
public sealed class ArchiveWorkerOptions
{
    /// <summary>
    /// The configuration section read by <c>AddAltinnArchiveWorker(configuration)</c>: <c>ArchiveWorker</c>, beside the
    /// <c>Altinn</c> section (which holds the SDK's own settings and rejects keys it does not know).
    /// </summary>
    public const string SectionName = "ArchiveWorker";

    /// <summary>Required: the apps whose completed instances are archived and confirmed, each in every pass.</summary>
    public IList<AppId> Apps { get; } = [];

    /// <summary>
    /// Where the archive is stored, or <see langword="null"/> to use a <see cref="FolderArchiveSink"/> on
    /// <see cref="Folder"/>. Set exactly one of the two: there is no default folder.
    /// </summary>
    public ArchiveSink? Sink { get; set; }

    /// <summary>The archive's root folder for a <see cref="FolderArchiveSink"/>, or <see langword="null"/> when <see cref="Sink"/> is set.</summary>
    public string? Folder { get; set; }

    /// <summary>The time between the end of one pass and the start of the next. Default 1 minute.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether passes read the apps' events feeds from a checkpoint (cheap) rather than querying Storage every time;
    /// <see langword="null"/> (the default) for yes when an <see cref="EventsClient"/> is registered. Storage is queried
    /// anyway at start, after a failure, after a gap longer than <see cref="EventsRetention"/> and every
    /// <see cref="FullScanEvery"/> passes, so no instance is missed.
    /// </summary>
    public bool? UseEvents { get; set; }

    /// <summary>
    /// Where the events checkpoints are kept, or <see langword="null"/> for a <see cref="FileEventCheckpointStore"/> in
    /// <see cref="CheckpointFolder"/>, else in the folder <c>.checkpoints</c> below a folder sink's root (on the same
    /// volume as the archive, so a restarted container finds it). Required for other sinks when events are used.
    /// </summary>
    public EventCheckpointStore? Checkpoints { get; set; }

    /// <summary>The folder of a <see cref="FileEventCheckpointStore"/>, or <see langword="null"/>; see <see cref="Checkpoints"/>.</summary>
    public string? CheckpointFolder { get; set; }

    /// <summary>How many instances of an app are archived at the same time, from 1 to <see cref="WorkflowOptions.MaxAllowedConcurrency"/>. Default <see cref="WorkflowOptions.DefaultMaxConcurrency"/>.</summary>
    public int MaxConcurrency { get; set; } = WorkflowOptions.DefaultMaxConcurrency;

    /// <summary>
    /// How long a pass waits for an app's archive lock held by another run (another replica). Default
    /// <see cref="TimeSpan.Zero"/>: the app is skipped in this pass, which is not a fault (the other replica archives it).
    /// </summary>
    public TimeSpan LockWait { get; set; } = TimeSpan.Zero;

    /// <summary>Every how many passes Storage is queried even when the events feed works, as a safety net. Default 60.</summary>
    public int FullScanEvery { get; set; } = 60;

    /// <summary>
    /// How long the events feed keeps events; after a longer gap since an app's last good pass, Storage is queried
    /// instead (the checkpoint may be older than the feed's oldest event). Default 30 days.
    /// </summary>
    public TimeSpan EventsRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The longest wait between passes after faults (the wait grows exponentially from <see cref="Interval"/>, with jitter). Default 10 minutes.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The health check reports healthy while the last good pass ended at most this many intervals ago, or a running
    /// pass finished an instance that recently (a long first pass over a backlog is not a fault). Default 3.
    /// </summary>
    public int HealthyWithinIntervals { get; set; } = 3;

    /// <summary>Problems found while reading configuration, reported at start.</summary>
    internal List<string> Problems { get; } = [];
}
