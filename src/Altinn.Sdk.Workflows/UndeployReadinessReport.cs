using System.Globalization;
using System.Text;

namespace Altinn.Sdk.Workflows;

/// <summary>A group of drafts by age (time since <c>created</c>).</summary>
public sealed class DraftAgeGroup
{
    /// <summary>Creates a group (for tests and mocks).</summary>
    /// <param name="olderThan">The lower bound (exclusive), or <see langword="null"/> for the youngest group.</param>
    /// <param name="upTo">The upper bound (inclusive), or <see langword="null"/> for the oldest group.</param>
    /// <param name="count">The number of drafts.</param>
    public DraftAgeGroup(TimeSpan? olderThan, TimeSpan? upTo, int count)
    {
        OlderThan = olderThan;
        UpTo = upTo;
        Count = count;
    }

    /// <summary>The lower bound (exclusive), or <see langword="null"/> for the youngest group.</summary>
    public TimeSpan? OlderThan { get; }

    /// <summary>The upper bound (inclusive), or <see langword="null"/> for the oldest group.</summary>
    public TimeSpan? UpTo { get; }

    /// <summary>The number of drafts in the group.</summary>
    public int Count { get; }

    /// <summary>The group as text, for example <c>7 to 30 days</c>.</summary>
    public string Label => (OlderThan, UpTo) switch
    {
        (null, { } upTo) => $"up to {Days(upTo)} days",
        ({ } from, null) => $"over {Days(from)} days",
        ({ } from, { } upTo) => $"{Days(from)} to {Days(upTo)} days",
        _ => "any age",
    };

    /// <inheritdoc/>
    public override string ToString() => $"{Label}: {Count}";

    private static string Days(TimeSpan span) => span.TotalDays.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// What to know before undeploying an app, from Storage alone: its instances by state, the drafts by age, its
/// automatic deletion settings, the documented alternatives, and optionally an export of every instance.
/// </summary>
public sealed class UndeployReadinessReport
{
    /// <summary>The documented alternatives to undeploying an app.</summary>
    public static IReadOnlyList<string> Alternatives { get; } =
    [
        "Roll back to an earlier, working version of the app.",
        "Disable the app in code, or change its access settings so users cannot start new instances.",
        "Add validation that decides when users may use the app (a transition period before it becomes unavailable).",
    ];

    /// <summary>What undeploying means for the data.</summary>
    public const string AfterUndeploy =
        "After undeploy the app is unavailable in the UI and through its API: external systems calling it get errors, users opening an active instance get an error page, " +
        "and the instances' data can be reached only through the Storage API. Active instances that should go must be deleted through the app's API before undeploying.";

    /// <summary>Creates a report (for tests and mocks).</summary>
    /// <param name="appId">The app.</param>
    /// <param name="generated">When the report was made.</param>
    /// <param name="totalInstances">Every instance Storage listed for the app.</param>
    /// <param name="activeByCurrentTask">Active instances (not complete, not deleted) by current task.</param>
    /// <param name="draftsByAge">Active instances by age.</param>
    /// <param name="deletedDrafts">Instances not complete but soft- or hard-deleted.</param>
    /// <param name="completed">Completed instances.</param>
    /// <param name="completedUnconfirmed">Completed instances the app owner has not confirmed.</param>
    /// <param name="appAutoDeleteOnProcessEnd">The app's <c>autoDeleteOnProcessEnd</c>.</param>
    /// <param name="autoDeleteDataTypes">Data types with <c>appLogic.autoDeleteOnProcessEnd</c>.</param>
    /// <param name="export">The export, or <see langword="null"/>.</param>
    /// <param name="activeInstancesDeletion">The deletion of the active instances, or <see langword="null"/>.</param>
    public UndeployReadinessReport(
        AppId appId,
        DateTimeOffset generated,
        int totalInstances,
        IReadOnlyDictionary<string, int> activeByCurrentTask,
        IReadOnlyList<DraftAgeGroup> draftsByAge,
        int deletedDrafts,
        int completed,
        int completedUnconfirmed,
        bool appAutoDeleteOnProcessEnd,
        IReadOnlyList<string> autoDeleteDataTypes,
        ArchiveResult? export,
        WorkflowResult? activeInstancesDeletion = null)
    {
        AppId = appId ?? throw new ArgumentNullException(nameof(appId));
        Generated = generated;
        TotalInstances = totalInstances;
        ActiveByCurrentTask = activeByCurrentTask ?? throw new ArgumentNullException(nameof(activeByCurrentTask));
        DraftsByAge = draftsByAge ?? throw new ArgumentNullException(nameof(draftsByAge));
        DeletedDrafts = deletedDrafts;
        Completed = completed;
        CompletedUnconfirmed = completedUnconfirmed;
        AppAutoDeleteOnProcessEnd = appAutoDeleteOnProcessEnd;
        AutoDeleteDataTypes = autoDeleteDataTypes ?? throw new ArgumentNullException(nameof(autoDeleteDataTypes));
        Export = export;
        ActiveInstancesDeletion = activeInstancesDeletion;
    }

    /// <summary>The app.</summary>
    public AppId AppId { get; }

    /// <summary>When the report was made.</summary>
    public DateTimeOffset Generated { get; }

    /// <summary>Every instance Storage listed for the app (active, completed and deleted).</summary>
    public int TotalInstances { get; }

    /// <summary>Active instances (process not ended, not soft- or hard-deleted) by current task id; users of these get an error page after undeploy.</summary>
    public IReadOnlyDictionary<string, int> ActiveByCurrentTask { get; }

    /// <summary>The number of active instances (drafts): the sum of <see cref="ActiveByCurrentTask"/>.</summary>
    public int Drafts => ActiveByCurrentTask.Values.Sum();

    /// <summary>The drafts grouped by age (time since created), youngest first.</summary>
    public IReadOnlyList<DraftAgeGroup> DraftsByAge { get; }

    /// <summary>Instances whose process has not ended but that are soft- or hard-deleted (not counted as drafts).</summary>
    public int DeletedDrafts { get; }

    /// <summary>Instances whose process has ended.</summary>
    public int Completed { get; }

    /// <summary>Completed instances without the app owner's complete confirmation: not archived by the app owner yet.</summary>
    public int CompletedUnconfirmed { get; }

    /// <summary>
    /// The app's <c>autoDeleteOnProcessEnd</c>: instances are hard-deleted at process end and purged once the hard delete
    /// and the app owner's complete confirmation are both 7 days old.
    /// </summary>
    public bool AppAutoDeleteOnProcessEnd { get; }

    /// <summary>
    /// Data types whose elements are deleted at process end (<c>appLogic.autoDeleteOnProcessEnd</c>) and purged once the
    /// delete and the app owner's complete confirmation of the instance are both 7 days old.
    /// </summary>
    public IReadOnlyList<string> AutoDeleteDataTypes { get; }

    /// <summary>
    /// The Storage query for the active instances (not complete, not deleted), oldest-changed first so that Storage's
    /// paging lists every one: the ones <see cref="UndeployReadinessOptions.DeleteActiveInstances"/> deletes through the app.
    /// </summary>
    public InstanceQuery ActiveInstancesQuery => ActiveQuery(AppId);

    /// <summary>The export of every instance (archive layout, nothing confirmed), or <see langword="null"/> when none was asked for.</summary>
    public ArchiveResult? Export { get; }

    /// <summary>
    /// The active instances hard-deleted through the app after the export (each as done, skipped or failed), or
    /// <see langword="null"/> when <see cref="UndeployReadinessOptions.DeleteActiveInstances"/> was not set. The counts
    /// above are from before the deletion.
    /// </summary>
    public WorkflowResult? ActiveInstancesDeletion { get; }

    internal static InstanceQuery ActiveQuery(AppId appId) =>
        new(appId) { IsComplete = false, IsSoftDeleted = false, IsHardDeleted = false, Order = InstanceQueryOrder.LastChangedAscending };

    /// <summary>The report as text.</summary>
    /// <returns>Several lines.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(FormattableString.Invariant($"Undeploy readiness of {AppId} ({Generated:yyyy-MM-dd HH:mm} UTC)"));
        text.AppendLine(FormattableString.Invariant($"  Instances in Storage: {TotalInstances}"));
        text.AppendLine(FormattableString.Invariant($"  Active (drafts): {Drafts}"));
        if (Drafts > 0)
        {
            text.AppendLine("    by current task: " + string.Join(", ", ActiveByCurrentTask.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => FormattableString.Invariant($"{t.Key} {t.Value}"))));
            text.AppendLine("    by age: " + string.Join(", ", DraftsByAge.Select(g => g.ToString())));
        }

        text.AppendLine(FormattableString.Invariant($"  Deleted, not completed: {DeletedDrafts}"));
        text.AppendLine(FormattableString.Invariant($"  Completed: {Completed}, of which not confirmed by {AppId.Org}: {CompletedUnconfirmed}"));
        text.AppendLine(FormattableString.Invariant($"  autoDeleteOnProcessEnd: app {(AppAutoDeleteOnProcessEnd ? "yes" : "no")}; data types: {(AutoDeleteDataTypes.Count == 0 ? "none" : string.Join(", ", AutoDeleteDataTypes))}"));
        if (Export is not null) text.AppendLine(FormattableString.Invariant($"  Export to {Export.AppDirectory}: {Export}"));
        if (ActiveInstancesDeletion is not null) text.AppendLine(FormattableString.Invariant($"  Active instances deleted through the app: {ActiveInstancesDeletion}"));
        text.AppendLine("  " + AfterUndeploy);
        text.AppendLine("  Alternatives to undeploying:");
        foreach (string alternative in Alternatives) text.AppendLine("    - " + alternative);
        return text.ToString();
    }
}
