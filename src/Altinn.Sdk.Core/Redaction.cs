using System.Text.RegularExpressions;

namespace Altinn.Sdk;

/// <summary>Removes secrets and national identity numbers from text that may reach logs or exception messages.</summary>
internal static class Redaction
{
    internal const string Redacted = "***";

    // JWTs (Altinn, Maskinporten and ID-porten tokens) and 11-digit national identity numbers.
    private static readonly Regex s_jwt = new(@"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*", RegexOptions.CultureInvariant);
    private static readonly Regex s_nationalId = new(@"(?<![0-9])[0-9]{11}(?![0-9])", RegexOptions.CultureInvariant);

    private static readonly string[] s_sensitiveQueryKeys =
        ["token", "access_token", "id_token", "refresh_token", "assertion", "code", "client_secret", "person", "personnumber", "ssn", "pid", "password"];

    /// <summary>Redacts tokens and national identity numbers in free text.</summary>
    public static string Text(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        string result = s_jwt.Replace(text, "[token " + Redacted + "]");
        return s_nationalId.Replace(result, Redacted);
    }

    /// <summary>The URL without user info, with sensitive query values and national identity numbers redacted.</summary>
    public static string Uri(Uri? uri)
    {
        if (uri is null) return string.Empty;
        if (!uri.IsAbsoluteUri) return Text(uri.OriginalString);

        var builder = new StringBuilder(uri.GetLeftPart(UriPartial.Scheme));
        builder.Append(uri.Host);
        if (!uri.IsDefaultPort) builder.Append(':').Append(uri.Port);
        builder.Append(uri.AbsolutePath);
        string query = uri.Query;
        if (query.Length > 1)
        {
            builder.Append('?');
            string[] pairs = query.Substring(1).Split('&');
            for (int i = 0; i < pairs.Length; i++)
            {
                if (i > 0) builder.Append('&');
                int eq = pairs[i].IndexOf('=');
                string key = eq < 0 ? pairs[i] : pairs[i].Substring(0, eq);
                builder.Append(key);
                if (eq < 0) continue;
                builder.Append('=');
                bool sensitive = Array.Exists(s_sensitiveQueryKeys, k => string.Equals(k, System.Uri.UnescapeDataString(key), StringComparison.OrdinalIgnoreCase));
                builder.Append(sensitive ? Redacted : pairs[i].Substring(eq + 1));
            }
        }

        return Text(builder.ToString());
    }
}
