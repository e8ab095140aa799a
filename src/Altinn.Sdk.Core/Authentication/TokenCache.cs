namespace Altinn.Sdk.Authentication;

/// <summary>A token held by a <see cref="TokenCache{TKey}"/>.</summary>
internal sealed class CachedToken
{
    public CachedToken(AltinnAccessToken token)
    {
        Token = token;
    }

    /// <summary>The token handed out.</summary>
    public AltinnAccessToken Token { get; }
}

/// <summary>
/// The token cache every minting credential uses: one fetch at a time per key, refresh ahead of expiry, a hard
/// floor near expiry, honouring rejected tokens, and a bound on the number of keys.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Single flight: concurrent callers on a key share one fetch. The fetch runs without the callers'
/// cancellation tokens; each caller waits with its own, so a caller that gives up does not fail the others.</item>
/// <item>Refresh point: the earlier of <c>exp − 60 s</c> and 80 % of the lifetime from when the fetch started.
/// Past it, the first caller fetches a new token and waits for it; others keep getting the cached token meanwhile.
/// If that fetch fails while the cached token is outside the floor, the cached token is returned and the next
/// caller tries again.</item>
/// <item>Hard floor: a cached token within 30 s of <c>exp</c> is never returned; callers wait for the fresh one.</item>
/// <item>Rejected token: when the cached token is the one a server just rejected, it is dropped and callers share
/// one new fetch; when another caller has already replaced it, they get the replacement.</item>
/// <item>Bounded: when a new key would exceed the capacity, expired entries are dropped, then the
/// soonest-expiring ones.</item>
/// </list>
/// </remarks>
/// <typeparam name="TKey">What tells tokens apart, usually an <see cref="AltinnTokenContext"/>.</typeparam>
internal sealed class TokenCache<TKey>
    where TKey : notnull
{
    /// <summary>The default number of keys kept.</summary>
    public const int DefaultCapacity = 1000;

    /// <summary>Refresh no later than this long before <c>exp</c>.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);

    /// <summary>Never hand out a cached token closer than this to <c>exp</c>.</summary>
    public static readonly TimeSpan HardFloor = TimeSpan.FromSeconds(30);

    /// <summary>Refresh no later than this share of the lifetime.</summary>
    public const double RefreshFraction = 0.8;

    private readonly object _gate = new();
    private readonly Dictionary<TKey, Entry> _entries;
    private readonly TimeProvider _timeProvider;
    private readonly int _capacity;

    /// <summary>Creates a cache.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="capacity">The most keys kept.</param>
    /// <param name="comparer">Compares keys; the default comparer when null.</param>
    public TokenCache(TimeProvider timeProvider, int capacity = DefaultCapacity, IEqualityComparer<TKey>? comparer = null)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be at least 1.");
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _capacity = capacity;
        _entries = new Dictionary<TKey, Entry>(comparer);
    }

    /// <summary>The number of keys held.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _entries.Count;
        }
    }

    /// <summary>Whether the token cached for a key is <paramref name="token"/>.</summary>
    public bool Holds(TKey key, string token)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(key, out Entry? entry)
                && entry.Value is not null
                && string.Equals(entry.Value.Token.Token, token, StringComparison.Ordinal);
        }
    }

    /// <summary>Gets the cached token for a key, fetching one when needed.</summary>
    /// <param name="key">The key.</param>
    /// <param name="rejectedToken">A token a server has just rejected (401), or null.</param>
    /// <param name="fetch">
    /// Fetches a token for the key. Its cancellation token never fires for a caller giving up.
    /// </param>
    /// <param name="cancellationToken">Cancels this caller's wait.</param>
    public ValueTask<CachedToken> GetAsync(
        TKey key,
        string? rejectedToken,
        Func<TKey, CancellationToken, Task<CachedToken>> fetch,
        CancellationToken cancellationToken)
    {
        if (fetch is null) throw new ArgumentNullException(nameof(fetch));
        cancellationToken.ThrowIfCancellationRequested();

        Entry entry;
        CachedToken? fallback = null;
        TaskCompletionSource<CachedToken>? started = null;
        Task<CachedToken> pending;
        lock (_gate)
        {
            DateTimeOffset now = _timeProvider.GetUtcNow();
            if (!_entries.TryGetValue(key, out entry!))
            {
                if (_entries.Count >= _capacity) Evict(now);
                entry = new Entry();
                _entries.Add(key, entry);
            }

            CachedToken? cached = entry.Value;
            bool isRejected = cached is not null && rejectedToken is not null
                && string.Equals(cached.Token.Token, rejectedToken, StringComparison.Ordinal);
            if (cached is not null && !isRejected)
            {
                if (now < entry.RefreshAt) return new ValueTask<CachedToken>(cached);
                if (now < cached.Token.ExpiresOn - HardFloor)
                {
                    // Past the refresh point but still usable: one caller refreshes, the others keep using it.
                    if (entry.Pending is not null) return new ValueTask<CachedToken>(cached);
                    fallback = cached;
                }
            }

            if (isRejected)
            {
                // The server refused it: nobody gets it again, everyone waits for the replacement.
                entry.Value = null;
            }
            if (entry.Pending is null)
            {
                started = new TaskCompletionSource<CachedToken>(TaskCreationOptions.RunContinuationsAsynchronously);
                entry.Pending = started.Task;
            }

            pending = entry.Pending;
        }

        if (started is not null)
        {
            // Not awaited here: the fetch belongs to the cache, not to this caller.
            _ = RunFetchAsync(key, entry, fetch, started);
        }

        return new ValueTask<CachedToken>(WaitAsync(pending, fallback, cancellationToken));
    }

    private async Task<CachedToken> WaitAsync(Task<CachedToken> pending, CachedToken? fallback, CancellationToken cancellationToken)
    {
        try
        {
            return await AsyncHelpers.WaitAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (fallback is not null
            && !cancellationToken.IsCancellationRequested
            && _timeProvider.GetUtcNow() < fallback.Token.ExpiresOn - HardFloor)
        {
            // The refresh failed, but the token we have is still good for a while; the next caller retries.
            return fallback;
        }
    }

    private async Task RunFetchAsync(
        TKey key, Entry entry, Func<TKey, CancellationToken, Task<CachedToken>> fetch, TaskCompletionSource<CachedToken> completion)
    {
        DateTimeOffset started = _timeProvider.GetUtcNow();
        try
        {
            CachedToken result = await fetch(key, CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                entry.Value = result;
                entry.RefreshAt = RefreshPoint(started, result.Token.ExpiresOn);
                entry.Pending = null;
            }

            completion.TrySetResult(result);
        }
        catch (Exception exception)
        {
            lock (_gate) entry.Pending = null;
            completion.TrySetException(exception);

            // Observed here so that a failure nobody waits for any more does not surface as unobserved.
            _ = completion.Task.Exception;
        }
    }

    /// <summary>The earlier of <c>exp − 60 s</c> and 80 % of the lifetime from <paramref name="fetchedAt"/>.</summary>
    internal static DateTimeOffset RefreshPoint(DateTimeOffset fetchedAt, DateTimeOffset expiresOn)
    {
        if (expiresOn <= fetchedAt) return fetchedAt;
        if (expiresOn == DateTimeOffset.MaxValue) return DateTimeOffset.MaxValue;
        TimeSpan lifetime = expiresOn - fetchedAt;
        DateTimeOffset byFraction = fetchedAt + TimeSpan.FromTicks((long)(lifetime.Ticks * RefreshFraction));
        DateTimeOffset byMargin = expiresOn - RefreshMargin;
        return byFraction < byMargin ? byFraction : byMargin;
    }

    private void Evict(DateTimeOffset now)
    {
        // Expired entries first (nobody fetching for them), then the soonest-expiring until there is room.
        var expired = new List<TKey>();
        foreach (var pair in _entries)
        {
            if (pair.Value.Pending is null && (pair.Value.Value is null || pair.Value.Value.Token.ExpiresOn <= now)) expired.Add(pair.Key);
        }

        foreach (TKey key in expired) _entries.Remove(key);

        while (_entries.Count >= _capacity)
        {
            TKey? victim = default;
            bool found = false;
            DateTimeOffset soonest = DateTimeOffset.MaxValue;
            foreach (var pair in _entries)
            {
                // An entry still fetching has no expiry yet: it goes last.
                DateTimeOffset expiry = pair.Value.Value?.Token.ExpiresOn ?? DateTimeOffset.MaxValue;
                if (!found || expiry < soonest)
                {
                    victim = pair.Key;
                    soonest = expiry;
                    found = true;
                }
            }

            _entries.Remove(victim!);
        }
    }

    private sealed class Entry
    {
        public CachedToken? Value { get; set; }

        public DateTimeOffset RefreshAt { get; set; }

        public Task<CachedToken>? Pending { get; set; }
    }
}
