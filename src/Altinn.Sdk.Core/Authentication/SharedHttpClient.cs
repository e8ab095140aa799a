namespace Altinn.Sdk.Authentication;

/// <summary>
/// One process-wide HttpClient for credentials built without one, so they do not each open sockets. It never follows
/// a redirect: a token request followed to another address would send the signed grant there.
/// </summary>
internal static class SharedHttpClient
{
    private static readonly Lazy<HttpClient> s_instance = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static HttpClient Instance => s_instance.Value;

    private static HttpClient Create()
    {
#if NET
        // Recycle connections so DNS changes are picked up.
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
#else
        var handler = new HttpClientHandler { AllowAutoRedirect = false };
#endif
        return new HttpClient(handler, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(30) };
    }
}
