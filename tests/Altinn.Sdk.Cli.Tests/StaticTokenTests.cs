namespace Altinn.Sdk.Cli.Tests;

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
