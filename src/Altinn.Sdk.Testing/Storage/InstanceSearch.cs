using System.Web;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Altinn.Sdk.Testing.Storage;

/// <summary>Storage's instance search, <c>GET instances</c> (Q1): filters, caller rules and keyset paging.</summary>
internal static class InstanceSearch
{
    /// <summary>The header naming the owner by national identity or organisation number.</summary>
    public const string OwnerIdentifierHeader = "X-Ai-InstanceOwnerIdentifier";

    private const int DefaultSize = 100;
    private const string StoredDateFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'";
    private static readonly string[] s_operators = ["gt", "gte", "lt", "lte", "eq"];

    public static async Task HandleAsync(HttpContext context, EmulatorContext emulator)
    {
        var caller = StorageRequest.CallerOf(context);
        var query = context.Request.Query;
        string? org = NonEmpty(query["org"].LastOrDefault());
        string? appId = NonEmpty(query["appId"].LastOrDefault());
        int? partyId = StorageRequest.QueryInt(context, "instanceOwner.partyId");
        string? identifier = NonEmpty(context.Request.Headers[OwnerIdentifierHeader].ToString());

        bool isAppOwner;
        if (caller.IsOrg)
        {
            if (!caller.HasScope(Security.Caller.InstancesRead) && !caller.HasScope(StorageAccess.SyncAdapterScope))
            {
                throw new StorageAnswerException(StatusCodes.Status403Forbidden);
            }

            if (org is null && appId is null) throw new StorageAnswerException(StatusCodes.Status400BadRequest, "Org or AppId must be defined.");
            string effectiveOrg = org ?? appId!.Split('/')[0];
            if (!string.Equals(effectiveOrg, caller.Org, StringComparison.Ordinal))
            {
                // Another org's instances: Storage needs appId and a PDP read permit on that app; the emulated PDP never permits.
                if (appId is null) throw new StorageAnswerException(StatusCodes.Status400BadRequest, "AppId must be defined when querying another org's instances.");
                throw new StorageAnswerException(StatusCodes.Status403Forbidden);
            }

            isAppOwner = true;
        }
        else if (caller.IsUser || caller.IsSystemUser)
        {
            if (partyId is null && identifier is null)
            {
                throw new StorageAnswerException(StatusCodes.Status400BadRequest, "Either InstanceOwnerPartyId or InstanceOwnerIdentifier need to be defined.");
            }

            isAppOwner = false;
        }
        else
        {
            throw new StorageAnswerException(StatusCodes.Status400BadRequest, "Cannot determine the caller: the token is neither an org's, a user's nor a system user's.");
        }

        if (identifier is not null)
        {
            if (partyId is not null)
            {
                throw new StorageAnswerException(StatusCodes.Status400BadRequest, "Both InstanceOwner.PartyId and InstanceOwnerIdentifier cannot be present at the same time.");
            }

            int? resolved = ResolveIdentifier(emulator, identifier);
            if (resolved is null)
            {
                // Storage answers a bare empty page here, before it builds any link: self is null too.
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.WriteAsync("""{"count":0,"self":null,"next":null,"instances":[]}""", context.RequestAborted);
                return;
            }

            partyId = resolved;
        }

        string? a3Ref = query["A3Ref"].LastOrDefault();
        if (a3Ref is not null && a3Ref.Length != 12) throw new StorageAnswerException(StatusCodes.Status400BadRequest, "A3Ref must be exactly 12 characters.");

        var filters = new List<Func<Instance, bool>>();
        if (org is not null) filters.Add(i => string.Equals(i.Org, org, StringComparison.Ordinal));
        if (appId is not null) filters.Add(i => string.Equals(i.AppId?.ToString(), appId, StringComparison.Ordinal));
        if (partyId is { } party) filters.Add(i => i.Id!.PartyId == party);
        if (NonEmpty(query["process.currentTask"].LastOrDefault()) is { } task)
        {
            filters.Add(i => string.Equals(i.Process?.CurrentTask?.ElementId, task, StringComparison.Ordinal));
        }

        if (StorageRequest.QueryBool(context, "process.isComplete") is { } complete)
        {
            filters.Add(complete ? i => i.Process?.Ended is not null : i => i.Process?.CurrentTask is not null);
        }

        AddDateFilter(context, filters, "created", i => i.Created, asInstant: true);
        AddDateFilter(context, filters, "lastChanged", i => i.LastChanged, asInstant: true);
        AddDateFilter(context, filters, "process.ended", i => i.Process?.Ended, asInstant: false);
        AddDateFilter(context, filters, "dueBefore", i => i.DueBefore, asInstant: false);
        AddDateFilter(context, filters, "visibleAfter", i => i.VisibleAfter, asInstant: false);

        if (StorageRequest.QueryBool(context, "status.isArchived") is { } archived) filters.Add(i => (i.Status?.IsArchived ?? false) == archived);
        if (StorageRequest.QueryBool(context, "status.isSoftDeleted") is { } softDeleted) filters.Add(i => (i.Status?.IsSoftDeleted ?? false) == softDeleted);
        bool? hardDeleted = StorageRequest.QueryBool(context, "status.isHardDeleted");
        if (!isAppOwner)
        {
            // Storage forces the flag to false for everyone but the app owner: asking for hard-deleted ones finds nothing.
            if (hardDeleted == true)
            {
                await WriteAsync(context, emulator, [], next: null);
                return;
            }

            hardDeleted = false;
        }

        if (hardDeleted is { } hard) filters.Add(i => (i.Status?.IsHardDeleted ?? false) == hard);

        if (NonEmpty(query["excludeConfirmedBy"].LastOrDefault()) is { } excluded)
        {
            filters.Add(i => i.CompleteConfirmations?.Any(c => string.Equals(c.StakeholderId, excluded, StringComparison.Ordinal)) != true);
        }

        if (StorageRequest.QueryBool(context, "confirmed") is { } confirmed)
        {
            filters.Add(i => (i.CompleteConfirmations?.Any(c => string.Equals(c.StakeholderId, i.Org, StringComparison.Ordinal)) == true) == confirmed);
        }

        if (a3Ref is not null) filters.Add(i => i.Id!.Reference.Equals(a3Ref, StringComparison.OrdinalIgnoreCase));
        if (NonEmpty(query["searchString"].LastOrDefault()) is { } search)
        {
            filters.Add(i => i.PresentationTexts?.Values.Any(v => v.Contains(search, StringComparison.OrdinalIgnoreCase)) == true);
        }

        if (NonEmpty(query["dataValues.A2ArchRef"].LastOrDefault()) is not null)
        {
            // Only migrated Altinn 2 instances have an A2 archive reference; the emulator holds none.
            filters.Add(_ => false);
        }

        bool descending = (query["order"].LastOrDefault() ?? "desc:lastChanged").StartsWith("desc:", StringComparison.OrdinalIgnoreCase);
        bool includeData = StorageRequest.QueryBool(context, "includeDataElements") ?? true;
        int size = StorageRequest.QueryInt(context, "size") ?? DefaultSize;
        if (size < 1) size = DefaultSize;
        (long Ticks, long Sequence)? after = ParseToken(query["continuationToken"].FirstOrDefault());

        var candidates = emulator.State.Snapshot()
            .Where(s => filters.TrueForAll(f => f(s.Instance)))
            .Select(s => (s.Instance, Key: (Ticks: OrderTicks(s.Instance), s.Sequence)));
        if (after is { Sequence: > 0 } token)
        {
            // Storage's keyset: below the last (lastChanged, id) when descending, above it when ascending. Its descending
            // sort breaks ties by id ASCENDING, so "below" starts over among instances sharing the last lastChanged: they
            // repeat, and the rest of that group is never returned. Emulated as is, so clients can be tested against it.
            candidates = candidates.Where(c => descending ? Compare(c.Key, token) < 0 : Compare(c.Key, token) > 0);
        }

        var page = (descending
                ? candidates.OrderByDescending(c => c.Key.Ticks).ThenBy(c => c.Key.Sequence)
                : candidates.OrderBy(c => c.Key.Ticks).ThenBy(c => c.Key.Sequence))
            .Take(size)
            .ToList();

        string? next = page.Count == size ? $"{page[^1].Key.Ticks.ToString(CultureInfo.InvariantCulture)};{page[^1].Key.Sequence.ToString(CultureInfo.InvariantCulture)}" : null;

        // Storage filters end users' results per instance after paging, so pages may come back short.
        var instances = page
            .Select(c => c.Instance)
            .Where(i => isAppOwner || StorageAccess.IsPermitted(emulator, caller, i, InstanceAction.Read))
            .Select(i => includeData ? i : i with { Data = [] })
            .Select(i => StoragePresentation.Present(emulator, i, isAppOwner))
            .ToList();
        await WriteAsync(context, emulator, instances, next);
    }

    private static Task WriteAsync(HttpContext context, EmulatorContext emulator, List<Instance> instances, string? next)
    {
        string baseUrl = new Uri(emulator.StorageBaseUrl, "instances").AbsoluteUri;
        return context.StorageJson(new InstanceQueryResponse
        {
            Count = instances.Count,
            Self = Link(context, baseUrl, context.Request.Query["continuationToken"].FirstOrDefault()),

            // Storage URL-encodes the token itself and then once more when it writes the query string.
            Next = next is null ? null : Link(context, baseUrl, HttpUtility.UrlEncode(next)),
            Instances = instances,
        });
    }

    /// <summary>
    /// A page link as Storage builds it: the request as sent when there is no token; otherwise the request's query
    /// parsed and written again (every value URL-encoded) with <c>continuationToken</c> (exactly that name) replaced.
    /// </summary>
    private static string Link(HttpContext context, string baseUrl, string? token)
    {
        string query = context.Request.QueryString.Value ?? string.Empty;
        if (string.IsNullOrEmpty(token)) return baseUrl + query;
        var kept = QueryHelpers.ParseQuery(query)
            .SelectMany(p => p.Value, (p, value) => KeyValuePair.Create(p.Key, value))
            .Where(p => p.Key != "continuationToken")
            .Append(KeyValuePair.Create("continuationToken", (string?)token));
        return baseUrl + QueryString.Create(kept).Value;
    }

    /// <summary>The party of <c>person:{11 digits}</c> or <c>organisation:{9 digits}</c>; null when the register has none.</summary>
    private static int? ResolveIdentifier(EmulatorContext emulator, string identifier)
    {
        int colon = identifier.IndexOf(':', StringComparison.Ordinal);
        string type = colon < 0 ? string.Empty : identifier[..colon].Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        string number = colon < 0 ? string.Empty : identifier[(colon + 1)..].Trim();
        bool digits = number.Length > 0 && number.All(char.IsAsciiDigit);
        return type switch
        {
            "PERSON" when digits && number.Length == 11 => emulator.State.FindPartyByPersonNumber(number)?.PartyId,
            "ORGANISATION" when digits && number.Length == 9 => emulator.State.FindPartyByOrganisationNumber(number)?.PartyId,
            _ => throw new StorageAnswerException(StatusCodes.Status400BadRequest, $"Invalid {OwnerIdentifierHeader} header value: expected 'person:{{11 digits}}' or 'organisation:{{9 digits}}'."),
        };
    }

    /// <summary>
    /// Adds the <c>op:value</c> expressions of a date key (AND). <c>created</c>/<c>lastChanged</c> compare instants (no
    /// offset means UTC); the others compare the stored UTC text, as Storage does. As in Storage, a value without
    /// <c>:</c>, an unreadable instant (even after an unknown operator) or the same operator twice is a 500; an unknown
    /// operator is otherwise ignored.
    /// </summary>
    private static void AddDateFilter(HttpContext context, List<Func<Instance, bool>> filters, string key, Func<Instance, DateTimeOffset?> select, bool asInstant)
    {
        var values = context.Request.Query[key];
        if (StringValues.IsNullOrEmpty(values)) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? expression in values)
        {
            int colon = expression?.IndexOf(':', StringComparison.Ordinal) ?? -1;
            if (colon < 0) throw InvalidDate(expression, key);
            string op = expression![..colon];
            string value = expression[(colon + 1)..];
            DateTimeOffset instant = default;
            if (asInstant && !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant))
            {
                throw InvalidDate(expression, key);
            }

            if (!seen.Add(op)) throw InvalidDate(expression, key);
            if (!s_operators.Contains(op)) continue;
            if (asInstant)
            {
                filters.Add(i => select(i) is { } stored && Matches(op, stored.UtcTicks.CompareTo(instant.UtcTicks)));
            }
            else
            {
                filters.Add(i => select(i) is { } stored && Matches(op, string.CompareOrdinal(StoredText(stored), value)));
            }
        }
    }

    private static StorageAnswerException InvalidDate(string? expression, string key) =>
        new(StatusCodes.Status500InternalServerError, $"Invalid date expression: {expression} for query key: {key}");

    private static bool Matches(string op, int comparison) => op switch
    {
        "gt" => comparison > 0,
        "gte" => comparison >= 0,
        "lt" => comparison < 0,
        "lte" => comparison <= 0,
        _ => comparison == 0,
    };

    /// <summary>A date as Storage keeps it in its JSON: UTC, up to 7 fraction digits, <c>Z</c>.</summary>
    private static string StoredText(DateTimeOffset value) => value.UtcDateTime.ToString(StoredDateFormat, CultureInfo.InvariantCulture);

    private static long OrderTicks(Instance instance) => (instance.LastChanged ?? instance.Created ?? DateTimeOffset.MinValue).UtcTicks;

    private static int Compare((long Ticks, long Sequence) left, (long Ticks, long Sequence) right)
    {
        int byTime = left.Ticks.CompareTo(right.Ticks);
        return byTime != 0 ? byTime : left.Sequence.CompareTo(right.Sequence);
    }

    /// <summary>
    /// Storage's reading of a token: URL-decoded once more (the query value is already decoded once), then
    /// <c>{lastChangedTicks};{id}</c>. A token without <c>;</c> is no continuation at all; numbers that cannot be read
    /// are a 500, as Storage's query fails.
    /// </summary>
    private static (long, long)? ParseToken(string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        token = HttpUtility.UrlDecode(token);
        if (!token.Contains(';', StringComparison.Ordinal)) return null;
        string[] parts = token.Split(';');
        return (Number(parts[0]), Number(parts[1]));

        static long Number(string text) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new StorageAnswerException(StatusCodes.Status500InternalServerError, $"The input string '{text}' was not in a correct format.");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
