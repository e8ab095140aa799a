using Altinn.Sdk.Events;

namespace Altinn.Sdk.Cli.Commands;

/// <summary><c>altinn events</c>: the group of event commands (list, tail) on an app's event feed, and what they share.</summary>
internal static class EventsCommand
{
    public static Command Create(CliApp app)
    {
        var command = new Command(
            "events",
            "Read an app's events from Altinn Events (GET events/api/v1/app/{org}/{app}), as its owner. "
            + "Events appear in the feed about 30 seconds after they happen.")
        {
            EventsListCommand.Create(app),
            EventsTailCommand.Create(app),
        };
        app.Options.AddTo(command);
        return command;
    }

    public static Option<string?> After() => new("--after")
    {
        Description = "Start after the event with this id (0: from the beginning). An id Events does not know reads from the beginning.",
        HelpName = "EVENT_ID",
        CustomParser = result =>
        {
            string value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (string.IsNullOrWhiteSpace(value) || value.Any(char.IsWhiteSpace)) result.AddError($"--after: '{value}' is not an event id.");
            return value;
        },
    };

    public static Option<string[]> Types() => new("--type")
    {
        Description = "Only events of this type (repeatable; case-insensitive; % is a wildcard), for example app.instance.process.completed.",
        HelpName = "TYPE",
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result =>
        {
            foreach (var token in result.Tokens)
            {
                if (string.IsNullOrWhiteSpace(token.Value)) result.AddError("--type is empty.");
            }

            return result.Tokens.Select(t => t.Value).ToArray();
        },
    };

    /// <summary>A time as Events takes it: an ISO 8601 date or date and time; without an offset it is UTC.</summary>
    public static Option<DateTimeOffset?> Time(string name, string what) => new(name)
    {
        Description = $"Only events {what} this time: an ISO 8601 date or date and time (2024-05-01, 2024-05-01T12:00:00+02:00); without an offset it is UTC.",
        HelpName = "DATE",
        CustomParser = result =>
        {
            string value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];
            if (DateTimeOffset.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)) return time;
            result.AddError($"{name}: '{value}' is not a date or date and time (for example 2024-05-01 or 2024-05-01T12:00:00Z).");
            return null;
        },
    };

    /// <summary>One event for people: time, type, instance and id.</summary>
    public static string Describe(CloudEvent cloudEvent)
    {
        string time = cloudEvent.Time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
        string instance = cloudEvent.TryGetInstanceId(out InstanceId? id) ? id.ToString() : cloudEvent.Subject ?? "-";
        return $"{time}  {cloudEvent.Type}  {instance}  (id {cloudEvent.Id})";
    }

    /// <summary>One event as JSON, on one line (the CloudEvent as Events sent it, unknown attributes included).</summary>
    public static void WriteJson(CliOutput output, CloudEvent cloudEvent) =>
        output.JsonLine(writer => JsonSerializer.Serialize(writer, cloudEvent, EventsJsonContext.Default.CloudEvent));
}
