using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;
using System.Xml.Serialization;

namespace Altinn.Sdk.Apps;

// Typed form data: the model as an object, serialized straight into the request and read straight from the response.
public partial class AppDataClient
{
    /// <summary>Reads a form data element's model as an object from XML; see <see cref="ReadFormDataAsync{T}(InstanceId, Guid, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <typeparam name="T">The model class (the app's own, or one generated from the app's schema).</typeparam>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The form data element's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The model.</returns>
#if NET
    [RequiresUnreferencedCode(FormDataSerialization.XmlTrimMessage)]
    [RequiresDynamicCode(FormDataSerialization.XmlTrimMessage)]
#endif
    public virtual Task<T> ReadFormDataAsync<T>(InstanceId instanceId, Guid dataElementId, CancellationToken cancellationToken = default) =>
        ReadFormDataAsync<T>(instanceId, dataElementId, (AltinnRequestOptions?)null, cancellationToken);

    /// <summary>
    /// Reads a form data element's model as an object: asks for XML and deserializes it with <see cref="XmlSerializer"/>
    /// from the response stream, as the app serializes its model (root element, namespace, order and attributes come
    /// from the class's <c>System.Xml.Serialization</c> attributes). DTDs are refused.
    /// </summary>
    /// <typeparam name="T">The model class (the app's own, or one generated from the app's schema).</typeparam>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The form data element's id.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="dataElementId"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The XML is not a <typeparamref name="T"/> (another root element or namespace, or malformed).</exception>
    /// <exception cref="AltinnRequestFailedException">As <see cref="DownloadAsync(InstanceId, Guid, AltinnRequestOptions?, CancellationToken)"/>.</exception>
#if NET
    [RequiresUnreferencedCode(FormDataSerialization.XmlTrimMessage)]
    [RequiresDynamicCode(FormDataSerialization.XmlTrimMessage)]
#endif
    public virtual async Task<T> ReadFormDataAsync<T>(InstanceId instanceId, Guid dataElementId, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        using DataStream stream = await OpenFormDataAsync(instanceId, dataElementId, FormDataFormat.Xml, options, cancellationToken).ConfigureAwait(false);
        return FormDataSerialization.ReadXml<T>(stream);
    }

    /// <summary>Reads a form data element's model as an object from JSON; see <see cref="ReadFormDataAsync{T}(InstanceId, Guid, JsonTypeInfo{T}, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <typeparam name="T">The model class.</typeparam>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The form data element's id.</param>
    /// <param name="jsonTypeInfo">The model's JSON contract from the caller's <c>JsonSerializerContext</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The model.</returns>
    public virtual Task<T> ReadFormDataAsync<T>(InstanceId instanceId, Guid dataElementId, JsonTypeInfo<T> jsonTypeInfo, CancellationToken cancellationToken = default) =>
        ReadFormDataAsync(instanceId, dataElementId, jsonTypeInfo, null, cancellationToken);

    /// <summary>
    /// Reads a form data element's model as an object: asks for JSON (the shape of the app's JSON endpoints) and
    /// deserializes it from the response stream with the caller's source-generated contract (trimming and AOT safe).
    /// </summary>
    /// <typeparam name="T">The model class.</typeparam>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The form data element's id.</param>
    /// <param name="jsonTypeInfo">The model's JSON contract from the caller's <c>JsonSerializerContext</c>.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> or <paramref name="jsonTypeInfo"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="dataElementId"/> is empty.</exception>
    /// <exception cref="System.Text.Json.JsonException">The JSON is not a <typeparamref name="T"/>.</exception>
    /// <exception cref="AltinnRequestFailedException">As <see cref="DownloadAsync(InstanceId, Guid, AltinnRequestOptions?, CancellationToken)"/>.</exception>
    public virtual async Task<T> ReadFormDataAsync<T>(
        InstanceId instanceId, Guid dataElementId, JsonTypeInfo<T> jsonTypeInfo, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (jsonTypeInfo is null) throw new ArgumentNullException(nameof(jsonTypeInfo));
        using DataStream stream = await OpenFormDataAsync(instanceId, dataElementId, FormDataFormat.Json, options, cancellationToken).ConfigureAwait(false);
        return await FormDataSerialization.ReadJsonAsync(stream, jsonTypeInfo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces a form data element's model with an object as XML; see <see cref="WriteFormDataAsync{T}(InstanceId, Guid, T, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <typeparam name="T">The model class.</typeparam>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The form data element's id.</param>
    /// <param name="model">The model.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The updated data element.</returns>
#if NET
    [RequiresUnreferencedCode(FormDataSerialization.XmlTrimMessage)]
    [RequiresDynamicCode(FormDataSerialization.XmlTrimMessage)]
#endif
    public virtual Task<DataElement> WriteFormDataAsync<T>(InstanceId instanceId, Guid dataElementId, T model, CancellationToken cancellationToken = default) =>
        WriteFormDataAsync(instanceId, dataElementId, model, (AltinnRequestOptions?)null, cancellationToken);

    /// <summary>
    /// Replaces a form data element's model with an object, serialized by <see cref="XmlSerializer"/> as XML straight
    /// into the request (a <c>PUT</c> as <see cref="ReplaceAsync(InstanceId, Guid, System.IO.Stream, string?, string?, AltinnRequestOptions?, CancellationToken)"/>,
    /// sent chunked). The XML is the one the app expects when <typeparamref name="T"/> is the app's model class or one
    /// generated from its schema.
    /// </summary>
    /// <typeparam name="T">The model class.</typeparam>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The form data element's id.</param>
    /// <param name="model">The model; not a string (text goes to the overload that takes a <see cref="FormDataFormat"/>).</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The updated data element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> or <paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="dataElementId"/> is empty, or <paramref name="model"/> is a string.</exception>
    /// <exception cref="AltinnRequestFailedException">As <see cref="ReplaceAsync(InstanceId, Guid, System.IO.Stream, string?, string?, AltinnRequestOptions?, CancellationToken)"/>; 400 with the app's errors when the model does not fit its schema.</exception>
#if NET
    [RequiresUnreferencedCode(FormDataSerialization.XmlTrimMessage)]
    [RequiresDynamicCode(FormDataSerialization.XmlTrimMessage)]
#endif
    public virtual Task<DataElement> WriteFormDataAsync<T>(InstanceId instanceId, Guid dataElementId, T model, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        AppPipeline.CheckIds(instanceId, dataElementId);
        return PutFormDataAsync(instanceId, dataElementId, FormDataSerialization.Xml(model, nameof(model)), options, cancellationToken);
    }

    /// <summary>Replaces a form data element's model with an object as JSON; see <see cref="WriteFormDataAsync{T}(InstanceId, Guid, T, JsonTypeInfo{T}, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <typeparam name="T">The model class.</typeparam>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The form data element's id.</param>
    /// <param name="model">The model.</param>
    /// <param name="jsonTypeInfo">The model's JSON contract from the caller's <c>JsonSerializerContext</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The updated data element.</returns>
    public virtual Task<DataElement> WriteFormDataAsync<T>(InstanceId instanceId, Guid dataElementId, T model, JsonTypeInfo<T> jsonTypeInfo, CancellationToken cancellationToken = default) =>
        WriteFormDataAsync(instanceId, dataElementId, model, jsonTypeInfo, null, cancellationToken);

    /// <summary>
    /// Replaces a form data element's model with an object, serialized as JSON straight into the request with the
    /// caller's source-generated contract (trimming and AOT safe); a <c>PUT</c> as
    /// <see cref="ReplaceAsync(InstanceId, Guid, System.IO.Stream, string?, string?, AltinnRequestOptions?, CancellationToken)"/>, sent chunked.
    /// </summary>
    /// <typeparam name="T">The model class.</typeparam>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The form data element's id.</param>
    /// <param name="model">The model; not a string.</param>
    /// <param name="jsonTypeInfo">The model's JSON contract from the caller's <c>JsonSerializerContext</c>.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The updated data element.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/>, <paramref name="model"/> or <paramref name="jsonTypeInfo"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="dataElementId"/> is empty, or <paramref name="model"/> is a string.</exception>
    /// <exception cref="AltinnRequestFailedException">As <see cref="ReplaceAsync(InstanceId, Guid, System.IO.Stream, string?, string?, AltinnRequestOptions?, CancellationToken)"/>; 400 with the app's errors when the model does not fit its schema.</exception>
    public virtual Task<DataElement> WriteFormDataAsync<T>(
        InstanceId instanceId, Guid dataElementId, T model, JsonTypeInfo<T> jsonTypeInfo, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        AppPipeline.CheckIds(instanceId, dataElementId);
        return PutFormDataAsync(instanceId, dataElementId, FormDataSerialization.Json(model, jsonTypeInfo, nameof(model)), options, cancellationToken);
    }

    private async Task<DataElement> PutFormDataAsync(InstanceId instanceId, Guid dataElementId, FormDataBody body, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, _pipeline.Uri($"instances/{AppPipeline.Path(instanceId)}/data/{dataElementId:D}")) { Content = body.CreateContent() };
        HttpResponseMessage response = await _pipeline.SendAsync("Apps.Data.PutFormData", request, options, retrySafe: false, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await AppPipeline.FailureAsync(response, WriteHint((int)response.StatusCode), cancellationToken).ConfigureAwait(false);
        }

        using (response)
        {
            return await ResponseJson.ReadAsync(response, AltinnJsonContext.Default.DataElement, _pipeline.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        }
    }
}
