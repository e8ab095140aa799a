using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Altinn.Sdk.Testing.State;

/// <summary>
/// The apps' data model schemas (Altinn Studio's JSON schemas, <c>App/models/{id}.schema.json</c> in an app), kept by
/// app and data type id; with a data folder also read from and written to <c>apps/{org}/{app}/models/{id}.schema.json</c>.
/// </summary>
internal sealed partial class EmulatorState
{
    private readonly ConcurrentDictionary<string, string> _modelSchemas = new(StringComparer.Ordinal);

    /// <summary>Whether a data type id can name a schema file: letters, digits, <c>-</c>, <c>_</c> and <c>.</c>, no folders.</summary>
    public static bool IsSchemaId(string id) => SchemaId().IsMatch(id) && id != "." && id != "..";

    /// <summary>Adds or replaces a schema, and writes it to the data folder when there is one.</summary>
    public void SetModelSchema(AppId appId, string id, string schemaJson)
    {
        _modelSchemas[SchemaKey(appId, id)] = schemaJson;
        if (SchemaPath(appId, id) is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, schemaJson, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
    }

    /// <summary>A schema by app and data type id, from memory or else the data folder; null when there is none.</summary>
    public string? FindModelSchema(AppId appId, string id)
    {
        if (!IsSchemaId(id)) return null;
        if (_modelSchemas.TryGetValue(SchemaKey(appId, id), out string? schema)) return schema;
        return SchemaPath(appId, id) is { } path && File.Exists(path) ? _modelSchemas.GetOrAdd(SchemaKey(appId, id), File.ReadAllText(path, Encoding.UTF8)) : null;
    }

    private static string SchemaKey(AppId appId, string id) => appId.ToString().ToLowerInvariant() + "/" + id;

    private string? SchemaPath(AppId appId, string id) =>
        DataDirectory is null ? null : Path.Combine(DataDirectory, "apps", appId.Org, appId.App, "models", id + ".schema.json");

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$")]
    private static partial Regex SchemaId();
}
