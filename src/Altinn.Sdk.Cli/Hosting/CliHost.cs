namespace Altinn.Sdk.Cli.Hosting;

/// <summary>What a run of the command line gets from its surroundings: the two output streams, the environment
/// variables, the user's profile folder, and whether standard output is a terminal.</summary>
/// <remarks>Tests give their own, so commands run in-process with captured output and a private environment.</remarks>
internal sealed class CliHost
{
    public CliHost(TextWriter output, TextWriter error)
    {
        Output = output;
        Error = error;
    }

    /// <summary>Standard output: results (tables or JSON).</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error: errors, warnings and notes.</summary>
    public TextWriter Error { get; }

    /// <summary>Reads an environment variable; the process environment unless a test replaces it.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The folder the default config file lives under (<c>~/.altinn/config.json</c>); null when there is none.</summary>
    public string? UserProfileFolder { get; init; } = NullIfEmpty(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>Standard input, where a question before a destructive command is answered.</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>Whether a person can answer questions: standard input is a terminal, not redirected. Never in tests unless set.</summary>
    public bool IsInteractive { get; init; }

    /// <summary>Whether standard output is an interactive terminal: colours, live status and wrapping to its width.</summary>
    public bool IsTerminal { get; init; }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
