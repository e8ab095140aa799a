namespace Altinn.Sdk.Cli.Commands;

/// <summary>
/// A command over <see cref="WorkflowClient"/>: the options every one takes (<c>--app</c>, <c>--concurrency</c>,
/// <c>--dry-run</c>) around its own, and what they set on its <see cref="WorkflowOptions"/>.
/// </summary>
internal sealed class WorkflowCommand
{
    /// <summary>Builds the command: <c>--app</c>, then <paramref name="own"/>, then <c>--concurrency</c> and <c>--dry-run</c>.</summary>
    /// <param name="name">The command's name.</param>
    /// <param name="description">The command's help text.</param>
    /// <param name="dryRunWhat">What a dry run would have done to the instances, for example <c>archived</c>.</param>
    /// <param name="own">The command's own options.</param>
    public WorkflowCommand(string name, string description, string dryRunWhat, params Option[] own)
    {
        DryRun = WorkflowText.DryRun(dryRunWhat);
        Command = new Command(name, description) { AppId };
        foreach (Option option in own) Command.Options.Add(option);
        Command.Options.Add(Concurrency);
        Command.Options.Add(DryRun);
    }

    public Command Command { get; }

    public Option<AppId> AppId { get; } = CliValues.AppId();

    public Option<int?> Concurrency { get; } = WorkflowText.Concurrency();

    public Option<bool> DryRun { get; }

    /// <summary>Sets <c>--dry-run</c>, <c>--concurrency</c> and the run's per-call identity on <paramref name="options"/>.</summary>
    public T Apply<T>(T options, ParseResult parse, CliContext context)
        where T : WorkflowOptions
    {
        options.DryRun = parse.GetValue(DryRun);
        options.RequestOptions = context.RequestOptions;
        if (parse.GetValue(Concurrency) is { } maxConcurrency) options.MaxConcurrency = maxConcurrency;
        return options;
    }
}
