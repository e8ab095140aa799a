using System.Collections.Concurrent;
using System.Text;
using Altinn.Sdk.FormData;
using Altinn.Sdk.Models;
using Microsoft.AspNetCore.Http;

namespace Altinn.Sdk.Testing.Apps;

/// <summary>
/// Form data written to an app whose data type has a schema is read the way the app reads it into its model class: the
/// app refuses (400) what does not deserialize, that is another root element or namespace, malformed XML or JSON, and a
/// value of the wrong type. Restrictions (lengths, patterns, required fields) the app checks only at process/next, so
/// they are not refused here either.
/// </summary>
internal static class AppFormDataCheck
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ModelSchema>>> s_schemas = new(StringComparer.Ordinal);

    /// <summary>Throws a 400 <see cref="AppProblem"/> when the stored content does not fit the data type's model.</summary>
    public static async Task CheckAsync(AppCall call, Guid instanceGuid, Guid blobGuid, DataType dataType, string contentType)
    {
        if (!dataType.IsFormData || dataType.Id is null || call.State.FindModelSchema(call.App.AppId, dataType.Id) is not { } schemaJson) return;
        ModelSchema schema = await s_schemas.GetOrAdd(schemaJson, json => new Lazy<Task<ModelSchema>>(() => ModelSchema.LoadAsync(json))).Value;

        string content;
        await using (var stream = call.State.Blobs.OpenRead(instanceGuid, blobGuid))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            content = await reader.ReadToEndAsync(call.Http.RequestAborted);
        }

        IReadOnlyList<FormDataError> errors;
        try
        {
            errors = contentType == "application/json" ? schema.Validate(content) : schema.ValidateXml(content);
        }
        catch (FormatException e)
        {
            throw AppProblem.Details(StatusCodes.Status400BadRequest, "Bad request", $"The form data could not be read into the model of {dataType.Id}: {e.Message}");
        }

        var refused = errors.Where(e => e.Kind.StartsWith("RootElementMismatch", StringComparison.Ordinal) || e.Kind.EndsWith("Expected", StringComparison.Ordinal)).ToList();
        if (refused.Count > 0)
        {
            throw AppProblem.Details(
                StatusCodes.Status400BadRequest, "Bad request", $"The form data could not be read into the model of {dataType.Id}: {string.Join("; ", refused.Take(20))}");
        }
    }
}
