using System.Runtime.CompilerServices;

namespace Altinn.Sdk;

/// <summary>
/// A collection an Altinn service returns one page at a time. Enumerate it with <c>await foreach</c> to get the items
/// of every page in order, fetching each page only when the previous one has been used up; or call
/// <see cref="AsPages(string?, int?)"/> to work page by page and save <see cref="Page{T}.ContinuationToken"/>
/// to resume a long job later.
/// </summary>
/// <typeparam name="T">The item type, for example <c>Instance</c>.</typeparam>
/// <remarks>
/// <para>Nothing is fetched until enumeration starts, and every enumeration starts over from the first page (or
/// from the token given to <see cref="AsPages(string?, int?)"/>). Pages are never collected: memory stays at one page
/// however long the listing is.</para>
/// <para>Cancellation: the token given to the method that returned the pageable, and the token given to
/// <c>WithCancellation</c> (or <see cref="GetAsyncEnumerator(CancellationToken)"/>), both cancel; whichever
/// fires first stops the enumeration with <see cref="OperationCanceledException"/>.</para>
/// </remarks>
public abstract class AsyncPageable<T> : IAsyncEnumerable<T>
{
    /// <summary>Creates a pageable that has no cancellation token of its own; for mocking and derived classes.</summary>
    protected AsyncPageable()
        : this(CancellationToken.None)
    {
    }

    /// <summary>Creates a pageable whose enumerations are cancelled by <paramref name="cancellationToken"/>.</summary>
    /// <param name="cancellationToken">The token of the call that returned this pageable.</param>
    protected AsyncPageable(CancellationToken cancellationToken) => CancellationToken = cancellationToken;

    /// <summary>The token of the call that returned this pageable; it cancels every enumeration.</summary>
    protected virtual CancellationToken CancellationToken { get; }

    /// <summary>
    /// Enumerates the pages, starting at the first page or at <paramref name="continuationToken"/>, and following
    /// each page's continuation token until one has none.
    /// </summary>
    /// <param name="continuationToken">
    /// A token saved from <see cref="Page{T}.ContinuationToken"/> to resume from; <see langword="null"/> starts at the first page.
    /// </param>
    /// <param name="pageSizeHint">
    /// How many items to ask for per page; <see langword="null"/> uses the service's (or the query's) page size.
    /// The service may return fewer.
    /// </param>
    /// <returns>The pages, fetched one at a time as the enumeration asks for them.</returns>
    public abstract IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null);

    /// <summary>Enumerates the items of every page, fetching the next page only when the current one is used up.</summary>
    /// <param name="cancellationToken">Cancels the enumeration, together with the pageable's own token.</param>
    /// <returns>An enumerator over the items.</returns>
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (Page<T> page in AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (T value in page.Values)
            {
                yield return value;
            }
        }
    }

    /// <summary>
    /// Creates a pageable from a function that fetches one page: it is called with the continuation token
    /// (<see langword="null"/> for the first page), the page size hint and a cancellation token, and is called again
    /// with each page's token until a page has none.
    /// </summary>
    /// <param name="fetchPage">Fetches one page. It must not return <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the pageable, for example the token of the call that returns it.</param>
    /// <returns>A pageable that fetches pages lazily, one at a time.</returns>
    /// <remarks>
    /// <para>A short or empty page with a continuation token does not end the listing; only a missing token does
    /// (Storage filters pages by authorization after paging, so pages can be empty while more follow).</para>
    /// <para>If the service hands back a continuation token it has already given during this enumeration (including
    /// the one the enumeration started from), following it would loop forever; the enumeration yields that page and then throws
    /// <see cref="InvalidOperationException"/> instead of following it.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="fetchPage"/> is null.</exception>
    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "A factory on the type it creates, as Azure.AsyncPageable<T>.FromPages; callers state T once.")]
    public static AsyncPageable<T> Create(
        Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage,
        CancellationToken cancellationToken = default)
    {
        if (fetchPage is null) throw new ArgumentNullException(nameof(fetchPage));
        return new FuncAsyncPageable(fetchPage, cancellationToken);
    }

    private sealed class FuncAsyncPageable(Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage, CancellationToken cancellationToken)
        : AsyncPageable<T>(cancellationToken)
    {
        public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
        {
            // Argument errors surface at the call, not at the first MoveNextAsync.
            if (continuationToken is { Length: 0 })
            {
                throw new ArgumentException("The continuation token is empty; pass null to start at the first page.", nameof(continuationToken));
            }

            if (pageSizeHint is <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(pageSizeHint), pageSizeHint, "The page size hint must be at least 1.");
            }

            return EnumeratePagesAsync(continuationToken, pageSizeHint, CancellationToken.None);
        }

        private async IAsyncEnumerable<Page<T>> EnumeratePagesAsync(
            string? continuationToken, int? pageSizeHint, [EnumeratorCancellation] CancellationToken enumeratorToken)
        {
            using CancellationTokenSource? linked = CancellationToken.CanBeCanceled && enumeratorToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(CancellationToken, enumeratorToken)
                : null;
            CancellationToken token = linked?.Token ?? (enumeratorToken.CanBeCanceled ? enumeratorToken : CancellationToken);

            // Tokens are small strings; remembering them costs far less than a page and catches cycles of any length.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            if (continuationToken is not null) seen.Add(continuationToken);
            int pageNumber = 0;
            string? next = continuationToken;
            do
            {
                token.ThrowIfCancellationRequested();
                Page<T> page = await fetchPage(next, pageSizeHint, token).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The page source returned null instead of a page (use an empty page to mean 'no items').");
                pageNumber++;
                string? previous = next;
                next = page.ContinuationToken;

                // The page itself is good; the loop shows only when its token would be followed.
                yield return page;

                if (next is not null && !seen.Add(next))
                {
                    throw new InvalidOperationException(
                        $"The service returned the continuation token '{next}' again (page {pageNumber}, fetched with "
                        + (previous is null ? "no token" : $"token '{previous}'")
                        + "). Following it would fetch the same pages forever, so paging stopped. "
                        + "This is a bug in the service or in the page source, not in the query.");
                }
            }
            while (next is not null);
        }
    }
}
