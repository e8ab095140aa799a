namespace Altinn.Sdk.Apps;

/// <summary>
/// The app's metadata (<c>api/v1/applicationmetadata</c>), its data types and its texts. These endpoints are
/// anonymous in Altinn; the SDK still sends its token, which the app ignores. Get it from
/// <see cref="AppClient.Metadata"/>. Thread-safe.
/// </summary>
public partial class AppMetadataClient
{
    private readonly AppPipeline _pipeline;

    /// <summary>For mocking.</summary>
    protected AppMetadataClient()
    {
        _pipeline = null!;
    }

    internal AppMetadataClient(AppPipeline pipeline)
    {
        _pipeline = pipeline;
    }

    /// <summary>Reads the application metadata; see <see cref="GetAsync(AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The metadata.</returns>
    public virtual Task<ApplicationMetadata> GetAsync(CancellationToken cancellationToken = default) => GetAsync(null, cancellationToken);

    /// <summary>
    /// Reads the application metadata (<c>GET api/v1/applicationmetadata</c>) and keeps it in this
    /// <see cref="AppClient"/>, where uploads are checked against it before they are sent. Every call reads it anew,
    /// so call it again after the app is redeployed with other data types.
    /// </summary>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The metadata (Storage's application plus the app's own fields).</returns>
    /// <exception cref="AltinnRequestFailedException">The app is not there (404), or its metadata names another app id (409).</exception>
    public virtual async Task<ApplicationMetadata> GetAsync(AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        ApplicationMetadata metadata = await _pipeline.CallAsync(
            "Apps.Metadata.Get",
            options, retrySafe: false, MetadataHint, (t, ct) => t.GetApplicationMetadataAsync(null, ct), cancellationToken).ConfigureAwait(false);
        _pipeline.CacheMetadata(metadata);
        return metadata;
    }

    /// <summary>Lists the app's data types; see <see cref="GetDataTypesAsync(AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The data types.</returns>
    public virtual Task<IReadOnlyList<DataType>> GetDataTypesAsync(CancellationToken cancellationToken = default) =>
        GetDataTypesAsync(null, cancellationToken);

    /// <summary>
    /// The app's data types: the metadata's <c>dataTypes</c> (the App API has no separate endpoint). Uses the metadata
    /// this client already holds, or reads it once.
    /// </summary>
    /// <param name="options">Another identity for the request, if one is needed, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The data types (empty when the app has none).</returns>
    /// <exception cref="AltinnRequestFailedException">The metadata could not be read.</exception>
    public virtual async Task<IReadOnlyList<DataType>> GetDataTypesAsync(AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        ApplicationMetadata metadata = _pipeline.CachedMetadata ?? await GetAsync(options, cancellationToken).ConfigureAwait(false);
        return metadata.DataTypes ?? Array.Empty<DataType>();
    }

    /// <summary>Reads the app's texts in a language; see <see cref="GetTextsAsync(string, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="language">A two-letter language code, for example <c>nb</c>, <c>nn</c> or <c>en</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The texts.</returns>
    public virtual Task<TextResource> GetTextsAsync(string language, CancellationToken cancellationToken = default) =>
        GetTextsAsync(language, null, cancellationToken);

    /// <summary>
    /// Reads the app's texts in a language (<c>GET api/v1/texts/{language}</c>); the app falls back to <c>nb</c> when
    /// it has no texts in that language. Substatus labels and descriptions may be keys of these texts.
    /// </summary>
    /// <param name="language">A two-letter language code (ISO 639-1), for example <c>nb</c>, <c>nn</c> or <c>en</c>.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The texts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="language"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="language"/> is not two letters.</exception>
    /// <exception cref="AltinnRequestFailedException">404 when the app has no texts.</exception>
    public virtual Task<TextResource> GetTextsAsync(string language, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (language is null) throw new ArgumentNullException(nameof(language));
        if (language.Length != 2 || !IsAsciiLetter(language[0]) || !IsAsciiLetter(language[1]))
        {
            throw new ArgumentException($"'{language}' is not a two-letter language code such as nb, nn or en.", nameof(language));
        }

        string code = language.ToLowerInvariant();
        return _pipeline.CallAsync("Apps.Metadata.GetTexts", options, retrySafe: false, _ => null, (t, ct) => t.GetTextsAsync(code, ct), cancellationToken);
    }

    private static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    private static string? MetadataHint(int status) => status switch
    {
        404 => "No app answers at this address: check the app id and the environment (the app may not be deployed there, or may be undeployed).",
        409 => "The app's metadata has another id than the app id in the URL (Altinn compares them exactly, including case).",
        _ => null,
    };
}
