namespace Altinn.Sdk.Events;

/// <summary>
/// The events of one resource from the generic feed (<c>GET events?resource=</c>); the token needs the scope
/// <c>altinn:events.subscribe</c>. Without <see cref="EventsQuery.After"/> reading starts at the beginning (<c>after=0</c>).
/// </summary>
public sealed class ResourceEventsQuery : EventsQuery
{
    /// <summary>The most events the generic feed returns a page.</summary>
    public const int MaxEventsPerPage = 1000;

    /// <summary>Creates a query for a resource's events.</summary>
    /// <param name="resource">The resource, <c>urn:altinn:resource:…</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="resource"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="resource"/> does not start with <c>urn:altinn:resource:</c>.</exception>
    public ResourceEventsQuery(string resource)
    {
        if (resource is null) throw new ArgumentNullException(nameof(resource));
        if (!resource.StartsWith(EventSubscriptionRequest.ResourcePrefix, StringComparison.Ordinal) || resource.Length == EventSubscriptionRequest.ResourcePrefix.Length)
        {
            throw ArgumentErrors.Invalid(
                $"'{resource}' is not a resource URN: it must start with '{EventSubscriptionRequest.ResourcePrefix}', for example 'urn:altinn:resource:app_ttd_my-app'.",
                nameof(resource));
        }

        Resource = resource;
    }

    /// <summary>The resource.</summary>
    public string Resource { get; }

    /// <summary>Only events with exactly this subject. Not together with <see cref="AlternativeSubject"/>.</summary>
    public string? Subject { get; set; }

    /// <summary>Only events with exactly this alternative subject (for example <c>/person/…</c>); sent in a header.</summary>
    public string? AlternativeSubject { get; set; }

    private protected override int MaxPageSize => MaxEventsPerPage;

    private protected override string Write(QueryString query, string? after, bool requireStart, out KeyValuePair<string, string>? header)
    {
        if (Subject is not null && AlternativeSubject is not null)
        {
            throw ArgumentErrors.Invalid("Give Subject or AlternativeSubject, not both: Events refuses the combination.", Names.Query);
        }

        if (Subject is { } s && string.IsNullOrWhiteSpace(s)) throw ArgumentErrors.Invalid("Subject is empty; leave it null.", Names.Query);
        if (AlternativeSubject is { } a && string.IsNullOrWhiteSpace(a)) throw ArgumentErrors.Invalid("AlternativeSubject is empty; leave it null.", Names.Query);

        query.Add("resource", Resource);
        // Events requires `after`; "0" reads from the beginning. A checkpoint key has no position.
        if (requireStart || after is not null) query.Add("after", after ?? "0");

        if (Subject is not null) query.AddPersonal("subject", Subject);

        // Events' `next` adds `subject={first event's subject}` when this header is used alone; the SDK rebuilds the
        // request from `after` and re-sends the header instead, so the two never clash.
        header = AlternativeSubject is null ? null : new KeyValuePair<string, string>("Altinn-AlternativeSubject", AlternativeSubject);
        return "events";
    }
}
