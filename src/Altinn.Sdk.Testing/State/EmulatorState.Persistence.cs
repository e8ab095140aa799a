using System.Collections.Concurrent;
using Altinn.Sdk.Testing.Events;

namespace Altinn.Sdk.Testing.State;

/// <summary>
/// Writes state to the data folder as it changes (see the package README for the layout). Every file is written
/// whole to a temporary file and renamed into place, one writer per file at a time; the event feed is appended to.
/// </summary>
internal sealed partial class EmulatorState
{
    private readonly ConcurrentDictionary<string, object> _fileLocks = new(StringComparer.Ordinal);
    private readonly object _feedLock = new();
    private long _persistedEventSequence;

    /// <summary>
    /// Adds what Storage adds when it returns an instance (its self links), so files hold exactly what Storage
    /// returns; null writes the stored record as it is.
    /// </summary>
    internal Func<Instance, Instance>? InstanceForDisk { get; set; }

    /// <summary>The file of an instance: <c>instances/{partyId}/{instanceGuid}.json</c>.</summary>
    internal string InstancePath(InstanceId id) => Path.Combine(DataDirectory!, "instances", id.PartyId.ToString(System.Globalization.CultureInfo.InvariantCulture), id.InstanceGuid + ".json");

    /// <summary>The file of an instance's events: <c>instances/{partyId}/{instanceGuid}.events.json</c>.</summary>
    internal string InstanceEventsPath(InstanceId id) => Path.ChangeExtension(InstancePath(id), ".events.json");

    /// <summary>Adds an app read from disk, without writing it back.</summary>
    internal void LoadApp(EmulatedApp app)
    {
        lock (Gate) _apps[app.AppId.ToString()] = app;
    }

    /// <summary>Marks the feed as written up to the events loaded from disk.</summary>
    internal void FeedLoaded()
    {
        lock (Gate) _persistedEventSequence = _eventSequence;
    }

    /// <summary>Writes the register (<c>parties.json</c> and <c>users.json</c>) when state is persisted.</summary>
    public void SaveRegister()
    {
        if (DataDirectory is null) return;
        string partiesPath = Path.Combine(DataDirectory, "parties.json");
        lock (FileLock(partiesPath))
        {
            EmulatedParty[] parties;
            EmulatedUser[] users;
            lock (Gate)
            {
                parties = [.. _parties.Values.OrderBy(p => p.PartyId)];
                users = [.. _users.Values.OrderBy(u => u.UserId)];
            }

            WriteAtomic(partiesPath, JsonSerializer.SerializeToUtf8Bytes(parties.Select(PartyFile.From).ToArray(), RegisterJson.Options));
            WriteAtomic(Path.Combine(DataDirectory, "users.json"), JsonSerializer.SerializeToUtf8Bytes(users.Select(UserFile.From).ToArray(), RegisterJson.Options));
        }
    }

    partial void OnAppSaved(EmulatedApp app)
    {
        if (DataDirectory is null) return;
        string folder = Path.Combine(DataDirectory, "apps", app.AppId.Org, app.AppId.App);
        lock (FileLock(folder))
        {
            EmulatedApp? current;
            lock (Gate) current = _apps.GetValueOrDefault(app.AppId.ToString());
            if (current is null) return;
            Directory.CreateDirectory(folder);
            WriteAtomic(Path.Combine(folder, "applicationmetadata.json"), JsonSerializer.SerializeToUtf8Bytes(current.Metadata, Indented(EmulatorJson.Storage)));
            WriteAtomic(Path.Combine(folder, "process.json"), JsonSerializer.SerializeToUtf8Bytes(current.Tasks.Select(t => new TaskFile(t.Id, t.Type)).ToArray(), RegisterJson.Options));
            WriteAtomic(Path.Combine(folder, "policy.json"), JsonSerializer.SerializeToUtf8Bytes(new PolicyFile(current.OrgMayDelete), RegisterJson.Options));
            if (current.Texts.Count > 0) Directory.CreateDirectory(Path.Combine(folder, "texts"));
            foreach (var (language, texts) in current.Texts)
            {
                // Studio's file format: the language and the resources; the id and org follow from the place.
                WriteAtomic(Path.Combine(folder, "texts", $"resource.{language}.json"), JsonSerializer.SerializeToUtf8Bytes(texts with { Id = null, Org = null }, Indented(EmulatorJson.Storage)));
            }
        }
    }

    partial void OnInstanceSaved(StoredInstance stored)
    {
        if (DataDirectory is null) return;
        var id = stored.Instance.Id!;
        string path = InstancePath(id);
        lock (FileLock(path))
        {
            // Read the record now, under the state lock: a later change may have overtaken the one that called.
            Instance instance;
            InstanceEvent[] events;
            lock (Gate)
            {
                if (!_instances.TryGetValue(id.InstanceGuid, out var current)) return;
                instance = current.Instance;
                events = [.. current.Events];
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var forDisk = InstanceForDisk is { } decorate ? decorate(instance) : instance;
            WriteAtomic(path, JsonSerializer.SerializeToUtf8Bytes(forDisk, Indented(EmulatorJson.Storage)));
            string eventsPath = InstanceEventsPath(id);
            if (events.Length > 0 || File.Exists(eventsPath))
            {
                WriteAtomic(eventsPath, JsonSerializer.SerializeToUtf8Bytes<IReadOnlyList<InstanceEvent>>(events, Indented(EmulatorJson.Storage)));
            }
        }
    }

    partial void OnInstanceRemoved(Guid instanceGuid, bool removeEvents)
    {
        if (DataDirectory is null) return;
        string folder = Path.Combine(DataDirectory, "instances");
        if (!Directory.Exists(folder)) return;
        foreach (string party in Directory.EnumerateDirectories(folder))
        {
            string path = Path.Combine(party, instanceGuid + ".json");
            lock (FileLock(path))
            {
                lock (Gate)
                {
                    // Put back in the meantime (a reload of the same instance): keep its file.
                    if (_instances.ContainsKey(instanceGuid)) return;
                }

                File.Delete(path);
                if (removeEvents) File.Delete(Path.ChangeExtension(path, ".events.json"));
            }
        }
    }

    partial void OnCloudEventSaved(EmulatedCloudEvent published)
    {
        if (DataDirectory is null) return;
        lock (_feedLock)
        {
            // Append every event not yet written, in sequence order, whichever publisher gets here first.
            List<EmulatedCloudEvent> pending = [];
            lock (Gate)
            {
                for (int i = _cloudEvents.Count - 1; i >= 0 && _cloudEvents[i].Sequence > _persistedEventSequence; i--) pending.Add(_cloudEvents[i]);
            }

            if (pending.Count == 0) return;
            pending.Reverse();
            string path = Path.Combine(DataDirectory, "events", "feed.jsonl");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var text = new StringBuilder();
            foreach (var e in pending) text.Append(CloudEventLine.Write(e)).Append('\n');
            using (var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                file.Write(Encoding.UTF8.GetBytes(text.ToString()));
                file.Flush(flushToDisk: true);
            }

            lock (Gate) _persistedEventSequence = pending[^1].Sequence;
        }
    }

    private object FileLock(string path) => _fileLocks.GetOrAdd(path, _ => new object());

    private static JsonSerializerOptions Indented(JsonSerializerOptions options) =>
        ReferenceEquals(options, EmulatorJson.Storage) ? RegisterJson.StorageIndented : options;

    /// <summary>Writes a whole file: to a temporary file beside it, then renamed over it.</summary>
    internal static void WriteAtomic(string path, byte[] content)
    {
        string temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                file.Write(content);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}

/// <summary>The JSON of the emulator's own files (register, process, policy).</summary>
internal static class RegisterJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    // Files are for people to read too: indented, and letters such as 'ø' written as they are.
    public static JsonSerializerOptions StorageIndented { get; } = new(EmulatorJson.Storage)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>A party in <c>parties.json</c>.</summary>
internal sealed record PartyFile(int PartyId, PartyType Type, string Name, string? OrganisationNumber, string? PersonNumber)
{
    public static PartyFile From(EmulatedParty p) => new(p.PartyId, p.Type, p.Name, p.OrganisationNumber, p.PersonNumber);

    public EmulatedParty ToParty() => new(PartyId, Type, Name, OrganisationNumber, PersonNumber);
}

/// <summary>A user in <c>users.json</c>.</summary>
internal sealed record UserFile(int UserId, int PartyId, IReadOnlyList<int>? Represents)
{
    public static UserFile From(EmulatedUser u) => new(u.UserId, u.PartyId, [.. u.Represents.Where(p => p != u.PartyId).Order()]);

    public EmulatedUser ToUser() => new(UserId, PartyId, new HashSet<int>(Represents ?? []) { PartyId });
}

/// <summary>A task in <c>process.json</c>.</summary>
internal sealed record TaskFile(string Id, string? Type);

/// <summary><c>policy.json</c>.</summary>
internal sealed record PolicyFile(bool OrgMayDelete);

/// <summary>A line of <c>events/feed.jsonl</c>: the CloudEvent as the Events API returns it (times to the tick).</summary>
internal static class CloudEventLine
{
    private static readonly HashSet<string> s_core = new(StringComparer.Ordinal)
    {
        "specversion", "id", "source", "type", "subject", "time", "resource", "resourceinstance", "alternativesubject",
    };

    public static string Write(EmulatedCloudEvent e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("specversion", "1.0");
            w.WriteString("id", e.Id);
            w.WriteString("source", e.Source);
            w.WriteString("type", e.Type);
            if (e.Subject is not null) w.WriteString("subject", e.Subject);
            if (e.Time is { } time) w.WriteString("time", time.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("resource", e.Resource);
            if (e.ResourceInstance is not null) w.WriteString("resourceinstance", e.ResourceInstance);
            if (e.AlternativeSubject is not null) w.WriteString("alternativesubject", e.AlternativeSubject);
            if (e.Extensions is { } extensions)
            {
                foreach (var attribute in extensions.EnumerateObject()) attribute.WriteTo(w);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads a line; null when it is not a CloudEvent with the required attributes (a torn last line).</summary>
    public static EmulatedCloudEvent? Read(string line, long sequence)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            string? S(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (S("id") is not { } id || S("source") is not { } source || S("type") is not { } type) return null;
            DateTimeOffset? when = null;
            if (S("time") is { } time)
            {
                if (!DateTimeOffset.TryParse(time, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)) return null;
                when = parsed;
            }

            var others = root.EnumerateObject().Where(p => !s_core.Contains(p.Name)).ToArray();
            return new EmulatedCloudEvent(sequence, id, source, type, S("subject"), when, S("resource") ?? string.Empty, S("resourceinstance"), S("alternativesubject"))
            {
                Extensions = others.Length == 0 ? null : CloudEventJson.ToObject(others),
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
