using System.CommandLine;
using Altinn.Sdk.Cli.Commands;

namespace Altinn.Sdk.Cli;

/// <summary>The <c>altinn</c> command line: a root command with one subcommand per task.</summary>
public static class AltinnCli
{
    /// <summary>The exit code for bad arguments.</summary>
    public const int UsageError = 2;

    /// <summary>Builds the root command with all subcommands.</summary>
    /// <param name="output">Where a command writes its results.</param>
    /// <param name="error">Where a command writes its errors.</param>
    public static RootCommand CreateRootCommand(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("The altinn command-line tool for Altinn 3: run a local emulator of the Altinn APIs.");
        root.Subcommands.Add(EmulatorCommand.Create(output, error));
        return root;
    }

    /// <summary>Runs the command line; returns the exit code (2 for bad arguments).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="cancellationToken">Stops a long-running command (the emulator) cleanly.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var root = CreateRootCommand(output, error);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors) await error.WriteLineAsync("altinn: " + problem.Message);
            string command = parsed.CommandResult.Command == root ? "altinn" : "altinn " + parsed.CommandResult.Command.Name;
            await error.WriteLineAsync($"Run '{command} --help' for usage.");
            return UsageError;
        }

        // Signals are handled by the caller (Program), which cancels the token.
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        return await parsed.InvokeAsync(configuration, cancellationToken);
    }
}
