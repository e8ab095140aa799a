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
