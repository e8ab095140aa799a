namespace Altinn.Sdk.Events;

/// <summary>
/// The events of one app, as its owner reads them (<c>GET app/{org}/{app}</c>; the token must carry
/// <c>urn:altinn:org</c>, which a Maskinporten token gets with an <c>altinn:serviceowner</c> scope).
/// </summary>
/// <remarks>
/// Give <see cref="EventsQuery.After"/> (<c>"0"</c> for the beginning) or <see cref="From"/>. At most one of
/// <see cref="Party"/> and <see cref="PersonNumber"/>, and of <see cref="Party"/> and <see cref="OrganisationNumber"/>.
/// </remarks>
public sealed class AppEventsQuery : EventsQuery
{
    /// <summary>Creates a query for an app's events.</summary>
    /// <param name="appId">The app.</param>
    /// <exception cref="ArgumentNullException"><paramref name="appId"/> is null.</exception>
    public AppEventsQuery(AppId appId)
    {
        AppId = appId ?? throw new ArgumentNullException(nameof(appId));
    }

    /// <summary>The app.</summary>
    public AppId AppId { get; }

    /// <summary>Events at or after this time.</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>Events at or before this time.</summary>
    public DateTimeOffset? To { get; set; }

    /// <summary>Only events about this party (<c>subject</c> <c>/party/{id}</c>).</summary>
    public int? Party { get; set; }

    /// <summary>Only events about this organisation (9 digits), which Events looks up as a party.</summary>
    public string? OrganisationNumber { get; set; }

    /// <summary>Only events about this person (11 digits), which Events looks up as a party; sent in a header, never in the URL.</summary>
    public string? PersonNumber { get; set; }

    private protected override string Write(QueryString query, string? after, bool requireStart, out KeyValuePair<string, string>? header)
    {
        AppFeedFilter.Write(query, after, From, To, Party, OrganisationNumber, PersonNumber, requireStart, requireSubject: false, out header);
        return "app/" + Uri.EscapeDataString(AppId.Org) + "/" + Uri.EscapeDataString(AppId.App);
    }
}
