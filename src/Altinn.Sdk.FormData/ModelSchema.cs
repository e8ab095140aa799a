using System.Threading;
using System.Threading.Tasks;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Altinn.Sdk.FormData;

/// <summary>
/// An app's data model as Altinn Studio describes it in JSON schema (<c>App/models/{id}.schema.json</c>, served at
/// <c>{org}/{app}/api/jsonschema/{id}</c>): the root element, its namespace and the model's types, with Studio's XML
/// annotations. Validates form data and is the input of <see cref="ModelCodeGenerator"/>. Immutable and thread-safe.
/// </summary>
public sealed partial class ModelSchema
{
    private ModelSchema(JsonSchema schema, ModelClass root, string rootElement, string? xmlNamespace)
    {
        Schema = schema;
        Root = root;
        RootElement = rootElement;
        Namespace = xmlNamespace;
    }

    /// <summary>The XML root element's name (<c>@xsdRootElement</c>, else the root type's name).</summary>
    public string RootElement { get; }

    /// <summary>The XML namespace of the elements (the default namespace in <c>@xsdNamespaces</c>), or <see langword="null"/> for none.</summary>
    public string? Namespace { get; }

    internal JsonSchema Schema { get; }

    internal ModelClass Root { get; }

    /// <summary>Reads a schema in Altinn Studio's shape (JSON schema 2020-12 with <c>$defs</c>, or draft 7 with <c>definitions</c>).</summary>
    /// <param name="json">The schema's JSON.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a JSON schema, or its root is not an object type the generator can map.</exception>
    public static async Task<ModelSchema> LoadAsync(string json, CancellationToken cancellationToken = default)
    {
        if (json is null) throw new ArgumentNullException(nameof(json));
        JsonSchema schema;
        try
        {
            // NJsonSchema resolves references into "definitions" only; Studio writes 2020-12's "$defs".
            schema = await JsonSchema.FromJsonAsync(json.Replace("\"$defs\"", "\"definitions\"").Replace("\"#/$defs/", "\"#/definitions/"), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new FormatException($"The text is not a JSON schema: {e.Message}", e);
        }

        ModelClass root = ModelReader.Read(schema, out string rootElement);
        return new ModelSchema(schema, root, rootElement, ModelReader.DefaultNamespace(schema));
    }

    /// <summary>
    /// Validates form data in the JSON shape of the app's JSON endpoints (the schema's property names) against the
    /// schema: types, required properties, restrictions (lengths, patterns, ranges, enumerations) and repetitions.
    /// </summary>
    /// <param name="json">The form data as JSON.</param>
    /// <returns>The errors, each with the schema path of the data it concerns; empty when the data is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not JSON.</exception>
    public IReadOnlyList<FormDataError> Validate(string json)
    {
        if (json is null) throw new ArgumentNullException(nameof(json));
        ICollection<ValidationError> errors;
        try
        {
            errors = Schema.Validate(json);
        }
        catch (Newtonsoft.Json.JsonException e)
        {
            throw new FormatException($"The form data is not JSON: {e.Message}", e);
        }

        var found = new List<FormDataError>();
        Flatten(errors, found);
        return found;
    }

    private static void Flatten(IEnumerable<ValidationError> errors, List<FormDataError> found)
    {
        foreach (ValidationError error in errors)
        {
            if (error is MultiTypeValidationError multi && multi.Errors.Count > 0)
            {
                foreach (ICollection<ValidationError> inner in multi.Errors.Values) Flatten(inner, found);
            }
            else if (error is ChildSchemaValidationError child && child.Errors.Values.Any(e => e.Count > 0))
            {
                foreach (ICollection<ValidationError> inner in child.Errors.Values) Flatten(inner, found);
            }
            else
            {
                string path = string.IsNullOrEmpty(error.Path) ? "#" : error.Path!;
                var formDataError = new FormDataError(path, error.Kind.ToString());
                if (!found.Any(f => f.Path == formDataError.Path && f.Kind == formDataError.Kind)) found.Add(formDataError);
            }
        }
    }
}

/// <summary>One way in which form data does not fit its schema.</summary>
public sealed class FormDataError
{
    /// <summary>Creates an error.</summary>
    /// <param name="path">The path of the data concerned, for example <c>#/Skjema.Tittel</c> or <c>#/Rader[2].Belop</c>.</param>
    /// <param name="kind">What is wrong, for example <c>StringTooLong</c>, <c>PropertyRequired</c> or <c>IntegerExpected</c>.</param>
    public FormDataError(string path, string kind)
    {
        Path = path ?? throw new ArgumentNullException(nameof(path));
        Kind = kind ?? throw new ArgumentNullException(nameof(kind));
    }

    /// <summary>The path of the data concerned (<c>#</c> for the whole model).</summary>
    public string Path { get; }

    /// <summary>What is wrong, as the validator names it (for example <c>StringTooLong</c>, <c>PropertyRequired</c>, <c>PatternMismatch</c>).</summary>
    public string Kind { get; }

    /// <summary>The path and what is wrong, for example <c>#/Tittel: StringTooLong</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Path + ": " + Kind;
}
