using Altinn.Sdk.Authentication;

namespace Altinn.Sdk.Cli.Hosting;

/// <summary>
/// What every command file gets: the surroundings and the global options. <see cref="SetAction"/> gives a command
/// its <see cref="CliContext"/> and turns failures into the documented exit codes and messages.
/// </summary>
internal sealed class CliApp(CliHost host)
{
    public CliHost Host { get; } = host;

    public GlobalOptions Options { get; } = new();

    /// <summary>Sets a command's action: builds the context, runs <paramref name="action"/>, maps failures to exit codes.</summary>
    /// <param name="command">The command.</param>
    /// <param name="action">The command's work; returns its exit code.</param>
    /// <param name="commandSettings">Settings the command takes as its own flags (setting name to flag and value), for example <c>token --scope</c>.</param>
    public void SetAction(
        Command command,
        Func<CliContext, ParseResult, CancellationToken, Task<int>> action,
        Func<ParseResult, IReadOnlyDictionary<string, (string Flag, string Value)>?>? commandSettings = null)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            CliContext? context = null;
            try
            {
                context = await CliContext.CreateAsync(parse, Options, Host, commandSettings?.Invoke(parse), cancellationToken);
                return await action(context, parse, cancellationToken);
            }
            catch (Exception e) when (ExitCodeFor(e, cancellationToken) is { } exitCode)
            {
                (context?.Output ?? new CliOutput(Host, parse.GetValue(Options.Json))).Error(MessageFor(e, exitCode), exitCode, (e as AltinnRequestFailedException)?.Status);
                return exitCode;
            }
            finally
            {
                if (context is not null) await context.DisposeAsync();
            }
        });
    }

    /// <summary>
    /// Asks before a destructive step, unless <c>--yes</c> is given or no person can answer (input redirected).
    /// Returns whether to go on; the answer must be y or yes.
    /// </summary>
    public async Task<bool> ConfirmAsync(ParseResult parse, string question, CancellationToken cancellationToken)
    {
        if (parse.GetValue(Options.Yes) || !Host.IsInteractive) return true;
        await Host.Error.WriteAsync($"{CliOutput.Printable(question)} [y/N] ");
        string? answer = await Host.Input.ReadLineAsync(cancellationToken);
        return answer?.Trim().ToUpperInvariant() is "Y" or "YES";
    }

    /// <summary>The exit code for a failure, or null for a defect (which then surfaces as one).</summary>
    internal static int? ExitCodeFor(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => ExitCodes.Cancelled,
        CliUsageException or ArgumentException or FormatException => ExitCodes.UsageError,
        AltinnAuthenticationException => ExitCodes.AuthenticationFailed,
        AltinnRequestFailedException { Status: 401 } => ExitCodes.AuthenticationFailed,

        // The token exchange itself refused: a credential problem, whatever the status.
        AltinnRequestFailedException failed when failed.RequestUri?.Contains("/authentication/api/", StringComparison.Ordinal) == true => ExitCodes.AuthenticationFailed,
        AltinnRequestFailedException or HttpRequestException => ExitCodes.RequestFailed,
        OperationCanceledException => ExitCodes.RequestFailed,

        // Key and config files are read (and their errors reported) before this; what is left is the embedded emulator failing to start.
        IOException => ExitCodes.Failed,
        _ => null,
    };

    private static string MessageFor(Exception exception, int exitCode) => exception switch
    {
        _ when exitCode == ExitCodes.Cancelled => "Cancelled.",
        OperationCanceledException => "The request timed out: " + exception.Message,
        HttpRequestException => "Altinn could not be reached: " + exception.Message,

        // The parameter name means nothing on a command line.
        ArgumentException { ParamName: { } name } when exception.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal) =>
            exception.Message[..^$" (Parameter '{name}')".Length],
        _ => exception.Message,
    };
}
