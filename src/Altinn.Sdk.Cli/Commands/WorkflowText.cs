using Spectre.Console;

namespace Altinn.Sdk.Cli.Commands;

/// <summary>
/// How the commands over <see cref="WorkflowClient"/> run a workflow and report its result: a progress bar at a
/// terminal, a table of every instance with its outcome and reason, the warnings, and exit code 1 when some failed.
/// </summary>
internal static class WorkflowText
{
    public static Option<int?> Concurrency() => new("--concurrency")
    {
        Description = $"How many instances to work on at a time (1 to {WorkflowOptions.MaxAllowedConcurrency}; default {WorkflowOptions.DefaultMaxConcurrency}).",
        HelpName = "N",
        CustomParser = result =>
        {
            string value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed is >= 1 and <= WorkflowOptions.MaxAllowedConcurrency) return parsed;
            result.AddError($"--concurrency: '{value}' is not a whole number from 1 to {WorkflowOptions.MaxAllowedConcurrency}.");
            return null;
        },
    };

    public static Option<bool> DryRun(string what) => new("--dry-run")
    {
        Description = $"List what would be {what} and send no write (instances are still listed and read).",
    };

    /// <summary>
    /// Runs a workflow under a progress bar (counting finished instances). A run that stops (the listing failed) or is
    /// cancelled still reports what was finished before the error; the exit code then follows the cause.
    /// </summary>
    /// <returns>The outcome, or null when the run stopped or was cancelled (already reported, with the exit code returned).</returns>
    public static async Task<(T? Outcome, int ExitCode)> RunAsync<T>(CliContext context, string description, string action, WorkflowOptions options, Func<Task<T>> run, CancellationToken cancellationToken)
        where T : class
    {
        CliOutput output = context.Output;
        try
        {
            T outcome = await output.ProgressAsync(description, total: null, progress =>
            {
                options.Progress = new CountingProgress(progress);
                return run();
            });
            return (outcome, ExitCodes.Success);
        }
        catch (WorkflowStoppedException stopped)
        {
            int exitCode = CliApp.ExitCodeFor(stopped.InnerException!, cancellationToken) ?? ExitCodes.RequestFailed;
            Write(output, action, stopped.Result);
            output.Error(stopped.Message, exitCode, stopped.Status);
            return (null, exitCode);
        }
        catch (WorkflowCanceledException cancelled) when (cancellationToken.IsCancellationRequested)
        {
            Write(output, action, cancelled.Result);
            output.Error("Cancelled; what was finished before is listed above. Run the command again to continue.", ExitCodes.Cancelled);
            return (null, ExitCodes.Cancelled);
        }
    }

    /// <summary>1 when some instances failed, else 0.</summary>
    public static int ExitCodeOf(params WorkflowResult?[] results) => results.Any(r => r is { Failed.Count: > 0 }) ? ExitCodes.Failed : ExitCodes.Success;

    /// <summary>
    /// Writes a result. People get one table row per instance, a summary line and the warnings (on standard error);
    /// <c>--json</c> gives one object: <c>{"action", ...extra, "dryRun","done","skipped","failed","warnings":[...],"items":[{"instanceId","outcome","reason","status"}]}</c>.
    /// </summary>
    public static void Write(CliOutput output, string action, WorkflowResult result, Action<Utf8JsonWriter>? extra = null, string? summary = null)
    {
        if (output.Json)
        {
            output.JsonLine(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("action", action);
                extra?.Invoke(writer);
                WriteJsonProperties(writer, result);
                writer.WriteEndObject();
            });
        }
        else
        {
            WriteTable(output, result, summary);
        }

        foreach (string warning in result.Warnings) output.Warning(warning);
    }

    /// <summary>The properties of a result inside a JSON object: dryRun, the counts, the warnings and the items.</summary>
    public static void WriteJsonProperties(Utf8JsonWriter writer, WorkflowResult result)
    {
        writer.WriteBoolean("dryRun", result.DryRun);
        writer.WriteNumber("done", result.Done.Count);
        writer.WriteNumber("skipped", result.Skipped.Count);
        writer.WriteNumber("failed", result.Failed.Count);
        WriteItems(writer, "warnings", result.Warnings);
        writer.WriteStartArray("items");
        foreach (WorkflowItemResult item in result.Items)
        {
            writer.WriteStartObject();
            writer.WriteString("instanceId", item.InstanceId.ToString());
            writer.WriteString("outcome", Outcome(item.Outcome));
            writer.WriteString("reason", item.Reason);
            if (item.Status is { } status) writer.WriteNumber("status", status);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>One row per instance (instance, outcome, reason) and a summary line: <c>N done, N skipped, N failed</c>.</summary>
    public static void WriteTable(CliOutput output, WorkflowResult result, string? summary)
    {
        if (output.Json) return;
        if (result.Items.Count > 0)
        {
            var table = new Table { Border = TableBorder.Simple };
            table.AddColumn(new TableColumn("Instance").NoWrap());
            table.AddColumn("Outcome");
            table.AddColumn("Reason");
            foreach (WorkflowItemResult item in result.Items)
            {
                table.AddRow(CliOutput.Cell(item.InstanceId.ToString()), CliOutput.Cell(Outcome(item.Outcome)), CliOutput.Cell(item.Reason));
            }

            output.Console.Write(table);
        }

        output.Line(Invariant($"{(result.DryRun ? "Dry run: " : string.Empty)}{result.Done.Count} done, {result.Skipped.Count} skipped, {result.Failed.Count} failed{summary}."));
    }

    public static void WriteItems(Utf8JsonWriter writer, string name, IEnumerable<string> items)
    {
        writer.WriteStartArray(name);
        foreach (string item in items) writer.WriteStringValue(item);
        writer.WriteEndArray();
    }

    public static string Outcome(WorkflowOutcome outcome) => outcome switch
    {
        WorkflowOutcome.Done => "done",
        WorkflowOutcome.Skipped => "skipped",
        _ => "failed",
    };

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The workflow's running totals as the count the progress bar shows.</summary>
    private sealed class CountingProgress(IProgress<long> bar) : IProgress<WorkflowProgress>
    {
        public void Report(WorkflowProgress value)
        {
            if (value.Step != WorkflowStep.Started) bar.Report(value.Done + value.Skipped + value.Failed);
        }
    }
}
