namespace Altinn.Sdk.Events;

/// <summary>
/// The app events of one party, for end users and end-user systems (<c>GET app/party</c>): set <see cref="Party"/>,
/// <see cref="OrganisationNumber"/> or <see cref="PersonNumber"/>. Events shows only what the caller may read.
/// </summary>
/// <remarks>Give <see cref="EventsQuery.After"/> (<c>"0"</c> for the beginning) or <see cref="From"/>.</remarks>
public sealed class PartyEventsQuery : EventsQuery
{
    /// <summary>Events at or after this time.</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>Events at or before this time.</summary>
    public DateTimeOffset? To { get; set; }

    /// <summary>The party, by party id.</summary>
    public int? Party { get; set; }

    /// <summary>The party, by organisation number (9 digits).</summary>
    public string? OrganisationNumber { get; set; }

    /// <summary>The party, by national identity number (11 digits); sent in a header, never in the URL.</summary>
    public string? PersonNumber { get; set; }

    /// <summary>
    /// Event sources to read (any of them); empty reads all. Case-insensitive, <c>%</c> is a wildcard, for example
    /// <c>https://ttd.apps.tt02.altinn.no/ttd/%</c>.
    /// </summary>
    public IList<string> Sources { get; } = new List<string>();

    private protected override string Write(QueryString query, string? after, bool requireStart, out KeyValuePair<string, string>? header)
    {
        AppFeedFilter.Write(query, after, From, To, Party, OrganisationNumber, PersonNumber, requireStart, requireSubject: true, out header);
        foreach (string source in Sources)
        {
            if (string.IsNullOrWhiteSpace(source)) throw ArgumentErrors.Invalid("Sources has an empty entry.", Names.Query);
            query.Add("source", source);
        }

        return "app/party";
    }
}
