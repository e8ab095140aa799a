// Shared source: compiled into Altinn.Sdk.Events (FileEventCheckpointStore) and Altinn.Sdk.Workflows.AzureBlobs
// (BlobEventCheckpointStore), so a checkpoint has one name scheme and one format wherever it is kept.
using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Altinn.Sdk.Internal;

/// <summary>A feed's checkpoint as stored: <c>checkpoint-{hash of the feed key}.json</c> holding the feed key and the last event id.</summary>
internal static class CheckpointDocument
{
    /// <summary>The file or blob name of a feed's checkpoint: the first 16 bytes of the key's SHA-256, in hex.</summary>
    public static string Name(string feedKey)
    {
        byte[] hash = Hashes.Sha256(Encoding.UTF8.GetBytes(feedKey));
        var name = new StringBuilder("checkpoint-", 48);
        for (int i = 0; i < 16; i++) name.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
        return name.Append(".json").ToString();
    }

    /// <summary>The checkpoint's content: the feed key (so a checkpoint is never read for another feed), the event id and when it was saved.</summary>
    public static byte[] Write(string feedKey, string eventId, DateTimeOffset saved)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("feed", feedKey);
            writer.WriteString("after", eventId);
            writer.WriteString("saved", saved.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The event id in a checkpoint of <paramref name="feedKey"/>. Anything else (another feed's checkpoint, a file
    /// changed by hand or copied half) is an <see cref="InvalidDataException"/>, never "start over": that would hand
    /// every event to the handler again.
    /// </summary>
    /// <param name="content">The stored bytes.</param>
    /// <param name="feedKey">The feed being read.</param>
    /// <param name="where">What holds it, for the message: <c>The checkpoint file '...'</c>.</param>
    /// <param name="noun">What the user fixes or deletes: <c>file</c>, <c>blob</c>.</param>
    public static string Read(ReadOnlyMemory<byte> content, string feedKey, string where, string noun)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            JsonElement root = document.RootElement;
            string? feed = root.GetProperty("feed").GetString();
            string? after = root.GetProperty("after").GetString();
            if (feed != feedKey || string.IsNullOrEmpty(after)) throw new InvalidDataException("other feed or empty id");
            return after!;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or InvalidDataException or System.Collections.Generic.KeyNotFoundException)
        {
            throw new InvalidDataException(
                $"{where} is not a checkpoint of this feed. It is not read as 'start over', because that would hand every event to the handler again; "
                + $"fix or delete the {noun} (deleting it starts the feed from the query's start).",
                e);
        }
    }
}
