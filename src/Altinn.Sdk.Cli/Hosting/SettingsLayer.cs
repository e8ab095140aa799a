using System.Text.Json;

namespace Altinn.Sdk.Cli.Hosting;

/// <summary>
/// One source of settings: the command line, the environment variables, or the config file. Settings have dotted
/// names (<c>maskinporten.clientId</c>); each source spells them its own way in messages
/// (<c>--token</c>, <c>ALTINN__MASKINPORTEN__CLIENTID</c>, <c>'maskinporten.clientId' in FILE</c>).
/// </summary>
internal sealed class SettingsLayer
{
    /// <summary>Every setting a config file or the environment may give; a file naming another is refused (a typo would go unnoticed).</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "environment",
        "token",
        "scopes",
        "useTestOrganisation",
        "maskinporten.clientId",
        "maskinporten.jwkPath",
        "maskinporten.keyPath",
        "maskinporten.keyId",
        "maskinporten.certificatePath",
        "maskinporten.certificatePassword",
        "maskinporten.resource",
        "maskinporten.consumerOrganisation",
        "maskinporten.issuer",
        "systemUser.organisationNumber",
        "systemUser.externalReference",
    ];

    private readonly Dictionary<string, string> _values;
    private readonly Func<string, string> _nameOf;
    private readonly string? _folder;

    private SettingsLayer(string source, Dictionary<string, string> values, Func<string, string> nameOf, string? folder)
    {
        Source = source;
        _values = values;
        _nameOf = nameOf;
        _folder = folder;
    }

    /// <summary>Where the settings come from, for messages.</summary>
    public string Source { get; }

    public bool Has(string key) => _values.ContainsKey(key);

    public string? Get(string key) => _values.TryGetValue(key, out string? value) ? value : null;

    /// <summary>A file path setting; relative paths in a config file are taken from the file's folder.</summary>
    public string? GetPath(string key)
    {
        string? value = Get(key);
        if (value is null) return null;
        if (value.StartsWith("~/", StringComparison.Ordinal) || value.StartsWith("~\\", StringComparison.Ordinal))
        {
            value = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), value[2..]);
        }

        return Path.GetFullPath(value, _folder ?? Directory.GetCurrentDirectory());
    }

    /// <summary>How this source spells a setting, for messages: <c>ALTINN__TOKEN</c>, <c>--token</c>, <c>'token' in FILE</c>.</summary>
    public string NameOf(string key) => _nameOf(key);

    /// <summary>The settings given on the command line.</summary>
    public static SettingsLayer CommandLine(IReadOnlyDictionary<string, string> flags, IReadOnlyDictionary<string, string> values) =>
        new("the command line", new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase), key => flags.TryGetValue(key, out string? flag) ? flag : key, folder: null);

    /// <summary>The settings in environment variables: <c>ALTINN__</c> and the dotted name with <c>__</c> for dots, in capitals.</summary>
    public static SettingsLayer EnvironmentVariables(Func<string, string?> getVariable)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string key in Keys)
        {
            string? value = getVariable(VariableName(key));
            if (!string.IsNullOrWhiteSpace(value)) values[key] = value.Trim();
        }

        return new SettingsLayer("the environment variables", values, VariableName, folder: null);
    }

    /// <summary>Reads a config file: a JSON object with the settings (nested objects for <c>maskinporten</c> and <c>systemUser</c>).</summary>
    /// <exception cref="CliUsageException">The file cannot be read, is not JSON, or names an unknown setting.</exception>
    public static SettingsLayer ConfigFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"The config file '{path}' cannot be read: {e.Message}");
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CliUsageException($"The config file '{path}' must hold a JSON object, for example {{\"environment\": \"tt02\"}}.");
            }

            Flatten(path, document.RootElement, prefix: string.Empty, values);
        }
        catch (JsonException e)
        {
            throw new CliUsageException($"The config file '{path}' is not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }

        return new SettingsLayer($"the config file '{path}'", values, key => $"'{key}' in the config file '{path}'", Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>The environment variable for a setting: <c>maskinporten.clientId</c> is <c>ALTINN__MASKINPORTEN__CLIENTID</c>.</summary>
    public static string VariableName(string key) => "ALTINN__" + key.Replace(".", "__", StringComparison.Ordinal).ToUpperInvariant();

    private static void Flatten(string path, JsonElement element, string prefix, Dictionary<string, string> values)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            string key = prefix + property.Name;
            string? known = Keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object when Keys.Any(k => k.StartsWith(key + ".", StringComparison.OrdinalIgnoreCase)):
                    Flatten(path, property.Value, key + ".", values);
                    continue;
                case JsonValueKind.Null:
                    continue;
                case JsonValueKind.Array when known == "scopes":
                    var scopes = new List<string>();
                    foreach (JsonElement scope in property.Value.EnumerateArray())
                    {
                        if (scope.ValueKind != JsonValueKind.String) throw new CliUsageException($"'scopes' in the config file '{path}' must be a list of strings.");
                        scopes.Add(scope.GetString()!);
                    }

                    values[known] = string.Join(' ', scopes);
                    continue;
                case JsonValueKind.String or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number when known is not null:
                    values[known] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                    continue;
                default:
                    throw new CliUsageException(known is null
                        ? $"The config file '{path}' has an unknown setting '{key}'; the settings are: {string.Join(", ", Keys)}."
                        : $"'{known}' in the config file '{path}' has the wrong kind of value ({property.Value.ValueKind}).");
            }
        }
    }
}
