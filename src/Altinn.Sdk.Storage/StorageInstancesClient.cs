namespace Altinn.Sdk.Storage;

/// <summary>
/// Instances in Altinn Storage (<c>{platform}/storage/api/v1/instances</c>): query with paging, get (typed or as the
/// raw JSON Storage sent), complete-confirm, substatus, read status, delete, events, process history, presentation
/// texts and data values. Get it from <see cref="StorageClient.Instances"/>. Thread-safe.
/// </summary>
/// <remarks>
/// Every method checks its arguments before sending anything. A failed call throws
/// <see cref="AltinnRequestFailedException"/> with the status and what Storage said. The idempotent writes
/// (complete, substatus, read status, delete, presentation texts, data values) are marked retry-safe, so the
/// Altinn pipeline retries them on 408/429/5xx and network errors like a GET.
/// </remarks>
public class StorageInstancesClient
{
    /// <summary>
    /// The smallest page size the query retry goes down to. Storage answers an instance query its database could not
    /// finish (a timeout) with <c>500</c> (a <c>400</c> that says so is read the same way);
    /// <see cref="QueryAsync(InstanceQuery, AltinnRequestOptions?, CancellationToken)"/> then retries the same page with
    /// half the page size, down to this size.
    /// </summary>
    public const int MinimumPageSizeOnTimeout = 10;

    private readonly InstancePager _pager;
    private readonly InstanceOperations _calls;

    /// <summary>For mocking.</summary>
    protected StorageInstancesClient()
    {
        _pager = null!;
        _calls = null!;
    }

    internal StorageInstancesClient(StoragePipeline pipeline)
    {
        _pager = new InstancePager(pipeline);
        _calls = new InstanceOperations(pipeline);
    }

    // ---- Query ----

    /// <summary>Queries instances; see <see cref="QueryAsync(InstanceQuery, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the paging.</param>
    /// <returns>The instances, fetched page by page as they are enumerated.</returns>
    public virtual AsyncPageable<Instance> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default) =>
        QueryAsync(query, null, cancellationToken);

    /// <summary>
    /// Queries instances (<c>GET instances?{query}</c>), page by page as the result is enumerated; nothing is sent
    /// before the first page is asked for, and no more than one page is held at a time.
    /// </summary>
    /// <param name="query">
    /// The query; it is checked now (an invalid query throws here, before any request) and written with
    /// <see cref="InstanceQuery.ToRequest"/> for every page, so do not change it while paging.
    /// </param>
    /// <param name="options">Another identity for these requests, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the paging.</param>
    /// <returns>
    /// The instances. <see cref="AsyncPageable{T}.AsPages"/> gives the pages with their continuation token (save it
    /// to resume a job later) and takes a page size.
    /// </returns>
    /// <remarks>
    /// <para>Pages that are short or empty while Storage still sends <c>next</c> are followed (Storage filters by
    /// authorization after paging). The continuation token is taken from <c>next</c>'s <c>continuationToken</c>
    /// parameter (decoded); the <c>next</c> URL itself is never requested, so its host does not matter.</para>
    /// <para><b>Descending order is not a complete listing.</b> Storage sorts a descending query by <c>lastChanged</c>
    /// newest first and then by its internal id ascending, but continues the next page below the last row's
    /// (<c>lastChanged</c>, id). Instances that share the <c>lastChanged</c> of a page's last row are therefore returned
    /// again on the next page, and the rest of them never. The repeats are left out here (compared by id with the
    /// instances of that same <c>lastChanged</c> already returned in this enumeration, so pages may come out short, and a
    /// warning, event 3003, is logged); the skipped ones cannot be recovered. For a listing that must see every instance
    /// (archiving, exports, counts) use <see cref="InstanceQueryOrder.LastChangedAscending"/>, which Storage pages
    /// correctly. Resuming with <see cref="AsyncPageable{T}.AsPages"/> from a saved token starts the comparison afresh.</para>
    /// <para>Storage answers a query its database could not finish (typically a timeout) with <c>500</c> and the
    /// database's error text. Such an answer, or a <c>400</c> whose text says the query could not be performed or timed
    /// out (the SDK's earlier reading of Storage, kept since it is inferred, not documented), on a page larger than
    /// <see cref="MinimumPageSizeOnTimeout"/> is read as a timeout: the same page is asked for again with half the page
    /// size (the smaller size is kept for the following pages). If the page still fails at the smallest size, the
    /// <see cref="AltinnRequestFailedException"/> says that the page size was reduced and that the query should be
    /// narrowed. A 500 for an invalid date expression and any other 400 (an invalid query) fail at once.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentException">The query is invalid.</exception>
    /// <exception cref="AltinnRequestFailedException">While enumerating: Storage refused a page.</exception>
    public virtual AsyncPageable<Instance> QueryAsync(InstanceQuery query, AltinnRequestOptions? options, CancellationToken cancellationToken = default) =>
        _pager.Query(query, options, cancellationToken);

    /// <summary>Queries instances and keeps the JSON Storage sent for each; see <see cref="QueryRawAsync(InstanceQuery, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the paging.</param>
    /// <returns>The instances with their JSON.</returns>
    public virtual AsyncPageable<InstanceJson> QueryRawAsync(InstanceQuery query, CancellationToken cancellationToken = default) =>
        QueryRawAsync(query, null, cancellationToken);

    /// <summary>
    /// As <see cref="QueryAsync(InstanceQuery, AltinnRequestOptions?, CancellationToken)"/> (same paging, same
    /// timeout handling, the same repeats left out in descending order), but every item also carries the exact bytes of its JSON object in Storage's answer, for
    /// archives that keep what Storage sent. Each page is read whole into memory before it is split.
    /// </summary>
    /// <param name="query">The query; checked now.</param>
    /// <param name="options">Another identity for these requests, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the paging.</param>
    /// <returns>The instances with their JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentException">The query is invalid.</exception>
    public virtual AsyncPageable<InstanceJson> QueryRawAsync(InstanceQuery query, AltinnRequestOptions? options, CancellationToken cancellationToken = default) =>
        _pager.QueryRaw(query, options, cancellationToken);

    // ---- Single instance ----

    /// <summary>Gets an instance; see <see cref="GetAsync(InstanceId, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance.</returns>
    public virtual Task<Instance> GetAsync(InstanceId instanceId, CancellationToken cancellationToken = default) =>
        GetAsync(instanceId, null, cancellationToken);

    /// <summary>
    /// Gets an instance (<c>GET instances/{partyId}/{guid}</c>). Hard-deleted instances are returned to the app owner until
    /// they are purged; end users get 404 for them.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="AltinnRequestFailedException">404 when the instance does not exist (or was purged); 403 when the caller may not read it.</exception>
    public virtual Task<Instance> GetAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken = default) =>
        _calls.GetAsync(instanceId, options, cancellationToken);

    /// <summary>Gets an instance with the JSON Storage sent; see <see cref="GetRawAsync(InstanceId, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance and its JSON.</returns>
    public virtual Task<InstanceJson> GetRawAsync(InstanceId instanceId, CancellationToken cancellationToken = default) =>
        GetRawAsync(instanceId, null, cancellationToken);

    /// <summary>
    /// Gets an instance (<c>GET instances/{partyId}/{guid}</c>) and keeps the exact bytes Storage sent, for archives.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance and its JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="AltinnRequestFailedException">As <see cref="GetAsync(InstanceId, AltinnRequestOptions?, CancellationToken)"/>.</exception>
    public virtual Task<InstanceJson> GetRawAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken = default) =>
        _calls.GetRawAsync(instanceId, options, cancellationToken);

    // ---- Writes ----

    /// <summary>Confirms that the app owner has what it needs; see <see cref="ConfirmCompleteAsync(InstanceId, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance after the confirmation.</returns>
    public virtual Task<Instance> ConfirmCompleteAsync(InstanceId instanceId, CancellationToken cancellationToken = default) =>
        ConfirmCompleteAsync(instanceId, null, cancellationToken);

    /// <summary>
    /// Records the calling org's complete confirmation (<c>POST instances/{partyId}/{guid}/complete</c>): the app
    /// owner has archived the instance. Idempotent (a second confirmation changes nothing), so it is retried like a GET.
    /// Storage deletes nothing here; the confirmation is what lets a hard-deleted instance be purged later.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance after the confirmation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="AltinnRequestFailedException">Storage refused.</exception>
    public virtual Task<Instance> ConfirmCompleteAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken = default) =>
        _calls.ConfirmCompleteAsync(instanceId, options, cancellationToken);

    /// <summary>Sets the substatus; see <see cref="SetSubstatusAsync(InstanceId, Substatus, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="substatus">The substatus.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance after the change.</returns>
    public virtual Task<Instance> SetSubstatusAsync(InstanceId instanceId, Substatus substatus, CancellationToken cancellationToken = default) =>
        SetSubstatusAsync(instanceId, substatus, null, cancellationToken);

    /// <summary>
    /// Sets the substatus shown in the inbox (<c>PUT instances/{partyId}/{guid}/substatus</c>). Only the app owner may.
    /// A label longer than 25 characters is sent, but a warning is logged: the inbox shows 22 characters and "...".
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="substatus">The substatus; its <see cref="Substatus.Label"/> must not be empty.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance after the change.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> or <paramref name="substatus"/> is null.</exception>
    /// <exception cref="ArgumentException">The label is empty or white space.</exception>
    /// <exception cref="AltinnRequestFailedException">
    /// Storage refused: 403 when the caller is not the instance's app owner; 404 when the instance does not exist (Storage
    /// itself answers 500 for that, so after a 500 the instance is looked up, and the write is sent again only if it exists).
    /// </exception>
    public virtual Task<Instance> SetSubstatusAsync(InstanceId instanceId, Substatus substatus, AltinnRequestOptions? options, CancellationToken cancellationToken = default) =>
        _calls.SetSubstatusAsync(instanceId, substatus, options, cancellationToken);

    /// <summary>Sets the read status; see <see cref="SetReadStatusAsync(InstanceId, ReadStatus, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="status">The read status.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance after the change.</returns>
    public virtual Task<Instance> SetReadStatusAsync(InstanceId instanceId, ReadStatus status, CancellationToken cancellationToken = default) =>
        SetReadStatusAsync(instanceId, status, null, cancellationToken);

    /// <summary>Sets the read status (<c>PUT instances/{partyId}/{guid}/readstatus?status=</c>). Does not change <c>lastChanged</c>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="status">The read status.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance after the change.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is not a defined value.</exception>
    /// <exception cref="AltinnRequestFailedException">Storage refused.</exception>
    public virtual Task<Instance> SetReadStatusAsync(InstanceId instanceId, ReadStatus status, AltinnRequestOptions? options, CancellationToken cancellationToken = default) =>
        _calls.SetReadStatusAsync(instanceId, status, options, cancellationToken);

    /// <summary>Deletes an instance; see <see cref="DeleteAsync(InstanceId, bool, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="hard"><see langword="true"/> for a hard delete.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The deleted instance.</returns>
    public virtual Task<Instance> DeleteAsync(InstanceId instanceId, bool hard, CancellationToken cancellationToken = default) =>
        DeleteAsync(instanceId, hard, null, cancellationToken);

    /// <summary>
    /// Deletes an instance in Storage (<c>DELETE instances/{partyId}/{guid}?hard=</c>): soft (<c>status.isSoftDeleted</c>,
    /// restorable) or hard (also <c>status.isHardDeleted</c>; purged later). This bypasses the app; Altinn's documented
    /// way to delete drafts is the app's own delete endpoint.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="hard"><see langword="true"/> for a hard delete.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The deleted instance.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="AltinnRequestFailedException">404 when missing; 403 when not allowed (the message says why it may be).</exception>
    public virtual Task<Instance> DeleteAsync(InstanceId instanceId, bool hard, AltinnRequestOptions? options, CancellationToken cancellationToken = default) =>
        _calls.DeleteAsync(instanceId, hard, options, cancellationToken);

    /// <summary>Sets presentation texts; see <see cref="SetPresentationTextsAsync(InstanceId, IReadOnlyDictionary{string, string?}, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="texts">The texts to merge.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance after the change.</returns>
    public virtual Task<Instance> SetPresentationTextsAsync(InstanceId instanceId, IReadOnlyDictionary<string, string?> texts, CancellationToken cancellationToken = default) =>
        SetPresentationTextsAsync(instanceId, texts, null, cancellationToken);

    /// <summary>
    /// Merges presentation texts into the instance (<c>PUT instances/{partyId}/{guid}/presentationtexts</c>);
    /// an empty or <see langword="null"/> value removes the key.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="texts">The texts to merge, by key.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance after the change.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> or <paramref name="texts"/> is null.</exception>
    /// <exception cref="ArgumentException">A key is empty.</exception>
    /// <exception cref="AltinnRequestFailedException">Storage refused.</exception>
    public virtual Task<Instance> SetPresentationTextsAsync(InstanceId instanceId, IReadOnlyDictionary<string, string?> texts, AltinnRequestOptions? options, CancellationToken cancellationToken = default) =>
        _calls.SetPresentationTextsAsync(instanceId, texts, options, cancellationToken);

    /// <summary>Sets data values; see <see cref="SetDataValuesAsync(InstanceId, IReadOnlyDictionary{string, string?}, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="values">The values to merge.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance after the change.</returns>
    public virtual Task<Instance> SetDataValuesAsync(InstanceId instanceId, IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken = default) =>
        SetDataValuesAsync(instanceId, values, null, cancellationToken);

    /// <summary>
    /// Merges data values into the instance (<c>PUT instances/{partyId}/{guid}/datavalues</c>); an empty or
    /// <see langword="null"/> value removes the key.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="values">The values to merge, by key.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The instance after the change.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> or <paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException">A key is empty.</exception>
    /// <exception cref="AltinnRequestFailedException">Storage refused.</exception>
    public virtual Task<Instance> SetDataValuesAsync(InstanceId instanceId, IReadOnlyDictionary<string, string?> values, AltinnRequestOptions? options, CancellationToken cancellationToken = default) =>
        _calls.SetDataValuesAsync(instanceId, values, options, cancellationToken);

    // ---- Events and process history ----

    /// <summary>Gets instance events; see <see cref="GetEventsAsync(InstanceId, IEnumerable{string}?, DateTimeOffset?, DateTimeOffset?, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="eventTypes">Event types to keep, or <see langword="null"/> for all.</param>
    /// <param name="from">Start of the time range, together with <paramref name="until"/>.</param>
    /// <param name="until">End of the time range (Storage's <c>to</c>), together with <paramref name="from"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The events, oldest first.</returns>
    public virtual Task<IReadOnlyList<InstanceEvent>> GetEventsAsync(
        InstanceId instanceId, IEnumerable<string>? eventTypes = null, DateTimeOffset? from = null, DateTimeOffset? until = null, CancellationToken cancellationToken = default) =>
        GetEventsAsync(instanceId, eventTypes, from, until, null, cancellationToken);

    /// <summary>
    /// Gets the instance's events (<c>GET instances/{partyId}/{guid}/events?eventTypes=&amp;from=&amp;to=</c>), oldest
    /// first, not paged.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="eventTypes">
    /// Event types to keep (each sent as its own <c>eventTypes</c> key, matched exactly and case-sensitively, e.g.
    /// <c>Created</c>, <c>Submited</c> — Storage's spelling), or <see langword="null"/> for all.
    /// </param>
    /// <param name="from">Start of the time range; Storage applies a range only with both ends, so give both or neither.</param>
    /// <param name="until">End of the time range (Storage's <c>to</c>); with <paramref name="from"/>.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The events, oldest first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="ArgumentException">Only one of <paramref name="from"/> and <paramref name="until"/> is given, <paramref name="from"/> is after <paramref name="until"/>, or an event type is empty.</exception>
    /// <exception cref="AltinnRequestFailedException">Storage refused.</exception>
    public virtual Task<IReadOnlyList<InstanceEvent>> GetEventsAsync(
        InstanceId instanceId, IEnumerable<string>? eventTypes, DateTimeOffset? from, DateTimeOffset? until, AltinnRequestOptions? options, CancellationToken cancellationToken = default) =>
        _calls.GetEventsAsync(instanceId, eventTypes, from, until, options, cancellationToken);

    /// <summary>Gets the process history; see <see cref="GetProcessHistoryAsync(InstanceId, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The process history.</returns>
    public virtual Task<IReadOnlyList<ProcessHistoryItem>> GetProcessHistoryAsync(InstanceId instanceId, CancellationToken cancellationToken = default) =>
        GetProcessHistoryAsync(instanceId, null, cancellationToken);

    /// <summary>Gets the process history built from the instance's process events (<c>GET instances/{partyId}/{guid}/process/history</c>).</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The process history: start event, one item per task, end event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="AltinnRequestFailedException">Storage refused.</exception>
    public virtual Task<IReadOnlyList<ProcessHistoryItem>> GetProcessHistoryAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken = default) =>
        _calls.GetProcessHistoryAsync(instanceId, options, cancellationToken);
}
