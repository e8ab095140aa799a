namespace Altinn.Sdk.Cli.Commands;

/// <summary><c>altinn instances delete</c>: deletes one instance through Storage's delete.</summary>
internal static class InstancesDeleteCommand
{
    public static Command Create(CliApp app)
    {
        var instanceId = CliValues.InstanceId();
        var hard = new Option<bool>("--hard")
        {
            Description = "Hard-delete: the instance is marked for purging and is gone from the inbox and from the owner's archive. Default: soft (restorable).",
        };
        var dryRun = CliValues.DryRun();
        var command = new Command(
            "delete",
            "Delete an instance through Storage (DELETE storage/api/v1/instances/{partyId}/{guid}?hard=). "
            + "Altinn's documented draft clean-up deletes through the app's own API instead: use 'altinn drafts delete' for that; this uses Storage's delete, "
            + "which skips the app's logic. A 403 means the app's policy.xml does not let your org delete (the message says which rule to add), "
            + "or the app's preventInstanceDeletionForDays has not passed since the instance was archived.")
        {
            instanceId, hard, dryRun,
        };

        app.SetAction(command, async (context, parse, cancellationToken) =>
        {
            InstanceId id = parse.GetValue(instanceId)!;
            bool isHard = parse.GetValue(hard);
            string kind = isHard ? "hard-delete" : "soft-delete";
            CliOutput output = context.Output;
            if (parse.GetValue(dryRun))
            {
                // Read only: shows that the instance exists and what it is, and sends no write.
                InstanceJson current = await output.StatusAsync("Reading the instance...", () => context.Storage.Instances.GetRawAsync(id, context.RequestOptions, cancellationToken));
                if (output.Json)
                {
                    output.JsonLine(writer => WriteResult(writer, id, isHard, dryRun: true, instance => instance.WriteRawValue(current.Utf8Json.Span)));
                }
                else
                {
                    output.Line($"Dry run: would {kind} {id} ({InstanceText.State(current.Instance)}, task {InstanceText.Task(current.Instance)}). Nothing was changed.");
                }

                return ExitCodes.Success;
            }

            if (!await app.ConfirmAsync(parse, $"{(isHard ? "Hard-delete" : "Soft-delete")} {id}?", cancellationToken))
            {
                output.Note("Nothing was deleted.");
                return ExitCodes.Cancelled;
            }

            Instance deleted = await output.StatusAsync($"Deleting {id}...", () => context.Storage.Instances.DeleteAsync(id, isHard, context.RequestOptions, cancellationToken));
            if (output.Json)
            {
                output.JsonLine(writer => WriteResult(writer, id, isHard, dryRun: false, instance => JsonSerializer.Serialize(instance, deleted, AltinnJsonContext.Default.Instance)));
            }
            else
            {
                output.Line($"{(isHard ? "Hard-deleted" : "Soft-deleted")} {id} ({InstanceText.State(deleted)}).");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The --json result: <c>{"action":"delete","instanceId","hard","dryRun","instance":{...}}</c>.</summary>
    private static void WriteResult(Utf8JsonWriter writer, InstanceId id, bool hard, bool dryRun, Action<Utf8JsonWriter> writeInstance)
    {
        writer.WriteStartObject();
        writer.WriteString("action", "delete");
        writer.WriteString("instanceId", id.ToString());
        writer.WriteBoolean("hard", hard);
        writer.WriteBoolean("dryRun", dryRun);
        writer.WritePropertyName("instance");
        writeInstance(writer);
        writer.WriteEndObject();
    }
}
