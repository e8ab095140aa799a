namespace Altinn.Sdk.Testing.Events;

/// <summary>CloudEvents in structured JSON, as Altinn Events writes them (lower-case attribute names, extensions inline).</summary>
internal static class CloudEventJson
{
    /// <summary>The content type of event feeds.</summary>
    public const string FeedContentType = "application/cloudevents+json";

    /// <summary>Writes one event: the core attributes, Altinn's extensions, then any others it was published with.</summary>
    public static void Write(Utf8JsonWriter writer, EmulatedCloudEvent cloudEvent)
    {
        writer.WriteStartObject();
        writer.WriteString("specversion", "1.0");
        writer.WriteString("id", cloudEvent.Id);
        if (cloudEvent.Time is { } time) writer.WriteString("time", FormatTime(time));
        writer.WriteString("source", cloudEvent.Source);
        if (cloudEvent.Subject is not null) writer.WriteString("subject", cloudEvent.Subject);
        writer.WriteString("type", cloudEvent.Type);
        if (cloudEvent.AlternativeSubject is not null) writer.WriteString("alternativesubject", cloudEvent.AlternativeSubject);
        writer.WriteString("resource", cloudEvent.Resource);
        if (cloudEvent.ResourceInstance is not null) writer.WriteString("resourceinstance", cloudEvent.ResourceInstance);
        if (cloudEvent.Extensions is { } extensions)
        {
            foreach (var attribute in extensions.EnumerateObject()) attribute.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>Attributes as one JSON object, for <see cref="EmulatedCloudEvent.Extensions"/>.</summary>
    public static JsonElement ToObject(IEnumerable<JsonProperty> attributes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var attribute in attributes) attribute.WriteTo(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    /// <summary>One event as a UTF-8 JSON document.</summary>
    public static byte[] Serialize(EmulatedCloudEvent cloudEvent)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, cloudEvent);
        return buffer.ToArray();
    }

    /// <summary>A JSON array of events.</summary>
    public static byte[] SerializeArray(IEnumerable<EmulatedCloudEvent> events)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var cloudEvent in events) Write(writer, cloudEvent);
            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// RFC 3339 in UTC with at most microseconds (Events keeps times in PostgreSQL) and no trailing zeros,
    /// for example <c>2023-02-16T18:02:12.86Z</c>.
    /// </summary>
    public static string FormatTime(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        utc = new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
        return utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFF'Z'", CultureInfo.InvariantCulture);
    }
}
