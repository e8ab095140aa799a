namespace Altinn.Sdk.Cli.Tests;

/// <summary>Every new command runs against the embedded emulator's demo seed with --emulator alone.</summary>
public sealed class EmulatorCommandsTests
{
    [Theory]
    [InlineData("undeploy-check --app ttd/demo-app", "Alternatives to undeploying:")]
    [InlineData("drafts delete --app ttd/demo-app --created-before 2020-09-30 --dry-run", "Dry run: 1 done, 0 skipped, 0 failed")]
    [InlineData("instances substatus --app ttd/demo-app --complete true --label Arkivert --dry-run", "Dry run: ")]
    [InlineData("events list --app ttd/demo-app", "0 events of ttd/demo-app.")]
    public async Task Runs_against_the_demo_seed(string args, string expected)
    {
        var run = await Cli.RunAsync([.. args.Split(' '), "--emulator"]);

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        run.Output.Should().Contain(expected);
        run.Error.Should().Contain("Using an embedded emulator");
    }

    [Fact]
    public async Task Archive_runs_against_the_demo_seed_under_a_progress_bar_at_a_terminal()
    {
        string folder = Directory.CreateTempSubdirectory("altinn-cli-emulator-").FullName;
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var host = new Hosting.CliHost(output, error) { GetEnvironmentVariable = _ => null, UserProfileFolder = null, IsTerminal = true };

            string[] args = ["archive", "--app", "ttd/demo-app", "--out", folder, "--emulator"];
            int code = await AltinnCli.RunAsync(args, host, CancellationToken.None);
            Cli.Watched(args, new CliRun(code, output.ToString(), error.ToString()));

            code.Should().Be(ExitCodes.Success, error.ToString());
            output.ToString().Should().Contain("2 done, 0 skipped, 0 failed");
            Directory.EnumerateFiles(folder, "manifest.json", SearchOption.AllDirectories).Should().HaveCount(2);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
