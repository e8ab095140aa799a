namespace Altinn.Sdk;

/// <summary>The comparison in a Storage date filter.</summary>
public enum DateFilterOperator
{
    /// <summary><c>gt</c>: after the value.</summary>
    GreaterThan,

    /// <summary><c>gte</c>: at or after the value.</summary>
    GreaterThanOrEqual,

    /// <summary><c>lt</c>: before the value.</summary>
    LessThan,

    /// <summary><c>lte</c>: at or before the value.</summary>
    LessThanOrEqual,

    /// <summary><c>eq</c>: equal to the value.</summary>
    Equal,
}

/// <summary>One condition of a <see cref="DateFilter"/>, written as <c>{op}:{value}</c>, for example <c>lte:2020-09-30</c>.</summary>
public sealed class DateFilterCondition : IEquatable<DateFilterCondition>
{
    internal DateFilterCondition(DateFilterOperator op, DateTimeOffset value, bool isDateOnly)
    {
        Operator = op;
        Value = value.ToUniversalTime();
        IsDateOnly = isDateOnly;
    }

    /// <summary>The comparison.</summary>
    public DateFilterOperator Operator { get; }

    /// <summary>The value in UTC; for a date-only condition, midnight UTC of that date.</summary>
    public DateTimeOffset Value { get; }

    /// <summary>Whether the value is sent as a date (<c>2020-09-30</c>) rather than a UTC time.</summary>
    public bool IsDateOnly { get; }

    /// <summary>The Storage operator: <c>gt</c>, <c>gte</c>, <c>lt</c>, <c>lte</c> or <c>eq</c>.</summary>
    public string OperatorText => Operator switch
    {
        DateFilterOperator.GreaterThan => "gt",
        DateFilterOperator.GreaterThanOrEqual => "gte",
        DateFilterOperator.LessThan => "lt",
        DateFilterOperator.LessThanOrEqual => "lte",
        _ => "eq",
    };

    /// <summary>The value as sent: <c>yyyy-MM-dd</c>, or UTC ISO 8601 with <c>Z</c> and only the fraction digits needed.</summary>
    public string ValueText => IsDateOnly
        ? Value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>Returns <c>{op}:{value}</c>, exactly as the query string carries it (before URL encoding).</summary>
    public override string ToString() => OperatorText + ":" + ValueText;

    /// <inheritdoc/>
    public bool Equals(DateFilterCondition? other) =>
        other is not null && Operator == other.Operator && Value == other.Value && IsDateOnly == other.IsDateOnly;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DateFilterCondition);

    /// <inheritdoc/>
    public override int GetHashCode() => ((int)Operator * 397) ^ Value.GetHashCode() ^ (IsDateOnly ? 1 : 0);
}

/// <summary>
/// A filter on a date field of Storage's instance query (<c>created</c>, <c>lastChanged</c>, <c>dueBefore</c>,
/// <c>visibleAfter</c>, <c>process.ended</c>): one or more conditions that must all hold, each sent as a repeat
/// of the query key, for example <c>created=gte:2020-09-01&amp;created=lt:2020-10-01</c>.
/// </summary>
/// <remarks>
/// <para>Values are sent in UTC. A date-only value (<c>2020-09-30</c>) is what Altinn's documentation uses; Storage
/// reads it as midnight UTC for <c>created</c>/<c>lastChanged</c>, and compares <c>dueBefore</c>,
/// <c>visibleAfter</c> and <c>process.ended</c> as text, so <c>lte:2020-09-30</c> does not include later times on
/// that day. To include a whole day, use <see cref="Before(int, int, int)"/> with the next day.</para>
/// <para>Storage rejects one operator used twice with a server error, so <see cref="And"/> refuses it up front.</para>
/// </remarks>
public sealed class DateFilter : IEquatable<DateFilter>
{
    private readonly DateFilterCondition[] _conditions;

    private DateFilter(DateFilterCondition[] conditions) => _conditions = conditions;

    /// <summary>The conditions, all of which must hold.</summary>
    public IReadOnlyList<DateFilterCondition> Conditions => _conditions;

    /// <summary>After the moment: <c>gt:{utc}</c>.</summary>
    public static DateFilter After(DateTimeOffset value) => Single(DateFilterOperator.GreaterThan, value, false);

    /// <summary>At or after the moment: <c>gte:{utc}</c>.</summary>
    public static DateFilter OnOrAfter(DateTimeOffset value) => Single(DateFilterOperator.GreaterThanOrEqual, value, false);

    /// <summary>Before the moment: <c>lt:{utc}</c>.</summary>
    public static DateFilter Before(DateTimeOffset value) => Single(DateFilterOperator.LessThan, value, false);

    /// <summary>At or before the moment: <c>lte:{utc}</c>.</summary>
    public static DateFilter OnOrBefore(DateTimeOffset value) => Single(DateFilterOperator.LessThanOrEqual, value, false);

    /// <summary>Exactly the moment: <c>eq:{utc}</c>.</summary>
    public static DateFilter At(DateTimeOffset value) => Single(DateFilterOperator.Equal, value, false);

    /// <summary>After the date: <c>gt:yyyy-MM-dd</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date does not exist.</exception>
    public static DateFilter After(int year, int month, int day) => Single(DateFilterOperator.GreaterThan, Date(year, month, day), true);

    /// <summary>On or after the date: <c>gte:yyyy-MM-dd</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date does not exist.</exception>
    public static DateFilter OnOrAfter(int year, int month, int day) => Single(DateFilterOperator.GreaterThanOrEqual, Date(year, month, day), true);

    /// <summary>Before the date: <c>lt:yyyy-MM-dd</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date does not exist.</exception>
    public static DateFilter Before(int year, int month, int day) => Single(DateFilterOperator.LessThan, Date(year, month, day), true);

    /// <summary>
    /// On or before the date: <c>lte:yyyy-MM-dd</c>, the form of Altinn's documented draft-deletion query
    /// (<c>created=lte:2020-09-30</c>). See the remarks on <see cref="DateFilter"/> for what Storage makes of it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The date does not exist.</exception>
    public static DateFilter OnOrBefore(int year, int month, int day) => Single(DateFilterOperator.LessThanOrEqual, Date(year, month, day), true);

    /// <summary>On the date: <c>eq:yyyy-MM-dd</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date does not exist.</exception>
    public static DateFilter On(int year, int month, int day) => Single(DateFilterOperator.Equal, Date(year, month, day), true);

    /// <summary>A range: at or after <paramref name="fromInclusive"/> and before <paramref name="toExclusive"/>.</summary>
    /// <exception cref="ArgumentException">The range is empty.</exception>
    public static DateFilter Between(DateTimeOffset fromInclusive, DateTimeOffset toExclusive)
    {
        if (toExclusive <= fromInclusive)
        {
            throw new ArgumentException($"The range is empty: {toExclusive:O} is not after {fromInclusive:O}.", nameof(toExclusive));
        }

        return OnOrAfter(fromInclusive).And(Before(toExclusive));
    }

    /// <summary>Both this filter's conditions and <paramref name="other"/>'s.</summary>
    /// <exception cref="ArgumentException">An operator would appear twice, which Storage answers with a server error.</exception>
    public DateFilter And(DateFilter other)
    {
        if (other is null) throw new ArgumentNullException(nameof(other));
        foreach (var condition in other._conditions)
        {
            var clash = Array.Find(_conditions, c => c.Operator == condition.Operator);
            if (clash is not null)
            {
                throw new ArgumentException(
                    $"A date filter can use each operator once; '{clash}' and '{condition}' both use '{condition.OperatorText}'.", nameof(other));
            }
        }

        return new DateFilter([.. _conditions, .. other._conditions]);
    }

    /// <summary>The query values, one per condition, for example <c>["gte:2020-09-01", "lt:2020-10-01"]</c>.</summary>
    public IReadOnlyList<string> ToQueryValues() => _conditions.Select(c => c.ToString()).ToArray();

    /// <summary>
    /// Parses one or more comma-separated conditions: <c>lte:2020-09-30</c>,
    /// <c>gte:2020-09-01T00:00:00Z,lt:2020-10-01T00:00:00Z</c>. A time without an offset is taken as UTC, as Storage does.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a valid filter; the message says which part and why.</exception>
    public static DateFilter Parse(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        return TryParse(value, out var filter, out string error) ? filter! : throw new FormatException(error);
    }

    /// <summary>Tries to parse a filter; see <see cref="Parse"/>.</summary>
    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DateFilter? filter) =>
        TryParse(value, out filter, out _);

    private static bool TryParse(string? value, out DateFilter? filter, out string error)
    {
        filter = null;
        const string Expected = "expected '{op}:{date}' with op gt, gte, lt, lte or eq, for example 'lte:2020-09-30' or 'gte:2020-09-01T12:00:00Z'";
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "A date filter must not be empty; " + Expected + ".";
            return false;
        }

        var conditions = new List<DateFilterCondition>();
        foreach (string part in value!.Split(','))
        {
            string text = part.Trim();
            int colon = text.IndexOf(':');
            if (colon <= 0)
            {
                error = $"'{text}' is not a date filter condition: {Expected}.";
                return false;
            }

            DateFilterOperator? op = text.Substring(0, colon) switch
            {
                "gt" => DateFilterOperator.GreaterThan,
                "gte" => DateFilterOperator.GreaterThanOrEqual,
                "lt" => DateFilterOperator.LessThan,
                "lte" => DateFilterOperator.LessThanOrEqual,
                "eq" => DateFilterOperator.Equal,
                _ => null,
            };
            if (op is null)
            {
                error = $"'{text.Substring(0, colon)}' is not a date filter operator (Storage would silently ignore it): {Expected}.";
                return false;
            }

            string date = text.Substring(colon + 1);
            DateFilterCondition condition;
            if (DateTime.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day))
            {
                condition = new DateFilterCondition(op.Value, new DateTimeOffset(day, TimeSpan.Zero), true);
            }
            else if (date.Contains('T')
                && DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
            {
                condition = new DateFilterCondition(op.Value, moment, false);
            }
            else
            {
                error = $"'{date}' in '{text}' is not a date (yyyy-MM-dd) or an ISO 8601 time (yyyy-MM-ddTHH:mm:ssZ).";
                return false;
            }

            if (conditions.Exists(c => c.Operator == condition.Operator))
            {
                error = $"'{value}' uses the operator '{condition.OperatorText}' twice; Storage answers that with a server error.";
                return false;
            }

            conditions.Add(condition);
        }

        filter = new DateFilter([.. conditions]);
        error = string.Empty;
        return true;
    }

    /// <summary>Returns the conditions separated by commas; <see cref="Parse"/> reads it back.</summary>
    public override string ToString() => string.Join(",", ToQueryValues());

    /// <inheritdoc/>
    public bool Equals(DateFilter? other) => other is not null && _conditions.SequenceEqual(other._conditions);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DateFilter);

    /// <inheritdoc/>
    public override int GetHashCode() => _conditions.Aggregate(17, (hash, c) => (hash * 31) + c.GetHashCode());

    private static DateFilter Single(DateFilterOperator op, DateTimeOffset value, bool dateOnly) => new([new DateFilterCondition(op, value, dateOnly)]);

    private static DateTimeOffset Date(int year, int month, int day)
    {
        if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            throw new ArgumentOutOfRangeException(nameof(day), $"{year:D4}-{month:D2}-{day:D2} is not a date.");
        }

        return new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
    }
}
