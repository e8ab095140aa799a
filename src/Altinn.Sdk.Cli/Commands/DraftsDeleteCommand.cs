namespace Altinn.Sdk.Cli.Commands;

/// <summary><c>altinn drafts delete</c>: deletes an app's stale drafts through the app's own API, after Altinn's documented recipe.</summary>
internal static class DraftsDeleteCommand
{
    public static Command Create(CliApp app)
    {
        var createdBefore = new Option<DateOnly?>("--created-before")
        {
            Description = "Required: drafts created on or before this day (UTC), for example 2020-09-30 (Storage: created=lte:2020-09-30).",
            HelpName = "YYYY-MM-DD",
            Required = true,
            CustomParser = result =>
            {
                string value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
                if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day)) return day;
                result.AddError($"--created-before: '{value}' is not a day as yyyy-MM-dd (for example 2020-09-30).");
                return null;
            },
        };
        var task = CliValues.Task("The task the drafts are still in (process.currentTask). Default: Task_1, the filling-in task of Altinn's app templates.");
        var anyTask = new Option<bool>("--any-task")
        {
            Description = "Drafts in any task (process.isComplete=false) instead of one task. A completed instance is never deleted.",
        };
        var hard = new Option<bool>("--hard")
        {
            Description = "Hard-delete: gone from the owner's inbox and purged by Altinn later. Default: soft (the owner can restore it from the inbox's bin).",
        };
        var workflow = new WorkflowCommand(
            "delete",
            "Delete an app's stale drafts as Altinn documents it: find them in Storage (appId=ORG/APP&created=lte:DATE&process.currentTask=Task_1; "
            + "drafts already deleted are left out), list them all, then delete each through the app's own API (DELETE {org}.apps.{env}/{org}/{app}/instances/{partyId}/{guid}). "
            + "By default an app owner may not delete: the app's policy.xml needs the rule \"org can delete an instance of org/app regardless of process state\"; "
            + "without it each draft fails with 403 and the exit code is 1. Safe to re-run.",
            "deleted",
            createdBefore,
            task,
            anyTask,
            hard);
        Command command = workflow.Command;
        command.Validators.Add(result =>
        {
            if (result.GetResult(task) is not null && result.GetResult(anyTask) is not null) result.AddError("--task and --any-task contradict each other; give one.");
        });

        app.SetAction(command, async (context, parse, cancellationToken) =>
        {
            AppId id = parse.GetValue(workflow.AppId)!;
            DateOnly day = parse.GetValue(createdBefore)!.Value;
            var options = workflow.Apply(
                new DeleteDraftsOptions
                {
                    Created = DateFilter.OnOrBefore(day.Year, day.Month, day.Day),
                    CurrentTask = parse.GetValue(anyTask) ? null : parse.GetValue(task) ?? "Task_1",
                    Hard = parse.GetValue(hard),
                },
                parse,
                context);
            if (!options.DryRun && !await app.ConfirmAsync(parse, $"Delete the drafts of {id} created on or before {day:yyyy-MM-dd}?", cancellationToken))
            {
                context.Output.Note("Nothing was deleted.");
                return ExitCodes.Cancelled;
            }

            (WorkflowResult? result, int exitCode) = await WorkflowText.RunAsync(
                context, $"Deleting the drafts of {id}", "delete-drafts", options, () => context.Workflows.DeleteDraftsAsync(id, options, cancellationToken), cancellationToken);
            if (result is null) return exitCode;

            string day8601 = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            WorkflowText.Write(
                context.Output,
                "delete-drafts",
                result,
                writer =>
                {
                    writer.WriteString("appId", id.ToString());
                    writer.WriteString("createdBefore", day8601);
                    if (options.CurrentTask is null) writer.WriteNull("currentTask");
                    else writer.WriteString("currentTask", options.CurrentTask);
                    writer.WriteBoolean("hard", options.Hard);
                },
                summary: $" (drafts of {id} created on or before {day8601}, {(options.CurrentTask is null ? "in any task" : "in " + options.CurrentTask)}; {(options.Hard ? "hard" : "soft")} delete)");
            return WorkflowText.ExitCodeOf(result);
        });
        return command;
    }
}
