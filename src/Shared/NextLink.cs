// Shared source: compiled into Altinn.Sdk.Storage and Altinn.Sdk.Events (each gets its own internal copy): the one way
// the SDK reads a paging parameter out of a service's `next` link. Only the parameter is used, never the link itself,
// so the link's host does not matter.
using System;

namespace Altinn.Sdk.Internal;

/// <summary>Reads a parameter of a <c>next</c> link.</summary>
internal static class NextLink
{
    /// <summary>
    /// The decoded value of the first query parameter called <paramref name="name"/> in <paramref name="next"/>, or
    /// <see langword="null"/> when the link is empty, has no query, no such parameter, or the value is empty.
    /// </summary>
    public static string? Parameter(string? next, string name, StringComparison comparison)
    {
        if (string.IsNullOrEmpty(next)) return null;
        int question = next!.IndexOf('?');
        if (question < 0) return null;
        foreach (string pair in next.Substring(question + 1).Split('&'))
        {
            int equals = pair.IndexOf('=');
            if (equals == name.Length && string.Compare(pair, 0, name, 0, name.Length, comparison) == 0)
            {
                string value = Uri.UnescapeDataString(pair.Substring(equals + 1));
                return value.Length == 0 ? null : value;
            }
        }

        return null;
    }
}
