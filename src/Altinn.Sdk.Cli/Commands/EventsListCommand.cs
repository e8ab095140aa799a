using Altinn.Sdk.Events;
using Spectre.Console;

namespace Altinn.Sdk.Cli.Commands;

/// <summary><c>altinn events list</c>: an app's events up to the end of the feed, written page by page as they arrive.</summary>
internal static class EventsListCommand
{
    /// <summary>The page size asked for when --max is larger (Events' own default is 50).</summary>
    private const int MaxPageSize = 1000;

    public static Command Create(CliApp app)
    {
        var appId = CliValues.AppId();
        var after = EventsCommand.After();
        var types = EventsCommand.Types();
        var from = EventsCommand.Time("--from", "at or after");
        var to = EventsCommand.Time("--to", "at or before");
        var max = CliValues.Positive("--max", "N", "a count", "Stop after this many events (default: to the end of the feed, page by page).");
        var command = new Command(
            "list",
            "List an app's events in order, from --after or --from (default: from the beginning) to the end of the feed. "
            + "The last line names the id to continue from with --after. With --json: one CloudEvent per line.")
        {
            appId, after, types, from, to, max,
        };

        app.SetAction(command, async (context, parse, cancellationToken) =>
        {
            var query = new AppEventsQuery(parse.GetValue(appId)!) { From = parse.GetValue(from), To = parse.GetValue(to) };
            if (query.To < query.From) throw new CliUsageException("--to is before --from.");
            query.After = parse.GetValue(after) ?? (query.From is null ? "0" : null);
            foreach (string type in parse.GetValue(types) ?? []) query.Types.Add(type);
            int? limit = parse.GetValue(max);
            if (limit is not null) query.PageSize = Math.Min(limit.Value, MaxPageSize);

            CliOutput output = context.Output;
            var pages = context.Events.GetEventsAsync(query, context.RequestOptions, cancellationToken).AsPages();
            (int count, string? lastId, bool stoppedEarly) = await output.ProgressAsync($"Reading the events of {query.AppId}", limit, async progress =>
            {
                int count = 0;
                string? lastId = null;
                await foreach (Page<CloudEvent> page in pages.WithCancellation(cancellationToken))
                {
                    int take = limit is null ? page.Values.Count : Math.Min(page.Values.Count, limit.Value - count);
                    if (take > 0 && !output.Json) output.Console.Write(Rows(page.Values.Take(take), showHeaders: count == 0));
                    for (int i = 0; i < take; i++)
                    {
                        if (output.Json) EventsCommand.WriteJson(output, page.Values[i]);
                        lastId = page.Values[i].Id;
                    }

                    count += take;
                    progress.Report(count);
                    if (limit is not null && count >= limit.Value) return (count, lastId, take < page.Values.Count || page.ContinuationToken is not null);
                }

                return (count, lastId, false);
            });

            string next = lastId is null ? string.Empty : $" Continue with --after {lastId}.";
            output.Line(stoppedEarly
                ? WorkflowText.Invariant($"Stopped after {count} events (--max); more may remain.{next}")
                : WorkflowText.Invariant($"{count} event{(count == 1 ? string.Empty : "s")} of {query.AppId}.{next}"));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One page's rows; fixed widths keep the pages aligned, and only the first shows the headers.</summary>
    private static Table Rows(IEnumerable<CloudEvent> events, bool showHeaders)
    {
        var table = new Table { Border = TableBorder.None, ShowHeaders = showHeaders };
        table.AddColumn(new TableColumn("Id").Width(38).NoWrap());
        table.AddColumn(new TableColumn("Time").Width(20));
        table.AddColumn(new TableColumn("Type").Width(40));
        table.AddColumn(new TableColumn("Instance").Width(48));
        foreach (CloudEvent cloudEvent in events)
        {
            table.AddRow(
                CliOutput.Cell(cloudEvent.Id),
                CliOutput.Cell(cloudEvent.Time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                CliOutput.Cell(cloudEvent.Type),
                CliOutput.Cell(cloudEvent.TryGetInstanceId(out InstanceId? id) ? id.ToString() : cloudEvent.Subject));
        }

        return table;
    }
}
