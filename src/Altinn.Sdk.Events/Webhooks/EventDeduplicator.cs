using System;
using System.Collections.Generic;

namespace Altinn.Sdk.Events;

/// <summary>
/// Remembers recently seen event ids, to handle each event once although Altinn may deliver it more than once (pushes
/// are retried for about a day and a half, and a poller replays after a crash). Bounded both in count and in age, and
/// thread-safe.
/// </summary>
/// <remarks>
/// The window lives in memory: it protects against repeats within one process's lifetime. Across restarts, make the
/// handling itself idempotent (for example by the instance id).
/// </remarks>
public class EventDeduplicator
{
    /// <summary>The default number of ids remembered.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly object _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _byId = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _oldestFirst = new();
    private readonly TimeProvider _clock;

    /// <summary>Creates a window of <see cref="DefaultCapacity"/> ids kept for 48 hours (Altinn retries a push for up to about 35 hours).</summary>
    public EventDeduplicator()
        : this(DefaultCapacity, TimeSpan.FromHours(48))
    {
    }

    /// <summary>Creates a window.</summary>
    /// <param name="capacity">How many ids to remember at most; the oldest is forgotten first.</param>
    /// <param name="window">How long to remember an id.</param>
    /// <param name="timeProvider">The clock, or <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> or <paramref name="window"/> is not positive.</exception>
    public EventDeduplicator(int capacity, TimeSpan window, TimeProvider? timeProvider = null)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be at least 1.");
        if (window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(window), window, "The window must be positive.");
        Capacity = capacity;
        Window = window;
        _clock = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How many ids are remembered at most.</summary>
    public int Capacity { get; }

    /// <summary>How long an id is remembered.</summary>
    public TimeSpan Window { get; }

    /// <summary>How many ids are remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                Expire(_clock.GetUtcNow());
                return _byId.Count;
            }
        }
    }

    /// <summary>Remembers an id if it is new.</summary>
    /// <param name="eventId">The event id.</param>
    /// <returns><see langword="true"/> when the id was not in the window (handle the event); <see langword="false"/> for a repeat.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="eventId"/> is null.</exception>
    public virtual bool TryAdd(string eventId)
    {
        if (eventId is null) throw new ArgumentNullException(nameof(eventId));
        lock (_gate)
        {
            DateTimeOffset now = _clock.GetUtcNow();
            Expire(now);
            if (_byId.ContainsKey(eventId)) return false;
            if (_byId.Count >= Capacity) Forget(_oldestFirst.First!);
            _byId[eventId] = _oldestFirst.AddLast(new Entry(eventId, now));
            return true;
        }
    }

    /// <summary>Forgets an id, so that the next delivery of that event is handled; call it when handling the event failed.</summary>
    /// <param name="eventId">The event id.</param>
    /// <returns>Whether the id was remembered.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="eventId"/> is null.</exception>
    public virtual bool Remove(string eventId)
    {
        if (eventId is null) throw new ArgumentNullException(nameof(eventId));
        lock (_gate)
        {
            if (!_byId.TryGetValue(eventId, out LinkedListNode<Entry>? node)) return false;
            Forget(node);
            return true;
        }
    }

    private void Expire(DateTimeOffset now)
    {
        while (_oldestFirst.First is { } oldest && now - oldest.Value.Seen >= Window) Forget(oldest);
    }

    private void Forget(LinkedListNode<Entry> node)
    {
        _oldestFirst.Remove(node);
        _byId.Remove(node.Value.Id);
    }

    private readonly record struct Entry(string Id, DateTimeOffset Seen);
}
