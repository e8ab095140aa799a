using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace Altinn.Sdk.Testing.Events;

/// <summary>
/// The three event feeds: an app owner's app events (<c>app/{org}/{app}</c>), a party's app events
/// (<c>app/party</c>) and generic events (<c>events</c>), all served from the store's one feed.
/// </summary>
internal sealed class EventFeeds(EmulatorContext emulator)
{
    /// <summary>The scope the generic feed and generic subscriptions need.</summary>
    public const string SubscribeScope = "altinn:events.subscribe";

    private const int DefaultSize = 50;
    private const int MaxGenericSize = 1000;

    /// <summary><c>GET app/{org}/{app}</c>: an app owner's events of one app.</summary>
    public async Task AppEventsAsync(HttpContext context)
    {
        var caller = context.RequireCaller();
        if (caller is null) return;
        if (!caller.IsOrg)
        {
            await context.Text(StatusCodes.Status401Unauthorized, "Only orgs can call this api");
            return;
        }

        string org = (string)context.Request.RouteValues["org"]!;
        string app = (string)context.Request.RouteValues["app"]!;
        var query = await ReadAppQueryAsync(context, withSource: false);
        if (query is null) return;

        var reader = EventsReader.From(caller);
        string resource = $"urn:altinn:resource:app_{org}_{app}";
        bool Filter(EmulatedCloudEvent e) => string.Equals(e.Resource, resource, StringComparison.Ordinal) && query.Admits(e);
        await WritePageAsync(context, query.After, query.Size, Filter, reader, null);
    }

    /// <summary><c>GET app/party</c>: the app events of one party, for whoever may act for it.</summary>
    public async Task PartyEventsAsync(HttpContext context)
    {
        var caller = context.RequireCaller();
        if (caller is null) return;
        var query = await ReadAppQueryAsync(context, withSource: true);
        if (query is null) return;
        if (query.Subject is null)
        {
            await BadRequest(context, "A subject is required: the 'party' or 'unit' parameter, or the 'person' header.");
            return;
        }

        await WritePageAsync(context, query.After, query.Size, query.Admits, EventsReader.From(caller), null);
    }

    /// <summary><c>GET events</c>: generic events of one resource.</summary>
    public async Task GenericEventsAsync(HttpContext context)
    {
        var caller = context.RequireCaller(SubscribeScope);
        if (caller is null) return;

        var q = context.Request.Query;
        string? resource = Single(q["resource"]);
        string? after = Single(q["after"]);
        string? subject = Single(q["subject"]);
        string? alternativeSubject = Single(context.Request.Headers["Altinn-AlternativeSubject"]);
        if (string.IsNullOrEmpty(resource) || !resource.StartsWith("urn:altinn:resource:", StringComparison.Ordinal))
        {
            await BadRequest(context, "The 'resource' parameter is required and must start with 'urn:altinn:resource:'.");
            return;
        }

        if (string.IsNullOrEmpty(after))
        {
            await BadRequest(context, "The 'after' parameter is required; use 0 to read from the beginning.");
            return;
        }

        if (!string.IsNullOrEmpty(subject) && !string.IsNullOrEmpty(alternativeSubject))
        {
            await BadRequest(context, "Only one of the 'subject' parameter and the 'Altinn-AlternativeSubject' header may be set.");
            return;
        }

        int size = DefaultSize;
        string? sizeText = Single(q["size"]);
        if (!string.IsNullOrEmpty(sizeText) && !int.TryParse(sizeText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out size))
        {
            await BadRequest(context, "The 'size' parameter must be a number.");
            return;
        }

        if (size < 1) size = DefaultSize;
        size = Math.Min(size, MaxGenericSize);
        var types = q["type"].Where(t => !string.IsNullOrEmpty(t)).Select(t => Like(t!, ignoreCase: false)).ToArray();
        var reader = EventsReader.From(caller);
        bool Filter(EmulatedCloudEvent e) =>
            string.Equals(e.Resource, resource, StringComparison.Ordinal)
            && (string.IsNullOrEmpty(subject) || string.Equals(e.Subject, subject, StringComparison.Ordinal))
            && (string.IsNullOrEmpty(alternativeSubject) || string.Equals(e.AlternativeSubject, alternativeSubject, StringComparison.Ordinal))
            && (types.Length == 0 || types.Any(t => t.IsMatch(e.Type)));

        // With the alternative-subject header and no subject, Events adds the first event's subject to `next`.
        Func<EmulatedCloudEvent, string?>? extra = string.IsNullOrEmpty(subject) && !string.IsNullOrEmpty(alternativeSubject)
            ? first => "subject=" + Unsafe(first.Subject ?? string.Empty)
            : null;
        await WritePageAsync(context, after, size, Filter, reader, extra);
    }

    /// <summary>
    /// Writes a page as Events does: the query's filter picks the rows and <paramref name="size"/> of them are taken,
    /// and only then are the events the reader may not read removed (Authorization filters the rows read). A page can
    /// therefore be short or empty before the end of the feed; <c>next</c> follows the last event returned and is
    /// left out of an empty page. <c>next</c> is the request's own path with <c>after</c> replaced and every other
    /// query parameter re-appended in the order sent, whether the endpoint reads it or not.
    /// </summary>
    private async Task WritePageAsync(HttpContext context, string? after, int size, Func<EmulatedCloudEvent, bool> filter, EventsReader reader, Func<EmulatedCloudEvent, string?>? extra)
    {
        var feed = emulator.State.CloudEvents();
        long afterSequence = 0;
        if (!string.IsNullOrEmpty(after))
        {
            // An unknown id reads from the beginning, as in Events.
            afterSequence = feed.FirstOrDefault(e => string.Equals(e.Id, after, StringComparison.Ordinal))?.Sequence ?? 0;
        }

        var page = feed.Where(e => e.Sequence > afterSequence).Where(filter).Take(size).Where(e => reader.MayRead(emulator.State, e)).ToArray();
        if (page.Length > 0)
        {
            var next = new StringBuilder(new Uri(emulator.BaseUrl, context.Request.Path.ToUriComponent().TrimStart('/')).AbsoluteUri);
            next.Append("?after=").Append(Unsafe(page[^1].Id));
            foreach (var (name, values) in context.Request.Query)
            {
                if (name == "after") continue;
                foreach (string? value in values)
                {
                    // Events re-appends the decoded values as they are; only what a header cannot carry is escaped here.
                    next.Append('&').Append(Unsafe(name)).Append('=').Append(Unsafe(value ?? string.Empty));
                }
            }

            if (extra?.Invoke(page[0]) is { } appended) next.Append('&').Append(appended);
            context.Response.Headers["next"] = next.ToString();
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = CloudEventJson.FeedContentType;
        await context.Response.Body.WriteAsync(CloudEventJson.SerializeArray(page), context.RequestAborted);
    }

    /// <summary>Reads and checks the app feeds' parameters; answers 400/404 and returns null when they are wrong.</summary>
    private async Task<AppQuery?> ReadAppQueryAsync(HttpContext context, bool withSource)
    {
        var q = context.Request.Query;
        var result = new AppQuery { After = Single(q["after"]) };
        string? fromText = Single(q["from"]);
        string? toText = Single(q["to"]);
        if (string.IsNullOrEmpty(result.After) && string.IsNullOrEmpty(fromText))
        {
            await BadRequest(context, "The 'from' or 'after' parameter must be set.");
            return null;
        }

        if (!string.IsNullOrEmpty(fromText))
        {
            if (ParseTime(fromText) is not { } from)
            {
                await BadRequest(context, "The 'from' parameter must be a date and time with a time zone, for example 2022-10-18T12:00:00Z.");
                return null;
            }

            result.From = from;
        }

        if (!string.IsNullOrEmpty(toText))
        {
            if (ParseTime(toText) is not { } to)
            {
                await BadRequest(context, "The 'to' parameter must be a date and time with a time zone, for example 2022-10-18T12:00:00Z.");
                return null;
            }

            result.To = to;
        }

        string? partyText = Single(q["party"]);
        string? unit = Single(q["unit"]);
        string? person = Single(context.Request.Headers["person"]);
        int? party = null;
        if (!string.IsNullOrEmpty(partyText))
        {
            if (!int.TryParse(partyText, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed))
            {
                await BadRequest(context, "The 'party' parameter must be a party id.");
                return null;
            }

            party = parsed;
        }

        if (!string.IsNullOrEmpty(unit) && (unit.Length != 9 || !unit.All(char.IsAsciiDigit)))
        {
            await BadRequest(context, "The 'unit' parameter must be an organisation number of 9 digits.");
            return null;
        }

        if (party is not null && !string.IsNullOrEmpty(person))
        {
            await BadRequest(context, "Only one of the 'party' parameter and the 'person' header may be set.");
            return null;
        }

        if (party is not null && !string.IsNullOrEmpty(unit))
        {
            await BadRequest(context, "Only one of the 'party' and 'unit' parameters may be set.");
            return null;
        }

        result.Size = DefaultSize;
        string? sizeText = Single(q["size"]);
        if (!string.IsNullOrEmpty(sizeText)
            && (!int.TryParse(sizeText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int size) || (result.Size = size) < 1))
        {
            await BadRequest(context, "The 'size' parameter must be a number of at least 1.");
            return null;
        }

        // Register lookups: an organisation number or a national identity number becomes the /party/{id} subject.
        if (!string.IsNullOrEmpty(unit))
        {
            var found = emulator.State.FindPartyByOrganisationNumber(unit);
            if (found is null)
            {
                await context.Problem(StatusCodes.Status404NotFound, "Not Found", $"No party has the organisation number {unit}.");
                return null;
            }

            party = found.PartyId;
        }
        else if (!string.IsNullOrEmpty(person))
        {
            var found = emulator.State.FindPartyByPersonNumber(person);
            if (found is null)
            {
                await context.Problem(StatusCodes.Status404NotFound, "Not Found", "No party has the national identity number in the 'person' header.");
                return null;
            }

            party = found.PartyId;
        }

        result.Subject = party is null ? null : "/party/" + party.Value.ToString(CultureInfo.InvariantCulture);
        result.Types = [.. q["type"].Where(t => !string.IsNullOrEmpty(t)).Select(t => Like(t!, ignoreCase: true))];
        if (withSource) result.Sources = [.. q["source"].Where(s => !string.IsNullOrEmpty(s)).Select(s => Like(s!, ignoreCase: true))];
        return result;
    }

    /// <summary>A date-time that names its offset (<c>Z</c> or <c>+01:00</c>); null otherwise.</summary>
    internal static DateTimeOffset? ParseTime(string text)
    {
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) || parsed.Kind == DateTimeKind.Unspecified) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : null;
    }

    /// <summary>SQL <c>LIKE</c> (or <c>ILIKE</c>) as a regular expression: <c>%</c> any run, <c>_</c> any one character.</summary>
    internal static Regex Like(string pattern, bool ignoreCase)
    {
        var regex = new StringBuilder("^");
        foreach (char c in pattern)
        {
            regex.Append(c switch
            {
                '%' => ".*",
                '_' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }

        regex.Append('$');
        var options = RegexOptions.Singleline | RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        return new Regex(regex.ToString(), options, TimeSpan.FromSeconds(1));
    }

    private static string? Single(StringValues values) => values.Count == 0 ? null : values[0];

    /// <summary>Escapes only what a header value cannot carry (spaces, controls, non-ASCII).</summary>
    private static string Unsafe(string value)
    {
        if (value.All(c => c is > ' ' and < (char)0x7F)) return value;
        var escaped = new StringBuilder();
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7F)
            {
                escaped.Append((char)rune.Value);
                continue;
            }

            int length = rune.EncodeToUtf8(utf8);
            foreach (byte b in utf8[..length]) escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return escaped.ToString();
    }

    private static Task BadRequest(HttpContext context, string detail) =>
        context.Problem(StatusCodes.Status400BadRequest, "Bad Request", detail);

    private sealed class AppQuery
    {
        public string? After { get; init; }

        public DateTimeOffset? From { get; set; }

        public DateTimeOffset? To { get; set; }

        public string? Subject { get; set; }

        public Regex[] Types { get; set; } = [];

        public Regex[] Sources { get; set; } = [];

        public int Size { get; set; }

        public bool Admits(EmulatedCloudEvent e) =>
            (From is null || e.Time >= From)
            && (To is null || e.Time <= To)
            && (Subject is null || string.Equals(e.Subject, Subject, StringComparison.Ordinal))
            && (Types.Length == 0 || Types.Any(t => t.IsMatch(e.Type)))
            && (Sources.Length == 0 || Sources.Any(s => s.IsMatch(e.Source)));
    }
}
