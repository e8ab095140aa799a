namespace Altinn.Sdk.Cli.Commands;

/// <summary><c>altinn archive</c>: archives an app's completed instances to a folder and confirms each once its files verify.</summary>
internal static class ArchiveCommand
{
    public static Command Create(CliApp app)
    {
        var appId = CliValues.AppId();
        var outputDirectory = new Option<string>("--out")
        {
            Description = "The archive folder (created when missing). Each instance goes to DIR/{org}/{app}/{partyId}/{instanceGuid}/: instance.json, its data files and manifest.json.",
            HelpName = "DIR",
            Required = true,
        };
        outputDirectory.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.Tokens[^1].Value)) result.AddError("--out is empty.");
        });
        var noConfirm = new Option<bool>("--no-confirm")
        {
            Description = "Write and verify the files but do not confirm the instances complete (they stay in the next run's listing, which then skips their verified files).",
        };
        var concurrency = WorkflowText.Concurrency();
        var dryRun = WorkflowText.DryRun("archived");
        var command = new Command(
            "archive",
            "Archive an app's completed instances that its owner has not confirmed yet (Storage: appId=ORG/APP&process.isComplete=true&excludeConfirmedBy=ORG), "
            + "and confirm each complete once all its files are on disk and verified. Safe to re-run: confirmed instances are no longer listed, and verified files are not downloaded again. "
            + "Warns when the app or a data type deletes at process end (autoDeleteOnProcessEnd): confirming lets Altinn purge those instances.")
        {
            appId, outputDirectory, noConfirm, concurrency, dryRun,
        };
        app.Options.AddTo(command);

        app.SetAction(command, async (context, parse, cancellationToken) =>
        {
            AppId id = parse.GetValue(appId)!;
            var options = new ArchiveOptions
            {
                ConfirmComplete = !parse.GetValue(noConfirm),
                DryRun = parse.GetValue(dryRun),
                RequestOptions = context.RequestOptions,
            };
            if (parse.GetValue(concurrency) is { } maxConcurrency) options.MaxConcurrency = maxConcurrency;
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
