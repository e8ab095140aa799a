namespace Altinn.Sdk;

/// <summary>
/// Identifies an instance as <c>{instanceOwnerPartyId}/{instanceGuid}</c>, the form Altinn uses in
/// <c>instance.id</c> and, as two path segments, in URLs.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Models.InstanceIdJsonConverter))]
public sealed class InstanceId : IEquatable<InstanceId>
{
    /// <summary>Creates an instance id from the owner's party id and the instance guid.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partyId"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="instanceGuid"/> is empty.</exception>
    public InstanceId(int partyId, Guid instanceGuid)
    {
        if (partyId <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(partyId), partyId, "A party id is a positive number.");
        }

        if (instanceGuid == Guid.Empty)
        {
            throw new ArgumentException("An instance guid must not be empty.", nameof(instanceGuid));
        }

        PartyId = partyId;
        InstanceGuid = instanceGuid;
    }

    /// <summary>The party id of the instance owner.</summary>
    public int PartyId { get; }

    /// <summary>The instance guid.</summary>
    public Guid InstanceGuid { get; }

    /// <summary>
    /// The 12-character reference an end user sees (the last 12 hex digits of the guid); Storage's <c>A3Ref</c> filter.
    /// </summary>
    public string Reference => InstanceGuid.ToString("N").Substring(20);

    /// <summary>Parses <c>{partyId}/{guid}</c>, for example <c>50019855/f21e5a3c-0e1c-4c6c-9d5b-3a2d1b0c9e8f</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a valid instance id; the message says why.</exception>
    public static InstanceId Parse(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        return TryParse(value, out var id, out var error) ? id : throw new FormatException(error);
    }

    /// <summary>Tries to parse <c>{partyId}/{guid}</c>.</summary>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid instance id.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out InstanceId? result)
        => TryParse(value, out result, out _);

    private static bool TryParse(string? value, [NotNullWhen(true)] out InstanceId? result, out string error)
    {
        result = null;
        const string Expected = "expected '{partyId}/{instanceGuid}', for example '50019855/f21e5a3c-0e1c-4c6c-9d5b-3a2d1b0c9e8f'";
        if (string.IsNullOrEmpty(value))
        {
            error = "An instance id must not be empty; " + Expected + ".";
            return false;
        }

        int slash = value!.IndexOf('/');
        if (slash <= 0 || slash != value.LastIndexOf('/'))
        {
            error = $"'{value}' is not a valid instance id: {Expected}.";
            return false;
        }

        string party = value.Substring(0, slash);
        // Digits only, no sign, no leading zero: the text must round-trip exactly.
        bool digitsOnly = party.Length <= 10 && party[0] != '0';
        foreach (char c in party) digitsOnly &= c is >= '0' and <= '9';
        if (!digitsOnly || !int.TryParse(party, NumberStyles.None, CultureInfo.InvariantCulture, out int partyId) || partyId <= 0)
        {
            error = $"'{value}' is not a valid instance id: the party id '{party}' must be a positive whole number; {Expected}.";
            return false;
        }

        string guidText = value.Substring(slash + 1);
        if (!IsDashedHex(guidText) || !Guid.TryParseExact(guidText, "D", out var guid) || guid == Guid.Empty)
        {
            error = $"'{value}' is not a valid instance id: '{guidText}' is not a non-empty guid with dashes; {Expected}.";
            return false;
        }

        result = new InstanceId(partyId, guid);
        error = string.Empty;
        return true;
    }

    // Guid parsing also takes white space around the guid and a sign inside a group ("6241ae73-+efd-..."); only
    // the 36 characters xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (any case) round-trip.
    private static bool IsDashedHex(string text)
    {
        if (text.Length != 36) return false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool ok = i is 8 or 13 or 18 or 23 ? c == '-' : c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';
            if (!ok) return false;
        }

        return true;
    }

    /// <summary>Returns <c>{partyId}/{guid}</c> with the guid in lower case, as Altinn writes it.</summary>
    public override string ToString() => PartyId.ToString(CultureInfo.InvariantCulture) + "/" + InstanceGuid.ToString("D");

    /// <inheritdoc/>
    public bool Equals(InstanceId? other) => other is not null && PartyId == other.PartyId && InstanceGuid == other.InstanceGuid;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as InstanceId);

    /// <inheritdoc/>
    public override int GetHashCode() => InstanceGuid.GetHashCode() ^ PartyId;

    /// <summary>Compares two instance ids by value.</summary>
    public static bool operator ==(InstanceId? left, InstanceId? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two instance ids by value.</summary>
    public static bool operator !=(InstanceId? left, InstanceId? right) => !(left == right);
}
