using System.Net.Http.Headers;
using Altinn.Sdk.Testing;
using static Altinn.Sdk.Cli.Tests.EmulatorFixture;

namespace Altinn.Sdk.Cli.Tests;

/// <summary>An emulator whose feed has events: three instances created through the app (each publishes a few events).</summary>
public sealed class EventsFixture : IAsyncLifetime
{
    private readonly EmulatorFixture _emulator = new();

    public AltinnEmulator Emulator => _emulator.Emulator;

    /// <summary>The ids of the feed, oldest first, read once the instances were created.</summary>
    public IReadOnlyList<string> EventIds { get; private set; } = [];

    public Task<CliRun> RunAsync(params string[] args) => _emulator.RunAsync(args);

    public string[] Connection => _emulator.Connection;

    public async Task InitializeAsync()
    {
        await _emulator.InitializeAsync();
        for (int i = 0; i < 3; i++) await CreateInstanceAsync(Emulator);
        var all = await RunAsync("events", "list", "--app", DemoApp, "--json");
        EventIds = all.JsonLines().Select(e => e.GetProperty("id").GetString()!).ToList();
    }

    public Task DisposeAsync() => _emulator.DisposeAsync();

    /// <summary>Creates an instance for the person through the demo app, which publishes its events.</summary>
    public static async Task CreateInstanceAsync(AltinnEmulator emulator)
    {
        using var app = new HttpClient { BaseAddress = emulator.AppBaseUrl(AppId.Parse(DemoApp)) };
        app.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.CreateUserToken(1337));
        using var response = await app.PostAsync("instances?instanceOwnerPartyId=50001337", null);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary><c>altinn events list</c> on a feed with a backlog.</summary>
public sealed class EventsListTests(EventsFixture fixture) : IClassFixture<EventsFixture>
{
    private IEnumerable<string> EventRequests() =>
        fixture.Emulator.Requests.Where(r => r.PathAndQuery.StartsWith("/events/", StringComparison.Ordinal)).Select(r => r.PathAndQuery);

    [Fact]
    public async Task Lists_the_whole_backlog_in_order_with_the_id_to_continue_from()
    {
        var table = await fixture.RunAsync("events", "list", "--app", DemoApp);

        fixture.EventIds.Should().HaveCountGreaterThanOrEqualTo(6, "each instance created publishes events");
        table.ExitCode.Should().Be(ExitCodes.Success, table.ToString());
        table.Output.Should().Contain("app.instance.created").And.Contain("50001337/")
            .And.Contain($"{fixture.EventIds.Count} events of ttd/demo-app. Continue with --after {fixture.EventIds[^1]}.");
        foreach (string id in fixture.EventIds) table.Output.Should().Contain(id);
    }

    [Fact]
    public async Task Max_smaller_than_the_backlog_reads_small_pages_and_stops()
    {
        fixture.Emulator.ClearRequests();

        var json = await fixture.RunAsync("events", "list", "--app", DemoApp, "--max", "4", "--json");
        var table = await fixture.RunAsync("events", "list", "--app", DemoApp, "--max", "4");

        json.ExitCode.Should().Be(ExitCodes.Success, json.ToString());
        json.JsonLines().Select(e => e.GetProperty("id").GetString()).Should().Equal(fixture.EventIds.Take(4));
        json.JsonLines().Should().OnlyContain(e => e.GetProperty("specversion").GetString() == "1.0");
        table.Output.Should().Contain($"Stopped after 4 events (--max); more may remain. Continue with --after {fixture.EventIds[3]}.");
        EventRequests().Should().HaveCount(2, "one page each").And.OnlyContain(r => r.Contains("size=4", StringComparison.Ordinal) && r.Contains("after=0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_and_type_filter_the_feed()
    {
        var after = await fixture.RunAsync("events", "list", "--app", DemoApp, "--after", fixture.EventIds[1], "--json");
        var created = await fixture.RunAsync("events", "list", "--app", DemoApp, "--type", "app.instance.created", "--json");

        after.JsonLines().Select(e => e.GetProperty("id").GetString()).Should().Equal(fixture.EventIds.Skip(2));
        created.JsonLines().Should().HaveCount(3).And.OnlyContain(e => e.GetProperty("type").GetString() == "app.instance.created");
    }

    [Fact]
    public async Task From_and_to_frame_the_feed()
    {
        var future = await fixture.RunAsync("events", "list", "--app", DemoApp, "--from", DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "--json");
        var window = await fixture.RunAsync("events", "list", "--app", DemoApp, "--from", "2020-01-01", "--to", DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), "--json");

        future.ExitCode.Should().Be(ExitCodes.Success, future.ToString());
        future.Output.Should().BeEmpty();
        window.JsonLines().Should().HaveCount(fixture.EventIds.Count);
    }
}

/// <summary><c>altinn events tail</c>: follows the feed until cancelled; with --checkpoint a new run resumes where the last stopped.</summary>
public sealed class EventsTailTests : IAsyncLifetime
{
    private readonly EmulatorFixture _fixture = new();
    private readonly string _checkpoints = Directory.CreateTempSubdirectory("altinn-cli-tail-").FullName;

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _fixture.DisposeAsync();
        Directory.Delete(_checkpoints, recursive: true);
    }

    [Fact]
    public async Task Tail_with_a_checkpoint_resumes_after_a_restart_without_repeating()
    {
        await EventsFixture.CreateInstanceAsync(_fixture.Emulator);
        int firstBatch = (await _fixture.RunAsync("events", "list", "--app", DemoApp, "--json")).JsonLines().Count;

        var first = await TailUntilAsync(firstBatch);
        await EventsFixture.CreateInstanceAsync(_fixture.Emulator);
        await EventsFixture.CreateInstanceAsync(_fixture.Emulator);
        var second = await TailUntilAsync(2 * firstBatch);

        first.ExitCode.Should().Be(ExitCodes.Cancelled, first.ToString());
        second.ExitCode.Should().Be(ExitCodes.Cancelled, second.ToString());
        var firstIds = Ids(first);
        var secondIds = Ids(second);
        firstIds.Should().HaveCount(firstBatch).And.OnlyHaveUniqueItems();
        secondIds.Should().HaveCount(2 * firstBatch).And.OnlyHaveUniqueItems();
        secondIds.Should().NotIntersectWith(firstIds);
        var all = (await _fixture.RunAsync("events", "list", "--app", DemoApp, "--json")).JsonLines().Select(e => e.GetProperty("id").GetString()!);
        firstIds.Concat(secondIds).Should().Equal(all);
    }

    [Fact]
    public async Task Tail_without_a_checkpoint_prints_new_events_as_they_arrive()
    {
        using var output = new LineWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task<CliRun> tail = Cli.RunAsync(output, stop.Token, ["events", "tail", "--app", DemoApp, "--interval", "1", .. _fixture.Connection]);

        // The tail reads from now on: wait for its first (empty) poll, then make events.
        await WaitForAsync(() => _fixture.Emulator.Requests.Any(r => r.PathAndQuery.StartsWith("/events/", StringComparison.Ordinal)));
        await EventsFixture.CreateInstanceAsync(_fixture.Emulator);
        await output.WaitForLinesAsync(1).WaitAsync(stop.Token);
        await stop.CancelAsync();
        var run = await tail;

        run.ExitCode.Should().Be(ExitCodes.Cancelled, run.ToString());
        run.Error.Should().Contain("from now on").And.Contain("Stopped after");
        run.Output.Should().Contain("app.instance.");
        run.Output.Should().Contain("50001337/");
    }

    /// <summary>Runs tail with the checkpoint until it has printed <paramref name="lines"/> events and finished one more poll, then cancels it.</summary>
    private async Task<CliRun> TailUntilAsync(int lines)
    {
        using var output = new LineWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task<CliRun> tail = Cli.RunAsync(output, stop.Token, ["events", "tail", "--app", DemoApp, "--checkpoint", _checkpoints, "--interval", "1", "--json", .. _fixture.Connection]);
        await output.WaitForLinesAsync(lines).WaitAsync(stop.Token);

        // One more full poll (an empty page) shows that nothing else would come.
        int polls = Polls();
        await WaitForAsync(() => Polls() >= polls + 2);
        await stop.CancelAsync();
        return await tail;
    }

    private int Polls() => _fixture.Emulator.Requests.Count(r => r.PathAndQuery.StartsWith("/events/api/v1/app/ttd/demo-app", StringComparison.Ordinal));

    private static List<string> Ids(CliRun run) => run.JsonLines().Select(e => e.GetProperty("id").GetString()!).ToList();

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); !condition(); await Task.Delay(20))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition was not met in 30 s.");
        }
    }
}
