namespace Altinn.Sdk.Storage;

/// <summary>
/// Splits a page of Storage's instance query into the exact bytes of each instance, for archives that keep what
/// Storage sent.
/// </summary>
internal static class RawInstancePage
{
    /// <summary>Splits Storage's <c>{"count", "self", "next", "instances": [...]}</c> into the exact bytes of each instance.</summary>
    public static (IReadOnlyList<InstanceJson> Values, string? Next) Split(byte[] body)
    {
        var values = new List<InstanceJson>();
        string? next = null;
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Storage's answer to an instance query is not a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isInstances = reader.ValueTextEquals("instances"u8);
            bool isNext = reader.ValueTextEquals("next"u8);
            reader.Read();
            if (isInstances && reader.TokenType == JsonTokenType.StartArray)
            {
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    int start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    int end = (int)reader.BytesConsumed;
                    byte[] instance = new byte[end - start];
                    Buffer.BlockCopy(body, start, instance, 0, instance.Length);
                    values.Add(InstanceJson.Read(instance));
                }
            }
            else if (isNext && reader.TokenType == JsonTokenType.String)
            {
                next = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return (values, next);
    }
}
