using Altinn.Sdk.Authentication;
using Microsoft.Extensions.Time.Testing;

namespace Altinn.Sdk.Tests.Authentication;

public sealed class TokenCacheTests
{
    private readonly FakeTimeProvider _time = new(TestKeys.WholeSecondsNow());

    private static Func<int, CancellationToken, Task<CachedToken>> Fetcher(FakeTimeProvider time, Func<int, TimeSpan> lifetime, Action<int>? onFetch = null) =>
        (key, ct) =>
        {
            onFetch?.Invoke(key);
            return Task.FromResult(new CachedToken(new AltinnAccessToken($"token-{key}-{Guid.NewGuid():N}", time.GetUtcNow() + lifetime(key))));
        };

    [Fact]
    public void Refresh_point_is_the_earlier_of_exp_minus_60s_and_80_percent()
    {
        DateTimeOffset t0 = _time.GetUtcNow();
        TokenCache<int>.RefreshPoint(t0, t0.AddMinutes(30)).Should().Be(t0.AddMinutes(24));   // 80 % of 30 min
        TokenCache<int>.RefreshPoint(t0, t0.AddSeconds(200)).Should().Be(t0.AddSeconds(140)); // exp - 60 s
        TokenCache<int>.RefreshPoint(t0, DateTimeOffset.MaxValue).Should().Be(DateTimeOffset.MaxValue);
    }

    [Fact]
    public async Task More_keys_than_the_bound_do_not_grow_the_cache()
    {
        var cache = new TokenCache<int>(_time, capacity: 10);
        var fetch = Fetcher(_time, key => TimeSpan.FromMinutes(10 + key));
        for (int key = 0; key < 25; key++) await cache.GetAsync(key, null, fetch, CancellationToken.None);

        cache.Count.Should().Be(10);
    }

    [Fact]
    public async Task Eviction_drops_expired_entries_first_then_the_soonest_expiring()
    {
        var cache = new TokenCache<int>(_time, capacity: 3);
        var fetched = new List<int>();
        var fetch = Fetcher(_time, key => key == 1 ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(1000 * key), fetched.Add);
        foreach (int key in new[] { 1, 2, 3 }) await cache.GetAsync(key, null, fetch, CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(20)); // key 1 has expired
        await cache.GetAsync(4, null, fetch, CancellationToken.None);
        await cache.GetAsync(2, null, fetch, CancellationToken.None);
        await cache.GetAsync(3, null, fetch, CancellationToken.None);
        fetched.Should().Equal(1, 2, 3, 4); // 2 and 3 survived

        await cache.GetAsync(5, null, fetch, CancellationToken.None); // full: 2 expires soonest (4 has 4000 s)
        await cache.GetAsync(3, null, fetch, CancellationToken.None);
        await cache.GetAsync(4, null, fetch, CancellationToken.None);
        fetched.Should().Equal(1, 2, 3, 4, 5);
        await cache.GetAsync(2, null, fetch, CancellationToken.None);
        fetched.Should().Equal(1, 2, 3, 4, 5, 2);
        cache.Count.Should().Be(3);
    }

    [Fact]
    public async Task A_caller_cancelling_does_not_cancel_the_shared_fetch()
    {
        var cache = new TokenCache<string>(_time);
        var release = new TaskCompletionSource<CachedToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        int fetches = 0;
        CancellationToken fetchToken = default;
        Func<string, CancellationToken, Task<CachedToken>> fetch = (key, ct) =>
        {
            Interlocked.Increment(ref fetches);
            fetchToken = ct;
            return release.Task;
        };

        using var cts = new CancellationTokenSource();
        Task<CachedToken> first = cache.GetAsync("k", null, fetch, cts.Token).AsTask();
        Task<CachedToken> second = cache.GetAsync("k", null, fetch, CancellationToken.None).AsTask();
        cts.Cancel();
        await FluentActions.Awaiting(() => first).Should().ThrowAsync<OperationCanceledException>();

        fetchToken.CanBeCanceled.Should().BeFalse();
        release.SetResult(new CachedToken(new AltinnAccessToken("shared", _time.GetUtcNow().AddMinutes(10))));
        (await second).Token.Token.Should().Be("shared");
        (await cache.GetAsync("k", null, fetch, CancellationToken.None)).Token.Token.Should().Be("shared");
        fetches.Should().Be(1);
    }

    [Fact]
    public async Task A_failed_refresh_returns_the_cached_token_outside_the_floor_and_fails_inside_it()
    {
        var cache = new TokenCache<string>(_time);
        bool fail = false;
        int fetches = 0;
        Func<string, CancellationToken, Task<CachedToken>> fetch = (key, ct) =>
        {
            fetches++;
            return fail
                ? Task.FromException<CachedToken>(new HttpRequestException("down"))
                : Task.FromResult(new CachedToken(new AltinnAccessToken($"t{fetches}", _time.GetUtcNow().AddSeconds(300))));
        };

        CachedToken first = await cache.GetAsync("k", null, fetch, CancellationToken.None);
        fail = true;
        _time.Advance(TimeSpan.FromSeconds(250)); // refresh point 240 s, floor at 270 s
        (await cache.GetAsync("k", null, fetch, CancellationToken.None)).Should().BeSameAs(first);
        (await cache.GetAsync("k", null, fetch, CancellationToken.None)).Should().BeSameAs(first);
        fetches.Should().Be(3, "each call after a failed refresh tries again");

        _time.Advance(TimeSpan.FromSeconds(21)); // 29 s before exp
        await FluentActions.Awaiting(() => cache.GetAsync("k", null, fetch, CancellationToken.None).AsTask()).Should().ThrowAsync<HttpRequestException>();

        fail = false;
        CachedToken fresh = await cache.GetAsync("k", null, fetch, CancellationToken.None);
        fresh.Token.Token.Should().Be("t5");
    }

    [Fact]
    public async Task Rejected_token_gets_one_refetch_and_a_stale_rejection_gets_the_replacement()
    {
        var cache = new TokenCache<string>(_time);
        int fetches = 0;
        Func<string, CancellationToken, Task<CachedToken>> fetch = async (key, ct) =>
        {
            int n = Interlocked.Increment(ref fetches);
            await Task.Delay(20, CancellationToken.None);
            return new CachedToken(new AltinnAccessToken($"t{n}", _time.GetUtcNow().AddMinutes(10)));
        };

        CachedToken first = await cache.GetAsync("k", null, fetch, CancellationToken.None);
        CachedToken[] results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => cache.GetAsync("k", first.Token.Token, fetch, CancellationToken.None).AsTask()));

        fetches.Should().Be(2);
        results.Select(r => r.Token.Token).Distinct().Should().Equal("t2");
        (await cache.GetAsync("k", first.Token.Token, fetch, CancellationToken.None)).Token.Token.Should().Be("t2");
        fetches.Should().Be(2);
    }

    [Fact]
    public async Task While_a_rejected_token_is_being_replaced_other_callers_wait_for_the_replacement()
    {
        var cache = new TokenCache<string>(_time);
        var release = new TaskCompletionSource<CachedToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        int fetches = 0;
        Func<string, CancellationToken, Task<CachedToken>> fetch = (key, ct) =>
            Interlocked.Increment(ref fetches) == 1
                ? Task.FromResult(new CachedToken(new AltinnAccessToken("old", _time.GetUtcNow().AddMinutes(10))))
                : release.Task;

        await cache.GetAsync("k", null, fetch, CancellationToken.None);
        Task<CachedToken> rejecting = cache.GetAsync("k", "old", fetch, CancellationToken.None).AsTask();
        Task<CachedToken> plain = cache.GetAsync("k", null, fetch, CancellationToken.None).AsTask();
        plain.IsCompleted.Should().BeFalse("the refused token is not handed out again");

        release.SetResult(new CachedToken(new AltinnAccessToken("new", _time.GetUtcNow().AddMinutes(10))));
        (await rejecting).Token.Token.Should().Be("new");
        (await plain).Token.Token.Should().Be("new");
        fetches.Should().Be(2);
    }
}
