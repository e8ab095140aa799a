using System.Text.Json;
using Altinn.Sdk.Testing.State;

namespace Altinn.Sdk.Testing;

// The apps' data model schemas, served at {org}/{app}/api/jsonschema/{id}.
public sealed partial class AltinnEmulator
{
    /// <summary>
    /// Adds (or replaces) the JSON schema of an app's data model, as Altinn Studio writes it to the app's
    /// <c>App/models/{id}.schema.json</c>; the app serves it at <c>GET {org}/{app}/api/jsonschema/{id}</c>. With a data
    /// folder it is kept as <c>apps/{org}/{app}/models/{id}.schema.json</c>, where such files can also be put by hand.
    /// </summary>
    /// <param name="appId">An app the emulator serves.</param>
    /// <param name="dataTypeId">The form data type's id, for example <c>model</c>.</param>
    /// <param name="schemaJson">The schema (JSON).</param>
    /// <exception cref="ArgumentException">The app is unknown, the id cannot name a file, or the schema is not a JSON object.</exception>
    public void AddModelSchema(AppId appId, string dataTypeId, string schemaJson)
    {
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(dataTypeId);
        ArgumentNullException.ThrowIfNull(schemaJson);
        if (!EmulatorState.IsSchemaId(dataTypeId))
        {
            throw new ArgumentException($"'{dataTypeId}' cannot name a schema: use letters, digits, '-', '_' and '.'.", nameof(dataTypeId));
        }

        if (_context.State.FindApp(appId.ToString()) is null) throw new ArgumentException($"The emulator serves no app '{appId}': add it first.", nameof(appId));
        try
        {
            using var document = JsonDocument.Parse(schemaJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new ArgumentException("The schema is not a JSON object.", nameof(schemaJson));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The schema is not JSON: {e.Message}", nameof(schemaJson), e);
        }

        _context.State.SetModelSchema(appId, dataTypeId, schemaJson);
    }
}
