namespace Altinn.Sdk.Models;

/// <summary>
/// Reads a string property whose values repeat across the objects of a page (org codes, user ids, content
/// types, data type and task ids) once per thread: a repeat returns the string read before instead of decoding
/// and allocating it again. Strings are immutable, so sharing one is invisible to callers.
/// </summary>
/// <remarks>
/// A small direct-mapped cache of short values, per thread so it needs no locking. A miss (or an escaped, long
/// or split value) reads the string as the built-in converter does, with its errors for other token types.
/// Used only on properties where repeats are the rule; on unique values every miss would cost a copy.
/// </remarks>
internal sealed class RepeatedStringConverter : JsonConverter<string>
{
    private const int MaxBytes = 64;
    private const int Slots = 128;

    [ThreadStatic]
    private static Entry[]? t_cache;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped)
        {
            ReadOnlySpan<byte> utf8 = reader.ValueSpan;
            if (utf8.Length is > 0 and <= MaxBytes)
            {
                Entry[] cache = t_cache ??= new Entry[Slots];
                int slot = ((utf8.Length * 31) + (utf8[0] * 7) + (utf8[utf8.Length / 2] * 3) + utf8[utf8.Length - 1]) & (Slots - 1);
                Entry? entry = cache[slot];
                if (entry is not null && utf8.SequenceEqual(entry.Utf8))
                {
                    return entry.Text;
                }

                string text = reader.GetString()!;
                cache[slot] = new Entry(utf8.ToArray(), text);
                return text;
            }
        }

        return reader.GetString();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
        => writer.WriteStringValue(value);

    private sealed class Entry(byte[] utf8, string text)
    {
        public byte[] Utf8 { get; } = utf8;

        public string Text { get; } = text;
    }
}
