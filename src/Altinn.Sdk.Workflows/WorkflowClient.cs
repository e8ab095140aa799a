using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Events;

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
    private readonly ArchiveWorkflow _archive;
    private readonly SubstatusWorkflow _substatus;
    private readonly UndeployReadinessWorkflow _undeploy;
    private readonly DeleteDraftsWorkflow _drafts;

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
        : this(WorkflowContext.Create(storage, apps, null, eventsRequired: false, logger, timeProvider))
    {
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
        : this(WorkflowContext.Create(storage, apps, events, eventsRequired: true, logger, timeProvider))
    {
    }

    /// <summary>For mocking.</summary>
    protected WorkflowClient()
        : this(WorkflowContext.ForMocking())
    {
    }

    private WorkflowClient(WorkflowContext context)
    {
        _archive = new ArchiveWorkflow(context);
        _substatus = new SubstatusWorkflow(context);
        _drafts = new DeleteDraftsWorkflow(context);
        _undeploy = new UndeployReadinessWorkflow(context, _archive, _drafts);
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
    /// The archive's root folder (created when missing; the same as <c>new FolderArchiveSink(outputDirectory)</c> with
    /// <see cref="ArchiveAsync(AppId, ArchiveSink, ArchiveOptions?, CancellationToken)"/>). Each instance goes to
    /// <c>{outputDirectory}/{org}/{app}/{partyId}/{instanceGuid}/</c> as a BagIt bag (RFC 8493): the payload
    /// <c>data/instance.json</c> (the instance exactly as Storage returned it) and one <c>data/</c> file per data
    /// element (named by its id, with the uploaded file's extension; elements whose type auto-deletes at process end
    /// included); the tag files <c>bagit.txt</c>, <c>bag-info.txt</c> (Bagging-Date, Payload-Oxum, External-Identifier
    /// = the instance id), <c>manifest-sha256.txt</c> and <c>tagmanifest-sha256.txt</c>; and <c>manifest.json</c>
    /// (every payload file with its size and SHA-256 and its data element's metadata, the instance id and the time
    /// archived), written last.
    /// </param>
    /// <param name="options">Options (confirm or not, dry run, concurrency, progress), or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run; see <see cref="WorkflowCanceledException"/>.</param>
    /// <returns>What was done, skipped and failed, and warnings about automatic deletion.</returns>
    /// <remarks>
    /// <para>Every file is written to a temporary name, flushed to disk and renamed; a data element must match the
    /// size (and, when Storage gives one, the MD5 <c>contentHash</c>) Storage lists for it. Each file is read back
    /// from disk and checked before the bag's tag files and then the manifest are written; the manifest is written last. The renames are then
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
    /// downloaded again, and a damaged tag file is written again. A folder in the layout of earlier versions (files
    /// beside <c>manifest.json</c>, no <c>data/</c>) is archived again as a bag and its old files removed. A
    /// confirmation that fails is reported with its status; the files stay and the next run confirms.</para>
    /// <para>The result warns (and logs) when the app or a data type has <c>autoDeleteOnProcessEnd</c>.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="appId"/> or <paramref name="outputDirectory"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="outputDirectory"/> is empty or not a valid path.</exception>
    /// <exception cref="WorkflowStoppedException">
    /// The app's metadata or the instance listing could not be read, or another archive run holds the folder.
    /// </exception>
    /// <exception cref="WorkflowCanceledException">The run was cancelled.</exception>
    public virtual Task<ArchiveResult> ArchiveAsync(AppId appId, string outputDirectory, ArchiveOptions? options = null, CancellationToken cancellationToken = default) =>
        _archive.ArchiveAsync(appId, outputDirectory, options, cancellationToken);

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
        AppId appId, string outputDirectory, EventCheckpointStore checkpoints, ArchiveOptions? options = null, CancellationToken cancellationToken = default) =>
        _archive.ArchiveFromEventsAsync(appId, outputDirectory, checkpoints, options, cancellationToken);

    /// <summary>
    /// Archives the app's completed, unconfirmed instances into <paramref name="sink"/> and confirms each one complete
    /// once its files are stored and verified there; the same workflow, layout (a BagIt bag per instance below
    /// <c>{org}/{app}/{partyId}/{instanceGuid}</c>) and guarantees as
    /// <see cref="ArchiveAsync(AppId, string, ArchiveOptions?, CancellationToken)"/>, which writes to a <see cref="FolderArchiveSink"/>.
    /// </summary>
    /// <param name="appId">The app.</param>
    /// <param name="sink">
    /// Where the archive is stored: a <see cref="FolderArchiveSink"/>, or another store (Azure Blob Storage in the
    /// <c>Altinn.Sdk.Workflows.AzureBlobs</c> package).
    /// </param>
    /// <param name="options">Options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run; see <see cref="WorkflowCanceledException"/>.</param>
    /// <returns>What was done, skipped and failed; <see cref="ArchiveResult.AppDirectory"/> is <c>{org}/{app}</c> as the sink describes it.</returns>
    /// <remarks>
    /// <para>Every file goes through the sink: its bytes are hashed as they stream, a data element must match the size
    /// and MD5 <c>contentHash</c> Storage lists before the write is committed, and each committed file must then pass
    /// <see cref="ArchiveSink.VerifyAsync(string, long, string, CancellationToken)"/>. The bag's tag files and then
    /// <c>manifest.json</c> are written last, <see cref="ArchiveSink.CommitInstanceAsync(string, CancellationToken)"/>
    /// is called, and only then is the instance confirmed (when Storage still lists the data elements archived).</para>
    /// <para>The run holds <see cref="ArchiveSink.LockAsync(string, TimeSpan, CancellationToken)"/> for <c>{org}/{app}</c>
    /// (waiting up to <see cref="ArchiveOptions.FolderLockTimeout"/>; no lock in a dry run). When the lock's
    /// <see cref="ArchiveLock.Lost"/> is cancelled the run stops before its next confirmation and throws a
    /// <see cref="WorkflowStoppedException"/> that says so, with what was finished; run again to continue.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="appId"/> or <paramref name="sink"/> is null.</exception>
    /// <exception cref="WorkflowStoppedException">
    /// The app's metadata or the instance listing could not be read, another run holds the app's archive, or the lock
    /// on it was lost during the run.
    /// </exception>
    /// <exception cref="WorkflowCanceledException">The run was cancelled.</exception>
    public virtual Task<ArchiveResult> ArchiveAsync(AppId appId, ArchiveSink sink, ArchiveOptions? options = null, CancellationToken cancellationToken = default) =>
        _archive.ArchiveAsync(appId, sink, options, cancellationToken);

    /// <summary>
    /// Archives (and confirms) the instances the app's events feed reports as completed into <paramref name="sink"/>;
    /// the same workflow as <see cref="ArchiveFromEventsAsync(AppId, string, EventCheckpointStore, ArchiveOptions?, CancellationToken)"/>.
    /// </summary>
    /// <param name="appId">The app.</param>
    /// <param name="sink">Where the archive is stored.</param>
    /// <param name="checkpoints">Where the last handled event id is kept, under the key <c>archive:{org}/{app}</c>.</param>
    /// <param name="options">Options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run; see <see cref="WorkflowCanceledException"/>.</param>
    /// <returns>What was done, skipped and failed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="appId"/>, <paramref name="sink"/> or <paramref name="checkpoints"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The client was created without an <see cref="EventsClient"/>.</exception>
    /// <exception cref="WorkflowStoppedException">The app's metadata, the feed or the checkpoint store failed, another run holds the app's archive, or the lock on it was lost during the run.</exception>
    /// <exception cref="WorkflowCanceledException">The run was cancelled.</exception>
    public virtual Task<ArchiveResult> ArchiveFromEventsAsync(
        AppId appId, ArchiveSink sink, EventCheckpointStore checkpoints, ArchiveOptions? options = null, CancellationToken cancellationToken = default) =>
        _archive.ArchiveFromEventsAsync(appId, sink, checkpoints, options, cancellationToken);

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
    public virtual Task<SubstatusResult> SetSubstatusAsync(InstanceId instanceId, Substatus substatus, WorkflowOptions? options = null, CancellationToken cancellationToken = default) =>
        _substatus.SetSubstatusAsync(instanceId, substatus, options, cancellationToken);

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
    public virtual Task<SubstatusResult> SetSubstatusAsync(InstanceQuery query, Substatus substatus, WorkflowOptions? options = null, CancellationToken cancellationToken = default) =>
        _substatus.SetSubstatusAsync(query, substatus, options, cancellationToken);

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
    public virtual Task<UndeployReadinessReport> GetUndeployReadinessAsync(AppId appId, UndeployReadinessOptions? options = null, CancellationToken cancellationToken = default) =>
        _undeploy.GetUndeployReadinessAsync(appId, options, cancellationToken);

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
    public virtual Task<WorkflowResult> DeleteDraftsAsync(AppId appId, DeleteDraftsOptions options, CancellationToken cancellationToken = default) =>
        _drafts.DeleteDraftsAsync(appId, options, cancellationToken);
}
