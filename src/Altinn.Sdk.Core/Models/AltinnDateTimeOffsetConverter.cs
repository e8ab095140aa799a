namespace Altinn.Sdk.Models;

/// <summary>
/// Reads and writes Altinn timestamps the way Altinn Storage does.
/// </summary>
/// <remarks>
/// Reading accepts ISO 8601 date-times (and dates); a value without an offset is taken as UTC, as Storage
/// treats it. Writing always produces UTC with a trailing <c>Z</c> and up to seven fraction digits with
/// trailing zeros removed (for example <c>2024-05-01T10:15:30.12Z</c>), so Storage output round-trips
/// unchanged. <see cref="AltinnJsonContext"/> uses this converter for every <see cref="DateTimeOffset"/>;
/// it is public so other source-generated contexts can register it too.
/// </remarks>
public sealed class AltinnDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    private const string WriteFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'";

    /// <inheritdoc/>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException(
                $"Expected an ISO 8601 date-time string but found a JSON {reader.TokenType}.");
        }

        // The reader's parser is strict ISO 8601. A value without an offset is UTC (Storage's reading), so only
        // those go through DateTime; the rest (nearly all: Storage writes 'Z') are parsed once.
        if (!reader.HasValueSequence && HasOffset(reader.ValueSpan))
        {
            if (reader.TryGetDateTimeOffset(out DateTimeOffset withOffset)) return withOffset;
        }
        else if (reader.TryGetDateTime(out DateTime plain))
        {
            // Kind is Unspecified without an offset, Utc for 'Z', Local for an offset (converted): keep the instant.
            return plain.Kind == DateTimeKind.Unspecified
                ? new DateTimeOffset(DateTime.SpecifyKind(plain, DateTimeKind.Utc))
                : new DateTimeOffset(plain.ToUniversalTime(), TimeSpan.Zero);
        }

        throw new JsonException(
            $"'{reader.GetString()}' is not a valid ISO 8601 date-time; expected for example '2024-05-01T10:15:30.1234567Z'.");
    }

    private static bool HasOffset(ReadOnlySpan<byte> value)
    {
        // An offset is a trailing 'Z', or '+hh:mm' / '-hh:mm' after the time part (a date alone has none).
        // Escaped strings fall back to the DateTime path, which handles every form.
        if (value.IsEmpty || value.IndexOf((byte)'\\') >= 0) return false;
        byte last = value[value.Length - 1];
        if (last is (byte)'Z' or (byte)'z') return true;
        int time = value.IndexOf((byte)'T');
        if (time < 0) return false;
        ReadOnlySpan<byte> rest = value.Slice(time);
        return rest.IndexOf((byte)'+') >= 0 || rest.IndexOf((byte)'-') >= 0;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        if (writer is null) throw new ArgumentNullException(nameof(writer));
        writer.WriteStringValue(value.UtcDateTime.ToString(WriteFormat, CultureInfo.InvariantCulture));
    }
}
