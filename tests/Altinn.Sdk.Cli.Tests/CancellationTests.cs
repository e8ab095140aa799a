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

        int code = await AltinnCli.RunAsync(["instances", "list", "--app", "ttd/demo-app", "--emulator"], host, new CancellationToken(canceled: true));

        code.Should().Be(ExitCodes.Cancelled, error.ToString());
        error.ToString().Should().Contain("Cancelled.");
        output.ToString().Should().BeEmpty();
    }
}
