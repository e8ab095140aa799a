using Altinn.Sdk.Testing;
using static Altinn.Sdk.Cli.Tests.EmulatorFixture;

namespace Altinn.Sdk.Cli.Tests;

/// <summary><c>altinn archive</c>: files on disk, confirmations, re-runs, dry runs and partial failures. The demo seed has two completed instances ttd has not confirmed (4 and 7).</summary>
public sealed class ArchiveCommandTests : IAsyncLifetime
{
    private readonly EmulatorFixture _fixture = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("altinn-cli-archive-").FullName;

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _fixture.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string InstanceFolder(int n) => Path.Combine(_folder, "ttd", "demo-app", Demo(n).Replace('/', Path.DirectorySeparatorChar));

    private IEnumerable<EmulatorRequest> Confirmations() =>
        _fixture.Emulator.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.EndsWith("/complete", StringComparison.Ordinal));

    [Fact]
    public async Task Archive_writes_the_files_confirms_each_instance_and_warns_about_auto_delete()
    {
        var run = await _fixture.RunAsync("archive", "--app", DemoApp, "--out", _folder);

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        run.Output.Should().Contain(Demo(4)).And.Contain(Demo(7)).And.Contain("confirmed complete")
            .And.Contain($"2 done, 0 skipped, 0 failed (folder {Path.Combine(_folder, "ttd", "demo-app")}).");
        run.Error.Should().Contain("altinn: warning:").And.Contain("vedleggA").And.Contain("autoDeleteOnProcessEnd");
        foreach (int n in new[] { 4, 7 })
        {
            File.Exists(Path.Combine(InstanceFolder(n), "manifest.json")).Should().BeTrue();
            File.Exists(Path.Combine(InstanceFolder(n), "data", "instance.json")).Should().BeTrue();
        }

        Confirmations().Select(r => r.PathAndQuery).Should().BeEquivalentTo(
            $"/storage/api/v1/instances/{Demo(4)}/complete", $"/storage/api/v1/instances/{Demo(7)}/complete");

        // Confirmed instances are no longer listed: a second run has nothing to do.
        var again = await _fixture.RunAsync("archive", "--app", DemoApp, "--out", _folder, "--json");
        again.ExitCode.Should().Be(ExitCodes.Success, again.ToString());
        var result = again.JsonLines().Single();
        result.GetProperty("done").GetInt32().Should().Be(0);
        result.GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task No_confirm_sends_no_confirmation_and_a_second_run_reports_everything_skipped()
    {
        var first = await _fixture.RunAsync("archive", "--app", DemoApp, "--out", _folder, "--no-confirm", "--json");
        _fixture.Emulator.ClearRequests();
        var second = await _fixture.RunAsync("archive", "--app", DemoApp, "--out", _folder, "--no-confirm");

        first.ExitCode.Should().Be(ExitCodes.Success, first.ToString());
        var result = first.JsonLines().Single();
        result.GetProperty("action").GetString().Should().Be("archive");
        result.GetProperty("confirm").GetBoolean().Should().BeFalse();
        result.GetProperty("done").GetInt32().Should().Be(2);
        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("outcome").GetString()).Should().Equal("done", "done");
        result.GetProperty("warnings").EnumerateArray().Should().ContainSingle(w => w.GetString()!.Contains("vedleggA", StringComparison.Ordinal));
        File.Exists(Path.Combine(InstanceFolder(4), "manifest.json")).Should().BeTrue();

        second.ExitCode.Should().Be(ExitCodes.Success, second.ToString());
        second.Output.Should().Contain("0 done, 2 skipped, 0 failed").And.Contain("nothing confirmed: --no-confirm");
        second.Output.Split('\n').Count(line => line.Contains(" skipped ", StringComparison.Ordinal)).Should().Be(2);
        Confirmations().Should().BeEmpty();
        _fixture.Emulator.Requests.Should().NotContain(r => r.PathAndQuery.Contains("/data/", StringComparison.Ordinal), "verified files are not downloaded again");
    }

    [Fact]
    public async Task Dry_run_sends_no_write_and_writes_no_file()
    {
        var run = await _fixture.RunAsync("archive", "--app", DemoApp, "--out", _folder, "--dry-run", "--concurrency", "1");

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        run.Output.Should().Contain("would archive").And.Contain("Dry run: 2 done, 0 skipped, 0 failed");
        _fixture.Emulator.Requests.Should().NotContain(r => r.IsWrite);
        Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public async Task An_instance_that_cannot_be_written_fails_alone_and_the_exit_code_is_1()
    {
        // A file where instance 4's folder must go: that instance fails, the other is archived.
        Directory.CreateDirectory(Path.GetDirectoryName(InstanceFolder(4))!);
        await File.WriteAllTextAsync(InstanceFolder(4), "in the way");

        var run = await _fixture.RunAsync("archive", "--app", DemoApp, "--out", _folder, "--json");

        run.ExitCode.Should().Be(ExitCodes.Failed, run.ToString());
        var result = run.JsonLines().Single();
        result.GetProperty("done").GetInt32().Should().Be(1);
        result.GetProperty("failed").GetInt32().Should().Be(1);
        var failed = result.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("outcome").GetString() == "failed");
        failed.GetProperty("instanceId").GetString().Should().Be(Demo(4));
        failed.GetProperty("reason").GetString().Should().Contain("nothing was confirmed");
        Confirmations().Select(r => r.PathAndQuery).Should().Equal($"/storage/api/v1/instances/{Demo(7)}/complete");
    }
}
