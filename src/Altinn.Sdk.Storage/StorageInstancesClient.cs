using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Altinn.Sdk.Internal;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage.Transport;

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

    /// <summary>What to do about a page larger than the bound, besides raising the bound.</summary>
    private const string PageAdvice = "A smaller page size (InstanceQuery.PageSize) makes pages smaller.";

    /// <summary>Storage's page size when the query gives none.</summary>
    internal const int StorageDefaultPageSize = 100;

    /// <summary>The number of characters of a substatus label the Altinn inbox shows in full (longer ones are cut to 22 + "...").</summary>
    internal const int SubstatusLabelShownLength = 25;

    private readonly StoragePipeline _pipeline;

    /// <summary>For mocking.</summary>
    protected StorageInstancesClient()
    {
        _pipeline = null!;
    }

    internal StorageInstancesClient(StoragePipeline pipeline)
    {
        _pipeline = pipeline;
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
    public virtual AsyncPageable<Instance> QueryAsync(InstanceQuery query, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (query is null) throw new ArgumentNullException(nameof(query));
        query = query.Snapshot();
        _ = query.ToRequest();
        var state = new PageSizeState();
        var repeats = RepeatFilter<Instance>.For(query, i => i);
        return AsyncPageable<Instance>.Create(
            (token, hint, ct) => FetchPageAsync(query, options, state, repeats, token, hint, ReadTypedPageAsync, ct),
            cancellationToken);
    }

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
    public virtual AsyncPageable<InstanceJson> QueryRawAsync(InstanceQuery query, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (query is null) throw new ArgumentNullException(nameof(query));
        query = query.Snapshot();
        _ = query.ToRequest();
        var state = new PageSizeState();
        var repeats = RepeatFilter<InstanceJson>.For(query, i => i.Instance);
        return AsyncPageable<InstanceJson>.Create(
            (token, hint, ct) => FetchPageAsync(query, options, state, repeats, token, hint, ReadRawPageAsync, ct),
            cancellationToken);
    }

    // The query is sent with HttpClient rather than the generated QueryInstancesAsync: InstanceQuery already writes
    // the exact, documented query string (order of keys, encoding, repeated date keys) and the owner header, and the
    // raw variant needs the response bytes, which the transport does not expose.
    private async Task<Page<T>> FetchPageAsync<T>(
        InstanceQuery query,
        AltinnRequestOptions? options,
        PageSizeState state,
        RepeatFilter<T>? repeats,
        string? continuationToken,
        int? pageSizeHint,
        Func<HttpResponseMessage, CancellationToken, Task<(IReadOnlyList<T> Values, string? Next)>> read,
        CancellationToken cancellationToken)
    {
        int? size = state.Reduced is int reduced ? Math.Min(reduced, pageSizeHint ?? reduced) : pageSizeHint;
        while (true)
        {
            InstanceQueryRequest request = query.ToRequest(continuationToken, size);
            using var message = new HttpRequestMessage(HttpMethod.Get, _pipeline.Uri("instances?" + request.QueryString));
            if (request.InstanceOwnerIdentifierHeader is not null)
            {
                message.Headers.TryAddWithoutValidation(InstanceOwnerIdentifier.HeaderName, request.InstanceOwnerIdentifierHeader);
            }

            HttpResponseMessage response = await _pipeline.SendAsync(message, options, retrySafe: false, cancellationToken).ConfigureAwait(false);
            if (await IsDatabaseFailureAsync(response, cancellationToken).ConfigureAwait(false))
            {
                int effective = size ?? query.PageSize ?? StorageDefaultPageSize;
                if (effective > MinimumPageSizeOnTimeout)
                {
                    response.Dispose();
                    int smaller = Math.Max(MinimumPageSizeOnTimeout, effective / 2);
                    state.Original ??= effective;
                    state.Reduced = smaller;
                    size = smaller;
                    StorageLog.PageSizeReduced(_pipeline.Logger, effective, smaller);
                    continue;
                }

                if (state.Original is int original)
                {
                    throw await StoragePipeline.FailureAsync(
                        response,
                        $"The page size was reduced from {original} to {effective} because Storage fails an instance query its database cannot finish in time, and the page still failed. "
                        + "Narrow the query: a shorter created or lastChanged range, appId instead of org, includeDataElements=false.",
                        cancellationToken).ConfigureAwait(false);
                }
            }

            if (!response.IsSuccessStatusCode)
            {
                throw await StoragePipeline.FailureAsync(response, QueryHint((int)response.StatusCode), cancellationToken).ConfigureAwait(false);
            }

            using (response)
            {
                (IReadOnlyList<T> values, string? next) = await read(response, cancellationToken).ConfigureAwait(false);
                string? nextToken = ContinuationTokenOf(next);
                if (repeats is not null)
                {
                    int count = values.Count;
                    values = repeats.Remove(continuationToken, values, nextToken);
                    if (values.Count < count) StorageLog.QueryRepeatsRemoved(_pipeline.Logger, count - values.Count);
                }

                return Page<T>.FromValues(values, nextToken);
            }
        }
    }

    // A 500 is Storage's answer when its database fails a query (its source shows the exception text as the body); a
    // 400 is read the same way only when its text says so. A 500 for an invalid date expression (reference 3.2.2) is
    // not a timeout, so a smaller page would not help. The body (its first 64 KiB, as for every error) is read here
    // and kept for the exception.
    private static async Task<bool> IsDatabaseFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode is not (HttpStatusCode.InternalServerError or HttpStatusCode.BadRequest)) return false;
        string body;
        try
        {
            response.Content = ResponseBody.TruncateError(response.Content);
#if NET
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);

            // Buffered above: nothing left to wait for.
            body = (await response.Content.ReadAsStringAsync(CancellationToken.None).ConfigureAwait(false)).ToUpperInvariant();
#else
            using (cancellationToken.Register(response.Dispose)) await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            body = (await response.Content.ReadAsStringAsync().ConfigureAwait(false)).ToUpperInvariant();
#endif
        }
        catch (Exception exception) when (exception is HttpRequestException or System.IO.IOException or ObjectDisposedException or OperationCanceledException)
        {
            response.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            throw new AltinnRequestFailedException(
                (int)response.StatusCode, $"Storage answered {(int)response.StatusCode} to an instance query, and its answer could not be read: {exception.Message}", innerException: exception);
        }

        if (body.Contains("INVALID DATE EXPRESSION")) return false;
        return response.StatusCode == HttpStatusCode.InternalServerError || body.Contains("UNABLE TO PERFORM QUERY") || body.Contains("TIMEOUT") || body.Contains("TIMED OUT");
    }

    private async Task<(IReadOnlyList<Instance> Values, string? Next)> ReadTypedPageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
#if NET
        using var stream = ResponseBody.Limit(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), response, _pipeline.MaxResponseBytes, PageAdvice);
#else
        using var stream = ResponseBody.Limit(await response.Content.ReadAsStreamAsync().ConfigureAwait(false), response, _pipeline.MaxResponseBytes, PageAdvice);
#endif
        InstanceQueryResponse page = await JsonSerializer.DeserializeAsync(stream, AltinnJsonContext.Default.InstanceQueryResponse, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("Storage returned null instead of a page of instances.");
        return (page.Instances ?? Array.Empty<Instance>(), page.Next);
    }

    private async Task<(IReadOnlyList<InstanceJson> Values, string? Next)> ReadRawPageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[] body = await ResponseBody.ReadAllAsync(response, _pipeline.MaxResponseBytes, PageAdvice, cancellationToken).ConfigureAwait(false);
        return SplitRawPage(body);
    }

    /// <summary>Splits Storage's <c>{"count", "self", "next", "instances": [...]}</c> into the exact bytes of each instance.</summary>
    internal static (IReadOnlyList<InstanceJson> Values, string? Next) SplitRawPage(byte[] body)
    {
        var values = new List<InstanceJson>();
        string? next = null;
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Storage's answer to an instance query is not a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isInstances = reader.ValueTextEquals("instances"u8);
            bool isNext = reader.ValueTextEquals("next"u8);
            reader.Read();
            if (isInstances && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    int start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    int end = (int)reader.BytesConsumed;
                    byte[] instance = new byte[end - start];
                    Buffer.BlockCopy(body, start, instance, 0, instance.Length);
                    values.Add(InstanceJson.Read(instance));
                }
            }
            else if (isNext && reader.TokenType == JsonTokenType.String)
            {
                next = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return (values, next);
    }

    /// <summary>The decoded <c>continuationToken</c> parameter of Storage's <c>next</c> link (only the token is used, never the link).</summary>
    internal static string? ContinuationTokenOf(string? next)
    {
        if (string.IsNullOrEmpty(next)) return null;
        int question = next!.IndexOf('?');
        if (question >= 0)
        {
            foreach (string pair in next.Substring(question + 1).Split('&'))
            {
                int equals = pair.IndexOf('=');
                if (equals > 0 && string.Equals(pair.Substring(0, equals), "continuationToken", StringComparison.OrdinalIgnoreCase))
                {
                    string token = Uri.UnescapeDataString(pair.Substring(equals + 1));
                    if (token.Length > 0) return token;
                }
            }
        }

        throw new InvalidOperationException(
            "Storage sent a next link without a continuationToken parameter, so the next page cannot be asked for. This is a problem in the service.");
    }

    private sealed class PageSizeState
    {
        public int? Original { get; set; }

        public int? Reduced { get; set; }
    }

    /// <summary>
    /// Leaves out the instances a descending query returns twice. Storage's descending paging repeats only instances
    /// whose <c>lastChanged</c> equals the last row's of the page before, and rows never get newer within a listing, so
    /// remembering the ids of the oldest <c>lastChanged</c> seen so far is enough: memory stays at one group of ties.
    /// </summary>
    private sealed class RepeatFilter<T>
    {
        private readonly object _gate = new();
        private readonly Func<T, Instance> _instanceOf;
        private readonly HashSet<Guid> _ids = [];
        private DateTimeOffset? _lastChanged;
        private string? _expectedToken;

        private RepeatFilter(Func<T, Instance> instanceOf) => _instanceOf = instanceOf;

        /// <summary>A filter for a descending query; null for an ascending one, which Storage pages without repeats.</summary>
        public static RepeatFilter<T>? For(InstanceQuery query, Func<T, Instance> instanceOf) =>
            query.Order == InstanceQueryOrder.LastChangedDescending ? new RepeatFilter<T>(instanceOf) : null;

        public IReadOnlyList<T> Remove(string? token, IReadOnlyList<T> values, string? nextToken)
        {
            lock (_gate)
            {
                // Any other token than the one handed out last starts an enumeration (or resumes one): nothing is known.
                if (token is null || token != _expectedToken)
                {
                    _ids.Clear();
                    _lastChanged = null;
                }

                var kept = new List<T>(values.Count);
                foreach (T value in values)
                {
                    Instance instance = _instanceOf(value);
                    if (instance.LastChanged != _lastChanged)
                    {
                        _ids.Clear();
                        _lastChanged = instance.LastChanged;
                    }

                    if (instance.Id is { } id && !_ids.Add(id.InstanceGuid)) continue;
                    kept.Add(value);
                }

                _expectedToken = nextToken;
                return kept.Count == values.Count ? values : kept;
            }
        }
    }

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
    public virtual Task<Instance> GetAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        return _pipeline.CallAsync(options, retrySafe: false, ReadHint, (t, ct) => t.GetInstanceAsync(instanceId.PartyId, instanceId.InstanceGuid, ct), cancellationToken);
    }

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
    public virtual async Task<InstanceJson> GetRawAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));

        // HttpClient directly: the generated transport deserializes and does not expose the bytes.
        using var message = new HttpRequestMessage(HttpMethod.Get, _pipeline.Uri("instances/" + StoragePipeline.Path(instanceId)));
        HttpResponseMessage response = await _pipeline.SendAsync(message, options, retrySafe: false, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await StoragePipeline.FailureAsync(response, ReadHint((int)response.StatusCode), cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            byte[] body = await ResponseBody.ReadAllAsync(response, _pipeline.MaxResponseBytes, null, cancellationToken).ConfigureAwait(false);
            return InstanceJson.Read(body);
        }
    }

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
    public virtual Task<Instance> ConfirmCompleteAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        return _pipeline.CallAsync(options, retrySafe: true, WriteHint, (t, ct) => t.CompleteInstanceAsync(instanceId.PartyId, instanceId.InstanceGuid, ct), cancellationToken);
    }

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
    public virtual Task<Instance> SetSubstatusAsync(InstanceId instanceId, Substatus substatus, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        if (substatus is null) throw new ArgumentNullException(nameof(substatus));
        if (string.IsNullOrWhiteSpace(substatus.Label))
        {
            throw new ArgumentException("The substatus label is empty; Storage requires a label (plain text or a text resource key).", nameof(substatus));
        }

        if (substatus.Label!.Length > SubstatusLabelShownLength)
        {
            StorageLog.SubstatusLabelTooLong(_pipeline.Logger, instanceId, substatus.Label.Length);
        }

        return SetSubstatusCoreAsync(instanceId, substatus, options, cancellationToken);
    }

    // Storage answers 500 (not 404) to a substatus for an instance that does not exist: it reads the missing instance's
    // org. So the first attempt is not retried; after a transient failure the instance is looked up, and only when it
    // exists is the write sent again with the usual retries. A missing one becomes the lookup's 404, saying why.
    private async Task<Instance> SetSubstatusCoreAsync(InstanceId instanceId, Substatus substatus, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        try
        {
            return await SendSubstatusAsync(retrySafe: false).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AltinnRequestFailedException { Status: 408 or 429 or >= 500 } or HttpRequestException)
        {
            _ = await _pipeline.CallAsync(
                options,
                retrySafe: false,
                status => status == 404
                    ? "The instance does not exist (or has been purged), so its substatus cannot be set; Storage answered the substatus call with 500 rather than 404."
                    : ReadHint(status),
                (t, ct) => t.GetInstanceAsync(instanceId.PartyId, instanceId.InstanceGuid, ct),
                cancellationToken).ConfigureAwait(false);
            return await SendSubstatusAsync(retrySafe: true).ConfigureAwait(false);
        }

        Task<Instance> SendSubstatusAsync(bool retrySafe) => _pipeline.CallAsync(
            options,
            retrySafe,
            status => status == 403
                ? "Only the app owner (an org token whose org is the instance's org) may set the substatus; users and system users always get 403."
                : WriteHint(status),
            (t, ct) => t.UpdateSubstatusAsync(instanceId.PartyId, instanceId.InstanceGuid, substatus, ct),
            cancellationToken);
    }

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
    public virtual Task<Instance> SetReadStatusAsync(InstanceId instanceId, ReadStatus status, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        if (status is not (ReadStatus.Unread or ReadStatus.Read or ReadStatus.UpdatedSinceLastReview))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Use Unread, Read or UpdatedSinceLastReview.");
        }

        return _pipeline.CallAsync(options, retrySafe: true, WriteHint, (t, ct) => t.UpdateReadStatusAsync(instanceId.PartyId, instanceId.InstanceGuid, status, ct), cancellationToken);
    }

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
    public virtual Task<Instance> DeleteAsync(InstanceId instanceId, bool hard, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        return _pipeline.CallAsync(
            options,
            retrySafe: true,
            status => status == 403
                ? "Storage refuses a delete when the caller lacks the delete action in the app's policy.xml (the app owner needs a rule giving its org 'delete'), or when the app's preventInstanceDeletionForDays has not passed since the instance was archived."
                : ReadHint(status),
            (t, ct) => t.DeleteInstanceAsync(instanceId.PartyId, instanceId.InstanceGuid, hard, ct),
            cancellationToken);
    }

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
    public virtual Task<Instance> SetPresentationTextsAsync(InstanceId instanceId, IReadOnlyDictionary<string, string?> texts, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        CheckKeys(texts, nameof(texts));
        var body = new PresentationTexts { Texts = texts };
        return _pipeline.CallAsync(options, retrySafe: true, WriteHint, (t, ct) => t.UpdatePresentationTextsAsync(instanceId.PartyId, instanceId.InstanceGuid, body, ct), cancellationToken);
    }

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
    public virtual Task<Instance> SetDataValuesAsync(InstanceId instanceId, IReadOnlyDictionary<string, string?> values, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        CheckKeys(values, nameof(values));
        var body = new DataValues { Values = values };
        return _pipeline.CallAsync(options, retrySafe: true, WriteHint, (t, ct) => t.UpdateDataValuesAsync(instanceId.PartyId, instanceId.InstanceGuid, body, ct), cancellationToken);
    }

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
    public virtual async Task<IReadOnlyList<InstanceEvent>> GetEventsAsync(
        InstanceId instanceId, IEnumerable<string>? eventTypes, DateTimeOffset? from, DateTimeOffset? until, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        if (from.HasValue != until.HasValue)
        {
            throw new ArgumentException(
                "Give both from and until, or neither: Storage applies a time range only when both ends are given and would silently return every event otherwise.",
                from.HasValue ? nameof(until) : nameof(from));
        }

        if (from > until) throw new ArgumentException("from is after until.", nameof(from));
        string[]? types = eventTypes?.ToArray();
        if (types is not null && types.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("An event type is empty.", nameof(eventTypes));
        }

        // Sent in UTC: the generated transport writes the round-trip format with the offset, URL-encoded.
        DateTimeOffset? fromUtc = from?.ToUniversalTime();
        DateTimeOffset? untilUtc = until?.ToUniversalTime();
        InstanceEventList list = await _pipeline.CallAsync(
            options, retrySafe: false, ReadHint,
            (t, ct) => t.GetInstanceEventsAsync(instanceId.PartyId, instanceId.InstanceGuid, types is { Length: > 0 } ? types : null, fromUtc, untilUtc, ct),
            cancellationToken).ConfigureAwait(false);
        return list.InstanceEvents ?? Array.Empty<InstanceEvent>();
    }

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
    public virtual async Task<IReadOnlyList<ProcessHistoryItem>> GetProcessHistoryAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        ProcessHistoryList list = await _pipeline.CallAsync(
            options, retrySafe: false, ReadHint, (t, ct) => t.GetProcessHistoryAsync(instanceId.PartyId, instanceId.InstanceGuid, ct), cancellationToken).ConfigureAwait(false);
        return list.ProcessHistory ?? Array.Empty<ProcessHistoryItem>();
    }

    // ---- Helpers ----

    private static void CheckKeys(IReadOnlyDictionary<string, string?>? values, string parameterName)
    {
        if (values is null) throw new ArgumentNullException(parameterName);
        if (values.Keys.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("A key is empty.", parameterName);
    }

    private static string? QueryHint(int status) => status switch
    {
        403 => "An org token needs the scope altinn:serviceowner/instances.read, and querying another org's app needs read access to it; a user or system user must name the instance owner.",
        500 => "Storage answers 500 to an invalid date expression (the same operator twice on one date filter, or an unreadable date).",
        _ => null,
    };

    internal static string? ReadHint(int status) => status switch
    {
        404 => "The instance (or data element) does not exist: it was never created, or it has been purged (a hard-deleted draft soon after the delete; an archived instance once the hard delete and the app owner's own complete confirmation are both 7 days old), or it is hard-deleted and the caller is not the app owner.",
        403 => "The caller may not do this: check the token's scopes and the app's policy.xml. Storage also answers 403 (not 404) for a missing instance on policy-guarded endpoints.",
        _ => null,
    };

    private static string? WriteHint(int status) => ReadHint(status);
}
