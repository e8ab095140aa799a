using System.Text;
using System.Text.Json;

namespace Altinn.Sdk.Tests.Robustness;

/// <summary>
/// Breaks a valid JSON document in the ways a faulty proxy, a server change or an attacker might: truncation,
/// values of the wrong JSON type, huge numbers, deep nesting, invalid dates and enum values, duplicate properties,
/// mangled strings, and random bytes. Mutations work on the UTF-8 bytes at token boundaries found with
/// <see cref="Utf8JsonReader"/>, so most results are still JSON and reach the converters, not only the tokenizer.
/// </summary>
internal sealed class JsonMutator
{
    private static readonly string[] s_wrongTypes =
    [
        "\"text\"", "\"\"", "0", "-1", "1.5", "true", "false", "null", "{}", "[]", "{\"a\":1}", "[1,\"x\",null]", "\"null\"",
    ];

    private static readonly string[] s_numbers =
    [
        "1e400", "-1e400", "99999999999999999999999999999", "-99999999999999999999999999999", "2147483648", "-2147483649",
        "9223372036854775808", "-9223372036854775809", "1E+2", "-0", "0.0000000000000000000000001", "4.9e-324",
        "\"1e400\"", "\"99999999999999999999\"", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\" 5\"", "\"0x10\"", "\"\"",
    ];

    private static readonly string[] s_dates =
    [
        "\"2024-13-01T00:00:00Z\"", "\"2024-02-30T10:00:00Z\"", "\"2024-05-01T24:00:00Z\"", "\"2024-05-01T10:60:00Z\"",
        "\"2024-05-01T10:15:30.123456789Z\"", "\"2024-05-01T10:15:30+25:00\"", "\"2024-05-01T10:15:30+01\"",
        "\"0001-01-01T00:00:00+01:00\"", "\"9999-12-31T23:59:59.9999999-01:00\"", "\"0000-01-01T00:00:00Z\"",
        "\"+10000-01-01T00:00:00Z\"", "\"yesterday\"", "\"\"", "\"2024-05-01 10:15:30Z\"", "\"2024-05-01T10:15:30ZZ\"",
        "\"2024-05-01\"", "\"20240501T101530Z\"", "\"2024-05-01T10:15:30\"", "\"2024-W18-3\"", "\"\\u0032024-05-01T10:15:30Z\"",
        "1714558530", "\"9999-12-31T23:59:59.9999999Z\"", "\"0001-01-01T00:00:00Z\"",
    ];

    private static readonly string[] s_enums =
    [
        "\"Unknown\"", "\"read\"", "\"READ\"", "\"Read \"", "\" Read\"", "7", "-1", "3", "\"2\"", "\"-0\"", "1.0", "\"1.0\"", "\"\"",
        "2147483648", "\"Infected\"", "\"Clean\"", "\"Person\"", "\"Organisation\"", "\"Org\"", "1e0", "\"GeneratedFrom\"",
        "\"\\u0052ead\"", "\"Task\"", "\"DataElement\"",
    ];

    private static readonly string[] s_enumProperties = ["readStatus", "fileScanResult", "partyTypeName", "relation", "valueType"];

    private static readonly string[] s_escapes = ["\\u0000", "\\ud800", "\\udc00", "\\x", "\\", "\\u12", "\"", "\\n", "\u0001", "\\/", "ø", "\\u00f8"];

    private readonly byte[] _document;
    private readonly List<Token> _tokens = [];

    public JsonMutator(byte[] document)
    {
        _document = document;
        var reader = new Utf8JsonReader(document);
        var open = new Stack<int>();
        while (reader.Read())
        {
            int start = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    open.Push(_tokens.Count);
                    _tokens.Add(new Token(reader.TokenType, start, -1, reader.CurrentDepth, Name()));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    int index = open.Pop();
                    _tokens[index] = _tokens[index] with { End = (int)reader.BytesConsumed };
                    break;
                default:
                    _tokens.Add(new Token(reader.TokenType, start, (int)reader.BytesConsumed, reader.CurrentDepth, reader.TokenType == JsonTokenType.PropertyName ? null : Name()));
                    break;
            }
        }
    }

    /// <summary>One to three mutations of the document.</summary>
    public byte[] Mutate(Random random)
    {
        byte[] result = _document;
        int rounds = random.Next(10) < 7 ? 1 : random.Next(2, 4);
        for (int i = 0; i < rounds; i++)
        {
            // Later rounds work on the already mutated bytes where they are still JSON, else on raw bytes.
            var mutator = ReferenceEquals(result, _document) ? this : TryCreate(result);
            result = mutator is null ? RandomBytes(random, result) : mutator.MutateOnce(random);
        }

        return result;
    }

    private static JsonMutator? TryCreate(byte[] document)
    {
        try
        {
            return new JsonMutator(document);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // An unbalanced document (after truncation) leaves the reader at the end with containers open.
            return null;
        }
    }

    private byte[] MutateOnce(Random random)
    {
        switch (random.Next(12))
        {
            case 0:
                return _document.AsSpan(0, random.Next(_document.Length)).ToArray();
            case 1:
                return ReplaceValue(random, _ => true, s_wrongTypes);
            case 2:
                return ReplaceValue(random, t => t.Type == JsonTokenType.Number || t.Type == JsonTokenType.String, s_numbers);
            case 3:
                return ReplaceValue(random, _ => true, [Nesting(random)]);
            case 4:
                return ReplaceValue(random, t => t.Type == JsonTokenType.String && LooksLikeDate(t), s_dates);
            case 5:
                return ReplaceValue(random, t => t.Name is not null && s_enumProperties.Contains(t.Name), s_enums);
            case 6:
                return DuplicateProperty(random);
            case 7:
                return MangleString(random);
            case 8:
                return RenameProperty(random);
            case 9:
                return DeleteToken(random);
            case 10:
                return Splice(_document, random.Next(_document.Length + 1), 0, Encoding.UTF8.GetBytes(random.GetItems("{}[],:\"\\ 0-e".ToCharArray(), random.Next(1, 4))));
            default:
                return RandomBytes(random, _document);
        }
    }

    private byte[] ReplaceValue(Random random, Func<Token, bool> where, string[] replacements)
    {
        Token[] candidates = _tokens.Where(t => t.Type != JsonTokenType.PropertyName && where(t)).ToArray();
        if (candidates.Length == 0) return RandomBytes(random, _document);
        Token token = candidates[random.Next(candidates.Length)];
        string replacement = replacements[random.Next(replacements.Length)];
        return Splice(_document, token.Start, token.End - token.Start, Encoding.UTF8.GetBytes(replacement));
    }

    private static string Nesting(Random random)
    {
        int depth = random.GetItems([10, 63, 64, 65, 200, 5_000], 1)[0];
        bool closed = random.Next(4) != 0;
        return random.Next(2) == 0
            ? new string('[', depth) + (closed ? new string(']', depth) : string.Empty)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + (closed ? new string('}', depth) : string.Empty);
    }

    private byte[] DuplicateProperty(Random random)
    {
        // A property is its name token followed by its value token (or container).
        var names = Enumerable.Range(0, _tokens.Count - 1).Where(i => _tokens[i].Type == JsonTokenType.PropertyName).ToArray();
        if (names.Length == 0) return RandomBytes(random, _document);
        int index = names[random.Next(names.Length)];
        Token name = _tokens[index], value = _tokens[index + 1];
        string nameText = Encoding.UTF8.GetString(_document, name.Start, name.End - name.Start);
        if (random.Next(3) == 0) nameText = nameText.ToUpperInvariant();
        string valueText = random.Next(2) == 0
            ? Encoding.UTF8.GetString(_document, value.Start, value.End - value.Start)
            : s_wrongTypes[random.Next(s_wrongTypes.Length)];
        int at = random.Next(2) == 0 ? value.End : name.Start;
        string insert = at == value.End ? "," + nameText + ":" + valueText : nameText + ":" + valueText + ",";
        return Splice(_document, at, 0, Encoding.UTF8.GetBytes(insert));
    }

    private byte[] MangleString(Random random)
    {
        Token[] strings = _tokens.Where(t => t.Type is JsonTokenType.String or JsonTokenType.PropertyName).ToArray();
        if (strings.Length == 0) return RandomBytes(random, _document);
        Token token = strings[random.Next(strings.Length)];

        // Inside the quotes: insert an escape or character, cut some characters, or repeat the content.
        int inner = token.Start + 1, length = Math.Max(0, token.End - token.Start - 2);
        int at = inner + random.Next(length + 1);
        return random.Next(3) switch
        {
            0 => Splice(_document, at, 0, Encoding.UTF8.GetBytes(s_escapes[random.Next(s_escapes.Length)])),
            1 => Splice(_document, at, Math.Min(random.Next(1, 4), inner + length - at), []),
            _ => Splice(_document, inner, length, Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Encoding.UTF8.GetString(_document, inner, length), random.Next(2, 50))))),
        };
    }

    private byte[] RenameProperty(Random random)
    {
        Token[] names = _tokens.Where(t => t.Type == JsonTokenType.PropertyName).ToArray();
        if (names.Length == 0) return RandomBytes(random, _document);
        Token token = names[random.Next(names.Length)];
        string text = Encoding.UTF8.GetString(_document, token.Start + 1, token.End - token.Start - 2);
        string renamed = random.Next(4) switch
        {
            0 => text.ToUpperInvariant(),
            1 => text + "X",
            2 => "$" + text,
            _ => string.Empty,
        };
        return Splice(_document, token.Start + 1, token.End - token.Start - 2, Encoding.UTF8.GetBytes(renamed));
    }

    private byte[] DeleteToken(Random random)
    {
        Token token = _tokens[random.Next(_tokens.Count)];
        return Splice(_document, token.Start, token.End - token.Start, []);
    }

    private static byte[] RandomBytes(Random random, byte[] document)
    {
        byte[] copy = (byte[])document.Clone();
        if (copy.Length == 0 || random.Next(4) == 0)
        {
            byte[] noise = new byte[random.Next(1, 16)];
            random.NextBytes(noise);
            return Splice(copy, random.Next(copy.Length + 1), 0, noise);
        }

        for (int i = random.Next(1, 5); i > 0; i--)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }

    private bool LooksLikeDate(Token token) =>
        token.End - token.Start >= 12 && _document[token.Start + 1] is >= (byte)'0' and <= (byte)'9' && _document[token.Start + 5] == (byte)'-';

    private string? Name()
    {
        // Tokens are listed in document order, so a property's value comes right after its name.
        return _tokens.Count > 0 && _tokens[^1].Type == JsonTokenType.PropertyName ? Unquote(_tokens[^1]) : null;
    }

    private string Unquote(Token token) => Encoding.UTF8.GetString(_document, token.Start + 1, token.End - token.Start - 2);

    private static byte[] Splice(byte[] source, int at, int remove, byte[] insert)
    {
        byte[] result = new byte[source.Length - remove + insert.Length];
        source.AsSpan(0, at).CopyTo(result);
        insert.CopyTo(result.AsSpan(at));
        source.AsSpan(at + remove).CopyTo(result.AsSpan(at + insert.Length));
        return result;
    }

    private readonly record struct Token(JsonTokenType Type, int Start, int End, int Depth, string? Name);
}
