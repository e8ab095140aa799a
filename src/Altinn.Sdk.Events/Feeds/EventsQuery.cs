using System.Security.Cryptography;

namespace Altinn.Sdk.Events;

/// <summary>
/// What to read from an Altinn Events feed. Use <see cref="AppEventsQuery"/> (an app owner's app feed),
/// <see cref="PartyEventsQuery"/> (one party's app events, for end users and their systems) or
/// <see cref="ResourceEventsQuery"/> (the generic feed of a resource) with
/// <see cref="EventsClient.GetEventsAsync(EventsQuery, AltinnRequestOptions?, System.Threading.CancellationToken)"/>
/// or an <see cref="EventsPoller"/>.
/// </summary>
/// <remarks>
/// The query is checked when it is used (an invalid one throws an <see cref="ArgumentException"/> before any request)
/// and written again for every page, so do not change it while reading.
/// </remarks>
public abstract class EventsQuery
{
    private protected EventsQuery()
    {
    }

    /// <summary>
    /// Start after the event with this id (the last one already handled). An id Events does not know makes it read
    /// from the beginning, without an error.
    /// </summary>
    public string? After { get; set; }

    /// <summary>
    /// Event types to read (any of them); empty reads all. Use them: Altinn filters pages by authorization after
    /// reading <see cref="PageSize"/> rows, so without a type filter pages can come back short, or empty with no
    /// <c>next</c> while later events exist. App feeds match
    /// case-insensitively and take <c>%</c> as a wildcard (<c>app.instance.process.movedTo.%</c>); the generic feed
    /// matches case-sensitively, also with <c>%</c>.
    /// </summary>
    public IList<string> Types { get; } = new List<string>();

    /// <summary>Events per page; <see langword="null"/> uses Events' default (50).</summary>
    public int? PageSize { get; set; }

    /// <summary>The largest page size this feed takes.</summary>
    private protected virtual int MaxPageSize => int.MaxValue;

    /// <summary>Checks the query as a first read (without a continuation) requires.</summary>
    /// <exception cref="ArgumentException">The query is invalid.</exception>
    internal void ValidateForFirstRead() => Build(After, null, requireStart: true);

    /// <summary>
    /// Writes the request for one page: the path and query string below the Events base URL, and the header a filter
    /// goes in, if any. <paramref name="after"/> replaces <see cref="After"/> (a continuation or a checkpoint).
    /// </summary>
    /// <exception cref="ArgumentException">The query is invalid.</exception>
    internal EventsRequest Build(string? after, int? pageSizeHint, bool requireStart)
    {
        if (after is { Length: 0 }) throw ArgumentErrors.Invalid("After is empty; leave it null to start at the beginning.", Names.Query);
        int? size = pageSizeHint ?? PageSize;
        if (size is < 1) throw ArgumentErrors.OutOfRange(Names.Query, size, "PageSize (or the page size hint) must be at least 1.");
        if (pageSizeHint is null && size > MaxPageSize)
        {
            throw ArgumentErrors.OutOfRange(Names.Query, size, $"PageSize: this feed returns at most {MaxPageSize} events a page.");
        }

        if (size > MaxPageSize) size = MaxPageSize;
        foreach (string type in Types)
        {
            if (string.IsNullOrWhiteSpace(type)) throw ArgumentErrors.Invalid("Types has an empty entry.", Names.Query);
        }

        var query = new QueryString();
        string path = Write(query, after, requireStart, out KeyValuePair<string, string>? header);
        foreach (string type in Types) query.Add("type", type);
        if (size is int s) query.Add("size", s.ToString(CultureInfo.InvariantCulture));
        return new EventsRequest(path + query, header);
    }

    /// <summary>
    /// A stable text naming this feed and its filters, without <see cref="After"/> and <see cref="PageSize"/>, with
    /// each filter that may name a person (a national identity number, a subject, an alternative subject) passed
    /// through <paramref name="protect"/>: <see cref="EventCheckpointStore.GetFeedKey"/> gives a keyed hash.
    /// </summary>
    /// <exception cref="ArgumentException">The query is invalid.</exception>
    internal string BuildFeedKey(Func<string, string> protect) => BuildFeedKey(protect, protect);

    /// <summary>
    /// The key the SDK saved checkpoints under before feed keys were keyed: a subject in clear and a header filter as
    /// 8 bytes of its unsalted SHA-256. Only read to move such a checkpoint to <see cref="BuildFeedKey(Func{string, string})"/>.
    /// </summary>
    internal string LegacyFeedKey => BuildFeedKey(protectQueryValue: null, UnkeyedHash);

    private string BuildFeedKey(Func<string, string>? protectQueryValue, Func<string, string> protectHeader)
    {
        var query = new QueryString { Protect = protectQueryValue };
        string path = Write(query, after: null, requireStart: false, out KeyValuePair<string, string>? header);
        var sorted = new List<string>(Types);
        sorted.Sort(StringComparer.Ordinal);
        foreach (string type in sorted) query.Add("type", type);
        if (header is { } h) query.Add(h.Key, protectHeader(h.Value));
        return path + query;
    }

    /// <summary>Writes the path (returned) and the feed's own parameters.</summary>
    private protected abstract string Write(QueryString query, string? after, bool requireStart, out KeyValuePair<string, string>? header);

    private static string UnkeyedHash(string value)
    {
        byte[] hash = Hashes.Sha256(Encoding.UTF8.GetBytes(value));
        var text = new StringBuilder("sha256:");
        for (int i = 0; i < 8; i++) text.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
        return text.ToString();
    }
}

/// <summary>The parameter name argument errors about a query carry (the query is the argument; the message names the property).</summary>
internal static class Names
{
    public const string Query = "query";
}

/// <summary>
/// Builds argument exceptions for a property of an argument object (a query, a subscription): the parameter name is
/// the argument's, the message names the property.
/// </summary>
internal static class ArgumentErrors
{
    public static ArgumentException Invalid(string message, string paramName) => new(message, paramName);

    public static ArgumentOutOfRangeException OutOfRange(string paramName, object? actualValue, string message) => new(paramName, actualValue, message);
}

/// <summary>One page request of a feed.</summary>
internal readonly record struct EventsRequest(string PathAndQuery, KeyValuePair<string, string>? Header);

/// <summary>A query string built in order, every value escaped.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder _text = new();

    /// <summary>Replaces the values of <see cref="AddPersonal"/> (for a feed key); <see langword="null"/> keeps them (for a request).</summary>
    public Func<string, string>? Protect { get; init; }

    public void Add(string name, string value) =>
        _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(System.Uri.EscapeDataString(value));

    /// <summary>Adds a value that may name a person.</summary>
    public void AddPersonal(string name, string value) => Add(name, Protect is null ? value : Protect(value));

    public override string ToString() => _text.ToString();
}
