namespace Altinn.Sdk.Testing.State;

/// <summary>
/// Loads state from the data folder at start. The layout (see the package README):
/// <code>
/// apps/{org}/{app}/applicationmetadata.json   (+ optional process.json, policy.json, texts/resource.{lang}.json)
/// instances/{partyId}/{instanceGuid}.json     the instance, as Storage returns it
/// instances/{partyId}/{instanceGuid}.events.json
/// events/feed.jsonl                           one CloudEvent a line, oldest first
/// data/{instanceGuid}/{dataGuid}              data element content
/// parties.json, users.json                    the register
/// </code>
/// </summary>
internal static class EmulatorPersistence
{
    /// <summary>
    /// Loads apps, the register, instances, their events and the event feed from the data folder, and from then on
    /// writes instances with Storage's self links.
    /// </summary>
    /// <exception cref="InvalidDataException">A file cannot be read; the message names it.</exception>
    public static void Load(EmulatorContext emulator)
    {
        var state = emulator.State;
        string root = state.DataDirectory ?? throw new InvalidOperationException("The emulator has no data folder.");
        Directory.CreateDirectory(root);
        state.InstanceForDisk = emulator.WithLinks;
        LoadRegister(state, root);
        LoadApps(state, Path.Combine(root, "apps"));
        LoadInstances(state, Path.Combine(root, "instances"));
        LoadFeed(state, Path.Combine(root, "events", "feed.jsonl"));
    }

    private static void LoadRegister(EmulatorState state, string root)
    {
        string parties = Path.Combine(root, "parties.json");
        if (File.Exists(parties))
        {
            foreach (var party in Read<PartyFile[]>(parties, RegisterJson.Options) ?? []) state.AddParty(party.ToParty());
        }

        string users = Path.Combine(root, "users.json");
        if (File.Exists(users))
        {
            foreach (var user in Read<UserFile[]>(users, RegisterJson.Options) ?? []) state.AddUser(user.ToUser());
        }
    }

    private static void LoadApps(EmulatorState state, string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (string orgFolder in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            foreach (string appFolder in Directory.EnumerateDirectories(orgFolder).Order(StringComparer.Ordinal))
            {
                string metadataPath = Path.Combine(appFolder, "applicationmetadata.json");
                if (!File.Exists(metadataPath)) continue;
                string folderId = Path.GetFileName(orgFolder) + "/" + Path.GetFileName(appFolder);
                var metadata = Read<ApplicationMetadata>(metadataPath, EmulatorJson.Storage) ?? throw Bad(metadataPath, "it is empty");
                string id = metadata.Id ?? folderId;
                if (!AppId.TryParse(id, out var appId)) throw Bad(metadataPath, $"'{id}' is not a valid app id");
                var tasks = ReadTasks(Path.Combine(appFolder, "process.json"));
                bool orgMayDelete = true;
                string policyPath = Path.Combine(appFolder, "policy.json");
                if (File.Exists(policyPath)) orgMayDelete = Read<PolicyFile>(policyPath, RegisterJson.Options)?.OrgMayDelete ?? true;
                state.LoadApp(new EmulatedApp(appId, metadata with { Id = appId.ToString(), Org = metadata.Org ?? appId.Org }, tasks, orgMayDelete)
                {
                    Texts = ReadTexts(Path.Combine(appFolder, "texts"), appId),
                });
            }
        }
    }

    /// <summary>
    /// <c>texts/resource.{language}.json</c> in Altinn Studio's format (<c>{"language", "resources": [{"id", "value"}]}</c>);
    /// files whose name has no two-letter language are left alone.
    /// </summary>
    private static Dictionary<string, TextResource> ReadTexts(string folder, AppId appId)
    {
        var texts = new Dictionary<string, TextResource>(StringComparer.Ordinal);
        if (!Directory.Exists(folder)) return texts;
        foreach (string path in Directory.EnumerateFiles(folder, "resource.*.json").Order(StringComparer.Ordinal))
        {
            string language = Path.GetFileName(path)["resource.".Length..^".json".Length].ToLowerInvariant();
            if (language.Length != 2 || !language.All(char.IsAsciiLetterLower)) continue;
            var resource = Read<TextResource>(path, EmulatorJson.Storage) ?? throw Bad(path, "it is empty");
            texts[language] = resource with { Id = $"{appId.Org}-{appId.App}-{language}", Org = appId.Org, Language = language };
        }

        return texts;
    }

    /// <summary><c>process.json</c>: an array of task ids or of <c>{id, type}</c> objects; default <c>Task_1</c>.</summary>
    private static IReadOnlyList<EmulatorTask> ReadTasks(string path)
    {
        if (!File.Exists(path)) return EmulatedApp.DefaultTasks;
        var tasks = new List<EmulatorTask>();
        using (var document = Parse(path))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array) throw Bad(path, "it must be a JSON array of task ids or {id, type} objects");
            foreach (var task in document.RootElement.EnumerateArray())
            {
                if (task.ValueKind == JsonValueKind.String)
                {
                    tasks.Add(new EmulatorTask(task.GetString()!));
                }
                else if (task.ValueKind == JsonValueKind.Object && task.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                {
                    string type = task.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "data";
                    tasks.Add(new EmulatorTask(id.GetString()!, type));
                }
                else
                {
                    throw Bad(path, "each task is a task id or an {id, type} object");
                }
            }
        }

        return tasks.Count == 0 ? EmulatedApp.DefaultTasks : tasks;
    }

    private static void LoadInstances(EmulatorState state, string folder)
    {
        if (!Directory.Exists(folder)) return;
        var loaded = new List<(Instance Instance, InstanceEvent[] Events)>();
        foreach (string partyFolder in Directory.EnumerateDirectories(folder))
        {
            string partyText = Path.GetFileName(partyFolder);
            if (!int.TryParse(partyText, NumberStyles.None, CultureInfo.InvariantCulture, out int partyId)) continue;
            foreach (string path in Directory.EnumerateFiles(partyFolder, "*.json"))
            {
                string name = Path.GetFileName(path);
                if (name.EndsWith(".events.json", StringComparison.Ordinal)) continue;
                if (!Guid.TryParse(Path.GetFileNameWithoutExtension(path), out var guid)) continue;
                var instance = Read<Instance>(path, EmulatorJson.Storage) ?? throw Bad(path, "it is empty");
                var id = instance.Id ?? InstanceId.Parse($"{partyId}/{guid}");
                if (id.InstanceGuid != guid || id.PartyId != partyId) throw Bad(path, $"its id '{id}' does not match its place ({partyId}/{guid})");
                if (instance.AppId is null) throw Bad(path, "it has no appId");

                // Links are Storage's to add when it returns the instance (with this emulator's address).
                instance = instance with
                {
                    Id = id,
                    Org = instance.Org ?? instance.AppId.Org,
                    InstanceOwner = (instance.InstanceOwner ?? new InstanceOwner()) with { PartyId = partyId.ToString(CultureInfo.InvariantCulture) },
                    SelfLinks = null,
                    Data = instance.Data?.Select(d => d with { SelfLinks = null, InstanceGuid = d.InstanceGuid == Guid.Empty ? guid : d.InstanceGuid }).ToArray(),
                };
                loaded.Add((instance, ReadEvents(Path.ChangeExtension(path, ".events.json"))));
            }
        }

        // Storage's order key follows creation, so a dropped-in folder pages as it would in Storage.
        foreach (var (instance, events) in loaded.OrderBy(l => l.Instance.Created ?? DateTimeOffset.MinValue).ThenBy(l => l.Instance.Id!.InstanceGuid))
        {
            state.Load(instance, events);
        }
    }

    /// <summary>An events file: a JSON array of instance events, or Storage's <c>{"instanceEvents": [...]}</c>.</summary>
    private static InstanceEvent[] ReadEvents(string path)
    {
        if (!File.Exists(path)) return [];
        using var document = Parse(path);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("instanceEvents", out var list)) root = list;
        if (root.ValueKind != JsonValueKind.Array) throw Bad(path, "it must be a JSON array of instance events");
        try
        {
            return [.. root.Deserialize<IReadOnlyList<InstanceEvent>>(EmulatorJson.Storage) ?? []];
        }
        catch (JsonException e)
        {
            throw Bad(path, e.Message);
        }
    }

    private static void LoadFeed(EmulatorState state, string path)
    {
        if (File.Exists(path))
        {
            long sequence = 0;
            foreach (string line in File.ReadLines(path))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;

                // A line that cannot be read (a write cut short) is skipped.
                if (CloudEventLine.Read(line, sequence + 1) is { } loaded)
                {
                    state.LoadCloudEvent(loaded);
                    sequence++;
                }
            }
        }

        state.FeedLoaded();
    }

    private static T? Read<T>(string path, JsonSerializerOptions options)
    {
        try
        {
            using var file = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(file, options);
        }
        catch (JsonException e)
        {
            throw Bad(path, e.Message);
        }
    }

    private static JsonDocument Parse(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            return JsonDocument.Parse(file);
        }
        catch (JsonException e)
        {
            throw Bad(path, e.Message);
        }
    }

    private static InvalidDataException Bad(string path, string reason) => new($"The emulator cannot load '{path}': {reason}.");
}
