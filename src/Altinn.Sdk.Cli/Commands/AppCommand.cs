using System.CommandLine;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Cli.Hosting;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Cli.Commands;

/// <summary><c>altinn app show</c>: an app's metadata, its data types and its process.</summary>
internal static class AppCommand
{
    public static Command Create(CliApp app)
    {
        var command = new Command("app", "Look at a deployed app.") { CreateShow(app) };
        app.Options.AddTo(command);
        return command;
    }

    private static Command CreateShow(CliApp app)
    {
        var appId = CliValues.AppId();
        var command = new Command(
            "show",
            "Print an app's metadata (api/v1/applicationmetadata), its data types (form data with the schema id for 'altinn model generate' and its classRef) and its process (api/v1/meta/process: the tasks in order with their type and actions, and the gateways).")
        {
            appId,
        };
        app.SetAction(command, async (context, parse, cancellationToken) =>
        {
            AppMetadataClient metadata = context.Apps.GetAppClient(parse.GetValue(appId)!).Metadata;
            ApplicationMetadata meta = await context.Output.StatusAsync("Reading the app...", () => metadata.GetAsync(context.RequestOptions, cancellationToken));
            AppProcessDescription process = await metadata.GetProcessAsync(context.RequestOptions, cancellationToken);

            TextWriter output = app.Host.Output;
            string title = meta.Title is { } titles && (titles.TryGetValue("nb", out string? nb) || titles.TryGetValue("en", out nb)) ? nb : "-";
            await output.WriteLineAsync(CliOutput.Printable($"App:     {meta.Id} ({title})"));
            await output.WriteLineAsync(CliOutput.Printable($"Version: {meta.VersionId ?? "-"}"));
            await output.WriteLineAsync("Data types:");
            foreach (DataType type in meta.DataTypes ?? [])
            {
                string kind = type.AppLogic?.ClassRef is { Length: > 0 } classRef ? $"form data, schema {type.Id}, class {classRef}" : "attachment";
                string task = type.TaskId is { Length: > 0 } t ? $", task {t}" : "";
                await output.WriteLineAsync(CliOutput.Printable($"  {type.Id}: {kind}{task}"));
            }

            await output.WriteLineAsync("Process:");
            int number = 1;
            foreach (AppProcessTask step in process.Tasks)
            {
                string actions = step.Actions.Count > 0 ? $", actions {string.Join(", ", step.Actions)}" : "";
                await output.WriteLineAsync(CliOutput.Printable($"  {number++}. {step.Id} ({step.Name ?? "-"}): {step.TaskType ?? "no task type"}{actions}"));
            }

            foreach (AppProcessGateway gateway in process.Gateways)
            {
                await output.WriteLineAsync(CliOutput.Printable($"  gateway {gateway.Id}{(gateway.Name is null ? "" : $" ({gateway.Name})")}:"));
                foreach (AppProcessBranch branch in gateway.Branches)
                {
                    await output.WriteLineAsync(CliOutput.Printable($"    -> {branch.TargetId}{(branch.Condition is null ? "" : " when " + branch.Condition)}"));
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
