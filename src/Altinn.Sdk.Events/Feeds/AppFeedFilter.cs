namespace Altinn.Sdk.Events;

/// <summary>The parameters the two app feeds share, written and checked in one place.</summary>
internal static class AppFeedFilter
{
    public static void Write(
        QueryString query,
        string? after,
        DateTimeOffset? from,
        DateTimeOffset? to,
        int? party,
        string? organisationNumber,
        string? personNumber,
        bool requireStart,
        bool requireSubject,
        out KeyValuePair<string, string>? header)
    {
        if (requireStart && after is null && from is null)
        {
            throw ArgumentErrors.Invalid("Give After (the last event id handled, or \"0\" for the beginning) or From: the app feeds need one of them.", Names.Query);
        }

        if (from is { } f && to is { } t && f > t)
        {
            throw ArgumentErrors.Invalid($"From ({f:O}) is after To ({t:O}).", Names.Query);
        }

        if (party is <= 0) throw ArgumentErrors.OutOfRange(Names.Query, party, "Party must be a positive party id.");
        if (party is not null && personNumber is not null)
        {
            throw ArgumentErrors.Invalid("Give Party or PersonNumber, not both: Events refuses the combination.", Names.Query);
        }

        if (party is not null && organisationNumber is not null)
        {
            throw ArgumentErrors.Invalid("Give Party or OrganisationNumber, not both: Events refuses the combination.", Names.Query);
        }

        if (requireSubject && party is null && organisationNumber is null && personNumber is null)
        {
            throw ArgumentErrors.Invalid("The party feed needs a subject: set Party, OrganisationNumber or PersonNumber.", Names.Query);
        }

        string? unit = organisationNumber is null ? null : Altinn.Sdk.OrganisationNumber.Validate(organisationNumber, Names.Query);
        if (personNumber is not null) NationalIdentityNumber.Validate(personNumber, Names.Query);

        if (after is not null) query.Add("after", after);
        if (from is { } fromValue) query.Add("from", Time(fromValue));
        if (to is { } toValue) query.Add("to", Time(toValue));
        if (party is int p) query.Add("party", p.ToString(CultureInfo.InvariantCulture));
        if (unit is not null) query.Add("unit", unit);
        header = personNumber is null ? null : new KeyValuePair<string, string>("person", personNumber);
    }

    private static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
