namespace Altinn.Sdk;

/// <summary>Decides which requests the pipeline may send again after a transient failure.</summary>
internal static class RetryPolicy
{
    internal const string RetrySafeKey = "Altinn.Sdk.RetrySafe";
    internal static readonly object Marker = new();

    /// <summary>
    /// GET, HEAD and OPTIONS, or a request the SDK marked safe because repeating it changes nothing more (setting a
    /// substatus, confirming complete). Never a request whose body is a stream that cannot be read twice.
    /// </summary>
    public static bool IsRetrySafe(HttpRequestMessage? request)
    {
        if (request is null) return false;
        if (request.Content is StreamContent) return false;
        var method = request.Method;
        if (method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options) return true;
        return RequestOptionStore.Get<object>(request, RetrySafeKey) is not null;
    }
}
