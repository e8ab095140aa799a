namespace Altinn.Sdk;

/// <summary>
/// Values stored on an <see cref="HttpRequestMessage"/>: <c>Options</c> on .NET 5 and later, <c>Properties</c> on
/// netstandard2.0 (where <c>Options</c> does not exist).
/// </summary>
internal static class RequestOptionStore
{
    /// <summary>Stores a value under a key; <see langword="null"/> removes it.</summary>
    public static void Set<T>(HttpRequestMessage request, string key, T? value)
        where T : class
    {
#if NET
        IDictionary<string, object?> store = request.Options;
#else
        IDictionary<string, object> store = request.Properties;
#endif
        if (value is null)
        {
            store.Remove(key);
        }
        else
        {
            store[key] = value;
        }
    }

    /// <summary>Returns the value stored under a key, or <see langword="null"/> if there is none of that type.</summary>
    public static T? Get<T>(HttpRequestMessage request, string key)
        where T : class
    {
#if NET
        IDictionary<string, object?> store = request.Options;
#else
        IDictionary<string, object> store = request.Properties;
#endif
        return store.TryGetValue(key, out object? value) ? value as T : null;
    }

    /// <summary>Copies every stored value from one request to another (for a request re-issued after a redirect).</summary>
    public static void CopyAll(HttpRequestMessage from, HttpRequestMessage to)
    {
#if NET
        IDictionary<string, object?> source = from.Options;
        IDictionary<string, object?> target = to.Options;
#else
        IDictionary<string, object> source = from.Properties;
        IDictionary<string, object> target = to.Properties;
#endif
        foreach (var pair in source)
        {
            target[pair.Key] = pair.Value;
        }
    }
}
