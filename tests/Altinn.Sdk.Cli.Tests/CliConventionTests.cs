using System.Text.Json;
using Altinn.Sdk.Cli.Hosting;
using static Altinn.Sdk.Cli.Tests.EmulatorFixture;

namespace Altinn.Sdk.Cli.Tests;

/// <summary>The tool's conventions: it asks before deleting (unless --yes, never without a person), auth status, --verbose, roll-forward.</summary>
public sealed class CliConventionTests : IAsyncLifetime
{
    private readonly EmulatorFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    private List<string> Deletes() => _fixture.Emulator.Requests.Where(r => r.Method == "DELETE").Select(r => r.PathAndQuery).ToList();

    /// <summary>Runs the tool as at a terminal, where a person answers <paramref name="answer"/>.</summary>
    private async Task<CliRun> RunAtTerminalAsync(string answer, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost(output, error) { GetEnvironmentVariable = _ => null, UserProfileFolder = null, IsInteractive = true, Input = new StringReader(answer) };
        string[] all = [.. args, .. _fixture.Connection];
        int code = await AltinnCli.RunAsync(all, host, CancellationToken.None);
        return Cli.Watched(all, new CliRun(code, output.ToString(), error.ToString()));
    }

    [Fact]
    public async Task A_delete_at_a_terminal_asks_first_and_deletes_nothing_unless_the_answer_is_yes()
    {
        var refused = await RunAtTerminalAsync("n\n", "instances", "delete", Demo(1));
        Deletes().Should().BeEmpty();
        var accepted = await RunAtTerminalAsync("y\n", "instances", "delete", Demo(1));

        refused.ExitCode.Should().Be(ExitCodes.Cancelled, refused.ToString());
        refused.Error.Should().Contain("Soft-delete " + Demo(1) + "? [y/N]").And.Contain("Nothing was deleted.");
        accepted.ExitCode.Should().Be(0, accepted.ToString());
        Deletes().Should().ContainSingle();
    }

    [Fact]
    public async Task Undeploy_check_delete_active_at_a_terminal_asks_first_and_deletes_nothing_unless_the_answer_is_yes()
    {
        var refused = await RunAtTerminalAsync("no\n", "undeploy-check", "--app", DemoApp, "--delete-active");
        Deletes().Should().BeEmpty();
        var withYes = await RunAtTerminalAsync(string.Empty, "undeploy-check", "--app", DemoApp, "--delete-active", "--yes");

        refused.ExitCode.Should().Be(ExitCodes.Cancelled, refused.ToString());
        refused.Error.Should().Contain($"Hard-delete the active instances of {DemoApp}? [y/N]").And.Contain("Nothing was deleted.");
        withYes.ExitCode.Should().Be(0, withYes.ToString());
        withYes.Error.Should().NotContain("[y/N]");
        Deletes().Should().HaveCount(3, "the demo seed has three active instances");
    }

    [Fact]
    public async Task Undeploy_check_without_delete_active_or_as_a_dry_run_never_asks()
    {
        var report = await RunAtTerminalAsync(string.Empty, "undeploy-check", "--app", DemoApp);
        var dryRun = await RunAtTerminalAsync(string.Empty, "undeploy-check", "--app", DemoApp, "--delete-active", "--dry-run");

        foreach (var run in new[] { report, dryRun })
        {
            run.ExitCode.Should().Be(0, run.ToString());
            run.Error.Should().NotContain("[y/N]");
        }

        Deletes().Should().BeEmpty();
    }

    [Fact]
    public async Task Yes_or_redirected_input_never_asks()
    {
        var withYes = await RunAtTerminalAsync(string.Empty, "instances", "delete", Demo(1), "--yes");
        var redirected = await _fixture.RunAsync("instances", "delete", Demo(3));

        withYes.ExitCode.Should().Be(0, withYes.ToString());
        redirected.ExitCode.Should().Be(0, redirected.ToString());
        withYes.Error.Should().NotContain("[y/N]");
        redirected.Error.Should().NotContain("[y/N]");
        Deletes().Should().HaveCount(2);
    }

    [Fact]
    public async Task Auth_status_shows_who_where_and_until_when_but_never_the_token()
    {
        var table = await _fixture.RunAsync("auth", "status");
        var json = await _fixture.RunAsync("auth", "status", "--json");

        table.ExitCode.Should().Be(0, table.ToString());
        table.Output.Should().Contain("Environment: local").And.Contain("urn:altinn:org: ttd").And.Contain("Token expires:");
        var result = json.JsonLines().Single();
        result.GetProperty("identity").GetProperty("urn:altinn:org").GetString().Should().Be("ttd");
        result.GetProperty("expiresOn").GetDateTimeOffset().Should().BeAfter(DateTimeOffset.UtcNow);
        foreach (var run in new[] { table, json })
        {
            Cli.JwtPattern().IsMatch(run.Output + run.Error).Should().BeFalse("the token is never shown");
            (run.Output + run.Error).Should().NotContain(_fixture.Token);
        }
    }

    [Fact]
    public async Task Verbose_says_where_the_environment_and_the_credential_came_from()
    {
        var quiet = await _fixture.RunAsync("instances", "get", Demo(2));
        var verbose = await _fixture.RunAsync("instances", "get", Demo(2), "--verbose");

        verbose.ExitCode.Should().Be(0, verbose.ToString());
        verbose.Error.Should().Contain("from --env").And.Contain("credential from --token");
        quiet.Error.Should().NotContain("credential from");
    }

    [Fact]
    public void The_tool_rolls_forward_to_newer_major_versions_of_dotnet()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "altinn.runtimeconfig.json")));

        config.RootElement.GetProperty("runtimeOptions").GetProperty("rollForward").GetString().Should().Be("Major");
    }
}
