using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>Reads and writes <see cref="InstanceId"/> as its <c>{partyId}/{guid}</c> text.</summary>
internal sealed class InstanceIdJsonConverter : JsonConverter<InstanceId>
{
    public override InstanceId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
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
