using Spectre.Console;

namespace Altinn.Sdk.Cli.Commands;

/// <summary><c>altinn instances get</c>: one instance from Storage; with <c>--json</c> exactly the JSON Storage sent.</summary>
internal static class InstancesGetCommand
{
    public static Command Create(CliApp app)
    {
        var instanceId = CliValues.InstanceId();
        var command = new Command(
            "get",
            "Show an instance from Storage (GET storage/api/v1/instances/{partyId}/{guid}): its state, substatus and data elements. "
            + "With --json: Storage's JSON exactly as it was sent.")
        {
            instanceId,
        };

        app.SetAction(command, async (context, parse, cancellationToken) =>
        {
            InstanceJson instance = await context.Output.StatusAsync(
                "Reading the instance...",
                () => context.Storage.Instances.GetRawAsync(parse.GetValue(instanceId)!, context.RequestOptions, cancellationToken));
            if (context.Output.Json)
            {
                context.Output.RawJsonLine(instance.Utf8Json);
            }
            else
            {
                Write(context.Output, instance.Instance);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The instance for people: a grid of its properties and a table of its data elements.</summary>
    internal static void Write(CliOutput output, Instance instance)
    {
        var grid = new Grid();
        grid.AddColumn(new GridColumn().NoWrap());
        grid.AddColumn();
        void Row(string name, string? value) => grid.AddRow(new Text(name), CliOutput.Cell(value));

        Row("Instance", instance.Id?.ToString());
        Row("App", instance.AppId?.ToString());
        Row("Owner", InstanceText.Owner(instance));
        Row("Task", InstanceText.Task(instance));
        Row("State", InstanceText.State(instance));
        Row("Created", InstanceText.Time(instance.Created));
        Row("Last changed", InstanceText.Time(instance.LastChanged));
        if (instance.Status?.Substatus is { } substatus)
        {
            Row("Substatus", substatus.Label is { } label ? $"{label} (inbox: \"{SubstatusLabel.Preview(label)}\")" : null);
            Row("Description", substatus.Description);
        }

        output.Console.Write(grid);
        if (instance.Data is not { Count: > 0 } data) return;

        var table = new Table { Border = TableBorder.Simple };
        table.AddColumns("Data element", "Type", "Content type", "Size", "File name", "State");
        foreach (DataElement element in data)
        {
            table.AddRow(
                CliOutput.Cell(element.Id.ToString()),
                CliOutput.Cell(element.DataType),
                CliOutput.Cell(element.ContentType),
                CliOutput.Cell(element.Size.ToString(CultureInfo.InvariantCulture)),
                CliOutput.Cell(element.Filename),
                CliOutput.Cell(element.DeleteStatus?.IsHardDeleted == true ? "deleted" : element.Locked ? "locked" : null));
        }

        output.Console.Write(table);
    }
}
