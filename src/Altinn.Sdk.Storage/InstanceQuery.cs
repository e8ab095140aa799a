using System.Globalization;
using System.Text;

namespace Altinn.Sdk.Storage;

/// <summary>
/// A query for Storage's instance search (<c>GET {platform}/storage/api/v1/instances</c>): every filter Storage applies,
/// typed, and checked before any request is sent.
/// </summary>
/// <remarks>
/// <para>Create it for an app (<see cref="InstanceQuery(AppId)"/>), for all of an org's apps (<see cref="ForOrg"/>), or,
/// for end-user and system-user tokens, for one instance owner (<see cref="ForInstanceOwner(int)"/>,
/// <see cref="ForInstanceOwner(InstanceOwnerIdentifier)"/>). Properties left <see langword="null"/> are not sent.</para>
/// <para>Altinn's documented draft-deletion query:</para>
/// <code>
/// var drafts = new InstanceQuery(AppId.Parse("ttd/apps-test")) { Created = DateFilter.OnOrBefore(2020, 9, 30), CurrentTask = "Task_1" };
/// drafts.ToRequest().QueryString == "appId=ttd/apps-test&amp;created=lte:2020-09-30&amp;process.currentTask=Task_1"
/// </code>
/// <para>Parameters are written in this fixed order (only those that are set): <c>org</c>, <c>appId</c>,
/// <c>instanceOwner.partyId</c>, <c>created</c>, <c>lastChanged</c>, <c>dueBefore</c>, <c>visibleAfter</c>,
/// <c>process.currentTask</c>, <c>process.isComplete</c>, <c>process.ended</c>, <c>status.isArchived</c>,
/// <c>status.isSoftDeleted</c>, <c>status.isHardDeleted</c>, <c>confirmed</c>, <c>excludeConfirmedBy</c>,
/// <c>A3Ref</c>, <c>dataValues.A2ArchRef</c>, <c>searchString</c>, <c>mainVersionInclude</c>, <c>mainVersionExclude</c>,
/// <c>order</c>, <c>includeDataElements</c>, <c>size</c>, <c>continuationToken</c>. A date filter with several
/// conditions repeats its key (<c>created=gte:2020-09-01&amp;created=lt:2020-10-01</c>).</para>
/// <para>Encoding: each value is percent-encoded once as UTF-8, except that letters, digits, <c>-._~</c>, <c>/</c> and
/// <c>:</c> stay as they are (both are allowed in a query by RFC 3986), so the text reads as Altinn's documentation writes it:
/// <c>appId=ttd/apps-test</c>, <c>created=lte:2020-09-30</c>. <c>+</c>, <c>&amp;</c>, <c>=</c>, <c>%</c>, <c>#</c>, spaces
/// and non-ASCII letters are encoded.</para>
/// <para>Not offered, because Storage accepts them but ignores them: <c>process.endEvent</c>, <c>archiveReference</c>,
/// <c>status.isArchivedOrSoftDeleted</c>, <c>instanceOwner.partyIds</c>.</para>
/// </remarks>
public sealed class InstanceQuery
{
    /// <summary>The largest <see cref="PageSize"/> the SDK asks for.</summary>
    /// <remarks>
    /// Storage enforces no maximum, but each page is one database query and one response the SDK holds in memory;
    /// pages of thousands of instances (with their data elements) risk timeouts, and a retried page repeats all that
    /// work. 1000 keeps a page well under Storage's request time limits while making long listings cheap.
    /// </remarks>
    public const int MaxPageSize = 1000;

    /// <summary>Queries the instances of one app (sent as <c>appId={org}/{app}</c>; Storage takes the org from it).</summary>
    /// <param name="appId">The app.</param>
    /// <exception cref="ArgumentNullException"><paramref name="appId"/> is null.</exception>
    public InstanceQuery(AppId appId)
    {
        AppId = appId ?? throw new ArgumentNullException(nameof(appId));
        Org = appId.Org;
    }

    private InstanceQuery(string? org)
    {
        Org = org;
    }

    /// <summary>
    /// The org whose instances are queried: the app's org, or the one given to <see cref="ForOrg"/>;
    /// <see langword="null"/> for an owner-only query. Sent as <c>org</c> only for <see cref="ForOrg"/> queries.
    /// </summary>
    public string? Org { get; }

    /// <summary>The app whose instances are queried (<c>appId</c>), or <see langword="null"/> for an org or owner query.</summary>
    public AppId? AppId { get; }

    /// <summary>Only instances owned by this party (<c>instanceOwner.partyId</c>). Cannot be combined with <see cref="InstanceOwner"/>.</summary>
    /// <remarks>End-user and system-user tokens must name the owner, by this or by <see cref="InstanceOwner"/>.</remarks>
    public int? InstanceOwnerPartyId { get; set; }

    /// <summary>
    /// Only instances owned by this person or organisation, sent in the <c>X-Ai-InstanceOwnerIdentifier</c> header
    /// (not in the URL). Storage looks the party up; an unknown party gives an empty result.
    /// Cannot be combined with <see cref="InstanceOwnerPartyId"/> (Storage answers 400).
    /// </summary>
    public InstanceOwnerIdentifier? InstanceOwner { get; set; }

    /// <summary>Only instances whose process is at this task (<c>process.currentTask</c>), for example <c>Task_1</c>.</summary>
    public string? CurrentTask { get; set; }

    /// <summary>
    /// <see langword="true"/>: only instances whose process has ended; <see langword="false"/>: only instances still at a
    /// task (<c>process.isComplete</c>). <see langword="true"/> cannot be combined with <see cref="CurrentTask"/>
    /// (an ended process has no current task, so the result would always be empty); <see langword="false"/> cannot be
    /// combined with <see cref="ProcessEnded"/> for the same reason.
    /// </summary>
    public bool? IsComplete { get; set; }

    /// <summary>Filter on when the process ended (<c>process.ended</c>). Storage compares it as UTC text.</summary>
    public DateFilter? ProcessEnded { get; set; }

    /// <summary>Filter on when the instance was created (<c>created</c>).</summary>
    public DateFilter? Created { get; set; }

    /// <summary>Filter on when the instance last changed (<c>lastChanged</c>).</summary>
    public DateFilter? LastChanged { get; set; }

    /// <summary>Filter on the instance's due date (<c>dueBefore</c>). Storage compares it as UTC text.</summary>
    public DateFilter? DueBefore { get; set; }

    /// <summary>Filter on when the instance becomes visible to its owner (<c>visibleAfter</c>). Storage compares it as UTC text.</summary>
    public DateFilter? VisibleAfter { get; set; }

    /// <summary>Filter on whether the instance is archived (<c>status.isArchived</c>).</summary>
    public bool? IsArchived { get; set; }

    /// <summary>Filter on whether the instance is soft deleted (<c>status.isSoftDeleted</c>).</summary>
    public bool? IsSoftDeleted { get; set; }

    /// <summary>
    /// Filter on whether the instance is hard deleted (<c>status.isHardDeleted</c>). Only the app owner sees hard-deleted
    /// instances; for other callers Storage always treats this as <see langword="false"/>.
    /// </summary>
    public bool? IsHardDeleted { get; set; }

    /// <summary>
    /// Leave out instances this org has confirmed as complete (<c>excludeConfirmedBy</c>): the archiving loop's filter.
    /// Must be a valid org code. Cannot be combined with <see cref="Confirmed"/> when it names the queried
    /// <see cref="Org"/>, because Storage then turns it into <c>confirmed=false</c> and the two would clash.
    /// </summary>
    public string? ExcludeConfirmedBy { get; set; }

    /// <summary>Filter on whether the instance's own org has confirmed it as complete (<c>confirmed</c>).</summary>
    public bool? Confirmed { get; set; }

    /// <summary>
    /// The user-visible reference of an instance (<c>A3Ref</c>): the last 12 hex characters of its guid, for example
    /// <c>1a2b3c4d5e6f</c>. Sent in lower case. Storage then searches only Altinn 3 instances.
    /// </summary>
    public string? Reference { get; set; }

    /// <summary>
    /// The archive reference of an instance migrated from Altinn 2 (<c>dataValues.A2ArchRef</c>). Storage then searches
    /// only migrated Altinn 2 instances, so it cannot be combined with <see cref="Reference"/>.
    /// </summary>
    public string? A2ArchiveReference { get; set; }

    /// <summary>Only instances with a presentation text containing this text, ignoring case (<c>searchString</c>).</summary>
    public string? SearchString { get; set; }

    /// <summary>
    /// Include instances of this Altinn generation (<c>mainVersionInclude</c>: 1, 2 or 3). Storage shows only Altinn 3
    /// instances unless this or <see cref="MainVersionExclude"/> is set.
    /// </summary>
    public int? MainVersionInclude { get; set; }

    /// <summary>Leave out instances of this Altinn generation (<c>mainVersionExclude</c>: 1, 2 or 3).</summary>
    public int? MainVersionExclude { get; set; }

    /// <summary>
    /// The order of the results. The default, <see cref="InstanceQueryOrder.LastChangedDescending"/>, is Storage's own
    /// and is not sent; <see cref="InstanceQueryOrder.LastChangedAscending"/> sends <c>order=asc:lastChanged</c>.
    /// </summary>
    public InstanceQueryOrder Order { get; set; }

    /// <summary>
    /// <see langword="false"/> makes Storage leave out every instance's data elements (<c>includeDataElements=false</c>):
    /// faster, but then an empty <c>Data</c> list does not mean the instance has no data. Storage's default is to include them.
    /// </summary>
    public bool? IncludeDataElements { get; set; }

    /// <summary>
    /// How many instances to ask for per page (<c>size</c>), 1 to <see cref="MaxPageSize"/>; <see langword="null"/> uses
    /// Storage's default of 100. Pages can hold fewer, even none, while more follow.
    /// </summary>
    public int? PageSize { get; set; }

    /// <summary>Queries every instance of an org's apps (sent as <c>org={org}</c>).</summary>
    /// <param name="org">The org code, for example <c>ttd</c>.</param>
    /// <returns>The query.</returns>
    /// <exception cref="ArgumentException"><paramref name="org"/> is not a valid org code.</exception>
    public static InstanceQuery ForOrg(string org)
    {
        AppId.ValidateOrg(org, nameof(org));
        return new InstanceQuery(org);
    }

    /// <summary>Queries one party's instances across apps, as an end user or system user may (<c>instanceOwner.partyId</c>).</summary>
    /// <param name="partyId">The owner's party id.</param>
    /// <returns>The query.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partyId"/> is not positive.</exception>
    public static InstanceQuery ForInstanceOwner(int partyId)
    {
        if (partyId <= 0) throw new ArgumentOutOfRangeException(nameof(partyId), partyId, "A party id is a positive number.");
        return new InstanceQuery((string?)null) { InstanceOwnerPartyId = partyId };
    }

    /// <summary>Queries one person's or organisation's instances across apps, as an end user or system user may.</summary>
    /// <param name="owner">The owner.</param>
    /// <returns>The query.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="owner"/> is null.</exception>
    public static InstanceQuery ForInstanceOwner(InstanceOwnerIdentifier owner)
    {
        if (owner is null) throw new ArgumentNullException(nameof(owner));
        return new InstanceQuery((string?)null) { InstanceOwner = owner };
    }

    /// <summary>
    /// Checks the query and writes it as Storage expects it: the query string, in the order documented on
    /// <see cref="InstanceQuery"/>, and the owner header.
    /// </summary>
    /// <param name="continuationToken">
    /// The token of the page to fetch (decoded, as taken from the <c>continuationToken</c> parameter of the previous
    /// page's <c>next</c> link); <see langword="null"/> for the first page. Appended last as <c>continuationToken</c>.
    /// </param>
    /// <param name="pageSizeHint">A page size that overrides <see cref="PageSize"/> for this request, 1 to <see cref="MaxPageSize"/>.</param>
    /// <returns>The request parts.</returns>
    /// <exception cref="ArgumentException">
    /// A property is invalid or contradicts another; the message names the properties and the problem, and the
    /// parameter name is the property's.
    /// </exception>
    public InstanceQueryRequest ToRequest(string? continuationToken = null, int? pageSizeHint = null)
    {
        Validate(continuationToken, pageSizeHint);

        var query = new StringBuilder();
        if (AppId is null) Add(query, "org", Org);
        Add(query, "appId", AppId?.ToString());
        Add(query, "instanceOwner.partyId", InstanceOwnerPartyId);
        Add(query, "created", Created);
        Add(query, "lastChanged", LastChanged);
        Add(query, "dueBefore", DueBefore);
        Add(query, "visibleAfter", VisibleAfter);
        Add(query, "process.currentTask", CurrentTask);
        Add(query, "process.isComplete", IsComplete);
        Add(query, "process.ended", ProcessEnded);
        Add(query, "status.isArchived", IsArchived);
        Add(query, "status.isSoftDeleted", IsSoftDeleted);
        Add(query, "status.isHardDeleted", IsHardDeleted);
        Add(query, "confirmed", Confirmed);
        Add(query, "excludeConfirmedBy", ExcludeConfirmedBy);
        Add(query, "A3Ref", Reference?.ToLowerInvariant());
        Add(query, "dataValues.A2ArchRef", A2ArchiveReference);
        Add(query, "searchString", SearchString);
        Add(query, "mainVersionInclude", MainVersionInclude);
        Add(query, "mainVersionExclude", MainVersionExclude);
        Add(query, "order", Order == InstanceQueryOrder.LastChangedAscending ? "asc:lastChanged" : null);
        Add(query, "includeDataElements", IncludeDataElements);
        Add(query, "size", pageSizeHint ?? PageSize);
        Add(query, "continuationToken", continuationToken);
        return new InstanceQueryRequest(query.ToString(), InstanceOwner?.HeaderValue);
    }

    /// <summary>A copy taken when a listing starts, so that changing the query afterwards cannot change the pages still to come.</summary>
    /// <remarks>Every property is a value or an immutable object, so a shallow copy is a full one.</remarks>
    internal InstanceQuery Snapshot() => (InstanceQuery)MemberwiseClone();

    /// <summary>Checks the query and returns its query string; see <see cref="ToRequest"/>.</summary>
    /// <returns>The query string without a leading <c>?</c>.</returns>
    /// <exception cref="ArgumentException">A property is invalid or contradicts another.</exception>
    public string ToQueryString() => ToRequest().QueryString;

    /// <summary>Returns the query string, or a description of the problem when the query is invalid.</summary>
    public override string ToString()
    {
        try
        {
            return ToQueryString();
        }
        catch (ArgumentException e)
        {
            return "(invalid instance query: " + e.Message + ")";
        }
    }

    private void Validate(string? continuationToken, int? pageSizeHint)
    {
        if (AppId is null && Org is null && InstanceOwnerPartyId is null && InstanceOwner is null)
        {
            throw Invalid(
                "The query names no app, org or instance owner; Storage needs an app or org (service owner tokens) or an instance owner (end-user and system-user tokens).",
                nameof(InstanceOwnerPartyId));
        }

        if (InstanceOwnerPartyId is <= 0)
        {
            throw Invalid($"InstanceOwnerPartyId must be a positive party id, not {InstanceOwnerPartyId}.", nameof(InstanceOwnerPartyId));
        }

        if (InstanceOwnerPartyId is not null && InstanceOwner is not null)
        {
            throw Invalid(
                $"Set either InstanceOwnerPartyId or InstanceOwner ({InstanceOwner}), not both: Storage answers the combination with 400 Bad Request.",
                nameof(InstanceOwner));
        }

        RequireText(CurrentTask, nameof(CurrentTask), "a task id such as 'Task_1'");
        if (IsComplete == true && CurrentTask is not null)
        {
            throw Invalid(
                $"IsComplete = true and CurrentTask = '{CurrentTask}' contradict each other: an ended process has no current task, so nothing would match. Set one of them.",
                nameof(CurrentTask));
        }

        if (IsComplete == false && ProcessEnded is not null)
        {
            throw Invalid(
                $"IsComplete = false and ProcessEnded = '{ProcessEnded}' contradict each other: a process that has not ended has no end time, so nothing would match.",
                nameof(ProcessEnded));
        }

        if (ExcludeConfirmedBy is not null)
        {
            try
            {
                AppId.ValidateOrg(ExcludeConfirmedBy, nameof(ExcludeConfirmedBy));
            }
            catch (ArgumentException e)
            {
                throw Invalid("ExcludeConfirmedBy must be an org code: " + e.Message.Split('\r', '\n')[0], nameof(ExcludeConfirmedBy));
            }

            if (Confirmed is not null && string.Equals(ExcludeConfirmedBy, Org, StringComparison.Ordinal))
            {
                throw Invalid(
                    $"Confirmed = {(Confirmed.Value ? "true" : "false")} and ExcludeConfirmedBy = '{ExcludeConfirmedBy}' (the queried org) filter on the same thing: "
                    + "Storage turns ExcludeConfirmedBy of the instance's own org into confirmed=false. Set only one of them.",
                    nameof(Confirmed));
            }
        }

        if (Reference is not null && !IsHex(Reference, 12))
        {
            throw Invalid(
                $"Reference '{Reference}' is not an instance reference: expected exactly 12 hexadecimal characters (the last 12 of the instance guid), for example '1a2b3c4d5e6f'.",
                nameof(Reference));
        }

        RequireText(A2ArchiveReference, nameof(A2ArchiveReference), "an Altinn 2 archive reference");
        if (Reference is not null && A2ArchiveReference is not null)
        {
            throw Invalid(
                "Reference (an Altinn 3 reference) and A2ArchiveReference (an Altinn 2 one) cannot be combined: Storage searches only Altinn 3 instances for the first and only migrated Altinn 2 instances for the second.",
                nameof(A2ArchiveReference));
        }

        RequireText(SearchString, nameof(SearchString), "the text to look for in presentation texts");
        if (MainVersionInclude is not null and not (1 or 2 or 3))
        {
            throw Invalid($"MainVersionInclude must be 1, 2 or 3 (the Altinn generation), not {MainVersionInclude}.", nameof(MainVersionInclude));
        }

        if (MainVersionExclude is not null and not (1 or 2 or 3))
        {
            throw Invalid($"MainVersionExclude must be 1, 2 or 3 (the Altinn generation), not {MainVersionExclude}.", nameof(MainVersionExclude));
        }

        if (MainVersionInclude is not null && MainVersionInclude == MainVersionExclude)
        {
            throw Invalid($"MainVersionInclude and MainVersionExclude are both {MainVersionInclude}: a generation cannot be both included and left out.", nameof(MainVersionExclude));
        }

        if (Order is not (InstanceQueryOrder.LastChangedDescending or InstanceQueryOrder.LastChangedAscending))
        {
            throw Invalid($"Order {(int)Order} is not an InstanceQueryOrder value.", nameof(Order));
        }

        CheckPageSize(PageSize, nameof(PageSize));
        CheckPageSize(pageSizeHint, "pageSizeHint");
        if (continuationToken is { Length: 0 })
        {
            throw Invalid("The continuation token is empty; pass null for the first page.", nameof(continuationToken));
        }
    }

    // The parameter name of a query error is the property at fault.
    private static ArgumentException Invalid(string message, string propertyName) => new(message, propertyName);

    private static void CheckPageSize(int? size, string name)
    {
        if (size is < 1 or > MaxPageSize)
        {
            throw new ArgumentException(
                $"{name} must be between 1 and {MaxPageSize}, not {size}. Storage sets no maximum, but very large pages are slow, "
                + "hold a whole page in memory and risk timing out; the SDK pages through any number of instances anyway.",
                name);
        }
    }

    private static void RequireText(string? value, string name, string what)
    {
        if (value is not null && value.Trim().Length == 0)
        {
            throw new ArgumentException($"{name} is empty or white space; set it to {what}, or to null to not filter on it.", name);
        }
    }

    private static bool IsHex(string value, int length)
    {
        if (value.Length != length) return false;
        foreach (char c in value)
        {
            if (!(c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F')) return false;
        }

        return true;
    }

    private static void Add(StringBuilder query, string key, DateFilter? filter)
    {
        if (filter is null) return;
        foreach (string value in filter.ToQueryValues()) Add(query, key, value);
    }

    private static void Add(StringBuilder query, string key, bool? value)
    {
        if (value is not null) Add(query, key, value.Value ? "true" : "false");
    }

    private static void Add(StringBuilder query, string key, int? value)
    {
        if (value is not null) Add(query, key, value.Value.ToString(CultureInfo.InvariantCulture));
    }

    private static void Add(StringBuilder query, string key, string? value)
    {
        if (value is null) return;
        if (query.Length > 0) query.Append('&');
        query.Append(key).Append('=');
        Encode(query, value);
    }

    // Percent-encodes UTF-8 once, leaving RFC 3986 unreserved characters and the query-safe '/' and ':' readable.
    private static void Encode(StringBuilder target, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        foreach (byte b in bytes)
        {
            char c = (char)b;
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '.' or '_' or '~' or '/' or ':')
            {
                target.Append(c);
            }
            else
            {
                target.Append('%').Append(((int)b).ToString("X2", CultureInfo.InvariantCulture));
            }
        }
    }
}
