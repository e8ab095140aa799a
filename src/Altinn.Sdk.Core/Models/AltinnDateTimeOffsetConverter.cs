using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

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

        // The reader's parser is strict ISO 8601; it reports a value without an offset as Unspecified.
        if (reader.TryGetDateTimeOffset(out DateTimeOffset withOffset) && reader.TryGetDateTime(out DateTime plain))
        {
            return plain.Kind == DateTimeKind.Unspecified
                ? new DateTimeOffset(DateTime.SpecifyKind(plain, DateTimeKind.Utc))
                : withOffset;
        }

        throw new JsonException(
            $"'{reader.GetString()}' is not a valid ISO 8601 date-time; expected for example '2024-05-01T10:15:30.1234567Z'.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        if (writer is null) throw new ArgumentNullException(nameof(writer));
        writer.WriteStringValue(value.UtcDateTime.ToString(WriteFormat, CultureInfo.InvariantCulture));
    }
}
