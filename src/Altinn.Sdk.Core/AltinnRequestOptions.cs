using Altinn.Sdk.Authentication;

namespace Altinn.Sdk;

/// <summary>
/// Per-call settings that override the client's default identity for one request: another credential, another
/// system user, or other scopes. Anything left <see langword="null"/> keeps the client's default.
/// </summary>
/// <remarks>
/// End-user systems serve many parties from one client: pass an instance per call (the SDK's clients take an
/// optional <c>AltinnRequestOptions? options</c> argument), or put it on a hand-made request with
/// <see cref="AltinnHttpRequestExtensions.SetAltinnRequestOptions"/>. The
/// <see cref="AltinnAuthenticationHandler"/> reads it and fetches a token for that identity. The environment
/// cannot be overridden per call: tokens only ever go to the hosts of the client's environment.
/// </remarks>
public sealed class AltinnRequestOptions
{
    /// <summary>A credential to use for this request instead of the client's default, or <see langword="null"/> to keep it.</summary>
    public AltinnCredential? Credential { get; set; }

    /// <summary>
    /// A system user to act as for this request instead of the default context's, or <see langword="null"/> to keep
    /// the default context's system user (if any).
    /// </summary>
    public SystemUserContext? SystemUser { get; set; }

    /// <summary>
    /// Scopes to ask for in this request's token instead of the default context's, or <see langword="null"/> to keep them.
    /// They are validated like <see cref="AltinnTokenContext"/> scopes when the request is sent.
    /// </summary>
    public IReadOnlyList<string>? Scopes { get; set; }

    /// <summary>Applies the overrides to a default context: system user and scopes replaced where given.</summary>
    internal AltinnTokenContext Apply(AltinnTokenContext defaultContext)
    {
        AltinnTokenContext context = defaultContext;
        if (SystemUser is not null) context = context.WithSystemUser(SystemUser);
        if (Scopes is not null) context = context.WithScopes(Scopes);
        return context;
    }
}

/// <summary>
/// What the SDK's pipeline reads from an <see cref="HttpRequestMessage"/>: per-call identity
/// (<see cref="AltinnRequestOptions"/>) and whether the request may be repeated after a transient failure.
/// </summary>
public static class AltinnHttpRequestExtensions
{
    internal const string OptionsKey = "Altinn.Sdk.AltinnRequestOptions";

    /// <summary>
    /// Attaches per-call identity to a request, for the <see cref="AltinnAuthenticationHandler"/> to use;
    /// <see langword="null"/> removes options set earlier.
    /// </summary>
    /// <param name="request">The request to send.</param>
    /// <param name="options">The overrides for this request, or <see langword="null"/> for the client's defaults.</param>
    /// <returns>The same request, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public static HttpRequestMessage SetAltinnRequestOptions(this HttpRequestMessage request, AltinnRequestOptions? options)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        RequestOptionStore.Set(request, OptionsKey, options);
        return request;
    }

    /// <summary>Returns the per-call options attached to a request, or <see langword="null"/> if there are none.</summary>
    /// <param name="request">The request.</param>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public static AltinnRequestOptions? GetAltinnRequestOptions(this HttpRequestMessage request)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        return RequestOptionStore.Get<AltinnRequestOptions>(request, OptionsKey);
    }

    /// <summary>
    /// Marks a request that changes nothing more when it is repeated (for example setting a substatus or confirming
    /// an instance complete), so the pipeline may retry it after 408, 429, 5xx or a network error like a GET.
    /// A request whose body is a stream is never retried.
    /// </summary>
    /// <param name="request">The request to send.</param>
    /// <returns>The same request, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public static HttpRequestMessage MarkRetrySafe(this HttpRequestMessage request)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        RequestOptionStore.Set(request, RetryPolicy.RetrySafeKey, RetryPolicy.Marker);
        return request;
    }

    /// <summary>
    /// Marks answers the caller handles itself, so the pipeline does not retry a request that gets one of them; other
    /// transient failures are still retried. Storage's instance query uses this for the 500 of a query its database
    /// could not finish: it asks again with a smaller page rather than the same request again.
    /// </summary>
    /// <param name="request">The request to send.</param>
    /// <param name="statuses">The statuses not to retry; none removes an earlier mark.</param>
    /// <returns>The same request, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> or <paramref name="statuses"/> is null.</exception>
    public static HttpRequestMessage MarkNotRetriedOn(this HttpRequestMessage request, params System.Net.HttpStatusCode[] statuses)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        if (statuses is null) throw new ArgumentNullException(nameof(statuses));
        RequestOptionStore.Set(request, RetryPolicy.NotRetriedOnKey, statuses.Length == 0 ? null : (System.Net.HttpStatusCode[])statuses.Clone());
        return request;
    }
}
