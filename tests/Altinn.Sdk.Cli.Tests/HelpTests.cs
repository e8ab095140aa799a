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

/// <summary>Ctrl+C stops a command with exit code 130.</summary>
public sealed class CancellationTests
{
    [Fact]
    public async Task A_cancelled_command_exits_130()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new Hosting.CliHost(output, error) { GetEnvironmentVariable = _ => null, UserProfileFolder = null };

        int code = await AltinnCli.RunAsync(["instances", "list", "--app", "ttd/demo-app", "--emulator"], host, new CancellationToken(canceled: true));

        code.Should().Be(ExitCodes.Cancelled, error.ToString());
        error.ToString().Should().Contain("Cancelled.");
        output.ToString().Should().BeEmpty();
    }
}

/// <summary><c>token</c> with a token given as is.</summary>
[Collection(SharedEmulator.Name)]
public sealed class StaticTokenTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task Token_given_as_is_is_printed_unchanged_and_scope_warns()
    {
        var run = await fixture.RunAsync("token", "--scope", "altinn:serviceowner/instances.read");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Be(fixture.Token + Environment.NewLine);
        run.Error.Should().Contain("--scope does not change a token given as is");
    }
}
