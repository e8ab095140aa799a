using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Altinn.Sdk.Bench;

/// <summary>
/// Writes a realistic page of Storage's instance search in Storage's JSON dialect:
/// nulls left out, <c>next</c> written, enum names (<c>readStatus</c>, <c>fileScanResult</c>), UTC dates with 7
/// fraction digits and <c>Z</c>, non-ASCII text unescaped (Newtonsoft's default), platform self links on instances and
/// data elements. Deterministic for a seed, so every run deserialises the same bytes.
/// </summary>
public static class StoragePageFixture
{
    private const string Platform = "https://platform.tt02.altinn.no/storage/api/v1/instances";
    private static readonly string[] s_readStatus = ["Unread", "Read", "UpdatedSinceLastReview"];
    private static readonly string[] s_titles = ["Søknad om støtte", "Årsrapport for Ærlig Øl AS", "Melding om endring", "Klage på vedtak"];

    /// <summary>A page of <paramref name="instances"/> instances with <paramref name="dataElements"/> data elements each, as UTF-8.</summary>
    public static byte[] Create(int instances = 100, int dataElements = 3, int seed = 20260101)
    {
        var random = new Random(seed);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            string query = "?appId=ttd/apps-test&process.isComplete=true&size=" + instances.ToString(CultureInfo.InvariantCulture);
            json.WriteStartObject();
            json.WriteNumber("count", instances);
            json.WriteString("self", Platform + query + "&continuationToken=" + Token(random));
            json.WriteString("next", Platform + query + "&continuationToken=" + Token(random));
            json.WriteStartArray("instances");
            var created = new DateTime(2025, 1, 2, 8, 0, 0, DateTimeKind.Utc);
            for (int i = 0; i < instances; i++)
            {
                created = created.AddTicks(random.NextInt64(TimeSpan.TicksPerMinute, TimeSpan.TicksPerHour));
                WriteInstance(json, random, i, created, dataElements);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteInstance(Utf8JsonWriter json, Random random, int index, DateTime created, int dataElements)
    {
        bool organisation = random.Next(2) == 0;
        string partyId = (50_000_000 + random.Next(1_000_000)).ToString(CultureInfo.InvariantCulture);
        var guid = NewGuid(random);
        string id = partyId + "/" + guid;
        bool ended = index % 3 != 0;
        DateTime lastChanged = created.AddTicks(random.NextInt64(TimeSpan.TicksPerMinute, TimeSpan.TicksPerDay));

        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteStartObject("instanceOwner");
        json.WriteString("partyId", partyId);
        if (organisation) json.WriteString("organisationNumber", (310_000_000 + random.Next(9_000_000)).ToString(CultureInfo.InvariantCulture));
        else json.WriteString("personNumber", "0101" + (7_000_000 + random.Next(2_999_999)).ToString(CultureInfo.InvariantCulture));
        json.WriteEndObject();
        json.WriteString("appId", "ttd/apps-test");
        json.WriteString("org", "ttd");
        json.WriteStartObject("selfLinks");
        json.WriteString("platform", Platform + "/" + id);
        json.WriteEndObject();
        json.WriteString("dueBefore", Date(created.AddDays(30)));
        json.WriteString("visibleAfter", Date(created));

        json.WriteStartObject("process");
        json.WriteString("started", Date(created));
        json.WriteString("startEvent", "StartEvent_1");
        if (ended)
        {
            json.WriteString("ended", Date(lastChanged));
            json.WriteString("endEvent", "EndEvent_1");
        }
        else
        {
            json.WriteStartObject("currentTask");
            json.WriteNumber("flow", 2);
            json.WriteString("started", Date(created));
            json.WriteString("elementId", "Task_1");
            json.WriteString("name", "Utfylling");
            json.WriteString("altinnTaskType", "data");
            json.WriteString("flowType", "CompleteCurrentMoveToNext");
            json.WriteEndObject();
        }

        json.WriteEndObject();

        json.WriteStartObject("status");
        json.WriteBoolean("isArchived", ended);
        if (ended) json.WriteString("archived", Date(lastChanged));
        json.WriteBoolean("isSoftDeleted", false);
        json.WriteBoolean("isHardDeleted", false);
        json.WriteString("readStatus", s_readStatus[random.Next(s_readStatus.Length)]);
        if (ended)
        {
            json.WriteStartObject("substatus");
            json.WriteString("label", "Mottatt");
            json.WriteString("description", "Søknaden er mottatt og blir behandlet.");
            json.WriteEndObject();
        }

        json.WriteEndObject();

        if (ended && index % 2 == 0)
        {
            json.WriteStartArray("completeConfirmations");
            json.WriteStartObject();
            json.WriteString("stakeholderId", "ttd");
            json.WriteString("confirmedOn", Date(lastChanged.AddTicks(random.NextInt64(TimeSpan.TicksPerHour))));
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartArray("data");
        for (int d = 0; d < dataElements; d++)
        {
            WriteDataElement(json, random, id, guid, d, created, ended);
        }

        json.WriteEndArray();

        json.WriteStartObject("presentationTexts");
        json.WriteString("Tittel", s_titles[random.Next(s_titles.Length)] + " " + index.ToString(CultureInfo.InvariantCulture));
        json.WriteString("Saksnummer", "2025/" + random.Next(100_000).ToString("D5", CultureInfo.InvariantCulture));
        json.WriteEndObject();
        json.WriteStartObject("dataValues");
        json.WriteString("A2ArchRef", "AR" + random.Next(10_000_000).ToString(CultureInfo.InvariantCulture));
        json.WriteEndObject();

        json.WriteString("created", Date(created));
        json.WriteString("createdBy", "1337");
        json.WriteString("lastChanged", Date(lastChanged));
        json.WriteString("lastChangedBy", ended ? "1337" : "ttd");
        json.WriteEndObject();
    }

    private static void WriteDataElement(Utf8JsonWriter json, Random random, string instanceId, Guid instanceGuid, int index, DateTime created, bool locked)
    {
        var dataGuid = NewGuid(random);
        (string dataType, string contentType, string? filename) = (index % 3) switch
        {
            0 => ("model", "application/xml", null),
            1 => ("vedleggA", "application/pdf", "vedlegg-" + index.ToString(CultureInfo.InvariantCulture) + ".pdf"),
            _ => ("ref-data-as-pdf", "application/pdf", "Søknad om støtte.pdf"),
        };
        DateTime at = created.AddTicks(random.NextInt64(TimeSpan.TicksPerSecond, TimeSpan.TicksPerHour));

        json.WriteStartObject();
        json.WriteString("id", dataGuid);
        json.WriteString("instanceGuid", instanceGuid);
        json.WriteString("dataType", dataType);
        if (filename is not null) json.WriteString("filename", filename);
        json.WriteString("contentType", contentType);
        json.WriteString("blobStoragePath", "ttd/apps-test/" + instanceGuid + "/data/" + dataGuid);
        json.WriteStartObject("selfLinks");
        json.WriteString("platform", Platform + "/" + instanceId + "/data/" + dataGuid);
        json.WriteEndObject();
        json.WriteNumber("size", random.Next(900, 2_000_000));
        byte[] hash = new byte[16];
        random.NextBytes(hash);
        json.WriteString("contentHash", Convert.ToBase64String(hash));
        json.WriteBoolean("locked", locked);
        json.WriteBoolean("isRead", true);
        json.WriteStartArray("tags");
        json.WriteEndArray();
        json.WriteString("fileScanResult", "NotApplicable");
        json.WriteString("created", Date(at));
        json.WriteString("createdBy", "1337");
        json.WriteString("lastChanged", Date(at));
        json.WriteString("lastChangedBy", "1337");
        json.WriteEndObject();
    }

    // Storage writes UTC with up to 7 fraction digits (random ticks make nearly all 7 significant).
    private static string Date(DateTime value) =>
        value.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static Guid NewGuid(Random random)
    {
        byte[] bytes = new byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private static string Token(Random random)
    {
        byte[] bytes = new byte[24];
        random.NextBytes(bytes);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=');
    }
}
