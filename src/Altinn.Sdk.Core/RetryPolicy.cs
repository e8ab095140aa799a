namespace Altinn.Sdk;

/// <summary>Decides which requests the pipeline may send again after a transient failure.</summary>
internal static class RetryPolicy
{
    internal const string RetrySafeKey = "Altinn.Sdk.RetrySafe";
    internal const string NotRetriedOnKey = "Altinn.Sdk.NotRetriedOn";
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

    /// <summary>Whether the caller handles this answer itself (<see cref="AltinnHttpRequestExtensions.MarkNotRetriedOn"/>), so it is not retried.</summary>
    public static bool IsHandledByCaller(HttpRequestMessage? request, HttpResponseMessage? response) =>
        request is not null
        && response is not null
        && RequestOptionStore.Get<System.Net.HttpStatusCode[]>(request, NotRetriedOnKey) is { } statuses
        && Array.IndexOf(statuses, response.StatusCode) >= 0;

    /// <summary>
    /// A failure worth another attempt: no answer (a network error or an attempt that timed out), 408, 429 or 5xx.
    /// </summary>
    public static bool IsTransient(HttpResponseMessage? response, Exception? exception) => response is not null
        ? (int)response.StatusCode is 408 or 429 or >= 500
        : exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException;

    /// <summary>The wait a <c>Retry-After</c> header asks for (seconds, or a date); null when there is none or it has passed.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider clock)
    {
        if (response?.Headers.RetryAfter is not { } retryAfter) return null;
        TimeSpan? wait = retryAfter.Delta ?? (retryAfter.Date - clock.GetUtcNow());
        return wait >= TimeSpan.Zero ? wait : null;
    }
}
