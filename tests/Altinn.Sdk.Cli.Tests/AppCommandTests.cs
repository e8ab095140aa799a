namespace Altinn.Sdk.Cli.Tests;

/// <summary><c>altinn app show</c> against the emulator's demo app.</summary>
public sealed class AppCommandTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Show_prints_the_metadata_the_data_types_with_their_schema_and_the_process_in_order()
    {
        var run = await emulator.RunAsync("app", "show", "--app", EmulatorFixture.DemoApp);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("App:     ttd/demo-app")
            .And.Contain("model: form data, schema model, class Altinn.App.Models.")
            .And.Contain("vedleggA: attachment")
            .And.Contain("1. Task_1 (Task_1): data")
            .And.Contain("2. Task_2 (Task_2): confirmation, actions confirm");
        run.Output.IndexOf("Task_1", StringComparison.Ordinal).Should().BeLessThan(run.Output.IndexOf("Task_2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Show_without_an_app_is_a_usage_error()
    {
        var run = await emulator.RunAsync("app", "show");
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--app");
    }
}
