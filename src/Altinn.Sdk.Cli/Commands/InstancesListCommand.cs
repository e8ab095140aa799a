using System.CommandLine.Parsing;
using Spectre.Console;

namespace Altinn.Sdk.Cli.Commands;

/// <summary><c>altinn instances list</c>: an app's instances from Storage's query, written page by page as they arrive.</summary>
internal static class InstancesListCommand
{
    public static Command Create(CliApp app)
    {
        var appId = CliValues.AppId();
        var created = CliValues.DateFilter("--created", "creation time");
        var task = CliValues.Task("Only instances whose current process task is this one, for example Task_1.");
        var complete = CliValues.Complete("true: only instances whose process has ended; false: only those still in a task.");
        var excludeConfirmedBy = CliValues.Org(
            "--exclude-confirmed-by",
            "Leave out instances this org has confirmed complete (with your own org: the ones not yet archived).");
        var party = CliValues.Positive("--party", "PARTY_ID", "a party id", "Only instances owned by this party id.");
        var max = CliValues.Positive("--max", "N", "a count", "Stop after this many instances (default: all of them, page by page).");

        var command = new Command(
            "list",
            "List an app's instances from Storage (GET storage/api/v1/instances?appId=...), least recently changed first, written page by page as they arrive. "
            + "With --json: one line per instance, Storage's JSON of it.")
        {
            appId, created, task, complete, excludeConfirmedBy, party, max,
        };

        app.SetAction(command, async (context, parse, cancellationToken) =>
        {
            var query = new InstanceQuery(parse.GetValue(appId)!)
            {
                Created = parse.GetValue(created),
                CurrentTask = parse.GetValue(task),
                IsComplete = parse.GetValue(complete) is { } isComplete ? bool.Parse(isComplete) : null,
                ExcludeConfirmedBy = parse.GetValue(excludeConfirmedBy),
                InstanceOwnerPartyId = parse.GetValue(party),

                // Oldest-changed first: Storage pages this order completely, while newest first can skip instances that
                // share a lastChanged at a page boundary, and this listing reports a total.
                Order = InstanceQueryOrder.LastChangedAscending,
            };
            int? limit = parse.GetValue(max);
            if (limit is not null) query.PageSize = Math.Min(limit.Value, InstanceQuery.MaxPageSize);

            CliOutput output = context.Output;
            var pages = context.Storage.Instances.QueryRawAsync(query, context.RequestOptions, cancellationToken).AsPages();
            (int count, bool stoppedEarly) = await output.ProgressAsync($"Listing {query.AppId}", limit, async progress =>
            {
                int count = 0;
                await foreach (Page<InstanceJson> page in pages.WithCancellation(cancellationToken))
                {
                    int take = limit is null ? page.Values.Count : Math.Min(page.Values.Count, limit.Value - count);
                    if (output.Json)
                    {
                        for (int i = 0; i < take; i++) output.RawJsonLine(page.Values[i].Utf8Json);
                    }
                    else if (take > 0)
                    {
                        output.Console.Write(Rows(page.Values.Take(take), showHeaders: count == 0));
                    }

                    count += take;
                    progress.Report(count);
                    if (limit is not null && count >= limit.Value)
                    {
                        return (count, take < page.Values.Count || page.ContinuationToken is not null);
                    }
                }

                return (count, false);
            });

            output.Line(stoppedEarly
                ? Invariant($"Stopped after {count} instances (--max); more may remain.")
                : Invariant($"{count} instance{(count == 1 ? string.Empty : "s")} of {query.AppId}{(count == 0 ? " match." : ".")}"));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One page's rows. Fixed widths keep the pages of one listing aligned; only the first shows the headers.</summary>
    private static Table Rows(IEnumerable<InstanceJson> instances, bool showHeaders)
    {
        var table = new Table { Border = TableBorder.None, ShowHeaders = showHeaders };
        table.AddColumn(new TableColumn("Instance").Width(46).NoWrap());
        table.AddColumn(new TableColumn("Owner").Width(24));
        table.AddColumn(new TableColumn("Task").Width(12));
        table.AddColumn(new TableColumn("State").Width(30));
        table.AddColumn(new TableColumn("Created").Width(17));
        table.AddColumn(new TableColumn("Substatus").Width(25));
        foreach (InstanceJson json in instances)
        {
            var instance = json.Instance;
            table.AddRow(
                CliOutput.Cell(instance.Id?.ToString()),
                CliOutput.Cell(InstanceText.Owner(instance)),
                CliOutput.Cell(InstanceText.Task(instance)),
                CliOutput.Cell(InstanceText.State(instance)),
                CliOutput.Cell(InstanceText.Time(instance.Created)),
                CliOutput.Cell(instance.Status?.Substatus?.Label is { } label ? SubstatusLabel.Preview(label) : null));
        }

        return table;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
