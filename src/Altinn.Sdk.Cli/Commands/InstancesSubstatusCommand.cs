namespace Altinn.Sdk.Cli.Commands;

/// <summary><c>altinn instances substatus</c>: sets the substatus the inbox shows, with a preview of how it shows.</summary>
internal static class InstancesSubstatusCommand
{
    public static Command Create(CliApp app)
    {
        var instanceId = CliValues.InstanceId();
        instanceId.Arity = ArgumentArity.ZeroOrOne;
        var appId = CliValues.AppId();
        appId.Required = false;
        appId.Description = "Instead of one instance: every instance of this app that matches the filters below ({org}/{app}). Those that already have the substatus are skipped.";
        var created = CliValues.DateFilter("--created", "creation time");
        var task = new Option<string?>("--task")
        {
            Description = "With --app: only instances whose current process task is this one, for example Task_1.",
            HelpName = "TASK",
        };
        var complete = CliValues.Complete("With --app: true for instances whose process has ended; false for those still in a task.");
        var concurrency = WorkflowText.Concurrency();
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
            + "Only the app owner may. With --app and filters instead of an instance id: every matching instance, each reported as done, skipped or failed "
            + "(exit code 1 when some failed).")
        {
            instanceId, appId, created, task, complete, concurrency, label, description, dryRun,
        };
        command.Validators.Add(result =>
        {
            bool one = result.GetResult(instanceId) is { Tokens.Count: > 0 };
            bool query = result.GetResult(appId) is { Tokens.Count: > 0 };
            if (one == query)
            {
                result.AddError(one ? "Give either an INSTANCE_ID or --app, not both." : "Give the INSTANCE_ID, or --app ORG/APP (with filters) for many instances.");
            }
            else if (one && new Option[] { created, task, complete, concurrency }.FirstOrDefault(o => result.GetResult(o) is not null) is { } filter)
            {
                result.AddError($"{filter.Name} applies only with --app.");
            }
        });

        app.SetAction(command, async (context, parse, cancellationToken) =>
        {
            var substatus = new Substatus { Label = parse.GetValue(label)!, Description = parse.GetValue(description) };
            if (parse.GetValue(appId) is { } many)
            {
                var query = new InstanceQuery(many)
                {
                    Created = parse.GetValue(created),
                    CurrentTask = parse.GetValue(task),
                    IsComplete = parse.GetValue(complete) is { } isComplete ? bool.Parse(isComplete) : null,
                    Order = InstanceQueryOrder.LastChangedAscending,
                };
                return await SetManyAsync(context, query, substatus, parse.GetValue(dryRun), parse.GetValue(concurrency), cancellationToken);
            }

            InstanceId id = parse.GetValue(instanceId)!;
            string preview = SubstatusLabel.Preview(substatus.Label);
            bool cut = preview.Length != substatus.Label.Length;
            CliOutput output = context.Output;
            if (cut)
            {
                output.Warning(string.Create(
                    CultureInfo.InvariantCulture,
                    $"the label has {substatus.Label.Length} characters; the inbox shows only the first {SubstatusLabel.CutLength} and \"...\": \"{preview}\"."));
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

    /// <summary>
    /// Sets the substatus on every match of the query through the workflow (which skips instances that already have it).
    /// --json: <c>{"action":"substatus","appId","substatus":{label,description},"inboxPreview","labelCut", ...the workflow result}</c>.
    /// </summary>
    private static async Task<int> SetManyAsync(CliContext context, InstanceQuery query, Substatus substatus, bool dryRun, int? concurrency, CancellationToken cancellationToken)
    {
        var options = new WorkflowOptions { DryRun = dryRun, RequestOptions = context.RequestOptions };
        if (concurrency is { } n) options.MaxConcurrency = n;
        (SubstatusResult? result, int exitCode) = await WorkflowText.RunAsync(
            context, $"Setting the substatus on {query.AppId}", "substatus", options, () => context.Workflows.SetSubstatusAsync(query, substatus, options, cancellationToken), cancellationToken);
        if (result is null) return exitCode;

        WorkflowText.Write(
            context.Output,
            "substatus",
            result,
            writer =>
            {
                writer.WriteString("appId", query.AppId?.ToString());
                writer.WriteStartObject("substatus");
                writer.WriteString("label", substatus.Label);
                if (substatus.Description is not null) writer.WriteString("description", substatus.Description);
                writer.WriteEndObject();
                writer.WriteString("inboxPreview", result.LabelPreview);
                writer.WriteBoolean("labelCut", result.LabelPreview.Length != substatus.Label!.Length);
            },
            summary: $" (substatus \"{substatus.Label}\", inbox preview \"{result.LabelPreview}\")");
        return WorkflowText.ExitCodeOf(result);
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
