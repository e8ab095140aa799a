using System;

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
}
