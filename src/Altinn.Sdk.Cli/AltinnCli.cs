using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Altinn.Sdk.Cli.Commands;

namespace Altinn.Sdk.Cli;

/// <summary>The <c>altinn</c> command line: a root command with one subcommand per task.</summary>
public static class AltinnCli
{
    /// <summary>Builds the root command with all subcommands.</summary>
    /// <param name="output">Where a command writes its results.</param>
    /// <param name="error">Where a command writes its errors.</param>
    public static RootCommand CreateRootCommand(TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        return CreateRootCommand(new CliHost(output, error));
    }

    /// <summary>Runs the command line; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="cancellationToken">Stops a running command cleanly (Ctrl+C).</param>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        // Colours and live status only for a person at a terminal: not when output goes to a file, a pipe or a test.
        bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        // Questions only when a person can answer them: never when input is redirected (a script, a pipe, cron).
        bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsInputRedirected;
        return RunAsync(args, new CliHost(output, error) { IsTerminal = terminal, IsInteractive = interactive, Input = Console.In }, cancellationToken);
    }

    /// <summary>Runs the command line with the given surroundings (tests give their own environment variables).</summary>
    internal static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken)
    {
        var root = CreateRootCommand(host);
        var parsed = root.Parse(args);
        // --help wins over missing arguments: 'altinn instances get --help' shows the help.
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpWithExitCodes)
        {
            foreach (var problem in parsed.Errors) await host.Error.WriteLineAsync("altinn: " + CliOutput.Printable(problem.Message));
            var names = new List<string>();
            for (var result = parsed.CommandResult; result is not null; result = result.Parent as CommandResult)
            {
                names.Insert(0, result.Command == root ? "altinn" : result.Command.Name);
            }

            await host.Error.WriteLineAsync($"Run '{string.Join(' ', names)} --help' for usage.");
            return ExitCodes.UsageError;
        }

        // Signals are handled by the caller (Program), which cancels the token.
        var configuration = new InvocationConfiguration { Output = host.Output, Error = host.Error, ProcessTerminationTimeout = null };
        return await parsed.InvokeAsync(configuration, cancellationToken);
    }

    private static RootCommand CreateRootCommand(CliHost host)
    {
        // A command is one file: a static Create(CliApp) that builds the Command and gives app.SetAction its work
        // (the context brings the environment, credential, output and clients). A new top-level command is added
        // here, and calls app.Options.AddTo itself when it talks to Altinn, as the groups below do.
        var app = new CliApp(host);
        var root = new RootCommand(
            "The altinn command-line tool for Altinn 3: list, inspect, delete and mark instances, archive completed instances, check an app before undeploying, "
            + "read and follow its events, delete stale drafts, print a token for curl, "
            + "and run a local emulator of the Altinn APIs. Environment and credentials come from the command line (--env, --emulator, --token), "
            + "then the ALTINN__* environment variables, then the config file (--config, default ~/.altinn/config.json), in that order; "
            + "the README lists every setting.")
        {
            InstancesCommand.Create(app),
            ArchiveCommand.Create(app),
            UndeployCheckCommand.Create(app),
            EventsCommand.Create(app),
            DraftsCommand.Create(app),
            ModelCommand.Create(app),
            AppCommand.Create(app),
            TokenCommand.Create(app),
            AuthCommand.Create(app),
            EmulatorCommand.Create(host.Output, host.Error),
        };

        foreach (var help in root.Options.OfType<HelpOption>())
        {
            if (help.Action is SynchronousCommandLineAction action) help.Action = new HelpWithExitCodes(action);
        }

        return root;
    }

    /// <summary>The standard help, followed by the exit codes.</summary>
    private sealed class HelpWithExitCodes(SynchronousCommandLineAction help) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            int result = help.Invoke(parseResult);
            parseResult.InvocationConfiguration.Output.WriteLine(ExitCodes.HelpText);
            parseResult.InvocationConfiguration.Output.WriteLine();
            return result;
        }
    }
}
