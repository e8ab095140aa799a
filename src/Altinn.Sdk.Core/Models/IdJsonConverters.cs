using System.Buffers.Text;

namespace Altinn.Sdk.Models;

/// <summary>Reads and writes <see cref="InstanceId"/> as its <c>{partyId}/{guid}</c> text.</summary>
internal sealed class InstanceIdJsonConverter : JsonConverter<InstanceId>
{
    public override InstanceId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // Every instance in a page has one: read the usual form straight from the UTF-8 bytes, without the three
        // strings InstanceId.Parse makes. Anything else (escapes, errors) takes the text path and its messages.
        if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped
            && TryReadUtf8(reader.ValueSpan, out InstanceId? fast))
        {
            return fast;
        }

        string text = IdJson.ReadString(ref reader, "an instance id");
        try
        {
            return InstanceId.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, InstanceId value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.ToString());

    /// <summary>
    /// Accepts exactly what <see cref="InstanceId.TryParse(string?, out InstanceId?)"/> accepts in its usual form:
    /// 1-10 digits without a leading zero, one '/', and a non-empty guid of 36 characters with dashes.
    /// </summary>
    internal static bool TryReadUtf8(ReadOnlySpan<byte> value, [NotNullWhen(true)] out InstanceId? result)
    {
        result = null;
        int slash = value.IndexOf((byte)'/');
        if (slash is <= 0 or > 10 || value.Length != slash + 1 + 36 || value[0] == (byte)'0') return false;

        long partyId = 0;
        for (int i = 0; i < slash; i++)
        {
            int digit = value[i] - '0';
            if (digit is < 0 or > 9) return false;
            partyId = (partyId * 10) + digit;
        }

        if (partyId > int.MaxValue) return false;

        ReadOnlySpan<byte> guidText = value.Slice(slash + 1);
        for (int i = 0; i < guidText.Length; i++)
        {
            byte c = guidText[i];
            bool ok = i is 8 or 13 or 18 or 23
                ? c == (byte)'-'
                : c is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';
            if (!ok) return false;
        }

        if (!Utf8Parser.TryParse(guidText, out Guid guid, out int consumed, 'D') || consumed != guidText.Length || guid == Guid.Empty)
        {
            return false;
        }

        result = new InstanceId((int)partyId, guid);
        return true;
    }
}

/// <summary>Reads and writes <see cref="AppId"/> as its <c>{org}/{app}</c> text.</summary>
internal sealed class AppIdJsonConverter : JsonConverter<AppId>
{
    // A page of instances nearly always names one app: reuse the last one read on this thread (AppId is immutable).
    [ThreadStatic]
    private static AppId? t_last;
    [ThreadStatic]
    private static byte[]? t_lastUtf8;

    public override AppId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && t_lastUtf8 is not null && reader.ValueTextEquals(t_lastUtf8))
        {
            return t_last!;
        }

        string text = IdJson.ReadString(ref reader, "an app id");
        try
        {
            AppId appId = AppId.Parse(text);
            t_last = appId;
            t_lastUtf8 = System.Text.Encoding.UTF8.GetBytes(text);
            return appId;
        }
        catch (FormatException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, AppId value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.ToString());
}

internal static class IdJson
{
    public static string ReadString(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected {what} as a JSON string but found a JSON {reader.TokenType}.");
        }

        return reader.GetString()!;
    }
}
