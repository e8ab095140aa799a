using System.Buffers;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Altinn.Sdk.Cli.Hosting;

/// <summary>
/// Where a command writes: tables and text through Spectre.Console for people, one JSON value a line for scripts
/// (<c>--json</c>), and errors to standard error. Live status is shown only to a person at a terminal.
/// </summary>
internal sealed class CliOutput
{
    // Redirected output is not wrapped to a terminal's width: a line of a table stays one line in a file.
    private const int RedirectedWidth = 240;

    private static readonly JsonWriterOptions s_jsonOptions = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly CliHost _host;

    public CliOutput(CliHost host, bool json)
    {
        _host = host;
        Json = json;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(host.Output),
            Ansi = host.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = host.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = host.IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!host.IsTerminal) Console.Profile.Width = RedirectedWidth;
    }

    /// <summary>Whether the command writes JSON (<c>--json</c>) rather than tables.</summary>
    public bool Json { get; }

    /// <summary>Standard output for people: tables, grids, text (markup must be escaped; use <see cref="Cell"/>).</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Standard output as plain text (JSON, tokens).</summary>
    public TextWriter Out => _host.Output;

    /// <summary>Whether live status and progress may be drawn: a person at a terminal, not <c>--json</c>.</summary>
    public bool ShowsProgress => _host.IsTerminal && !Json;

    /// <summary>A table cell or line of plain text: never read as markup, so '[' in data is safe.</summary>
    public static IRenderable Cell(string? text) => new Text(string.IsNullOrEmpty(text) ? "-" : text);

    /// <summary>Writes a line of text for people (ignored with <c>--json</c>, where only JSON goes to standard output).</summary>
    public void Line(string text)
    {
        if (!Json) Console.Write(new Text(text + System.Environment.NewLine));
    }

    /// <summary>Writes one JSON value on one line.</summary>
    public void JsonLine(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, s_jsonOptions))
        {
            write(writer);
        }

        Out.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>
    /// Writes JSON as the service sent it, on one line. Storage's JSON is already one line and is written byte for
    /// byte; JSON with line breaks is written compactly (same content, whitespace removed).
    /// </summary>
    public void RawJsonLine(ReadOnlyMemory<byte> utf8Json)
    {
        if (utf8Json.Span.IndexOfAny((byte)'\n', (byte)'\r') < 0)
        {
            Out.WriteLine(Encoding.UTF8.GetString(utf8Json.Span));
            return;
        }

        using var document = JsonDocument.Parse(utf8Json);
        JsonLine(document.WriteTo);
    }

    /// <summary>Writes a note for people to standard error (never with <c>--json</c>: scripts read standard error for errors only).</summary>
    public void Note(string text)
    {
        if (!Json) _host.Error.WriteLine(text);
    }

    /// <summary>Writes a warning to standard error, with <c>--json</c> too.</summary>
    public void Warning(string text)
    {
        if (Json)
        {
            WriteErrorJson("warning", text, exitCode: null, status: null);
        }
        else
        {
            _host.Error.WriteLine("altinn: warning: " + text);
        }
    }

    /// <summary>Writes an error to standard error: <c>altinn: message</c>, or with <c>--json</c> one JSON object.</summary>
    public void Error(string message, int exitCode, int? status = null)
    {
        if (Json)
        {
            WriteErrorJson("error", message, exitCode, status);
        }
        else
        {
            _host.Error.WriteLine("altinn: " + message);
        }
    }

    /// <summary>Runs work while a spinner with <paramref name="text"/> shows, when a person is watching; else just runs it.</summary>
    public async Task<T> StatusAsync<T>(string text, Func<Task<T>> work)
    {
        if (!ShowsProgress) return await work();
        return await Console.Status().StartAsync(Markup.Escape(text), _ => work());
    }

    /// <summary>
    /// Runs long work under a progress bar when a person is watching (else just runs it). The work reports how many
    /// items are done so far; with a <paramref name="total"/> the bar fills, without one it shows the count.
    /// Lines and tables written meanwhile appear above the bar.
    /// </summary>
    public async Task<T> ProgressAsync<T>(string description, long? total, Func<IProgress<long>, Task<T>> work)
    {
        if (!ShowsProgress) return await work(NoProgress.Instance);
        return await Console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                ProgressTask task = progress.AddTask(Markup.Escape(description), maxValue: total ?? 1);
                task.IsIndeterminate = total is null;
                T result = await work(new BarProgress(task, description));
                task.StopTask();
                return result;
            });
    }

    private sealed class NoProgress : IProgress<long>
    {
        public static readonly NoProgress Instance = new();

        public void Report(long value)
        {
        }
    }

    private sealed class BarProgress(ProgressTask task, string description) : IProgress<long>
    {
        public void Report(long value)
        {
            if (task.IsIndeterminate)
            {
                task.Description = Markup.Escape(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{description} ({value})"));
            }
            else
            {
                task.Value = value;
            }
        }
    }

    private void WriteErrorJson(string kind, string message, int? exitCode, int? status)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, s_jsonOptions))
        {
            writer.WriteStartObject();
            writer.WriteString(kind, message);
            if (exitCode is not null) writer.WriteNumber("exitCode", exitCode.Value);
            if (status is not null) writer.WriteNumber("status", status.Value);
            writer.WriteEndObject();
        }

        _host.Error.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
