using Altinn.Sdk.Testing;
using static Altinn.Sdk.Cli.Tests.EmulatorFixture;

namespace Altinn.Sdk.Cli.Tests;

/// <summary><c>altinn instances substatus --app</c>: the substatus on every match of a query (demo seed: instances 1 and 2 are in Task_1).</summary>
public sealed class SubstatusQueryTests : IAsyncLifetime
{
    private readonly EmulatorFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    private List<EmulatorRequest> Writes() => _fixture.Emulator.Requests.Where(r => r.IsWrite).ToList();

    [Fact]
    public async Task Sets_the_substatus_on_every_match_and_a_rerun_skips_them()
    {
        var matches = (await _fixture.RunAsync("instances", "list", "--app", DemoApp, "--task", "Task_1", "--json")).JsonLines().Select(i => i.GetProperty("id").GetString()).ToList();
        _fixture.Emulator.ClearRequests();
        var first = await _fixture.RunAsync("instances", "substatus", "--app", DemoApp, "--task", "Task_1", "--label", "Venter på dokumentasjon", "--json");
        var second = await _fixture.RunAsync("instances", "substatus", "--app", DemoApp, "--task", "Task_1", "--label", "Venter på dokumentasjon");

        first.ExitCode.Should().Be(ExitCodes.Success, first.ToString());
        var result = first.JsonLines().Single();
        result.GetProperty("action").GetString().Should().Be("substatus");
        result.GetProperty("appId").GetString().Should().Be(DemoApp);
        result.GetProperty("inboxPreview").GetString().Should().Be("Venter på dokumentasjon");
        matches.Should().Contain([Demo(1), Demo(2)]);
        result.GetProperty("done").GetInt32().Should().Be(matches.Count);
        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()).Should().BeEquivalentTo(matches);

        second.ExitCode.Should().Be(ExitCodes.Success, second.ToString());
        second.Output.Should().Contain($"0 done, {matches.Count} skipped, 0 failed (substatus \"Venter på dokumentasjon\"");
        Writes().Select(r => r.Method + " " + r.PathAndQuery).Should().BeEquivalentTo(matches.Select(id => $"PUT /storage/api/v1/instances/{id}/substatus"));
    }

    [Fact]
    public async Task A_dry_run_lists_the_matches_and_sends_no_write()
    {
        var run = await _fixture.RunAsync("instances", "substatus", "--app", DemoApp, "--complete", "true", "--label", "Arkivert", "--dry-run");

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        run.Output.Should().Contain(Demo(4)).And.Contain(Demo(5)).And.Contain("Dry run:");
        Writes().Should().BeEmpty();
    }
}
