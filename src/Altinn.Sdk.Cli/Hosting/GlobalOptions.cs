namespace Altinn.Sdk.Cli.Hosting;

/// <summary>
/// The options every command that talks to Altinn takes: where (<c>--env</c> or <c>--emulator</c>), as whom
/// (<c>--token</c>, or the config file and environment variables), and how to print (<c>--json</c>).
/// </summary>
/// <remarks>Added to each command group as recursive options, so they may stand before or after the subcommand.</remarks>
internal sealed class GlobalOptions
{
    public Option<string?> Environment { get; } = Recursive<string?>(
        "--env",
        "prod|tt02|at22|at23|at24|yt01|URL",
        "The Altinn environment: prod, tt02, at22, at23, at24, yt01, or a base URL (HTTPS, or HTTP on loopback, for an emulator). "
        + "Default: ALTINN__ENVIRONMENT, then 'environment' in the config file.");

    public Option<bool> Emulator { get; } = Recursive<bool>(
        "--emulator",
        null,
        "Start an embedded emulator with the demo seed (app ttd/demo-app) for this command and sign in to it as the app owner ttd.");

    public Option<FileInfo?> Config { get; } = Recursive<FileInfo?>(
        "--config",
        "FILE",
        "A JSON config file with the environment and credentials (default: ~/.altinn/config.json when it exists).");

    public Option<string?> Token { get; } = Recursive<string?>(
        "--token",
        "TOKEN",
        "An Altinn token to send as is (it is never printed). Prefer ALTINN__TOKEN: a flag is visible to other users of the machine.");

    public Option<string?> Profile { get; } = Recursive<string?>(
        "--profile",
        "NAME",
        "The profile of the config file to use (under \"profiles\"; default: ALTINN__PROFILE, else the file's own settings).");

    public Option<bool> Verbose { get; } = Recursive<bool>(
        "--verbose",
        null,
        "Write details to standard error: where the environment and the credential came from, and what is sent. Never a token.");

    public Option<bool> Yes { get; } = Recursive<bool>(
        "--yes",
        null,
        "Do not ask before deleting (the tool asks only when a person can answer: never when input is redirected).",
        "-y");

    public Option<bool> Json { get; } = Recursive<bool>(
        "--json",
        null,
        "Write JSON to standard output for scripts (the shape is documented in the README); errors go to standard error as JSON.");

    public GlobalOptions()
    {
        Environment.Validators.Add(result =>
        {
            string? value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (value is not null && !AltinnEnvironment.TryParse(value, out _))
            {
                result.AddError(EnvironmentError(value));
            }
        });
        Token.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.Tokens[^1].Value)) result.AddError("--token is empty.");
        });
    }

    /// <summary>An option of a command group that its subcommands take too, before or after their own name.</summary>
    private static Option<T> Recursive<T>(string name, string? helpName, string description, params string[] aliases) =>
        new(name, aliases) { Description = description, HelpName = helpName, Recursive = true };

    /// <summary>Adds the options to a command group (they then apply to all its subcommands).</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Environment);
        command.Options.Add(Emulator);
        command.Options.Add(Config);
        command.Options.Add(Token);
        command.Options.Add(Profile);
        command.Options.Add(Verbose);
        command.Options.Add(Yes);
        command.Options.Add(Json);
    }

    /// <summary>Why a value is not an environment; the same text whether it came from --env, a variable or the config file.</summary>
    public static string EnvironmentError(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback
            ? $"'{value}' is plain HTTP to a host that is not loopback: tokens are only sent over HTTPS, or over HTTP to 127.0.0.1/localhost (an emulator)."
            : $"'{value}' is not an Altinn environment: use prod, tt02, at22, at23, at24, yt01, or an absolute URL (HTTPS, or HTTP on loopback).";
}
