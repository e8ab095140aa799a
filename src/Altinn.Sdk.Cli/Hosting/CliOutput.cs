using System.Buffers;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Altinn.Sdk.Cli.Hosting;

/// <summary>
/// Where a command writes: tables and text through Spectre.Console for people, one JSON value a line for scripts
/// (<c>--json</c>), and errors to standard error. Live status is shown only to a person at a terminal.
/// </summary>
/// <remarks>
/// Much of what is printed comes from a server (problem details, file names, labels, event types). Text for people
/// loses its control characters here (<see cref="Printable"/>): an escape sequence could retitle the terminal, move
/// the cursor to spoof other output, or write the clipboard. JSON escapes them instead.
/// </remarks>
internal sealed class CliOutput
{
    // Redirected output is not wrapped to a terminal's width: a line of a table stays one line in a file.
    private const int RedirectedWidth = 240;

    // C0 except tab and line feed, DEL, and C1 (U+0080-U+009F, where U+009B is a one-character CSI).
    private static readonly SearchValues<char> s_unprintable = SearchValues.Create(
        Enumerable.Range(0, 0xA0).Select(i => (char)i).Where(c => char.IsControl(c) && c is not '\t' and not '\n').ToArray());

    private static readonly JsonWriterOptions s_jsonOptions = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly CliHost _host;

    public CliOutput(CliHost host, bool json, bool verbose = false)
    {
        _host = host;
        Json = json;
        IsVerbose = verbose;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(host.Output),
            Ansi = host.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = host.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = host.IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });

        // Whatever a command renders reaches the terminal without control characters, also text not made by Cell.
        Console.Pipeline.Attach(PrintableHook.Instance);
        if (!host.IsTerminal) Console.Profile.Width = RedirectedWidth;
    }

    /// <summary>Whether the command writes JSON (<c>--json</c>) rather than tables.</summary>
    public bool Json { get; }

    /// <summary>Standard output for people: tables, grids, text (markup must be escaped; use <see cref="Cell"/>).</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Whether live status and progress may be drawn: a person at a terminal, not <c>--json</c>.</summary>
    public bool ShowsProgress => _host.IsTerminal && !Json;

    private TextWriter Out => _host.Output;

    /// <summary>A table cell or line of plain text: never read as markup, so '[' in data is safe; without control characters.</summary>
    public static IRenderable Cell(string? text) => new Text(string.IsNullOrEmpty(text) ? "-" : Printable(text));

    /// <summary>
    /// <paramref name="text"/> without control characters other than tab and line feed (C0, DEL and C1: ESC, BEL,
    /// CR, U+009B and the like), so that text from a server cannot steer the terminal it is printed to.
    /// </summary>
    public static string Printable(string text)
    {
        int first = text.AsSpan().IndexOfAny(s_unprintable);
        if (first < 0) return text;
        var printable = new StringBuilder(text.Length).Append(text, 0, first);
        foreach (char c in text.AsSpan(first))
        {
            if (!s_unprintable.Contains(c)) printable.Append(c);
        }

        return printable.ToString();
    }

    /// <summary>Writes a line of text for people (ignored with <c>--json</c>, where only JSON goes to standard output).</summary>
    public void Line(string text)
    {
        if (!Json) Console.Write(new Text(Printable(text) + System.Environment.NewLine));
    }

    /// <summary>Writes a line to standard output as it is, not wrapped (a token for <c>$(altinn token)</c>), without control characters.</summary>
    public void PlainLine(string text) => Out.WriteLine(Printable(text));

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
    /// byte; JSON with line breaks or another control character is written compactly (same content, whitespace
    /// removed, control characters in strings escaped: JSON allows DEL and C1 characters such as U+009B unescaped).
    /// </summary>
    public void RawJsonLine(ReadOnlyMemory<byte> utf8Json)
    {
        if (!HasControlCharacter(utf8Json.Span))
        {
            Out.WriteLine(Encoding.UTF8.GetString(utf8Json.Span));
            return;
        }

        using var document = JsonDocument.Parse(utf8Json);
        JsonLine(document.WriteTo);
    }

    /// <summary>Whether <c>--verbose</c> asked for details of what the command does.</summary>
    public bool IsVerbose { get; }

    /// <summary>Writes a detail to standard error with <c>--verbose</c> (never a token: callers pass descriptions only).</summary>
    public void Verbose(string text)
    {
        if (IsVerbose && !Json) _host.Error.WriteLine("altinn: " + Printable(text));
    }

    /// <summary>Writes a note for people to standard error (never with <c>--json</c>: scripts read standard error for errors only).</summary>
    public void Note(string text)
    {
        if (!Json) _host.Error.WriteLine(Printable(text));
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
            _host.Error.WriteLine("altinn: warning: " + Printable(text));
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
            _host.Error.WriteLine("altinn: " + Printable(message));
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

    /// <summary>Takes control characters out of the text of everything rendered; Spectre's own control codes (colours, cursor moves of live displays) stay.</summary>
    private sealed class PrintableHook : IRenderHook
    {
        public static readonly PrintableHook Instance = new();

        public IEnumerable<IRenderable> Process(RenderOptions options, IEnumerable<IRenderable> renderables) =>
            renderables.Select(r => (IRenderable)new PrintableRenderable(r));
    }

    private sealed class PrintableRenderable(IRenderable inner) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
        {
            foreach (Segment segment in inner.Render(options, maxWidth))
            {
                yield return segment.IsControlCode || segment.IsLineBreak || segment.Text.AsSpan().IndexOfAny(s_unprintable) < 0
                    ? segment
                    : new Segment(Printable(segment.Text), segment.Style);
            }
        }
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

    /// <summary>Whether UTF-8 text holds a C0 control character (line breaks too), DEL, or a C1 control character (0xC2 0x80-0x9F).</summary>
    private static bool HasControlCharacter(ReadOnlySpan<byte> utf8)
    {
        for (int i = 0; i < utf8.Length; i++)
        {
            byte b = utf8[i];
            if (b < 0x20 || b == 0x7F || (b == 0xC2 && i + 1 < utf8.Length && utf8[i + 1] is >= 0x80 and <= 0x9F)) return true;
        }

        return false;
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
