using Spectre.Console;

namespace Altinn.Sdk.Cli.Commands;

/// <summary><c>altinn undeploy-check</c>: what undeploying an app would leave behind, optionally with an export and deleting the active instances.</summary>
internal static class UndeployCheckCommand
{
    public static Command Create(CliApp app)
    {
        var export = CliValues.Folder(
            "--export",
            "First export every instance to this folder (the archive layout: DIR/{org}/{app}/{partyId}/{instanceGuid}/; nothing is confirmed).");
        var deleteActive = new Option<bool>("--delete-active")
        {
            Description = "After the report (and the export), hard-delete the active instances (not completed, not deleted) through the app's own API, "
                + "as Altinn advises before an undeploy; with an export, only the instances it archived are deleted (one whose export failed, or that appeared after the export, is kept). The app's policy.xml must let the org delete.",
        };
        var workflow = new WorkflowCommand(
            "undeploy-check",
            "Report what undeploying an app would leave behind, from Storage alone (it works before and after an undeploy): active instances by task, "
            + "drafts by age, completed instances not confirmed, deleted drafts, the automatic deletion settings, and the alternatives to undeploying. "
            + "Exit code 1 when an export or delete failed for some instances.",
            "exported or deleted",
            export,
            deleteActive);
        (Command command, var appId, var concurrency, var dryRun) = (workflow.Command, workflow.AppId, workflow.Concurrency, workflow.DryRun);
        app.Options.AddTo(command);

        app.SetAction(command, async (context, parse, cancellationToken) =>
        {
            AppId id = parse.GetValue(appId)!;
            var options = new UndeployReadinessOptions
            {
                ExportDirectory = parse.GetValue(export),
                DeleteActiveInstances = parse.GetValue(deleteActive),
                DryRun = parse.GetValue(dryRun),
                RequestOptions = context.RequestOptions,
            };
            if (parse.GetValue(concurrency) is { } maxConcurrency) options.MaxConcurrency = maxConcurrency;
            if (options.DeleteActiveInstances && !options.DryRun && !await app.ConfirmAsync(parse, $"Hard-delete the active instances of {id}?", cancellationToken))
            {
                context.Output.Note("Nothing was deleted.");
                return ExitCodes.Cancelled;
            }

            string description = options.ExportDirectory is not null ? $"Exporting {id}"
                : options.DeleteActiveInstances ? $"Deleting the active instances of {id}"
                : $"Reading the instances of {id}";

            (UndeployReadinessReport? report, int exitCode) = await WorkflowText.RunAsync(
                context, description, "undeploy-check", options, () => context.Workflows.GetUndeployReadinessAsync(id, options, cancellationToken), cancellationToken);
            if (report is null) return exitCode;

            Write(context.Output, report);
            return WorkflowText.ExitCodeOf(report.Export, report.ActiveInstancesDeletion);
        });
        return command;
    }

    private static void Write(CliOutput output, UndeployReadinessReport report)
    {
        if (output.Json)
        {
            output.JsonLine(writer => WriteJson(writer, report));
        }
        else
        {
            WriteTables(output, report);
        }

        foreach (string warning in (report.Export?.Warnings ?? []).Concat(report.ActiveInstancesDeletion?.Warnings ?? [])) output.Warning(warning);
    }

    private static void WriteTables(CliOutput output, UndeployReadinessReport report)
    {
        output.Line(WorkflowText.Invariant($"Undeploy readiness of {report.AppId} ({report.Generated.ToUniversalTime():yyyy-MM-dd HH:mm} UTC): {report.TotalInstances} instances in Storage."));

        var states = new Table { Border = TableBorder.Simple };
        states.AddColumn("State");
        states.AddColumn(new TableColumn("Count").RightAligned());
        states.AddRow(CliOutput.Cell("active (drafts)"), Count(report.Drafts));
        states.AddRow(CliOutput.Cell("deleted, not completed"), Count(report.DeletedDrafts));
        states.AddRow(CliOutput.Cell("completed"), Count(report.Completed));
        states.AddRow(CliOutput.Cell($"completed, not confirmed by {report.AppId.Org}"), Count(report.CompletedUnconfirmed));
        Section(output, "Instances", states);

        var tasks = new Table { Border = TableBorder.Simple };
        tasks.AddColumn("Task");
        tasks.AddColumn(new TableColumn("Count").RightAligned());
        foreach (var (task, count) in report.ActiveByCurrentTask.OrderBy(t => t.Key, StringComparer.Ordinal)) tasks.AddRow(CliOutput.Cell(task), Count(count));
        if (report.ActiveByCurrentTask.Count == 0) tasks.AddRow(CliOutput.Cell("(none)"), Count(0));
        Section(output, "Active instances per task", tasks);

        var ages = new Table { Border = TableBorder.Simple };
        ages.AddColumn("Age");
        ages.AddColumn(new TableColumn("Count").RightAligned());
        foreach (DraftAgeGroup group in report.DraftsByAge) ages.AddRow(CliOutput.Cell(group.Label), Count(group.Count));
        Section(output, "Drafts by age (since created)", ages);

        var autoDelete = new Table { Border = TableBorder.Simple };
        autoDelete.AddColumn("Where");
        autoDelete.AddColumn("Deletes");
        autoDelete.AddRow(CliOutput.Cell("the app (whole instances)"), CliOutput.Cell(report.AppAutoDeleteOnProcessEnd ? "yes" : "no"));
        autoDelete.AddRow(CliOutput.Cell("data types"), CliOutput.Cell(report.AutoDeleteDataTypes.Count == 0 ? "none" : string.Join(", ", report.AutoDeleteDataTypes)));
        Section(output, "Automatic deletion at process end (autoDeleteOnProcessEnd)", autoDelete);

        if (report.Export is { } exported) WorkflowText.WriteTable(output, exported, $" exported (folder {exported.AppDirectory})");
        if (report.ActiveInstancesDeletion is { } deleted) WorkflowText.WriteTable(output, deleted, " (hard-deleting the active instances through the app; the counts above are from before)");

        output.Line(UndeployReadinessReport.AfterUndeploy);
        output.Line("Alternatives to undeploying:");
        foreach (string alternative in UndeployReadinessReport.Alternatives) output.Line("  - " + alternative);
    }

    /// <summary>
    /// The --json report: <c>{"action":"undeploy-check","appId","generated","totalInstances","drafts","activeByCurrentTask":{task:n},
    /// "draftsByAge":[{"label","olderThanDays","upToDays","count"}],"deletedDrafts","completed","completedUnconfirmed",
    /// "autoDeleteOnProcessEnd":{"app","dataTypes":[...]},"afterUndeploy","alternatives":[...],"export":{result}|null,"deleteActive":{result}|null}</c>.
    /// </summary>
    private static void WriteJson(Utf8JsonWriter writer, UndeployReadinessReport report)
    {
        writer.WriteStartObject();
        writer.WriteString("action", "undeploy-check");
        writer.WriteString("appId", report.AppId.ToString());
        writer.WriteString("generated", report.Generated);
        writer.WriteNumber("totalInstances", report.TotalInstances);
        writer.WriteNumber("drafts", report.Drafts);
        writer.WriteStartObject("activeByCurrentTask");
        foreach (var (task, count) in report.ActiveByCurrentTask.OrderBy(t => t.Key, StringComparer.Ordinal)) writer.WriteNumber(task, count);
        writer.WriteEndObject();
        writer.WriteStartArray("draftsByAge");
        foreach (DraftAgeGroup group in report.DraftsByAge)
        {
            writer.WriteStartObject();
            writer.WriteString("label", group.Label);
            if (group.OlderThan is { } from) writer.WriteNumber("olderThanDays", from.TotalDays);
            if (group.UpTo is { } upTo) writer.WriteNumber("upToDays", upTo.TotalDays);
            writer.WriteNumber("count", group.Count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("deletedDrafts", report.DeletedDrafts);
        writer.WriteNumber("completed", report.Completed);
        writer.WriteNumber("completedUnconfirmed", report.CompletedUnconfirmed);
        writer.WriteStartObject("autoDeleteOnProcessEnd");
        writer.WriteBoolean("app", report.AppAutoDeleteOnProcessEnd);
        WorkflowText.WriteItems(writer, "dataTypes", report.AutoDeleteDataTypes);
        writer.WriteEndObject();
        writer.WriteString("afterUndeploy", UndeployReadinessReport.AfterUndeploy);
        WorkflowText.WriteItems(writer, "alternatives", UndeployReadinessReport.Alternatives);
        WriteResult(writer, "export", report.Export, result => writer.WriteString("appDirectory", result.AppDirectory));
        WriteResult(writer, "deleteActive", report.ActiveInstancesDeletion, extra: null);
        writer.WriteEndObject();
    }

    private static void WriteResult<T>(Utf8JsonWriter writer, string name, T? result, Action<T>? extra)
        where T : WorkflowResult
    {
        if (result is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        extra?.Invoke(result);
        WorkflowText.WriteJsonProperties(writer, result);
        writer.WriteEndObject();
    }

    private static void Section(CliOutput output, string title, Table table)
    {
        output.Line(string.Empty);
        output.Line(title + ":");
        output.Console.Write(table);
    }

    private static Text Count(int count) => new(count.ToString(CultureInfo.InvariantCulture));
}
