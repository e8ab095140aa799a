namespace Altinn.Sdk.Models;

/// <summary>
/// Converts an Altinn enum in both JSON dialects: reads the number the App API writes or the name Storage
/// writes (case-insensitive), and writes the name. A value Altinn added later is kept so that it round-trips:
/// an unknown number is read as that number and written back as it; an unknown name is mapped to a synthetic
/// value (counting up from <see cref="int.MinValue"/>, at most <see cref="MaxUnknownNames"/> names per enum,
/// beyond which it fails with a <see cref="JsonException"/> as a non-integer does) and written back as the name.
/// Each unknown value is reported once (<see cref="Diagnostics.AltinnTelemetry"/>). The default of an enum without
/// a 0 member (a value that was never set) is written and read as 0.
/// </summary>
/// <remarks>The table of names and numbers is explicit, so no reflection over the enum is needed.</remarks>
internal abstract class WireEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    /// <summary>The most unknown names kept per enum: a bound on memory whatever a server sends.</summary>
    internal const int MaxUnknownNames = 64;

    // Per closed type (one per enum): unknown names and their synthetic values, and the values already reported.
    private static readonly object s_lock = new();
    private static readonly Dictionary<string, int> s_unknownByName = new(StringComparer.Ordinal);
    private static readonly Dictionary<int, string> s_unknownByValue = new();
    private static readonly HashSet<int> s_reportedNumbers = new();

    private readonly string _enumName;
    private readonly (TEnum Value, string Name, int Number)[] _members;
    private readonly byte[][] _utf8Names;

    protected WireEnumConverter(string enumName, params (TEnum Value, string Name, int Number)[] members)
    {
        _enumName = enumName;
        _members = members;
        _utf8Names = Array.ConvertAll(members, m => System.Text.Encoding.UTF8.GetBytes(m.Name));
    }

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt32(out int number))
                {
                    if (TryFromNumber(number, out TEnum byNumber)) return byNumber;
                    ReportOnce(number, number.ToString(CultureInfo.InvariantCulture));
                    return (TEnum)(object)number;
                }

                throw Unknown(Utf8Text(ref reader));

            case JsonTokenType.String:
                // Exact names (what Storage writes) match without allocating; other casings below.
                for (int i = 0; i < _utf8Names.Length; i++)
                {
                    if (reader.ValueTextEquals(_utf8Names[i])) return _members[i].Value;
                }

                string text = reader.GetString()!;
                foreach (var member in _members)
                {
                    if (string.Equals(member.Name, text, StringComparison.OrdinalIgnoreCase))
                    {
                        return member.Value;
                    }
                }

                if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int fromText)
                    && TryFromNumber(fromText, out TEnum byText))
                {
                    return byText;
                }

                return FromUnknownName(text) ?? throw Unknown("'" + text + "'");

            default:
                throw new JsonException(
                    $"Expected a name or number for {_enumName} but found a JSON {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        foreach (var member in _members)
        {
            if (EqualityComparer<TEnum>.Default.Equals(member.Value, value))
            {
                writer.WriteStringValue(member.Name);
                return;
            }
        }

        if (EqualityComparer<TEnum>.Default.Equals(value, default))
        {
            // Not set (PartyType has no 0): what a model left out or built in code holds. Altinn's own models
            // write such a value as 0 (inferred from their C# enums), so the SDK does too and reads it back.
            writer.WriteNumberValue(0);
            return;
        }

        int number = (int)(object)value;
        string? name;
        lock (s_lock)
        {
            s_unknownByValue.TryGetValue(number, out name);
        }

        // An unknown name read earlier goes back as that name; any other value as its number (as it was read).
        if (name is not null) writer.WriteStringValue(name);
        else writer.WriteNumberValue(number);
    }

    /// <summary>
    /// Forgets the unknown values kept and reported so far. The registry lives as long as the process; tests that count
    /// against its bound start from an empty one.
    /// </summary>
    internal static void ForgetUnknownValues()
    {
        lock (s_lock)
        {
            s_unknownByName.Clear();
            s_unknownByValue.Clear();
            s_reportedNumbers.Clear();
        }
    }

    /// <summary>The synthetic value of an unknown name, or null when the enum already holds the most names it keeps.</summary>
    private TEnum? FromUnknownName(string name)
    {
        int value;
        lock (s_lock)
        {
            if (!s_unknownByName.TryGetValue(name, out value))
            {
                if (s_unknownByName.Count >= MaxUnknownNames) return null;
                value = int.MinValue + s_unknownByName.Count;
                s_unknownByName.Add(name, value);
                s_unknownByValue.Add(value, name);
                Diagnostics.AltinnTelemetry.ReportUnknownEnumValue(_enumName, name);
            }
        }

        return (TEnum)(object)value;
    }

    private void ReportOnce(int number, string shown)
    {
        lock (s_lock)
        {
            // Bounded as the names are: past the bound a value is still read, just not reported.
            if (s_reportedNumbers.Count >= MaxUnknownNames || !s_reportedNumbers.Add(number)) return;
        }

        Diagnostics.AltinnTelemetry.ReportUnknownEnumValue(_enumName, shown);
    }

    private bool TryFromNumber(int number, out TEnum value)
    {
        foreach (var member in _members)
        {
            if (member.Number == number)
            {
                value = member.Value;
                return true;
            }
        }

        // 0 without a member is the "not set" default that Write produces (see there).
        value = default;
        return number == 0;
    }

    private JsonException Unknown(string shownValue)
    {
        var known = new List<string>(_members.Length);
        foreach (var member in _members)
        {
            known.Add(member.Name + " (" + member.Number.ToString(CultureInfo.InvariantCulture) + ")");
        }

        return new JsonException(
            $"{shownValue} is not a known {_enumName} value; expected one of {string.Join(", ", known)}.");
    }

    private static string Utf8Text(ref Utf8JsonReader reader)
    {
        // Numbers are never escaped, so the raw bytes are the text.
        byte[] raw = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
        return System.Text.Encoding.UTF8.GetString(raw);
    }
}
