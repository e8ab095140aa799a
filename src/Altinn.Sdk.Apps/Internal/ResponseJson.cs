using System.Text.Json.Serialization.Metadata;

namespace Altinn.Sdk.Apps;

/// <summary>Reads an app's JSON answer, within the response bound.</summary>
internal static class ResponseJson
{
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, int maxBytes, CancellationToken cancellationToken)
    {
        using Stream stream = ResponseBody.Limit(await HttpContentReads.StreamAsync(response.Content, cancellationToken).ConfigureAwait(false), response, maxBytes, null);
        return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"The app answered with null instead of {typeof(T).Name}.");
    }
}
