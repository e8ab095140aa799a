using System.Text.Json;
using System.Text.RegularExpressions;
using Altinn.Sdk.Cli.Hosting;

namespace Altinn.Sdk.Cli.Tests;

/// <summary>One run of the command line, in-process, with captured output and its own environment variables.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>The lines of standard output, each parsed as JSON.</summary>
    public IReadOnlyList<JsonElement> JsonLines() =>
        Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

internal static partial class Cli
{
    /// <summary>A JSON Web Token: three base64url parts, the first two starting like a JSON object.</summary>
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")]
    public static partial Regex JwtPattern();

    /// <summary>Runs <c>altinn</c> with <paramref name="args"/>; only the variables in <paramref name="environment"/> are set, and no config file is found unless given.</summary>
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost(output, error)
        {
            GetEnvironmentVariable = name => environment is not null && environment.TryGetValue(name, out string? value) ? value : null,
            UserProfileFolder = null,
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        int code = await AltinnCli.RunAsync(args, host, timeout.Token);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(null, args);
}
