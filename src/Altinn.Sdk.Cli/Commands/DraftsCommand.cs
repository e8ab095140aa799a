namespace Altinn.Sdk.Cli.Commands;

/// <summary><c>altinn drafts</c>: the group of draft commands (delete).</summary>
internal static class DraftsCommand
{
    public static Command Create(CliApp app)
    {
        var command = new Command("drafts", "Clean up an app's stale drafts (instances still being filled in), the way Altinn documents it.")
        {
            DraftsDeleteCommand.Create(app),
        };
        app.Options.AddTo(command);
        return command;
    }
}
