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
    public static Task<CliRun> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args) => RunInHomeAsync(environment, home: null, args);

    /// <summary>Runs <c>altinn</c> with <paramref name="home"/> as the user's home folder (where <c>.altinn/config.json</c> is looked for).</summary>
    public static async Task<CliRun> RunInHomeAsync(IReadOnlyDictionary<string, string>? environment, string? home, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost(output, error)
        {
            GetEnvironmentVariable = name => environment is not null && environment.TryGetValue(name, out string? value) ? value : null,
            UserProfileFolder = home,
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        int code = await AltinnCli.RunAsync(args, host, timeout.Token);
        return Watched(args, new CliRun(code, output.ToString(), error.ToString()));
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>Runs <c>altinn</c> until it ends or <paramref name="cancellationToken"/> stops it (a long-running command), writing to <paramref name="output"/>.</summary>
    public static async Task<CliRun> RunAsync(LineWriter output, CancellationToken cancellationToken, params string[] args)
    {
        using var error = new StringWriter();
        var host = new CliHost(output, TextWriter.Synchronized(error)) { GetEnvironmentVariable = _ => null, UserProfileFolder = null };
        int code = await AltinnCli.RunAsync(args, host, cancellationToken);
        return Watched(args, new CliRun(code, output.ToString(), error.ToString()));
    }

    /// <summary>
    /// Hands the run's output to the leak watch: standard error always; standard output as requested data (an instance
    /// as Storage sent it holds its owner's national identity number), except for <c>token</c>, which prints a token by design.
    /// </summary>
    public static CliRun Watched(string[] args, CliRun run)
    {
        string command = AltinnCli.CreateRootCommand(TextWriter.Null, TextWriter.Null).Parse(args).CommandResult.Command.Name;
        LeakWatch.Scan($"altinn {command} (stderr)", run.Error);
        if (command != "token") LeakWatch.Scan($"altinn {command} (stdout)", run.Output, isRequestedData: true);
        return run;
    }
}

/// <summary>Standard output that tells a test when a number of lines has been written (by a command still running).</summary>
public sealed class LineWriter : StringWriter
{
    private readonly Lock _gate = new();
    private (int Count, TaskCompletionSource Reached)? _wait;

    public override void Write(char value) => Locked(() => base.Write(value));

    public override void Write(string? value) => Locked(() => base.Write(value));

    public override void Write(char[] buffer, int index, int count) => Locked(() => base.Write(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        string text = buffer.ToString();
        Locked(() => base.Write(text));
    }

    public override void WriteLine(string? value) => Locked(() => base.WriteLine(value));

    public override void WriteLine(ReadOnlySpan<char> buffer)
    {
        string text = buffer.ToString();
        Locked(() => base.WriteLine(text));
    }

    public override string ToString()
    {
        lock (_gate) return base.ToString();
    }

    /// <summary>Completes when at least <paramref name="count"/> lines have been written.</summary>
    public Task WaitForLinesAsync(int count)
    {
        lock (_gate)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Lines() >= count) reached.SetResult();
            else _wait = (count, reached);
            return reached.Task;
        }
    }

    private void Locked(Action write)
    {
        lock (_gate)
        {
            write();
            if (_wait is { } wait && Lines() >= wait.Count) wait.Reached.TrySetResult();
        }
    }

    private int Lines()
    {
        int lines = 0;
        foreach (ReadOnlyMemory<char> chunk in GetStringBuilder().GetChunks())
        {
            lines += chunk.Span.Count('\n');
        }

        return lines;
    }
}
