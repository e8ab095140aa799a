namespace Altinn.Sdk.Cli.Tests;

/// <summary>The help lists the commands, the global options and the exit codes.</summary>
public sealed class HelpTests
{
    [Theory]
    [InlineData("--help", "instances")]
    [InlineData("instances --help", "substatus")]
    [InlineData("instances list --help", "--exclude-confirmed-by")]
    [InlineData("instances delete --help", "policy.xml")]
    [InlineData("token --help", "--scope")]
    [InlineData("--help", "undeploy-check")]
    [InlineData("archive --help", "--no-confirm")]
    [InlineData("events --help", "tail")]
    [InlineData("events tail --help", "--checkpoint")]
    [InlineData("drafts delete --help", "policy.xml")]
    public async Task Help_shows_the_commands_options_and_exit_codes(string args, string expected)
    {
        var run = await Cli.RunAsync(args.Split(' '));

        run.ExitCode.Should().Be(0);
        run.Output.Should().Contain(expected).And.Contain("Exit codes: 0 ok; 1 failed partly").And.Contain("2 bad usage").And.Contain("3 authentication failed").And.Contain("4 request failed");
        run.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task The_global_options_apply_to_every_instance_command()
    {
        var run = await Cli.RunAsync("instances", "get", "--help");

        run.Output.Should().Contain("--env").And.Contain("--emulator").And.Contain("--config").And.Contain("--token").And.Contain("--json");
    }
}
