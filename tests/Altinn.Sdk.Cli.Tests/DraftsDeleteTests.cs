using System.Globalization;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Testing;
using static Altinn.Sdk.Cli.Tests.EmulatorFixture;

namespace Altinn.Sdk.Cli.Tests;

/// <summary>
/// <c>altinn drafts delete</c> on the demo seed: drafts 1 (Task_1, created 2020-06-15), 2 (Task_1, this year) and 3
/// (Task_2); 6 is a soft-deleted draft in Task_1; 4, 5 and 7 are completed and never deleted.
/// </summary>
public sealed class DraftsDeleteTests : IAsyncLifetime
{
    private static readonly string Tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private readonly EmulatorFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    private List<string> Deletes() => _fixture.Emulator.Requests.Where(r => r.Method == "DELETE").Select(r => r.PathAndQuery).ToList();

    private static List<string?> Ids(CliRun run) =>
        run.JsonLines().Single().GetProperty("items").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()).ToList();

    [Fact]
    public async Task The_documented_clean_up_deletes_exactly_the_stale_draft_through_the_app_and_a_rerun_sends_nothing()
    {
        var run = await _fixture.RunAsync("drafts", "delete", "--app", DemoApp, "--created-before", "2020-09-30");
        var again = await _fixture.RunAsync("drafts", "delete", "--app", DemoApp, "--created-before", "2020-09-30", "--json");

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        run.Output.Should().Contain(Demo(1)).And.Contain("1 done, 0 skipped, 0 failed (drafts of ttd/demo-app created on or before 2020-09-30, in Task_1; soft delete).");
        Deletes().Should().Equal($"/ttd/demo-app/instances/{Demo(1)}?hard=false");
        _fixture.Emulator.Requests.Should().Contain(r => r.PathAndQuery.StartsWith("/storage/api/v1/instances?", StringComparison.Ordinal)
            && r.PathAndQuery.Contains("created=lte:2020-09-30", StringComparison.Ordinal) && r.PathAndQuery.Contains("process.currentTask=Task_1", StringComparison.Ordinal));
        var storage = StorageClient.Create(_fixture.Emulator.Environment, _fixture.Emulator.CreateOrgCredential("ttd"), loggerFactory: LeakWatch.LoggerFactory);
        (await storage.Instances.GetAsync(InstanceId.Parse(Demo(1)))).Status!.IsSoftDeleted.Should().BeTrue();

        again.ExitCode.Should().Be(ExitCodes.Success, again.ToString());
        Ids(again).Should().BeEmpty("a soft-deleted draft is no longer listed");
        Deletes().Should().HaveCount(1);
    }

    [Fact]
    public async Task Dry_runs_list_the_documented_sets_and_send_no_write()
    {
        var task1 = await _fixture.RunAsync("drafts", "delete", "--app", DemoApp, "--created-before", Tomorrow, "--dry-run", "--json");
        var anyTask = await _fixture.RunAsync("drafts", "delete", "--app", DemoApp, "--created-before", Tomorrow, "--any-task", "--dry-run", "--json");
        var hard = await _fixture.RunAsync("drafts", "delete", "--app", DemoApp, "--created-before", Tomorrow, "--hard", "--dry-run", "--json");

        task1.ExitCode.Should().Be(ExitCodes.Success, task1.ToString());
        var result = task1.JsonLines().Single();
        result.GetProperty("action").GetString().Should().Be("delete-drafts");
        result.GetProperty("dryRun").GetBoolean().Should().BeTrue();
        result.GetProperty("createdBefore").GetString().Should().Be(Tomorrow);
        result.GetProperty("currentTask").GetString().Should().Be("Task_1");
        Ids(task1).Should().BeEquivalentTo(Demo(1), Demo(2));
        Ids(anyTask).Should().BeEquivalentTo(Demo(1), Demo(2), Demo(3));
        Ids(hard).Should().BeEquivalentTo([Demo(1), Demo(2), Demo(6)], "a hard delete also takes the soft-deleted draft");
        _fixture.Emulator.Requests.Should().NotContain(r => r.IsWrite);
    }

    [Fact]
    public async Task An_app_that_forbids_the_org_to_delete_fails_each_draft_with_the_policy_xml_hint_and_exits_1()
    {
        var storage = StorageClient.Create(_fixture.Emulator.Environment, _fixture.Emulator.CreateOrgCredential("ttd"), loggerFactory: LeakWatch.LoggerFactory);
        _fixture.Emulator.AddApp(await storage.Applications.GetAsync(AppId.Parse(DemoApp)), orgMayDelete: false);

        var text = await _fixture.RunAsync("drafts", "delete", "--app", DemoApp, "--created-before", "2020-09-30", "--hard");
        var json = await _fixture.RunAsync("drafts", "delete", "--app", DemoApp, "--created-before", "2020-09-30", "--hard", "--json");

        text.ExitCode.Should().Be(ExitCodes.Failed, text.ToString());
        text.Output.Should().Contain("policy.xml").And.Contain("0 done, 0 skipped, 1 failed");
        json.ExitCode.Should().Be(ExitCodes.Failed, json.ToString());
        var item = json.JsonLines().Single().GetProperty("items").EnumerateArray().Single();
        item.GetProperty("instanceId").GetString().Should().Be(Demo(1));
        item.GetProperty("outcome").GetString().Should().Be("failed");
        item.GetProperty("status").GetInt32().Should().Be(403);
        item.GetProperty("reason").GetString().Should().Contain("policy.xml");
        (await storage.Instances.GetAsync(InstanceId.Parse(Demo(1)))).Status!.IsHardDeleted.Should().NotBe(true);
    }
}
