namespace Altinn.Sdk.Workflows;

/// <summary>Setting a substatus on one instance or on every match of a query.</summary>
internal sealed class SubstatusWorkflow(WorkflowContext context)
{
    private static void CheckSubstatus(Substatus substatus)
    {
        if (substatus is null) throw new ArgumentNullException(nameof(substatus));
        if (string.IsNullOrWhiteSpace(substatus.Label))
        {
            throw new ArgumentException("The substatus label is empty; Storage requires a label (plain text or a text key of the app).", nameof(substatus));
        }
    }

    public Task<SubstatusResult> SetSubstatusAsync(InstanceId instanceId, Substatus substatus, WorkflowOptions? options, CancellationToken cancellationToken)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        CheckSubstatus(substatus);
        options ??= new WorkflowOptions();
        WorkflowRun run = StartSubstatusRun(substatus, options);
        return run.CompleteAsync(
            async () =>
            {
                run.Started(instanceId);
                Instance? current = await run.TryAsync(
                    instanceId, "Reading the instance failed", () => context.Storage.Instances.GetAsync(instanceId, options.RequestOptions, cancellationToken), cancellationToken).ConfigureAwait(false);
                if (current is not null) await SetSubstatusAsync(run, current, substatus, options, cancellationToken).ConfigureAwait(false);
            },
            r => new SubstatusResult(r.DryRun, r.Items, r.Warnings, substatus),
            cancellationToken);
    }

    public Task<SubstatusResult> SetSubstatusAsync(InstanceQuery query, Substatus substatus, WorkflowOptions? options, CancellationToken cancellationToken)
    {
        if (query is null) throw new ArgumentNullException(nameof(query));
        CheckSubstatus(substatus);
        _ = query.ToRequest();
        options ??= new WorkflowOptions();
        WorkflowRun run = StartSubstatusRun(substatus, options);

        // Setting a substatus changes lastChanged, so an ascending listing brings the instance again at its end.
        var handled = new HashSet<InstanceId>();
        return run.CompleteAsync(
            () => run.ForEachAsync(
                context.Storage.Instances.QueryAsync(query, options.RequestOptions, cancellationToken),
                (instance, ct) =>
                {
                    if (instance.Id is null) return Task.CompletedTask;
                    lock (handled)
                    {
                        if (!handled.Add(instance.Id)) return Task.CompletedTask;
                    }

                    run.Started(instance.Id);
                    return SetSubstatusAsync(run, instance, substatus, options, ct);
                },
                cancellationToken),
            r => new SubstatusResult(r.DryRun, r.Items, r.Warnings, substatus),
            cancellationToken);
    }

    private WorkflowRun StartSubstatusRun(Substatus substatus, WorkflowOptions options)
    {
        var run = new WorkflowRun("substatus", options, context);
        string label = substatus.Label!;
        if (label.Length > SubstatusLabel.ShownLength)
        {
            run.Warn($"The label is {label.Length} characters long; the Altinn inbox shows only \"{SubstatusLabel.Preview(label)}\".");
        }

        return run;
    }

    private async Task SetSubstatusAsync(WorkflowRun run, Instance instance, Substatus substatus, WorkflowOptions options, CancellationToken cancellationToken)
    {
        InstanceId id = instance.Id!;
        string shown = $"the inbox shows \"{SubstatusLabel.Preview(substatus.Label!)}\"";
        Substatus? current = instance.Status?.Substatus;
        if (current is not null && current.Label == substatus.Label && current.Description == substatus.Description)
        {
            run.Skipped(id, "already has this substatus; " + shown);
            return;
        }

        if (run.DryRun)
        {
            run.Done(id, "dry run: would set the substatus; " + shown);
            return;
        }

        // As with confirmations: checked before sending, then not cancelled halfway, so the result says what Storage did.
        cancellationToken.ThrowIfCancellationRequested();
        Instance? changed = await run.TryAsync(
            id, "Setting the substatus failed", () => context.Storage.Instances.SetSubstatusAsync(id, substatus, options.RequestOptions, CancellationToken.None), cancellationToken).ConfigureAwait(false);
        if (changed is not null) run.Done(id, "substatus set; " + shown);
    }
}
