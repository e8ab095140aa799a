using System.Collections.Concurrent;

namespace Altinn.Sdk.Tests.Paging;

public class AsyncPageableTests
{
    /// <summary>A page source over fixed pages: token "p{n}" fetches page n; records every call.</summary>
    private sealed class FakePages
    {
        private readonly int[][] _pages;

        public FakePages(params int[][] pages) => _pages = pages;

        public ConcurrentQueue<(string? Token, int? SizeHint)> Calls { get; } = new();

        public Func<string?, int?, CancellationToken, Task<Page<int>>> Fetch => async (token, size, ct) =>
        {
            Calls.Enqueue((token, size));
            await Task.Yield();
            ct.ThrowIfCancellationRequested();
            int index = token is null ? 0 : int.Parse(token.AsSpan(1), provider: null);
            string? next = index + 1 < _pages.Length ? "p" + (index + 1) : null;
            return Page<int>.FromValues(_pages[index], next);
        };
    }

    [Fact]
    public async Task Items_of_many_pages_come_in_order_and_each_page_is_fetched_once()
    {
        var source = new FakePages(Enumerable.Range(0, 25).Select(p => new[] { p * 2, (p * 2) + 1 }).ToArray());
        var pageable = AsyncPageable<int>.Create(source.Fetch);

        var items = new List<int>();
        await foreach (int item in pageable) items.Add(item);

        items.Should().Equal(Enumerable.Range(0, 50));
        source.Calls.Select(c => c.Token).Should().Equal(new string?[] { null }.Concat(Enumerable.Range(1, 24).Select(i => "p" + i)));
    }

    [Fact]
    public async Task Short_and_empty_pages_with_a_token_do_not_end_the_listing()
    {
        var source = new FakePages([1, 2, 3], [], [4], [], [], [5, 6], []);
        var pageable = AsyncPageable<int>.Create(source.Fetch);

        var items = new List<int>();
        await foreach (int item in pageable) items.Add(item);

        items.Should().Equal(1, 2, 3, 4, 5, 6);
        source.Calls.Should().HaveCount(7, "the last, empty page is the one without a token");
    }

    [Fact]
    public async Task A_null_or_empty_token_ends_the_listing()
    {
        int calls = 0;
        var pageable = AsyncPageable<string>.Create((_, _, _) =>
        {
            calls++;
            return Task.FromResult(Page<string>.FromValues(["only"], string.Empty));
        });

        var items = new List<string>();
        await foreach (string item in pageable) items.Add(item);

        items.Should().Equal("only");
        calls.Should().Be(1);
    }

    [Fact]
    public async Task AsPages_yields_pages_with_their_tokens_and_resumes_from_a_saved_token()
    {
        var source = new FakePages([1, 2], [3, 4], [5], [6, 7]);
        var pageable = AsyncPageable<int>.Create(source.Fetch);

        string? saved = null;
        await foreach (Page<int> page in pageable.AsPages())
        {
            page.Values.Should().Equal(1, 2);
            page.ContinuationToken.Should().Be("p1");
            saved = page.ContinuationToken;
            break;   // the job stops after the first page and saves its token
        }

        var resumed = new List<Page<int>>();
        await foreach (Page<int> page in pageable.AsPages(saved, pageSizeHint: 2)) resumed.Add(page);

        resumed.Select(p => p.Values.ToArray()).Should().BeEquivalentTo(new[] { new[] { 3, 4 }, new[] { 5 }, new[] { 6, 7 } }, o => o.WithStrictOrdering());
        resumed.Select(p => p.ContinuationToken).Should().Equal("p2", "p3", null);
        source.Calls.Should().Equal((null, null), ("p1", 2), ("p2", 2), ("p3", 2));
    }

    [Fact]
    public async Task Each_enumeration_starts_over_from_the_first_page()
    {
        var source = new FakePages([1], [2]);
        var pageable = AsyncPageable<int>.Create(source.Fetch);

        (await pageable.ToListAsync()).Should().Equal(1, 2);
        (await pageable.ToListAsync()).Should().Equal(1, 2);
        source.Calls.Select(c => c.Token).Should().Equal(null, "p1", null, "p1");
    }

    [Fact]
    public async Task Only_the_pages_needed_for_the_items_taken_are_fetched()
    {
        var source = new FakePages([1, 2], [3, 4], [5, 6], [7, 8]);
        var pageable = AsyncPageable<int>.Create(source.Fetch);

        source.Calls.Should().BeEmpty("creating the pageable fetches nothing");
        (await pageable.Take(3).ToListAsync()).Should().Equal(1, 2, 3);
        source.Calls.Select(c => c.Token).Should().Equal(null, "p1");

        await using IAsyncEnumerator<int> enumerator = pageable.GetAsyncEnumerator();
        (await enumerator.MoveNextAsync()).Should().BeTrue();
        (await enumerator.MoveNextAsync()).Should().BeTrue();
        source.Calls.Should().HaveCount(3, "the second item is still on the first page");
    }

    [Fact]
    public async Task The_same_token_twice_in_a_row_throws_instead_of_looping()
    {
        int calls = 0;
        var pageable = AsyncPageable<int>.Create((token, _, _) =>
        {
            calls++;
            return Task.FromResult(Page<int>.FromValues([calls], "stuck"));
        });

        var items = new List<int>();
        Func<Task> act = async () => { await foreach (int item in pageable) items.Add(item); };

        (await act.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage("*continuation token 'stuck' again*forever*");
        items.Should().Equal(1, 2);
        calls.Should().Be(2);
    }

    [Fact]
    public async Task A_token_cycle_and_a_repeat_of_the_starting_token_are_caught_too()
    {
        string[] tokens = ["a", "b", "a"];
        int i = 0;
        var cycling = AsyncPageable<int>.Create((_, _, _) => Task.FromResult(Page<int>.FromValues([], tokens[i++])));
        await cycling.Invoking(async p => await p.ToListAsync()).Should().ThrowAsync<InvalidOperationException>().WithMessage("*'a' again*");
        i.Should().Be(3);

        var echoing = AsyncPageable<int>.Create((token, _, _) => Task.FromResult(Page<int>.FromValues([], token)));
        await echoing.Invoking(async p => await p.AsPages("resume-here").ToListAsync())
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*'resume-here' again*");
    }

    [Fact]
    public async Task A_null_page_is_an_explained_error()
    {
        var pageable = AsyncPageable<int>.Create((_, _, _) => Task.FromResult<Page<int>>(null!));
        await pageable.Invoking(async p => await p.ToListAsync()).Should().ThrowAsync<InvalidOperationException>().WithMessage("*returned null*");
    }

    [Fact]
    public async Task WithCancellation_token_reaches_the_page_source_and_stops_the_enumeration()
    {
        using var cts = new CancellationTokenSource();
        var seen = new List<CancellationToken>();
        var pageable = AsyncPageable<int>.Create((token, _, ct) =>
        {
            seen.Add(ct);
            return Task.FromResult(Page<int>.FromValues([1, 2], (token ?? "p0") + "x"));
        });

        var items = new List<int>();
        Func<Task> act = async () =>
        {
            await foreach (int item in pageable.WithCancellation(cts.Token))
            {
                items.Add(item);
                if (items.Count == 3) await cts.CancelAsync();
            }
        };

        await act.Should().ThrowAsync<OperationCanceledException>();
        items.Should().Equal(1, 2, 1, 2);
        seen.Should().HaveCount(2).And.OnlyContain(t => t.CanBeCanceled);
    }

    [Fact]
    public async Task The_token_given_to_Create_cancels_too_and_is_combined_with_the_enumerator_token()
    {
        using var callToken = new CancellationTokenSource();
        using var enumeratorToken = new CancellationTokenSource();
        var pageable = AsyncPageable<int>.Create(
            async (_, _, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return Page<int>.FromValues([], null);
            },
            callToken.Token);

        Task<List<int>> running = pageable.ToListAsync(enumeratorToken.Token).AsTask();
        await Task.Delay(50);
        running.IsCompleted.Should().BeFalse();
        await callToken.CancelAsync();
        await FluentActions.Awaiting(() => running).Should().ThrowAsync<OperationCanceledException>();

        var already = AsyncPageable<int>.Create((_, _, _) => Task.FromResult(Page<int>.FromValues([1], null)), callToken.Token);
        await already.Invoking(async p => await p.ToListAsync()).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void Invalid_arguments_throw_at_the_call()
    {
        var pageable = AsyncPageable<int>.Create((_, _, _) => Task.FromResult(Page<int>.FromValues([], null)));
        pageable.Invoking(p => p.AsPages(string.Empty)).Should().Throw<ArgumentException>().WithParameterName("continuationToken");
        pageable.Invoking(p => p.AsPages(null, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("pageSizeHint");
        FluentActions.Invoking(() => AsyncPageable<int>.Create(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Page<int>.FromValues(null!, null)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void A_page_describes_itself_without_its_items()
    {
        Page<int>.FromValues([1, 2], "t").ToString().Should().Be("Page of 2 item(s), more pages follow");
        Page<int>.FromValues([], null).ToString().Should().Be("Page of 0 item(s), last page");
    }
}
