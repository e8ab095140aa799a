namespace Altinn.Sdk.Cli.Commands;

/// <summary><c>altinn archive</c>: archives an app's completed instances to a folder and confirms each once its files verify.</summary>
internal static class ArchiveCommand
{
    public static Command Create(CliApp app)
    {
        var outputDirectory = CliValues.Folder(
            "--out",
            "The archive folder (created when missing). Each instance goes to DIR/{org}/{app}/{partyId}/{instanceGuid}/: instance.json, its data files and manifest.json.",
            required: true);
        var noConfirm = new Option<bool>("--no-confirm")
        {
            Description = "Write and verify the files but do not confirm the instances complete (they stay in the next run's listing, which then skips their verified files).",
        };
        var workflow = new WorkflowCommand(
            "archive",
            "Archive an app's completed instances that its owner has not confirmed yet (Storage: appId=ORG/APP&process.isComplete=true&excludeConfirmedBy=ORG), "
            + "and confirm each complete once all its files are on disk and verified. Safe to re-run: confirmed instances are no longer listed, and verified files are not downloaded again. "
            + "Warns when the app or a data type deletes at process end (autoDeleteOnProcessEnd): confirming lets Altinn purge those instances.",
            "archived",
            outputDirectory,
            noConfirm);
        Command command = workflow.Command;
        app.Options.AddTo(command);

        app.SetAction(command, async (context, parse, cancellationToken) =>
        {
            AppId id = parse.GetValue(workflow.AppId)!;
            var options = workflow.Apply(new ArchiveOptions { ConfirmComplete = !parse.GetValue(noConfirm) }, parse, context);
            string folder = parse.GetValue(outputDirectory)!;

            (ArchiveResult? result, int exitCode) = await WorkflowText.RunAsync(
                context, $"Archiving {id}", "archive", options, () => context.Workflows.ArchiveAsync(id, folder, options, cancellationToken), cancellationToken);
            if (result is null) return exitCode;

            WorkflowText.Write(
                context.Output,
                "archive",
                result,
                writer =>
                {
                    writer.WriteString("appDirectory", result.AppDirectory);
                    writer.WriteBoolean("confirm", options.ConfirmComplete);
                },
                summary: $" (folder {result.AppDirectory}{(options.ConfirmComplete ? string.Empty : "; nothing confirmed: --no-confirm")})");
            return WorkflowText.ExitCodeOf(result);
        });
        return command;
    }
}
