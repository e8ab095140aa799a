using System.Text;

namespace Altinn.Sdk.Tests.Robustness;

/// <summary>
/// Makes text for parsers: valid examples with a few edits (characters inserted, removed, replaced, case changed,
/// whitespace and line breaks added at the ends, parts repeated), and random strings over an alphabet of the
/// characters parsers trip on (separators, signs, look-alike digits and letters, control characters, surrogates).
/// </summary>
internal static class TextMutator
{
    private static readonly char[] s_alphabet =
    [
        .. "0123456789abcdefABCDEFxyzXYZ", '/', '-', ':', ',', '.', '+', 'T', 'Z', 't', 'z', ' ', '\t', '\n', '\r', '\0', '\u00a0',
        'æ', 'ø', 'å', 'Æ', 'Ø', 'Å', 'ı', 'İ', '\u212a', '\uff11', '\u0663', '\u2212', '\u00b2', '%', '?', '#', '@', '\\', '{', '}',
        '\ud800', '\udc00', '\u200b', '\ufeff', 'e', 'E', '_', '~',
    ];

    /// <summary>A character parsers may trip on.</summary>
    public static char Char(Random random) => s_alphabet[random.Next(s_alphabet.Length)];

    /// <summary>One of <paramref name="examples"/>, usually edited; sometimes a random string.</summary>
    public static string Next(Random random, IReadOnlyList<string> examples)
    {
        int kind = random.Next(20);
        if (kind == 0) return RandomText(random, random.Next(0, 40));
        string text = examples[random.Next(examples.Count)];
        if (kind == 1) return text;
        int edits = random.Next(10) < 7 ? 1 : random.Next(2, 5);
        for (int i = 0; i < edits; i++) text = Edit(random, text);
        return text;
    }

    /// <summary>A random string over the alphabet.</summary>
    public static string RandomText(Random random, int length)
    {
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++) text.Append(Char(random));
        return text.ToString();
    }

    private static string Edit(Random random, string text)
    {
        int at = random.Next(text.Length + 1);
        switch (random.Next(9))
        {
            case 0: return text.Insert(at, Char(random).ToString());
            case 1: return text.Length == 0 ? text : text.Remove(Math.Min(at, text.Length - 1), 1);
            case 2: return text.Length == 0 ? text : text.Remove(Math.Min(at, text.Length - 1), 1).Insert(Math.Min(at, text.Length - 1), Char(random).ToString());
            case 3: return text.ToUpperInvariant();
            case 4: return random.Next(2) == 0 ? text + random.GetItems([" ", "\n", "\r\n", "\t", "\0", "/"], 1)[0] : random.GetItems([" ", "\n", "\t", "+", "0"], 1)[0] + text;
            case 5: return text[..at];
            case 6: return text[..at] + text[at..] + text[at..];
            case 7:
                // Replace a digit with another digit: keeps the shape, breaks check digits and ranges.
                int digit = text.IndexOfAny("0123456789".ToCharArray(), at < text.Length ? at : 0);
                return digit < 0 ? text : text.Remove(digit, 1).Insert(digit, random.Next(10).ToString(System.Globalization.CultureInfo.InvariantCulture));
            default: return text.Insert(at, RandomText(random, random.Next(1, 8)));
        }
    }
}
