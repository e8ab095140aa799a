namespace Altinn.Sdk.Authentication;

/// <summary>Small helpers for compact JWTs: base64url, and reading <c>exp</c> without validating.</summary>
internal static class JwtFormat
{
    /// <summary>Encodes bytes as base64url without padding (RFC 7515 §2).</summary>
    public static string Base64UrlEncode(byte[] data)
    {
        if (data is null) throw new ArgumentNullException(nameof(data));
        string base64 = Convert.ToBase64String(data);
        var builder = new StringBuilder(base64.Length);
        foreach (char c in base64)
        {
            switch (c)
            {
                case '+': builder.Append('-'); break;
                case '/': builder.Append('_'); break;
                case '=': break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes base64url (padding optional); throws <see cref="FormatException"/> on bad input.</summary>
    public static byte[] Base64UrlDecode(string text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        var builder = new StringBuilder(text.Length + 3);
        foreach (char c in text)
        {
            switch (c)
            {
                case '-': builder.Append('+'); break;
                case '_': builder.Append('/'); break;
                case '=': break;
                case '+' or '/': throw new FormatException("The text is base64, not base64url.");
                default: builder.Append(c); break;
            }
        }

        switch (builder.Length % 4)
        {
            case 0: break;
            case 2: builder.Append("=="); break;
            case 3: builder.Append('='); break;
            default: throw new FormatException("The text is not base64url: its length is impossible.");
        }

        return Convert.FromBase64String(builder.ToString());
    }

    /// <summary>Writes a JSON object with <paramref name="write"/> and returns its UTF-8 bytes.</summary>
    public static byte[] WriteJson(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Reads the <c>exp</c> claim of a compact JWT without checking its signature. Returns false when the text is
    /// not a JWT or has no numeric <c>exp</c>.
    /// </summary>
    public static bool TryReadExpiry(string? jwt, out DateTimeOffset expiresOn)
    {
        expiresOn = default;
        if (!TryReadPayload(jwt, out byte[]? payload)) return false;
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("exp", out JsonElement exp)
                && exp.ValueKind == JsonValueKind.Number
                && exp.TryGetDouble(out double seconds)
                && seconds is > 0 and < 253402300799)
            {
                expiresOn = DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(seconds));
                return true;
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    /// <summary>Whether the text has the shape of a compact JWS: three base64url parts separated by dots.</summary>
    public static bool LooksLikeJwt(string? text) => TryReadPayload(text, out _);

    private static bool TryReadPayload(string? jwt, out byte[]? payload)
    {
        payload = null;
        if (string.IsNullOrEmpty(jwt)) return false;
        string[] parts = jwt!.Split('.');
        if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0) return false;
        try
        {
            payload = Base64UrlDecode(parts[1]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Seconds since the Unix epoch, as JWT <c>NumericDate</c>.</summary>
    public static long ToUnixSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds();

    /// <summary>Formats a number for messages without culture surprises.</summary>
    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
