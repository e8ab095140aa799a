using System.Security.Cryptography;

namespace Altinn.Sdk.Events;

/// <summary>
/// Remembers recently seen event ids, to handle each event once although Altinn may deliver it more than once (pushes
/// are retried for about a day and a half, and a poller replays after a crash). Bounded both in count and in age, and
/// thread-safe.
/// </summary>
/// <remarks>
/// <para>The window lives in memory: it protects against repeats within one process's lifetime. Across restarts, make the
/// handling itself idempotent (for example by the instance id).</para>
/// <para>Each id is remembered as a fixed-size hash (128 bits of a salted SHA-256), so the window takes about the same
/// memory whatever the ids' length: under 2 MiB for the default 10 000 ids.</para>
/// </remarks>
public class EventDeduplicator
{
    /// <summary>The default number of ids remembered.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly object _gate = new();
    private readonly Dictionary<IdHash, LinkedListNode<Entry>> _byId = new();
    private readonly LinkedList<Entry> _oldestFirst = new();
    private readonly TimeProvider _clock;

    // A random salt per window: hash codes an outside sender cannot aim at one bucket.
    private readonly byte[] _salt = NewSalt();

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
        IdHash id = Hash(eventId);
        lock (_gate)
        {
            DateTimeOffset now = _clock.GetUtcNow();
            Expire(now);
            if (_byId.ContainsKey(id)) return false;
            if (_byId.Count >= Capacity) Forget(_oldestFirst.First!);
            _byId[id] = _oldestFirst.AddLast(new Entry(id, now));
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
        IdHash id = Hash(eventId);
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out LinkedListNode<Entry>? node)) return false;
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

    private static byte[] NewSalt()
    {
        var salt = new byte[16];
        using (var random = RandomNumberGenerator.Create()) random.GetBytes(salt);
        return salt;
    }

    private IdHash Hash(string eventId)
    {
        byte[] input = new byte[_salt.Length + Encoding.UTF8.GetMaxByteCount(eventId.Length)];
        Buffer.BlockCopy(_salt, 0, input, 0, _salt.Length);
        int length = _salt.Length + Encoding.UTF8.GetBytes(eventId, 0, eventId.Length, input, _salt.Length);
        byte[] hash = Hashes.Sha256(input, 0, length);
        return new IdHash(BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8));
    }

    /// <summary>128 bits of an id's salted SHA-256: what the window keeps instead of the id, whatever its length.</summary>
    private readonly record struct IdHash(ulong High, ulong Low);

    private readonly record struct Entry(IdHash Id, DateTimeOffset Seen);
}
