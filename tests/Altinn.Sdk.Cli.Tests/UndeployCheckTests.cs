using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using static Altinn.Sdk.Cli.Tests.EmulatorFixture;

namespace Altinn.Sdk.Cli.Tests;

/// <summary><c>altinn undeploy-check</c> reading the demo seed: 7 instances, 3 active (Task_1: 1 and 2, Task_2: 3), 1 deleted draft, 3 completed of which 2 unconfirmed.</summary>
[Collection(SharedEmulator.Name)]
public sealed class UndeployCheckReadTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task The_report_prints_its_tables_and_the_alternatives()
    {
        var run = await fixture.RunAsync("undeploy-check", "--app", DemoApp);

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        string[] lines = run.Output.Split('\n').Select(l => l.Trim()).ToArray();
        lines.Should().Contain(l => l.StartsWith("Undeploy readiness of ttd/demo-app", StringComparison.Ordinal) && l.EndsWith("7 instances in Storage.", StringComparison.Ordinal));
        lines.Should().Contain("Active instances per task:").And.Contain("Drafts by age (since created):").And.Contain("Automatic deletion at process end (autoDeleteOnProcessEnd):");
        lines.Should().Contain(l => Squeeze(l) == "active (drafts) 3").And.Contain(l => Squeeze(l) == "completed, not confirmed by ttd 2");
        lines.Should().Contain(l => Squeeze(l) == "Task_1 2").And.Contain(l => Squeeze(l) == "Task_2 1");
        lines.Should().Contain(l => Squeeze(l) == "data types vedleggA");
        run.Output.Should().Contain("Alternatives to undeploying:").And.Contain("Roll back to an earlier, working version of the app.");
        fixture.Emulator.Requests.Should().NotContain(r => r.IsWrite);
    }

    [Fact]
    public async Task The_json_report_has_every_figure()
    {
        var run = await fixture.RunAsync("undeploy-check", "--app", DemoApp, "--json");

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        var report = run.JsonLines().Single();
        report.GetProperty("action").GetString().Should().Be("undeploy-check");
        report.GetProperty("totalInstances").GetInt32().Should().Be(7);
        report.GetProperty("drafts").GetInt32().Should().Be(3);
        report.GetProperty("activeByCurrentTask").GetProperty("Task_1").GetInt32().Should().Be(2);
        report.GetProperty("draftsByAge").EnumerateArray().Sum(g => g.GetProperty("count").GetInt32()).Should().Be(3);
        report.GetProperty("deletedDrafts").GetInt32().Should().Be(1);
        report.GetProperty("completed").GetInt32().Should().Be(3);
        report.GetProperty("completedUnconfirmed").GetInt32().Should().Be(2);
        report.GetProperty("autoDeleteOnProcessEnd").GetProperty("dataTypes").EnumerateArray().Select(t => t.GetString()).Should().Equal("vedleggA");
        report.GetProperty("alternatives").GetArrayLength().Should().Be(3);
        report.GetProperty("export").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        report.GetProperty("deleteActive").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task A_dry_run_export_and_delete_lists_the_work_and_sends_no_write()
    {
        string folder = Directory.CreateTempSubdirectory("altinn-cli-undeploy-").FullName;
        try
        {
            fixture.Emulator.ClearRequests();

            var run = await fixture.RunAsync("undeploy-check", "--app", DemoApp, "--export", folder, "--delete-active", "--dry-run", "--json");

            run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
            var report = run.JsonLines().Single();
            report.GetProperty("export").GetProperty("dryRun").GetBoolean().Should().BeTrue();
            report.GetProperty("export").GetProperty("items").GetArrayLength().Should().Be(7);
            var delete = report.GetProperty("deleteActive");
            delete.GetProperty("done").GetInt32().Should().Be(3);
            delete.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()).Should().BeEquivalentTo(Demo(1), Demo(2), Demo(3));
            fixture.Emulator.Requests.Should().NotContain(r => r.IsWrite);
            Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Should().BeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Squeeze(string line) => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}

/// <summary><c>altinn undeploy-check --delete-active</c> hard-deleting the active instances through the app.</summary>
public sealed class UndeployCheckDeleteTests : IAsyncLifetime
{
    private readonly EmulatorFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Delete_active_deletes_the_active_instances_through_the_app()
    {
        var run = await _fixture.RunAsync("undeploy-check", "--app", DemoApp, "--delete-active");

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        run.Output.Should().Contain("3 done, 0 skipped, 0 failed (hard-deleting the active instances through the app; the counts above are from before).");
        _fixture.Emulator.Requests.Where(r => r.Method == "DELETE").Select(r => r.PathAndQuery).Should().BeEquivalentTo(
            new[] { 1, 2, 3 }.Select(n => $"/ttd/demo-app/instances/{Demo(n)}?hard=true"));
        var storage = StorageClient.Create(_fixture.Emulator.Environment, _fixture.Emulator.CreateOrgCredential("ttd"), loggerFactory: LeakWatch.LoggerFactory);
        Instance first = await storage.Instances.GetAsync(InstanceId.Parse(Demo(1)));
        first.Status!.IsHardDeleted.Should().BeTrue();
    }

    [Fact]
    public async Task Delete_active_refused_by_the_app_s_policy_fails_each_instance_with_the_policy_xml_hint_and_exits_1()
    {
        var storage = StorageClient.Create(_fixture.Emulator.Environment, _fixture.Emulator.CreateOrgCredential("ttd"), loggerFactory: LeakWatch.LoggerFactory);
        _fixture.Emulator.AddApp(await storage.Applications.GetAsync(AppId.Parse(DemoApp)), orgMayDelete: false);

        var run = await _fixture.RunAsync("undeploy-check", "--app", DemoApp, "--delete-active", "--json");

        run.ExitCode.Should().Be(ExitCodes.Failed, run.ToString());
        var delete = run.JsonLines().Single().GetProperty("deleteActive");
        delete.GetProperty("failed").GetInt32().Should().Be(3);
        delete.GetProperty("items").EnumerateArray().Should().OnlyContain(i => i.GetProperty("status").GetInt32() == 403 && i.GetProperty("reason").GetString()!.Contains("policy.xml", StringComparison.Ordinal));
    }
}
