namespace Altinn.Sdk.Cli.Tests;

/// <summary>Ctrl+C stops a command with exit code 130.</summary>
public sealed class CancellationTests
{
    [Fact]
    public async Task A_cancelled_command_exits_130()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new Hosting.CliHost(output, error) { GetEnvironmentVariable = _ => null, UserProfileFolder = null };

        string[] args = ["instances", "list", "--app", "ttd/demo-app", "--emulator"];
        int code = await AltinnCli.RunAsync(args, host, new CancellationToken(canceled: true));
        Cli.Watched(args, new CliRun(code, output.ToString(), error.ToString()));

        code.Should().Be(ExitCodes.Cancelled, error.ToString());
        error.ToString().Should().Contain("Cancelled.");
        output.ToString().Should().BeEmpty();
    }
}
