namespace Altinn.Sdk.Cli.Commands;

/// <summary><c>altinn instances</c>: the group of instance commands (list, get, delete, substatus).</summary>
internal static class InstancesCommand
{
    public static Command Create(CliApp app)
    {
        var command = new Command("instances", "Find, inspect, delete and mark instances of an app (through Storage, as the app owner).")
        {
            InstancesListCommand.Create(app),
            InstancesGetCommand.Create(app),
            InstancesDeleteCommand.Create(app),
            InstancesSubstatusCommand.Create(app),
        };
        app.Options.AddTo(command);
        return command;
    }
}
