using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Events;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Altinn.Sdk.Workflows;

/// <summary>
/// The documented Altinn 3 tasks as one call each, safe to re-run: archive and confirm, set a substatus on one
/// instance or on every match of a query, deleting stale drafts through the app, and an undeploy readiness report
/// (with an optional export and deletion of the active instances).
/// </summary>
/// <remarks>
/// <para>Every workflow checks its arguments before sending anything, works on at most
/// <see cref="WorkflowOptions.MaxConcurrency"/> instances at a time, never lets one instance's failure stop the others,
/// sends no write in a dry run, and returns a result that lists every instance as done, skipped or failed with a
/// reason. A cancellation throws <see cref="WorkflowCanceledException"/> and a failure of the listing itself
/// <see cref="WorkflowStoppedException"/>, both carrying what was finished; a new run continues where it stopped.</para>
/// <para>Thread-safe; cheap to keep. With dependency injection: <c>services.AddAltinn(...).AddAltinnWorkflows()</c>.</para>
/// </remarks>
public class WorkflowClient
{
    // Before an undeploy the active instances should go for good: a soft-deleted one could be restored from the
    // owner's bin and would then open to an error page once the app is gone.
    private const bool ActiveDeleteIsHard = true;

    private readonly StorageClient _storage;
    private readonly AppsClient _apps;
    private readonly EventsClient? _events;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;

    /// <summary>Creates the client on a Storage client (finding, reading and confirming) and an App API client (deleting).</summary>
    /// <param name="storage">The Storage client (its identity must be the app owner for archiving and substatus).</param>
    /// <param name="apps">
    /// The App API client: Altinn documents deleting instances through the app (<c>DELETE {org}.apps.{env}/{org}/{app}/instances/{partyId}/{guid}</c>),
    /// not through Storage, so that the app's policy decides.
    /// </param>
    /// <param name="logger">A logger for warnings and per-instance outcomes, or <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for draft ages and archive times, or <see langword="null"/> for the system clock.</param>
    /// <exception cref="ArgumentNullException"><paramref name="storage"/> or <paramref name="apps"/> is null.</exception>
    public WorkflowClient(StorageClient storage, AppsClient apps, ILogger<WorkflowClient>? logger = null, TimeProvider? timeProvider = null)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
        _apps = apps ?? throw new ArgumentNullException(nameof(apps));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _clock = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Creates the client on a Storage client, an App API client and an Events client (the last for
    /// <see cref="ArchiveFromEventsAsync(AppId, string, EventCheckpointStore, ArchiveOptions?, CancellationToken)"/>).
    /// </summary>
    /// <param name="storage">The Storage client (its identity must be the app owner for archiving and substatus).</param>
    /// <param name="apps">The App API client, for deleting through the app.</param>
    /// <param name="events">The Events client, for archiving from the app's events feed.</param>
    /// <param name="logger">A logger for warnings and per-instance outcomes, or <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for draft ages and archive times, or <see langword="null"/> for the system clock.</param>
    /// <exception cref="ArgumentNullException"><paramref name="storage"/>, <paramref name="apps"/> or <paramref name="events"/> is null.</exception>
    public WorkflowClient(StorageClient storage, AppsClient apps, EventsClient events, ILogger<WorkflowClient>? logger = null, TimeProvider? timeProvider = null)
        : this(storage, apps, logger, timeProvider)
    {
        _events = events ?? throw new ArgumentNullException(nameof(events));
    }

    /// <summary>For mocking.</summary>
    protected WorkflowClient()
    {
        _storage = null!;
        _apps = null!;
        _logger = NullLogger.Instance;
        _clock = TimeProvider.System;
    }

    /// <summary>
    /// Creates a client without a host, for scripts: a <see cref="StorageClient"/> from
    /// <see cref="StorageClient.Create(AltinnEnvironment, AltinnCredential, Action{AltinnOptions}?, ILoggerFactory?)"/> and an
    /// <see cref="AppsClient"/> from <see cref="AppsClient.Create(AltinnEnvironment, AltinnCredential, Action{AltinnOptions}?, ILoggerFactory?)"/>
    /// and an <see cref="EventsClient"/> from <see cref="EventsClient.Create(AltinnEnvironment, AltinnCredential, Action{AltinnOptions}?, ILoggerFactory?)"/>,
    /// all with the same credential (the serviceowner instance scopes unless <paramref name="configure"/> sets others).
    /// </summary>
    /// <param name="environment">The Altinn environment (or an emulator's <c>Environment</c>).</param>
    /// <param name="credential">The app owner's credential.</param>
    /// <param name="configure">Further settings, or <see langword="null"/>.</param>
    /// <param name="loggerFactory">Where the SDK's log messages go; none when <see langword="null"/>.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="environment"/> or <paramref name="credential"/> is null.</exception>
    public static WorkflowClient Create(AltinnEnvironment environment, AltinnCredential credential, Action<AltinnOptions>? configure = null, ILoggerFactory? loggerFactory = null) =>
        new(
            StorageClient.Create(environment, credential, configure, loggerFactory),
            AppsClient.Create(environment, credential, configure, loggerFactory),
            EventsClient.Create(environment, credential, configure, loggerFactory),
            loggerFactory?.CreateLogger<WorkflowClient>());

    // ---- Archive and confirm ----

    /// <summary>
    /// Archives the app's completed instances that its owner has not confirmed yet, and confirms each one complete
    /// once its files are all durable and verified (Storage query <c>appId={org}/{app}&amp;process.isComplete=true&amp;excludeConfirmedBy={org}</c>).
    /// </summary>
    /// <param name="appId">The app.</param>
    /// <param name="outputDirectory">
    /// The archive's root folder (created when missing). Each instance goes to
    /// <c>{outputDirectory}/{org}/{app}/{partyId}/{instanceGuid}/</c>: <c>instance.json</c> (the instance exactly as
    /// Storage returned it), one file per data element (named by its id, with the uploaded file's extension; elements
    /// whose type auto-deletes at process end included) and <c>manifest.json</c> (every file with its size and
    /// SHA-256, the instance id and the time archived).
    /// </param>
    /// <param name="options">Options (confirm or not, dry run, concurrency, progress), or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run; see <see cref="WorkflowCanceledException"/>.</param>
    /// <returns>What was done, skipped and failed, and warnings about automatic deletion.</returns>
    /// <remarks>
    /// <para>Every file is written to a temporary name, flushed to disk and renamed; a data element must match the
    /// size (and, when Storage gives one, the MD5 <c>contentHash</c>) Storage lists for it. Each file is read back
    /// from disk and checked before the manifest is written, and the manifest is written last. The renames are then
    /// committed to disk (on Linux and macOS by syncing the folders, on Windows by flushing each renamed file). The
    /// confirmation is sent only after that, and only when the instance, read again from Storage, still has exactly
    /// the data elements archived (the same ids, <c>lastChanged</c>, size and <c>contentHash</c>); otherwise it is
    /// archived again, up to 3 times, then reported failed. So no instance is ever confirmed without all of its files
    /// on disk and verified.</para>
    /// <para>One run at a time writes an app's folder: the run holds <c>{outputDirectory}/{org}/{app}/.lock</c> (across
    /// processes). Another run on the same folder stops at once with a <see cref="WorkflowStoppedException"/> saying so,
    /// or waits up to <see cref="ArchiveOptions.FolderLockTimeout"/>; this also covers
    /// <see cref="ArchiveFromEventsAsync(AppId, string, EventCheckpointStore, ArchiveOptions?, CancellationToken)"/> and
    /// the export of <see cref="GetUndeployReadinessAsync(AppId, UndeployReadinessOptions?, CancellationToken)"/>.</para>
    /// <para>Re-running is safe: confirmed instances are no longer listed; an instance whose files verify against its
    /// manifest is not downloaded again (only confirmed, if that failed before); a file that does not verify is
    /// downloaded again. A confirmation that fails is reported with its status; the files stay and the next run
    /// confirms.</para>
    /// <para>The result warns (and logs) when the app or a data type has <c>autoDeleteOnProcessEnd</c>.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="appId"/> or <paramref name="outputDirectory"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="outputDirectory"/> is empty or not a valid path.</exception>
    /// <exception cref="WorkflowStoppedException">
    /// The app's metadata or the instance listing could not be read, or another archive run holds the folder.
    /// </exception>
    /// <exception cref="WorkflowCanceledException">The run was cancelled.</exception>
    public virtual Task<ArchiveResult> ArchiveAsync(AppId appId, string outputDirectory, ArchiveOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (appId is null) throw new ArgumentNullException(nameof(appId));
        string root = FullPath(outputDirectory, nameof(outputDirectory));
        options ??= new ArchiveOptions();
        var query = new InstanceQuery(appId) { IsComplete = true, ExcludeConfirmedBy = appId.Org, Order = InstanceQueryOrder.LastChangedAscending };
        return ArchiveCoreAsync("archive", appId, query, root, options.ConfirmComplete, options, options.FolderLockTimeout, cancellationToken);
    }

    /// <summary>
    /// Archives (and confirms) the instances the app's events feed reports as completed
    /// (<c>app.instance.process.completed</c>) after the checkpoint in <paramref name="checkpoints"/>, instead of
    /// querying Storage; every instance gets the same archiver, layout and guarantees as
    /// <see cref="ArchiveAsync(AppId, string, ArchiveOptions?, CancellationToken)"/>.
    /// </summary>
    /// <param name="appId">The app.</param>
    /// <param name="outputDirectory">The archive's root folder; see <see cref="ArchiveAsync(AppId, string, ArchiveOptions?, CancellationToken)"/>.</param>
    /// <param name="checkpoints">
    /// Where the last handled event id is kept, under the key <c>archive:{org}/{app}</c> (for example a
    /// <see cref="FileEventCheckpointStore"/>). Without a checkpoint the feed is read from its start.
    /// </param>
    /// <param name="options">Options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run; see <see cref="WorkflowCanceledException"/>.</param>
    /// <returns>What was done, skipped and failed.</returns>
    /// <remarks>
    /// <para>The feed is read a page at a time; each page's instances are archived (each one once, the instance read
    /// fresh from Storage), and the checkpoint moves to the page's last event only when none of them failed. After a
    /// failure it no longer moves in that run, so the next run sees the failed instance again: no instance is ever
    /// skipped, and those already archived and confirmed are skipped cheaply. A dry run moves no checkpoint.</para>
    /// <para>An instance already confirmed by the app owner is skipped; one whose process has not ended (an event from
    /// a test that was reset, for example) is skipped with the reason.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="appId"/>, <paramref name="outputDirectory"/> or <paramref name="checkpoints"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="outputDirectory"/> is empty or not a valid path.</exception>
    /// <exception cref="InvalidOperationException">The client was created without an <see cref="EventsClient"/>.</exception>
    /// <exception cref="WorkflowStoppedException">The app's metadata, the feed or the checkpoint store failed, or another archive run holds the folder.</exception>
    /// <exception cref="WorkflowCanceledException">The run was cancelled.</exception>
    public virtual Task<ArchiveResult> ArchiveFromEventsAsync(
        AppId appId, string outputDirectory, EventCheckpointStore checkpoints, ArchiveOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (appId is null) throw new ArgumentNullException(nameof(appId));
        string root = FullPath(outputDirectory, nameof(outputDirectory));
        if (checkpoints is null) throw new ArgumentNullException(nameof(checkpoints));
        EventsClient events = _events ?? throw new InvalidOperationException(
            "This WorkflowClient has no EventsClient: create it with the constructor that takes one, with Create(...), or with AddAltinnWorkflows().");
        options ??= new ArchiveOptions();
        string appDirectory = Path.Combine(root, appId.Org, appId.App);
        string feedKey = "archive:" + appId;
        var run = new WorkflowRun("archive-events", options, _logger);
        return run.CompleteAsync(
            async () =>
            {
                ApplicationMetadata app = await _storage.Applications.GetAsync(appId, options.RequestOptions, cancellationToken).ConfigureAwait(false);
                using IDisposable? folderLock = await LockAsync(run, appDirectory, options.FolderLockTimeout, cancellationToken).ConfigureAwait(false);
                WarnAboutAutoDelete(run, app, options.ConfirmComplete);
                var archiver = new InstanceArchiver(_storage, run, appDirectory, appId, options.ConfirmComplete, _clock, options.RequestOptions);
                var query = new AppEventsQuery(appId) { After = await checkpoints.GetCheckpointAsync(feedKey, cancellationToken).ConfigureAwait(false) ?? "0" };
                query.Types.Add("app.instance.process.completed");
                var seen = new HashSet<InstanceId>();
                bool advance = !options.DryRun;
                await foreach (Page<CloudEvent> page in events.GetEventsAsync(query, options.RequestOptions, cancellationToken).AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    if (page.Values.Count == 0) continue;
                    var ids = new List<InstanceId>();
                    foreach (CloudEvent cloudEvent in page.Values)
                    {
                        if (cloudEvent.TryGetInstanceId(out InstanceId? id) && seen.Add(id)) ids.Add(id);
                    }

                    int failedBefore = run.Items.Count(i => i.Outcome == WorkflowOutcome.Failed);
                    await run.ForEachAsync(Enumerate(ids, cancellationToken), (id, ct) => ArchiveFromEventAsync(run, archiver, appId, id, options, ct), cancellationToken).ConfigureAwait(false);
                    advance &= run.Items.Count(i => i.Outcome == WorkflowOutcome.Failed) == failedBefore;
                    if (advance) await checkpoints.SaveCheckpointAsync(feedKey, page.Values[page.Values.Count - 1].Id, cancellationToken).ConfigureAwait(false);
                }
            },
            r => new ArchiveResult(r.DryRun, r.Items, r.Warnings, appDirectory),
            cancellationToken);
    }

    // ---- Substatus ----

    /// <summary>
    /// Sets the substatus of one instance (<c>PUT instances/{partyId}/{guid}/substatus</c>), unless it already has
    /// exactly this one. Only the app owner may set a substatus.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="substatus">
    /// The substatus: a <see cref="Substatus.Label"/> (required) and an optional <see cref="Substatus.Description"/>,
    /// each plain text or a text key of the app. The inbox shows the label whole up to 25 characters (see
    /// <see cref="SubstatusLabel.Preview(string)"/>; the result carries the preview and warns when it is cut).
    /// </param>
    /// <param name="options">Options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result with one item.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> or <paramref name="substatus"/> is null.</exception>
    /// <exception cref="ArgumentException">The label is empty.</exception>
    /// <exception cref="WorkflowCanceledException">The call was cancelled.</exception>
    public virtual Task<SubstatusResult> SetSubstatusAsync(InstanceId instanceId, Substatus substatus, WorkflowOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        CheckSubstatus(substatus);
        options ??= new WorkflowOptions();
        WorkflowRun run = StartSubstatusRun(substatus, options);
        return run.CompleteAsync(
            async () =>
            {
                run.Started(instanceId);
                Instance? current = await run.TryAsync(
                    instanceId, "Reading the instance failed", () => _storage.Instances.GetAsync(instanceId, options.RequestOptions, cancellationToken), cancellationToken).ConfigureAwait(false);
                if (current is not null) await SetSubstatusAsync(run, current, substatus, options, cancellationToken).ConfigureAwait(false);
            },
            r => new SubstatusResult(r.DryRun, r.Items, r.Warnings, substatus),
            cancellationToken);
    }

    /// <summary>
    /// Sets the substatus of every instance that matches <paramref name="query"/>; instances that already have exactly
    /// this substatus are skipped, so a re-run sends nothing new.
    /// </summary>
    /// <param name="query">
    /// The instances, for example <c>new InstanceQuery(appId) { IsComplete = true, Order = InstanceQueryOrder.LastChangedAscending }</c>;
    /// checked now. Give ascending order to reach every match: Storage's default (newest first) can skip instances that
    /// share a <c>lastChanged</c>. Each instance is handled once, though a changed one is listed again.
    /// </param>
    /// <param name="substatus">The substatus; see <see cref="SetSubstatusAsync(InstanceId, Substatus, WorkflowOptions?, CancellationToken)"/>.</param>
    /// <param name="options">Options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>Every match as done, skipped or failed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> or <paramref name="substatus"/> is null.</exception>
    /// <exception cref="ArgumentException">The label is empty, or the query is invalid.</exception>
    /// <exception cref="WorkflowStoppedException">The listing failed.</exception>
    /// <exception cref="WorkflowCanceledException">The run was cancelled.</exception>
    public virtual Task<SubstatusResult> SetSubstatusAsync(InstanceQuery query, Substatus substatus, WorkflowOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (query is null) throw new ArgumentNullException(nameof(query));
        CheckSubstatus(substatus);
        _ = query.ToRequest();
        options ??= new WorkflowOptions();
        WorkflowRun run = StartSubstatusRun(substatus, options);

        // Setting a substatus changes lastChanged, so an ascending listing brings the instance again at its end.
        var handled = new HashSet<InstanceId>();
        return run.CompleteAsync(
            () => run.ForEachAsync(
                _storage.Instances.QueryAsync(query, options.RequestOptions, cancellationToken),
                (instance, ct) =>
                {
                    if (instance.Id is null) return Task.CompletedTask;
                    lock (handled)
                    {
                        if (!handled.Add(instance.Id)) return Task.CompletedTask;
                    }

                    run.Started(instance.Id);
                    return SetSubstatusAsync(run, instance, substatus, options, ct);
                },
                cancellationToken),
            r => new SubstatusResult(r.DryRun, r.Items, r.Warnings, substatus),
            cancellationToken);
    }

    // ---- Undeploy readiness ----

    /// <summary>
    /// Reports what undeploying the app would leave behind, from Storage alone (it works before and after an undeploy):
    /// active instances by current task, drafts by age, completed instances not yet confirmed, deleted drafts, and the
    /// app's and its data types' <c>autoDeleteOnProcessEnd</c>; optionally exports every instance first (the archive
    /// layout of <see cref="ArchiveAsync(AppId, string, ArchiveOptions?, CancellationToken)"/>, nothing confirmed).
    /// </summary>
    /// <param name="appId">The app.</param>
    /// <param name="options">Options (export folder, draft age groups, dry run, concurrency, progress), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>
    /// The report. It names the documented alternatives to undeploying (<see cref="UndeployReadinessReport.Alternatives"/>)
    /// and that data is then reachable only through Storage. Active instances that should go must be deleted through
    /// the app before undeploying: <see cref="UndeployReadinessOptions.DeleteActiveInstances"/> does that after the
    /// export, and <see cref="UndeployReadinessReport.ActiveInstancesDeletion"/> lists each one.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="appId"/> is null.</exception>
    /// <exception cref="ArgumentException">The export folder is not a valid path, or the draft age bounds are not positive and ascending.</exception>
    /// <exception cref="AltinnRequestFailedException">The app's metadata or the instances could not be read.</exception>
    /// <exception cref="WorkflowStoppedException">The export's listing, or the listing of the active instances to delete, failed.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled (<see cref="WorkflowCanceledException"/> during the export).</exception>
    public virtual async Task<UndeployReadinessReport> GetUndeployReadinessAsync(AppId appId, UndeployReadinessOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (appId is null) throw new ArgumentNullException(nameof(appId));
        options ??= new UndeployReadinessOptions();
        string? exportRoot = options.ExportDirectory is null ? null : FullPath(options.ExportDirectory, nameof(options.ExportDirectory));
        TimeSpan[] bounds = options.DraftAgeBounds.ToArray();
        for (int i = 0; i < bounds.Length; i++)
        {
            if (bounds[i] <= TimeSpan.Zero || (i > 0 && bounds[i] <= bounds[i - 1]))
            {
                throw new ArgumentException("The draft age bounds must be positive and ascending.", nameof(options));
            }
        }

        ApplicationMetadata app = await _storage.Applications.GetAsync(appId, options.RequestOptions, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = _clock.GetUtcNow();
        int total = 0, deletedDrafts = 0, completed = 0, unconfirmed = 0;
        var byTask = new Dictionary<string, int>(StringComparer.Ordinal);
        int[] ages = new int[bounds.Length + 1];

        // Only what the report needs: no data elements, big pages.
        var all = new InstanceQuery(appId) { IncludeDataElements = false, PageSize = InstanceQuery.MaxPageSize, Order = InstanceQueryOrder.LastChangedAscending };
        await foreach (Instance instance in _storage.Instances.QueryAsync(all, options.RequestOptions, cancellationToken).ConfigureAwait(false))
        {
            total++;
            if (instance.IsComplete)
            {
                completed++;
                if (!(instance.CompleteConfirmations ?? []).Any(c => string.Equals(c.StakeholderId, appId.Org, StringComparison.OrdinalIgnoreCase))) unconfirmed++;
            }
            else if (instance.Status is { IsSoftDeleted: true } or { IsHardDeleted: true })
            {
                deletedDrafts++;
            }
            else
            {
                string task = instance.Process?.CurrentTask?.ElementId ?? "(no current task)";
                byTask[task] = byTask.TryGetValue(task, out int count) ? count + 1 : 1;
                TimeSpan age = now - (instance.Created ?? now);
                int group = 0;
                while (group < bounds.Length && age > bounds[group]) group++;
                ages[group]++;
            }
        }

        var groups = new List<DraftAgeGroup>(ages.Length);
        for (int i = 0; i < ages.Length; i++)
        {
            groups.Add(new DraftAgeGroup(i == 0 ? null : bounds[i - 1], i == bounds.Length ? null : bounds[i], ages[i]));
        }

        string[] autoDeleteTypes = (app.DataTypes ?? []).Where(t => t.AppLogic?.AutoDeleteOnProcessEnd == true).Select(t => t.Id ?? "(no id)").ToArray();
        ArchiveResult? export = null;
        ConcurrentDictionary<InstanceId, DateTimeOffset?>? exported = null;
        if (exportRoot is not null)
        {
            exported = new ConcurrentDictionary<InstanceId, DateTimeOffset?>();
            export = await ArchiveCoreAsync("export", appId, new InstanceQuery(appId) { Order = InstanceQueryOrder.LastChangedAscending }, exportRoot, confirm: false, options, TimeSpan.Zero, cancellationToken, app, exported).ConfigureAwait(false);
        }

        WorkflowResult? deletion = null;
        if (options.DeleteActiveInstances)
        {
            // With an export, only what it archived may go, as it was archived: an instance whose export failed, that
            // appeared after the export listed its instances, or that changed since, would go without a copy outside Storage.
            var run = new WorkflowRun("delete-active", options, _logger);
            deletion = await run.CompleteAsync(
                () => DeleteThroughAppAsync(run, appId, UndeployReadinessReport.ActiveQuery(appId), ActiveDeleteIsHard, exported, options.RequestOptions, cancellationToken),
                r => new WorkflowResult(r.DryRun, r.Items, r.Warnings),
                cancellationToken).ConfigureAwait(false);
        }

        return new UndeployReadinessReport(appId, now, total, byTask, groups, deletedDrafts, completed, unconfirmed, app.AutoDeleteOnProcessEnd, autoDeleteTypes, export, deletion);
    }

    // ---- Delete stale drafts ----

    /// <summary>
    /// Deletes the app's stale drafts the way Altinn documents it: finds them with the Storage query
    /// <c>appId={org}/{app}&amp;created={Created}&amp;process.currentTask={CurrentTask}</c>, lists them all first, then
    /// deletes each through the app's API (<c>DELETE {org}.apps.{env}/{org}/{app}/instances/{partyId}/{guid}</c>).
    /// </summary>
    /// <param name="appId">The app.</param>
    /// <param name="options">
    /// Which drafts (<see cref="DeleteDraftsOptions.Created"/> is required), soft or hard delete, dry run, concurrency
    /// and progress.
    /// </param>
    /// <param name="cancellationToken">Cancels the run; see <see cref="WorkflowCanceledException"/>.</param>
    /// <returns>
    /// Every draft as deleted (done), skipped (already gone: 404) or failed. A 403 fails with the reason naming the
    /// <c>policy.xml</c> rule the app lacks: by default an app owner may not delete, and the app needs the rule "org
    /// can delete an instance of org/app regardless of process state".
    /// </returns>
    /// <remarks>
    /// <para>A completed instance is never deleted: the query asks for a current task (or <c>process.isComplete=false</c>
    /// when <see cref="DeleteDraftsOptions.CurrentTask"/> is <see langword="null"/>). Drafts already deleted are not
    /// listed (<c>status.isSoftDeleted=false</c>, or <c>status.isHardDeleted=false</c> for a hard delete), so a re-run
    /// sends nothing new.</para>
    /// <para>Every match is listed before the first delete, so deleting never shifts the pages being read; a failure of
    /// the listing deletes nothing. Right before its delete each draft is read again from Storage, and skipped
    /// ("changed since listed") unless it is still a draft in the same task: one submitted in the meantime stays.
    /// One failed delete never stops the others.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="appId"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="DeleteDraftsOptions.Created"/> is missing, or <see cref="DeleteDraftsOptions.CurrentTask"/> is empty.</exception>
    /// <exception cref="WorkflowStoppedException">The listing failed (nothing was deleted).</exception>
    /// <exception cref="WorkflowCanceledException">The run was cancelled.</exception>
    public virtual Task<WorkflowResult> DeleteDraftsAsync(AppId appId, DeleteDraftsOptions options, CancellationToken cancellationToken = default)
    {
        if (appId is null) throw new ArgumentNullException(nameof(appId));
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (options.Created is null)
        {
            throw new ArgumentException(
                "DeleteDraftsOptions.Created is required: it says which drafts are stale, for example DateFilter.OnOrBefore(2020, 9, 30).", nameof(options));
        }

        if (options.CurrentTask is not null && string.IsNullOrWhiteSpace(options.CurrentTask))
        {
            throw new ArgumentException("DeleteDraftsOptions.CurrentTask is empty: give a task id such as \"Task_1\", or null for drafts in any task.", nameof(options));
        }

        var query = new InstanceQuery(appId)
        {
            Created = options.Created,
            CurrentTask = options.CurrentTask,
            IsComplete = options.CurrentTask is null ? false : null,
            IncludeDataElements = false,
            PageSize = InstanceQuery.MaxPageSize,
            Order = InstanceQueryOrder.LastChangedAscending,
        };
        if (options.Hard) query.IsHardDeleted = false;
        else query.IsSoftDeleted = false;
        _ = query.ToRequest();

        var run = new WorkflowRun("delete-drafts", options, _logger);
        return run.CompleteAsync(
            () => DeleteThroughAppAsync(run, appId, query, options.Hard, null, options.RequestOptions, cancellationToken),
            r => new WorkflowResult(r.DryRun, r.Items, r.Warnings),
            cancellationToken);
    }

    // ---- Shared ----

    private Task<ArchiveResult> ArchiveCoreAsync(
        string workflow,
        AppId appId,
        InstanceQuery query,
        string root,
        bool confirm,
        WorkflowOptions options,
        TimeSpan lockTimeout,
        CancellationToken cancellationToken,
        ApplicationMetadata? app = null,
        ConcurrentDictionary<InstanceId, DateTimeOffset?>? archived = null)
    {
        string appDirectory = Path.Combine(root, appId.Org, appId.App);
        var run = new WorkflowRun(workflow, options, _logger);
        return run.CompleteAsync(
            async () =>
            {
                app ??= await _storage.Applications.GetAsync(appId, options.RequestOptions, cancellationToken).ConfigureAwait(false);
                using IDisposable? folderLock = await LockAsync(run, appDirectory, lockTimeout, cancellationToken).ConfigureAwait(false);
                WarnAboutAutoDelete(run, app, confirm);
                var archiver = new InstanceArchiver(_storage, run, appDirectory, appId, confirm, _clock, options.RequestOptions, archived);

                // Every listing here is oldest-changed first: Storage's descending paging skips instances that share a
                // lastChanged at a page boundary. Confirming changes an instance's lastChanged (it would come again at
                // the end) but also moves it out of the listing (excludeConfirmedBy), so none is seen twice.
                await run.ForEachAsync(_storage.Instances.QueryRawAsync(query, options.RequestOptions, cancellationToken), archiver.ArchiveAsync, cancellationToken).ConfigureAwait(false);
            },
            r => new ArchiveResult(r.DryRun, r.Items, r.Warnings, appDirectory),
            cancellationToken);
    }

    /// <summary>
    /// Holds the app's archive folder for the run (none in a dry run, which writes nothing): two runs writing one
    /// folder would remove each other's temporary files and manifests. Taken once the app is known to exist, so that
    /// a mistyped app id leaves no folder behind.
    /// </summary>
    private static async Task<IDisposable?> LockAsync(WorkflowRun run, string appDirectory, TimeSpan timeout, CancellationToken cancellationToken) =>
        run.DryRun ? null : await ArchiveFiles.LockFolderAsync(appDirectory, timeout, cancellationToken).ConfigureAwait(false);

    private async Task ArchiveFromEventAsync(WorkflowRun run, InstanceArchiver archiver, AppId appId, InstanceId id, WorkflowOptions options, CancellationToken cancellationToken)
    {
        InstanceJson? current = await run.TryAsync(
            id, "Reading the instance failed", () => _storage.Instances.GetRawAsync(id, options.RequestOptions, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (current is null) return;
        if (!current.Instance.IsComplete)
        {
            run.Skipped(id, "its process has not ended");
        }
        else if ((current.Instance.CompleteConfirmations ?? []).Any(c => string.Equals(c.StakeholderId, appId.Org, StringComparison.OrdinalIgnoreCase)))
        {
            run.Skipped(id, "already confirmed by " + appId.Org);
        }
        else
        {
            await archiver.ArchiveAsync(current, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void WarnAboutAutoDelete(WorkflowRun run, ApplicationMetadata app, bool confirm)
    {
        if (app.AutoDeleteOnProcessEnd)
        {
            run.Warn(
                $"The app {app.Id} has autoDeleteOnProcessEnd: its instances are hard-deleted at process end, and "
                + (confirm ? "confirming complete" : "a complete confirmation")
                + " lets Storage purge each instance (data and events) once the hard delete and the confirmation are both 7 days old. Keep this archive: it may be the only copy.");
        }

        string[] types = (app.DataTypes ?? []).Where(t => t.AppLogic?.AutoDeleteOnProcessEnd == true).Select(t => t.Id ?? "(no id)").ToArray();
        if (types.Length > 0)
        {
            run.Warn(
                $"Data type(s) {string.Join(", ", types)} of {app.Id} have autoDeleteOnProcessEnd: their elements are deleted at process end, and Storage purges them once the delete and the app owner's complete confirmation are both 7 days old. "
                + "The app owner can still download them until then, so they are archived too; archive promptly.");
        }
    }

    private WorkflowRun StartSubstatusRun(Substatus substatus, WorkflowOptions options)
    {
        var run = new WorkflowRun("substatus", options, _logger);
        string label = substatus.Label!;
        if (label.Length > SubstatusLabel.ShownLength)
        {
            run.Warn($"The label is {label.Length} characters long; the Altinn inbox shows only \"{SubstatusLabel.Preview(label)}\".");
        }

        return run;
    }

    private async Task SetSubstatusAsync(WorkflowRun run, Instance instance, Substatus substatus, WorkflowOptions options, CancellationToken cancellationToken)
    {
        InstanceId id = instance.Id!;
        string shown = $"the inbox shows \"{SubstatusLabel.Preview(substatus.Label!)}\"";
        Substatus? current = instance.Status?.Substatus;
        if (current is not null && current.Label == substatus.Label && current.Description == substatus.Description)
        {
            run.Skipped(id, "already has this substatus; " + shown);
            return;
        }

        if (run.DryRun)
        {
            run.Done(id, "dry run: would set the substatus; " + shown);
            return;
        }

        // As with confirmations: checked before sending, then not cancelled halfway, so the result says what Storage did.
        cancellationToken.ThrowIfCancellationRequested();
        Instance? changed = await run.TryAsync(
            id, "Setting the substatus failed", () => _storage.Instances.SetSubstatusAsync(id, substatus, options.RequestOptions, CancellationToken.None), cancellationToken).ConfigureAwait(false);
        if (changed is not null) run.Done(id, "substatus set; " + shown);
    }

    /// <summary>
    /// Lists every match of <paramref name="query"/> first (deleting must not shift the pages being read), then deletes
    /// each active one through the app, each after reading it again: one that changed since the listing in a way that
    /// matters is skipped. With <paramref name="exported"/>, only instances in it are deleted, and only unchanged since
    /// they were exported (the same <c>lastChanged</c>).
    /// </summary>
    private async Task DeleteThroughAppAsync(
        WorkflowRun run,
        AppId appId,
        InstanceQuery query,
        bool hard,
        ConcurrentDictionary<InstanceId, DateTimeOffset?>? exported,
        AltinnRequestOptions? requestOptions,
        CancellationToken cancellationToken)
    {
        var listed = new List<Instance>();
        var ended = new List<InstanceId>();
        await foreach (Instance instance in _storage.Instances.QueryAsync(query, requestOptions, cancellationToken).ConfigureAwait(false))
        {
            if (instance.Id is null) continue;

            // The query already excludes them; checked again because deleting a completed instance loses a submission.
            if (instance.IsComplete) ended.Add(instance.Id);
            else listed.Add(instance);
        }

        foreach (InstanceId id in ended) run.Skipped(id, "not a draft: its process has ended");
        AppInstancesClient instances = _apps.GetAppClient(appId).Instances;
        string how = hard ? "hard-deleted" : "soft-deleted";
        await run.ForEachAsync(
            Enumerate(listed, cancellationToken),
            async (instance, ct) =>
            {
                InstanceId id = instance.Id!;
                run.Started(id);
                DateTimeOffset? exportedLastChanged = null;
                if (exported is not null && !exported.TryGetValue(id, out exportedLastChanged))
                {
                    run.Skipped(id, "kept: not exported (its export failed, or it appeared after the export)");
                    return;
                }

                if (run.DryRun)
                {
                    run.Done(id, $"dry run: would be {how} through the app");
                    return;
                }

                // Listing and deleting are far apart on a big app: the instance is read again right before its delete.
                Instance current;
                try
                {
                    current = await _storage.Instances.GetAsync(id, requestOptions, ct).ConfigureAwait(false);
                }
                catch (AltinnRequestFailedException exception) when (exception.Status == 404)
                {
                    run.Skipped(id, "already deleted (404 from Storage)");
                    return;
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // One instance's failure must not stop the others; it is kept with its exception.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    run.Failed(id, "Reading the instance again before deleting it failed; it was not deleted", exception);
                    return;
                }

                if (hard ? current.Status?.IsHardDeleted == true : current.Status?.IsSoftDeleted == true)
                {
                    run.Skipped(id, "already deleted");
                    return;
                }

                string? changed = ChangedSinceListed(instance, current);
                if (changed is not null)
                {
                    run.Skipped(id, "changed since listed: " + changed);
                    return;
                }

                if (exported is not null && current.LastChanged != exportedLastChanged)
                {
                    run.Skipped(id, "changed since it was exported: kept, as its newest state has no copy outside Storage (export and delete again)");
                    return;
                }

                try
                {
                    await instances.DeleteAsync(id, hard, requestOptions, ct).ConfigureAwait(false);
                    run.Done(id, how + " through the app");
                }
                catch (AltinnRequestFailedException exception) when (exception.Status == 404)
                {
                    run.Skipped(id, "already deleted (404 from the app)");
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // One instance's failure must not stop the others; it is kept with its exception (a 403 names the policy rule).
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    run.Failed(id, "Deleting through the app failed", exception);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Why <paramref name="current"/> is no longer the draft <paramref name="listed"/> was (ended, or in another task), or <see langword="null"/>.</summary>
    private static string? ChangedSinceListed(Instance listed, Instance current)
    {
        if (current.IsComplete) return "its process has ended (it was submitted)";
        string? task = current.Process?.CurrentTask?.ElementId, listedTask = listed.Process?.CurrentTask?.ElementId;
        return string.Equals(task, listedTask, StringComparison.Ordinal) ? null : $"now in {task ?? "no task"}, listed in {listedTask ?? "no task"}";
    }

    private static void CheckSubstatus(Substatus substatus)
    {
        if (substatus is null) throw new ArgumentNullException(nameof(substatus));
        if (string.IsNullOrWhiteSpace(substatus.Label))
        {
            throw new ArgumentException("The substatus label is empty; Storage requires a label (plain text or a text key of the app).", nameof(substatus));
        }
    }

    private static string FullPath(string? path, string parameterName)
    {
        if (path is null) throw new ArgumentNullException(parameterName);
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The folder is empty.", parameterName);
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            throw new ArgumentException($"'{path}' is not a valid folder path: {exception.Message}", parameterName, exception);
        }
    }

#pragma warning disable CS1998 // An async iterator over a list: no awaits needed.
    private static async IAsyncEnumerable<T> Enumerate<T>(IEnumerable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
#pragma warning restore CS1998
    {
        foreach (T item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
    }
}
