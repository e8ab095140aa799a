using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Altinn.Sdk.Cli.Hosting;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;

namespace Altinn.Sdk.Cli.Commands;

/// <summary><c>altinn instances substatus</c>: sets the substatus the inbox shows, with a preview of how it shows.</summary>
internal static class InstancesSubstatusCommand
{
    public static Command Create(CliApp app)
    {
        var instanceId = CliValues.InstanceId();
        var label = new Option<string>("--label")
        {
            Description = "The label (plain text or a text key of the app). The inbox shows up to 25 characters; a longer label shows its first 22 and \"...\".",
            HelpName = "TEXT",
            Required = true,
        };
        label.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.Tokens[^1].Value)) result.AddError("--label is empty; Storage requires a label.");
        });
        var description = new Option<string?>("--description")
        {
            Description = "A longer description (plain text or a text key, no variables).",
            HelpName = "TEXT",
        };
        var dryRun = CliValues.DryRun();
        var command = new Command(
            "substatus",
            "Set the substatus an instance shows in the Altinn inbox and on its receipt (PUT storage/api/v1/instances/{partyId}/{guid}/substatus). "
            + "Only the app owner may.")
        {
            instanceId, label, description, dryRun,
        };

        app.SetAction(command, async (context, parse, cancellationToken) =>
        {
            InstanceId id = parse.GetValue(instanceId)!;
            var substatus = new Substatus { Label = parse.GetValue(label)!, Description = parse.GetValue(description) };
            string preview = InstanceText.InboxPreview(substatus.Label);
            bool cut = preview.Length != substatus.Label.Length;
            CliOutput output = context.Output;
            if (cut)
            {
                output.Warning(string.Create(
                    CultureInfo.InvariantCulture,
                    $"the label has {substatus.Label.Length} characters; the inbox shows only the first {InstanceText.InboxLabelCut} and \"...\": \"{preview}\"."));
            }

            if (parse.GetValue(dryRun))
            {
                InstanceJson current = await output.StatusAsync("Reading the instance...", () => context.Storage.Instances.GetRawAsync(id, context.RequestOptions, cancellationToken));
                if (output.Json)
                {
                    output.JsonLine(writer => WriteResult(writer, id, substatus, preview, dryRun: true, instance => instance.WriteRawValue(current.Utf8Json.Span)));
                }
                else
                {
                    string now = current.Instance.Status?.Substatus?.Label is { } old ? $"\"{old}\"" : "none";
                    output.Line($"Dry run: would set the substatus of {id} to \"{substatus.Label}\" (now {now}). Inbox preview: \"{preview}\". Nothing was changed.");
                }

                return ExitCodes.Success;
            }

            Instance changed = await output.StatusAsync($"Setting the substatus of {id}...", () => context.Storage.Instances.SetSubstatusAsync(id, substatus, context.RequestOptions, cancellationToken));
            if (output.Json)
            {
                output.JsonLine(writer => WriteResult(writer, id, substatus, preview, dryRun: false, instance => JsonSerializer.Serialize(instance, changed, AltinnJsonContext.Default.Instance)));
            }
            else
            {
                output.Line($"Set the substatus of {id} to \"{substatus.Label}\". Inbox preview: \"{preview}\".");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The --json result: <c>{"action":"substatus","instanceId","dryRun","substatus":{label,description},"inboxPreview","labelCut","instance":{...}}</c>.</summary>
    private static void WriteResult(Utf8JsonWriter writer, InstanceId id, Substatus substatus, string preview, bool dryRun, Action<Utf8JsonWriter> writeInstance)
    {
        writer.WriteStartObject();
        writer.WriteString("action", "substatus");
        writer.WriteString("instanceId", id.ToString());
        writer.WriteBoolean("dryRun", dryRun);
        writer.WriteStartObject("substatus");
        writer.WriteString("label", substatus.Label);
        if (substatus.Description is not null) writer.WriteString("description", substatus.Description);
        writer.WriteEndObject();
        writer.WriteString("inboxPreview", preview);
        writer.WriteBoolean("labelCut", preview.Length != substatus.Label!.Length);
        writer.WritePropertyName("instance");
        writeInstance(writer);
        writer.WriteEndObject();
    }
}
