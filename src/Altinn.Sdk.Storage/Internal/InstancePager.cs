using System.Net;

namespace Altinn.Sdk.Storage;

/// <summary>
/// Pages an instance query: one request per page as the result is enumerated, the page size halved when Storage's
/// database could not finish a page, the continuation token taken from <c>next</c>, and the repeats of a descending
/// listing left out.
/// </summary>
internal sealed class InstancePager
{
    /// <summary>What to do about a page larger than the bound, besides raising the bound.</summary>
    private const string PageAdvice = "A smaller page size (InstanceQuery.PageSize) makes pages smaller.";

    /// <summary>Storage's page size when the query gives none.</summary>
    internal const int StorageDefaultPageSize = 100;

    private readonly StoragePipeline _pipeline;

    public InstancePager(StoragePipeline pipeline) => _pipeline = pipeline;

    /// <summary>The typed listing; the query is checked now.</summary>
    public AsyncPageable<Instance> Query(InstanceQuery query, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        query = Checked(query);
        var state = new PageSizeState();
        var repeats = DescendingRepeatFilter<Instance>.For(query, i => i);
        return AsyncPageable<Instance>.Create(
            (token, hint, ct) => FetchPageAsync(query, options, state, repeats, token, hint, ReadTypedPageAsync, ct),
            cancellationToken);
    }

    /// <summary>The listing with each instance's JSON as Storage sent it; the query is checked now.</summary>
    public AsyncPageable<InstanceJson> QueryRaw(InstanceQuery query, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        query = Checked(query);
        var state = new PageSizeState();
        var repeats = DescendingRepeatFilter<InstanceJson>.For(query, i => i.Instance);
        return AsyncPageable<InstanceJson>.Create(
            (token, hint, ct) => FetchPageAsync(query, options, state, repeats, token, hint, ReadRawPageAsync, ct),
            cancellationToken);
    }

    private static InstanceQuery Checked(InstanceQuery query)
    {
        if (query is null) throw new ArgumentNullException(nameof(query));
        query = query.Snapshot();
        _ = query.ToRequest();
        return query;
    }

    // The query is sent with HttpClient rather than the generated QueryInstancesAsync: InstanceQuery already writes
    // the exact, documented query string (order of keys, encoding, repeated date keys) and the owner header, and the
    // raw variant needs the response bytes, which the transport does not expose.
    private async Task<Page<T>> FetchPageAsync<T>(
        InstanceQuery query,
        AltinnRequestOptions? options,
        PageSizeState state,
        DescendingRepeatFilter<T>? repeats,
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

            // While the page can still shrink, a 500 is the halving's to handle below: the same request again would
            // only keep the database busy with the query it could not finish.
            int effective = size ?? query.PageSize ?? StorageDefaultPageSize;
            if (effective > StorageInstancesClient.MinimumPageSizeOnTimeout) message.MarkNotRetriedOn(HttpStatusCode.InternalServerError);

            HttpResponseMessage response = await _pipeline.SendAsync("Storage.Instances.Query", message, options, retrySafe: false, cancellationToken).ConfigureAwait(false);
            if (await IsDatabaseFailureAsync(response, cancellationToken).ConfigureAwait(false))
            {
                if (effective > StorageInstancesClient.MinimumPageSizeOnTimeout)
                {
                    response.Dispose();
                    int smaller = Math.Max(StorageInstancesClient.MinimumPageSizeOnTimeout, effective / 2);
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
                throw await StoragePipeline.FailureAsync(response, StorageHints.Query((int)response.StatusCode), cancellationToken).ConfigureAwait(false);
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

    // A 500 is Storage's answer when its database fails a query: its instances controller answers 500 with the
    // exception's message as a plain-text body ("Unable to perform query on instances due to: ...", or the
    // repository's own text such as a command timeout), and 499 when the caller went away. A 400 is read the same way
    // only when its text says so. A 500 for an invalid date expression (reference 3.2.2) is
    // not a timeout, so a smaller page would not help. The body (its first 64 KiB, as for every error) is read here
    // and kept for the exception.
    private static async Task<bool> IsDatabaseFailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode is not (HttpStatusCode.InternalServerError or HttpStatusCode.BadRequest)) return false;
        string body;
        try
        {
            response.Content = ResponseBody.TruncateError(response.Content);
            body = (await HttpContentReads.BufferedStringAsync(response, cancellationToken).ConfigureAwait(false)).ToUpperInvariant();
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
        using var stream = ResponseBody.Limit(await HttpContentReads.StreamAsync(response.Content, cancellationToken).ConfigureAwait(false), response, _pipeline.MaxResponseBytes, PageAdvice);
        InstanceQueryResponse page = await JsonSerializer.DeserializeAsync(stream, AltinnJsonContext.Default.InstanceQueryResponse, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("Storage returned null instead of a page of instances.");
        return (page.Instances ?? Array.Empty<Instance>(), page.Next);
    }

    private async Task<(IReadOnlyList<InstanceJson> Values, string? Next)> ReadRawPageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[] body = await ResponseBody.ReadAllAsync(response, _pipeline.MaxResponseBytes, PageAdvice, cancellationToken).ConfigureAwait(false);
        return RawInstancePage.Split(body);
    }

    /// <summary>The decoded <c>continuationToken</c> parameter of Storage's <c>next</c> link (only the token is used, never the link).</summary>
    internal static string? ContinuationTokenOf(string? next)
    {
        if (string.IsNullOrEmpty(next)) return null;
        return NextLink.Parameter(next, "continuationToken", StringComparison.OrdinalIgnoreCase)
            ?? throw new InvalidOperationException(
                "Storage sent a next link without a continuationToken parameter, so the next page cannot be asked for. This is a problem in the service.");
    }

    private sealed class PageSizeState
    {
        public int? Original { get; set; }

        public int? Reduced { get; set; }
    }
}
