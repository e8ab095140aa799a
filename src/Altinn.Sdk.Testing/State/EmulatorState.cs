namespace Altinn.Sdk.Testing.State;

/// <summary>
/// The one store behind every emulated service: apps, the party register, instances with their events, data
/// content and the event feed. All reads and writes of instances go through it under one lock, so the services
/// see one consistent state.
/// </summary>
/// <remarks>
/// Other parts of the emulator extend this partial class in their own files (persistence, event feed, ...).
/// Records are immutable: a change replaces the stored <see cref="Instance"/> with a modified copy.
/// </remarks>
internal sealed partial class EmulatorState : IDisposable
{
    private readonly Dictionary<string, EmulatedApp> _apps = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, StoredInstance> _instances = [];
    private readonly Dictionary<int, EmulatedParty> _parties = [];
    private readonly Dictionary<int, EmulatedUser> _users = [];
    private readonly Dictionary<string, string> _orgNumbers = new(StringComparer.Ordinal);
    private readonly List<EmulatedCloudEvent> _cloudEvents = [];
    private readonly HashSet<(string Id, string Source)> _cloudEventKeys = [];
    private long _sequence;
    private long _eventSequence;

    public EmulatorState(TimeProvider clock, string? dataDirectory)
    {
        Clock = clock;
        DataDirectory = dataDirectory;
        Blobs = new BlobStore(dataDirectory is null ? null : Path.Combine(dataDirectory, "data"));
    }

    /// <summary>The lock that guards all state. Hold it only briefly and never across I/O to a client.</summary>
    public object Gate { get; } = new();

    /// <summary>The emulator's clock.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The data folder when state is persisted, else null.</summary>
    public string? DataDirectory { get; }

    /// <summary>Data element content.</summary>
    public BlobStore Blobs { get; }

    /// <summary>Raised after an event is added to the feed (outside the lock), for push delivery.</summary>
    public event Action<EmulatedCloudEvent>? CloudEventPublished;

    // ---- Apps ----

    /// <summary>Adds or replaces an app.</summary>
    public void AddApp(EmulatedApp app)
    {
        lock (Gate) _apps[app.AppId.ToString()] = app;
        OnAppSaved(app);
    }

    /// <summary>Replaces an app with what <paramref name="update"/> makes of the current one (null when there is none), atomically.</summary>
    public EmulatedApp UpdateApp(string appId, Func<EmulatedApp?, EmulatedApp> update)
    {
        EmulatedApp app;
        lock (Gate)
        {
            app = update(_apps.GetValueOrDefault(appId));
            _apps[appId] = app;
        }

        OnAppSaved(app);
        return app;
    }

    /// <summary>An app by id, or null.</summary>
    public EmulatedApp? FindApp(string appId)
    {
        lock (Gate) return _apps.GetValueOrDefault(appId);
    }

    /// <summary>All apps, ordered by id.</summary>
    public IReadOnlyList<EmulatedApp> Apps
    {
        get
        {
            lock (Gate) return _apps.Values.OrderBy(a => a.AppId.ToString(), StringComparer.Ordinal).ToArray();
        }
    }

    // ---- Register: orgs, parties, users ----

    /// <summary>Registers a service owner's organisation number.</summary>
    public void AddOrg(string org, string organisationNumber)
    {
        lock (Gate) _orgNumbers[org] = organisationNumber;
    }

    /// <summary>The organisation number of a service owner, or null.</summary>
    public string? OrgNumber(string org)
    {
        lock (Gate) return _orgNumbers.GetValueOrDefault(org);
    }

    /// <summary>The service-owner org code of an organisation number, or null.</summary>
    public string? OrgOfNumber(string organisationNumber)
    {
        lock (Gate) return _orgNumbers.FirstOrDefault(p => p.Value == organisationNumber).Key;
    }

    /// <summary>Adds or replaces a party.</summary>
    public void AddParty(EmulatedParty party)
    {
        lock (Gate) _parties[party.PartyId] = party;
    }

    /// <summary>A party by id, or null.</summary>
    public EmulatedParty? FindParty(int partyId)
    {
        lock (Gate) return _parties.GetValueOrDefault(partyId);
    }

    /// <summary>The party with an organisation number, or null.</summary>
    public EmulatedParty? FindPartyByOrganisationNumber(string organisationNumber)
    {
        lock (Gate) return _parties.Values.FirstOrDefault(p => p.OrganisationNumber == organisationNumber);
    }

    /// <summary>The party with a national identity number, or null.</summary>
    public EmulatedParty? FindPartyByPersonNumber(string personNumber)
    {
        lock (Gate) return _parties.Values.FirstOrDefault(p => p.PersonNumber == personNumber);
    }

    /// <summary>Adds or replaces a user.</summary>
    public void AddUser(EmulatedUser user)
    {
        lock (Gate) _users[user.UserId] = user;
    }

    /// <summary>A user by id, or null.</summary>
    public EmulatedUser? FindUser(int userId)
    {
        lock (Gate) return _users.GetValueOrDefault(userId);
    }

    // ---- Instances ----

    /// <summary>An instance by guid, or null. The returned object is the stored one: read it under <see cref="Gate"/>.</summary>
    public StoredInstance? Find(Guid instanceGuid)
    {
        lock (Gate) return _instances.GetValueOrDefault(instanceGuid);
    }

    /// <summary>A snapshot of the stored instances (their current records and order keys).</summary>
    public IReadOnlyList<(Instance Instance, long Sequence)> Snapshot()
    {
        lock (Gate) return _instances.Values.Select(s => (s.Instance, s.Sequence)).ToArray();
    }

    /// <summary>The number of stored instances.</summary>
    public int InstanceCount
    {
        get
        {
            lock (Gate) return _instances.Count;
        }
    }

    /// <summary>Stores a new instance (its id must be set).</summary>
    public StoredInstance Insert(Instance instance)
    {
        StoredInstance stored;
        lock (Gate)
        {
            stored = new StoredInstance(instance, ++_sequence);
            _instances.Add(instance.Id!.InstanceGuid, stored);
        }

        OnInstanceSaved(stored);
        return stored;
    }

    /// <summary>Stores an instance loaded from disk together with its events.</summary>
    internal StoredInstance Load(Instance instance, IEnumerable<InstanceEvent> events)
    {
        lock (Gate)
        {
            var stored = new StoredInstance(instance, ++_sequence);
            stored.Events.AddRange(events);
            _instances[instance.Id!.InstanceGuid] = stored;
            return stored;
        }
    }

    /// <summary>
    /// Changes an instance atomically: <paramref name="change"/> gets the current record and returns the new one
    /// (or throws to abort). Returns the new record, or null when the instance does not exist.
    /// </summary>
    public Instance? Update(Guid instanceGuid, Func<Instance, Instance> change)
    {
        StoredInstance? stored;
        lock (Gate)
        {
            stored = _instances.GetValueOrDefault(instanceGuid);
            if (stored is null) return null;
            stored.Instance = change(stored.Instance);
        }

        OnInstanceSaved(stored);
        return stored.Instance;
    }

    /// <summary>Adds an instance event (Storage's event log of the instance); sets its id and time when missing.</summary>
    public InstanceEvent AddInstanceEvent(Guid instanceGuid, InstanceEvent instanceEvent)
    {
        StoredInstance? stored;
        instanceEvent = instanceEvent with
        {
            Id = instanceEvent.Id ?? Guid.NewGuid(),
            Created = instanceEvent.Created ?? Clock.GetUtcNow(),
        };
        lock (Gate)
        {
            stored = _instances.GetValueOrDefault(instanceGuid);
            if (stored is null) return instanceEvent;
            stored.Events.Add(instanceEvent);
        }

        OnInstanceSaved(stored);
        return instanceEvent;
    }

    /// <summary>A copy of an instance's events, oldest first.</summary>
    public IReadOnlyList<InstanceEvent> InstanceEvents(Guid instanceGuid)
    {
        lock (Gate) return _instances.TryGetValue(instanceGuid, out var stored) ? stored.Events.ToArray() : [];
    }

    /// <summary>
    /// Removes an instance for good (a purge): record and content, and its events when <paramref name="removeEvents"/>.
    /// Kept events can no longer be read through the API (Storage authorizes against the instance); with a data folder
    /// their file stays, as the rows stay in Storage's database.
    /// </summary>
    public bool Remove(Guid instanceGuid, bool removeEvents = true)
    {
        bool removed;
        lock (Gate) removed = _instances.Remove(instanceGuid);
        if (!removed) return false;
        Blobs.DeleteInstance(instanceGuid);
        OnInstanceRemoved(instanceGuid, removeEvents);
        return true;
    }

    // ---- Event feed ----

    /// <summary>
    /// Adds an app event to the feed as Altinn's apps publish them: source is the instance's app URL, subject
    /// <c>/party/{partyId}</c>, resource <c>urn:altinn:resource:app_{org}_{app}</c>, resourceinstance <c>{partyId}/{guid}</c>.
    /// </summary>
    /// <param name="instance">The instance the event is about.</param>
    /// <param name="type">The event type, for example <c>app.instance.created</c>.</param>
    /// <param name="appBaseUrl">The app's base URL with a trailing slash.</param>
    /// <param name="alternativeSubject">For example <c>/person/{ssn}</c> or <c>/org/{orgno}</c>.</param>
    public EmulatedCloudEvent PublishAppEvent(Instance instance, string type, Uri appBaseUrl, string? alternativeSubject)
    {
        var id = instance.Id!;
        var appId = instance.AppId!;
        var draft = new EmulatedCloudEvent(
            0,
            Guid.NewGuid().ToString(),
            new Uri(appBaseUrl, $"instances/{id}").AbsoluteUri,
            type,
            $"/party/{id.PartyId}",
            Clock.GetUtcNow(),
            $"urn:altinn:resource:app_{appId.Org}_{appId.App}",
            id.ToString(),
            alternativeSubject);
        return PublishCloudEvent(draft)!;
    }

    /// <summary>
    /// Adds an event to the feed (its sequence number is set here) and pushes it to subscriptions; null when the feed
    /// already holds an event with the same id and source, which Events ignores.
    /// </summary>
    public EmulatedCloudEvent? PublishCloudEvent(EmulatedCloudEvent draft)
    {
        EmulatedCloudEvent published;
        lock (Gate)
        {
            if (!_cloudEventKeys.Add((draft.Id, draft.Source))) return null;
            published = draft with { Sequence = ++_eventSequence };
            _cloudEvents.Add(published);
        }

        OnCloudEventSaved(published);
        CloudEventPublished?.Invoke(published);
        return published;
    }

    /// <summary>A copy of the feed, in sequence order.</summary>
    public IReadOnlyList<EmulatedCloudEvent> CloudEvents()
    {
        lock (Gate) return _cloudEvents.ToArray();
    }

    /// <summary>Puts an event loaded from disk back into the feed.</summary>
    internal void LoadCloudEvent(EmulatedCloudEvent loaded)
    {
        lock (Gate)
        {
            _cloudEvents.Add(loaded);
            _cloudEventKeys.Add((loaded.Id, loaded.Source));
            _eventSequence = Math.Max(_eventSequence, loaded.Sequence);
        }
    }

    public void Dispose() => Blobs.Dispose();

    // Persistence hooks, implemented where state is written to the data folder; no-ops otherwise.
    partial void OnAppSaved(EmulatedApp app);

    partial void OnInstanceSaved(StoredInstance stored);

    partial void OnInstanceRemoved(Guid instanceGuid, bool removeEvents);

    partial void OnCloudEventSaved(EmulatedCloudEvent published);
}
