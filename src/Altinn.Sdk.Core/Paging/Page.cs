namespace Altinn.Sdk;

/// <summary>
/// One page of a paged Altinn listing: the items the service returned and the token that fetches the next page.
/// </summary>
/// <typeparam name="T">The item type, for example <c>Instance</c>.</typeparam>
/// <remarks>
/// A page can be short or even empty while <see cref="ContinuationToken"/> is set: Storage filters each page by
/// authorization after it has read it from its database, so only a <see langword="null"/> token means the end.
/// </remarks>
public sealed class Page<T>
{
    private Page(IReadOnlyList<T> values, string? continuationToken)
    {
        Values = values;
        ContinuationToken = continuationToken;
    }

    /// <summary>The items on this page, in the order the service returned them; possibly empty.</summary>
    public IReadOnlyList<T> Values { get; }

    /// <summary>
    /// The opaque token that fetches the next page, or <see langword="null"/> when this is the last page. Save it to
    /// resume later with <see cref="AsyncPageable{T}.AsPages(string?, int?)"/>.
    /// </summary>
    public string? ContinuationToken { get; }

    /// <summary>Creates a page, for implementers of <see cref="AsyncPageable{T}"/> and for tests.</summary>
    /// <param name="values">The items on the page; may be empty.</param>
    /// <param name="continuationToken">The token of the next page; <see langword="null"/> or empty on the last page.</param>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "A factory on the type it creates, as Azure.Page<T>.FromValues.")]
    public static Page<T> FromValues(IReadOnlyList<T> values, string? continuationToken)
    {
        if (values is null) throw new ArgumentNullException(nameof(values));
        return new Page<T>(values, string.IsNullOrEmpty(continuationToken) ? null : continuationToken);
    }

    /// <summary>Describes the page (item count and whether more follow) without its items.</summary>
    public override string ToString() =>
        $"Page of {Values.Count} item(s), " + (ContinuationToken is null ? "last page" : "more pages follow");
}
