using System.CommandLine.Parsing;

namespace Altinn.Sdk.Cli.Commands;

/// <summary>
/// The arguments and options several commands share, parsed with Core's own parsers (<see cref="AppId"/>,
/// <see cref="InstanceId"/>, <see cref="DateFilter"/>), so bad values stop the command before anything is sent,
/// with Core's explanation.
/// </summary>
internal static class CliValues
{
    public static Argument<InstanceId> InstanceId() => new("INSTANCE_ID")
    {
        Description = "The instance: {partyId}/{instanceGuid}, for example 50006000/de000000-0000-4000-8000-000000000001.",
        CustomParser = result => Parse(result, "INSTANCE_ID", Sdk.InstanceId.Parse),
    };

    public static Option<AppId> AppId() => new("--app")
    {
        Description = "The app: {org}/{app}, for example ttd/demo-app.",
        HelpName = "ORG/APP",
        Required = true,
        CustomParser = result => Parse(result, "--app", Sdk.AppId.Parse),
    };

    public static Option<DateFilter?> DateFilter(string name, string what) => new(name)
    {
        Description = $"Only instances whose {what} matches: op:date with op gt, gte, lt, lte or eq (comma-separated for a range), for example lte:2020-09-30.",
        HelpName = "OP:DATE",
        CustomParser = result => Parse(result, name, Sdk.DateFilter.Parse),
    };

    public static Option<string?> Org(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "ORG",
        CustomParser = result => Parse(result, name, value =>
        {
            Sdk.AppId.ValidateOrg(value);
            return value;
        }),
    };

    /// <summary><c>--task</c>: one process task id, such as Task_1.</summary>
    public static Option<string?> Task(string description)
    {
        var task = new Option<string?>("--task") { Description = description, HelpName = "TASK" };
        task.Validators.Add(result =>
        {
            string? value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (value is not null && (value.Length == 0 || value.Any(char.IsWhiteSpace))) result.AddError($"--task: '{value}' is not a task id (one word such as Task_1).");
        });
        return task;
    }

    /// <summary>
    /// <c>--complete true|false</c>: a string checked here (read it with <see cref="bool.Parse(string)"/>), because a bool
    /// option would take only true/false and read any other word as a stray argument.
    /// </summary>
    public static Option<string?> Complete(string description)
    {
        var complete = new Option<string?>("--complete") { Description = description, HelpName = "true|false" };
        complete.Validators.Add(result =>
        {
            string? value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (value is not null && !bool.TryParse(value, out _)) result.AddError($"--complete: '{value}' is neither true nor false.");
        });
        return complete;
    }

    /// <summary>A folder to write to (<c>DIR</c>), not empty.</summary>
    public static Option<string?> Folder(string name, string description, bool required = false)
    {
        var folder = new Option<string?>(name) { Description = description, HelpName = "DIR", Required = required };
        folder.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.Tokens[^1].Value)) result.AddError($"{name} is empty.");
        });
        return folder;
    }

    /// <summary>A whole number above 0, for example <c>--max</c>; <paramref name="what"/> names it in the error (<c>a count</c>).</summary>
    public static Option<int?> Positive(string name, string helpName, string what, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result =>
        {
            string value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed > 0) return parsed;
            result.AddError($"{name}: '{value}' is not {what} (a whole number above 0).");
            return null;
        },
    };

    public static Option<bool> DryRun() => new("--dry-run")
    {
        Description = "Show what would change and send no write (the instance is read to check it exists).",
    };

    /// <summary>Parses the last token with a Core parser; its explanation becomes the parse error.</summary>
    private static T? Parse<T>(ArgumentResult result, string name, Func<string, T> parse)
    {
        string value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        try
        {
            return parse(value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            string message = e is ArgumentException { ParamName: { } parameter } && e.Message.EndsWith($" (Parameter '{parameter}')", StringComparison.Ordinal)
                ? e.Message[..^$" (Parameter '{parameter}')".Length]
                : e.Message;
            result.AddError($"{name}: {message}");
            return default;
        }
    }
}
