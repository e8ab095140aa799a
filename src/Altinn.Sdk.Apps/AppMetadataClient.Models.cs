namespace Altinn.Sdk.Apps;

// The app's data model schemas.
public partial class AppMetadataClient
{
    /// <summary>Reads a data type's model schema; see <see cref="GetModelSchemaAsync(string, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="dataTypeId">The form data type's id, for example <c>model</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The JSON schema.</returns>
    public virtual Task<string> GetModelSchemaAsync(string dataTypeId, CancellationToken cancellationToken = default) =>
        GetModelSchemaAsync(dataTypeId, null, cancellationToken);

    /// <summary>
    /// Reads the JSON schema of a form data type's model (<c>GET api/jsonschema/{id}</c>): the schema Altinn Studio
    /// generated from the model's XSD, with its XML annotations (<c>@xsdRootElement</c>, <c>@xsdNamespaces</c>,
    /// <c>@xsdType</c>, ...). Altinn.Sdk.FormData reads it to validate form data and to generate model classes.
    /// </summary>
    /// <param name="dataTypeId">The form data type's id, for example <c>model</c> (Studio names the schema after the model, which the data type's id is by default).</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The JSON schema.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dataTypeId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="dataTypeId"/> is empty or malformed.</exception>
    /// <exception cref="AltinnRequestFailedException">404 when the app has no schema by that id.</exception>
    public virtual async Task<string> GetModelSchemaAsync(string dataTypeId, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        dataTypeId = UploadRules.CheckDataType(dataTypeId, nameof(dataTypeId));
        string hint = $"The app has no JSON schema '{dataTypeId}': the schema is named after the model (see the data type's appLogic.classRef), or the app is not deployed here.";
        return await ReadTextAsync("Apps.Metadata.GetModelSchema", "api/jsonschema/" + Uri.EscapeDataString(dataTypeId), hint, options, cancellationToken).ConfigureAwait(false);
    }

    // One anonymous GET of a text document, read within the response size limit.
    private async Task<string> ReadTextAsync(string operation, string path, string notFoundHint, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _pipeline.Uri(path));
        HttpResponseMessage response = await _pipeline.SendAsync(operation, request, options, retrySafe: true, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await AppPipeline.FailureAsync(response, (int)response.StatusCode == 404 ? notFoundHint : null, cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
#if NET
            using Stream body = ResponseBody.Limit(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), response, _pipeline.MaxResponseBytes, null);
#else
            using Stream body = ResponseBody.Limit(await response.Content.ReadAsStreamAsync().ConfigureAwait(false), response, _pipeline.MaxResponseBytes, null);
#endif
            using var reader = new StreamReader(body, Encoding.UTF8);
#if NET
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
#else
            return await reader.ReadToEndAsync().ConfigureAwait(false);
#endif
        }
    }
}
