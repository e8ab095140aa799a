using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;

namespace Altinn.Sdk.Apps;

// Instantiation with typed form data: the model is serialized straight into its multipart part.
public partial class AppInstancesClient
{
    /// <summary>Creates an instance with its form data as an object (XML); see <see cref="CreateWithFormDataAsync{T}(InstanceOwnerReference, string, T, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <typeparam name="T">The model class.</typeparam>
    /// <param name="owner">The instance owner.</param>
    /// <param name="dataType">The form data type id, for example <c>model</c>.</param>
    /// <param name="formData">The model.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new instance with its data elements.</returns>
#if NET
    [RequiresUnreferencedCode(FormDataSerialization.XmlTrimMessage)]
    [RequiresDynamicCode(FormDataSerialization.XmlTrimMessage)]
#endif
    public virtual Task<Instance> CreateWithFormDataAsync<T>(InstanceOwnerReference owner, string dataType, T formData, CancellationToken cancellationToken = default) =>
        CreateWithFormDataAsync(owner, dataType, formData, (AltinnRequestOptions?)null, cancellationToken);

    /// <summary>
    /// Creates an instance whose form data of <paramref name="dataType"/> is <paramref name="formData"/>, serialized
    /// by <see cref="System.Xml.Serialization.XmlSerializer"/> straight into the multipart instantiation request (as
    /// <see cref="CreateAsync(InstanceOwnerReference, System.Collections.Generic.IEnumerable{InstanceDataPart}, AltinnRequestOptions?, CancellationToken)"/>
    /// with one form data part). If the app rejects the data, it deletes the instance again.
    /// </summary>
    /// <typeparam name="T">The model class.</typeparam>
    /// <param name="owner">The instance owner.</param>
    /// <param name="dataType">The form data type id, for example <c>model</c>.</param>
    /// <param name="formData">The model; not a string.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new instance with its data elements.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="formData"/> is a string, or (checked against the app's metadata before sending) the app has no such data type or it is not form data.</exception>
    /// <exception cref="AltinnRequestFailedException">The app refused (400 with its errors when the model does not fit its schema).</exception>
#if NET
    [RequiresUnreferencedCode(FormDataSerialization.XmlTrimMessage)]
    [RequiresDynamicCode(FormDataSerialization.XmlTrimMessage)]
#endif
    public virtual Task<Instance> CreateWithFormDataAsync<T>(InstanceOwnerReference owner, string dataType, T formData, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (owner is null) throw new ArgumentNullException(nameof(owner));
        dataType = UploadRules.CheckDataType(dataType, nameof(dataType));
        return CreateWithFormDataPartAsync(owner, dataType, FormDataSerialization.Xml(formData, nameof(formData)), options, cancellationToken);
    }

    /// <summary>Creates an instance with its form data as an object (JSON); see <see cref="CreateWithFormDataAsync{T}(InstanceOwnerReference, string, T, JsonTypeInfo{T}, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <typeparam name="T">The model class.</typeparam>
    /// <param name="owner">The instance owner.</param>
    /// <param name="dataType">The form data type id.</param>
    /// <param name="formData">The model.</param>
    /// <param name="jsonTypeInfo">The model's JSON contract from the caller's <c>JsonSerializerContext</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new instance with its data elements.</returns>
    public virtual Task<Instance> CreateWithFormDataAsync<T>(InstanceOwnerReference owner, string dataType, T formData, JsonTypeInfo<T> jsonTypeInfo, CancellationToken cancellationToken = default) =>
        CreateWithFormDataAsync(owner, dataType, formData, jsonTypeInfo, null, cancellationToken);

    /// <summary>
    /// Creates an instance whose form data of <paramref name="dataType"/> is <paramref name="formData"/>, serialized as
    /// JSON with the caller's source-generated contract straight into the multipart instantiation request.
    /// </summary>
    /// <typeparam name="T">The model class.</typeparam>
    /// <param name="owner">The instance owner.</param>
    /// <param name="dataType">The form data type id.</param>
    /// <param name="formData">The model; not a string.</param>
    /// <param name="jsonTypeInfo">The model's JSON contract from the caller's <c>JsonSerializerContext</c>.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new instance with its data elements.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="CreateWithFormDataAsync{T}(InstanceOwnerReference, string, T, AltinnRequestOptions?, CancellationToken)"/>.</exception>
    /// <exception cref="AltinnRequestFailedException">The app refused (400 with its errors when the model does not fit its schema).</exception>
    public virtual Task<Instance> CreateWithFormDataAsync<T>(
        InstanceOwnerReference owner, string dataType, T formData, JsonTypeInfo<T> jsonTypeInfo, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (owner is null) throw new ArgumentNullException(nameof(owner));
        dataType = UploadRules.CheckDataType(dataType, nameof(dataType));
        return CreateWithFormDataPartAsync(owner, dataType, FormDataSerialization.Json(formData, jsonTypeInfo, nameof(formData)), options, cancellationToken);
    }

    private async Task<Instance> CreateWithFormDataPartAsync(
        InstanceOwnerReference owner, string dataType, FormDataBody formData, AltinnRequestOptions? options, CancellationToken cancellationToken)
    {
        ApplicationMetadata? metadata = await _pipeline.MetadataForChecksAsync(options, cancellationToken).ConfigureAwait(false);
        if (metadata is not null)
        {
            DataType type = UploadRules.FindDataType(metadata, dataType, nameof(dataType));
            if (!type.IsFormData)
            {
                throw new ArgumentException($"'{dataType}' is an attachment type, not form data; send files with CreateAsync and InstanceDataPart. Nothing was sent.", nameof(dataType));
            }

            // As for any part of a multipart instantiation, the app takes only a content type its list names exactly.
            if (type.AllowedContentTypes is { Count: > 0 } allowed && !allowed.Contains(formData.MediaType, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"The data type '{dataType}' takes {string.Join(", ", allowed)} at instantiation, not {formData.MediaType}; use the other serialization. Nothing was sent.", nameof(formData));
            }
        }

        using MultipartFormDataContent content = RequestBodies.Instantiation(owner, dataType, formData.CreateContent());
        return await PostInstantiationAsync(content, options, cancellationToken).ConfigureAwait(false);
    }
}
