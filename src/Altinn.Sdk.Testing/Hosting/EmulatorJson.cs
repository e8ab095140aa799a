using System.Text.Encodings.Web;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Testing.Hosting;

/// <summary>
/// The two JSON dialects the emulator speaks, as the real services do: Storage (Newtonsoft) omits nulls and writes
/// enums as names; the App API (System.Text.Json) writes nulls and <c>readStatus</c>/<c>partyTypeName</c> as numbers.
/// </summary>
internal static class EmulatorJson
{
    /// <summary>Storage's dialect.</summary>
    public static JsonSerializerOptions Storage { get; } = new(AltinnJsonContext.Default.Options)
    {
        // Both services write '&', '+' and non-ASCII letters as they are, not as \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The App API's dialect.</summary>
    public static JsonSerializerOptions App { get; } = CreateAppOptions();

    private static JsonSerializerOptions CreateAppOptions()
    {
        var options = new JsonSerializerOptions(AltinnJsonContext.Default.Options)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        // Options-level converters win over the models' type-level name converters.
        options.Converters.Add(new NumericEnumConverter<ReadStatus>());
        options.Converters.Add(new NumericEnumConverter<PartyType>());
        return options;
    }

    /// <summary>Writes an enum as its number and reads a number or a name.</summary>
    private sealed class NumericEnumConverter<T> : JsonConverter<T>
        where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number
                ? (T)Enum.ToObject(typeof(T), reader.GetInt32())
                : Enum.Parse<T>(reader.GetString()!, ignoreCase: true);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
