using System.Text.Json;
using System.Text.RegularExpressions;

namespace Altinn.Sdk.Reliability.Tests;

/// <summary>
/// Looks for credentials and personal data in text: JWTs, bearer tokens, PEM bodies, the private key material in use
/// (every private member of the JWKs given), and national identity numbers. Counts what it scanned, so a test can show
/// its check had something to find.
/// </summary>
public sealed partial class SecretScanner
{
    private readonly List<string> _secrets = [];
    private readonly List<string> _nationalIds = [];
    private readonly List<string> _hits = [];

    public int LinesScanned { get; private set; }

    public int TextsScanned { get; private set; }

    public IReadOnlyList<string> Hits => _hits;

    /// <summary>A JWT: a base64url JSON header and payload (both start with <c>{"</c>, so <c>eyJ</c>) and a signature.</summary>
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"Bearer\s+[A-Za-z0-9._~+/=-]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*-----")]
    private static partial Regex Pem();

    /// <summary>Watches for the private members of a JWK (d, p, q, dp, dq, qi).</summary>
    public void AddPrivateJwk(string jwk)
    {
        using JsonDocument document = JsonDocument.Parse(jwk);
        foreach (string member in new[] { "d", "p", "q", "dp", "dq", "qi" })
        {
            if (document.RootElement.TryGetProperty(member, out JsonElement value)) _secrets.Add(value.GetString()!);
        }
    }

    /// <summary>Watches for a secret given as is (a token, a password).</summary>
    public void AddSecret(string secret) => _secrets.Add(secret);

    public void AddNationalId(string nationalId) => _nationalIds.Add(nationalId);

    /// <summary>Scans a text (a log line, an exception, command output) from <paramref name="source"/>.</summary>
    /// <param name="source">Where the text came from, for the report.</param>
    /// <param name="text">The text.</param>
    /// <param name="isRequestedData">
    /// The text is data the caller asked for (an instance as Storage sent it): national identity numbers in it are the
    /// instance owner's, not a leak, so only credentials are looked for.
    /// </param>
    public void Scan(string source, string? text, bool isRequestedData = false)
    {
        if (string.IsNullOrEmpty(text)) return;
        TextsScanned++;
        foreach (string line in text.Split('\n'))
        {
            LinesScanned++;
            if (Jwt().IsMatch(line)) _hits.Add($"{source}: a JWT");
            if (Bearer().IsMatch(line)) _hits.Add($"{source}: a bearer token");
            if (Pem().IsMatch(line)) _hits.Add($"{source}: a PEM block");
            foreach (string secret in _secrets.Where(s => line.Contains(s, StringComparison.Ordinal))) _hits.Add($"{source}: private key material or a secret ({secret.Length} characters)");
            foreach (string id in _nationalIds.Where(id => !isRequestedData).Where(id => line.Contains(id, StringComparison.Ordinal))) _hits.Add($"{source}: a national identity number");
        }
    }

    public void Scan(string source, Exception exception)
    {
        Scan(source + " (message)", exception.Message);
        Scan(source + " (ToString)", exception.ToString());
        for (Exception? inner = exception.InnerException; inner is not null; inner = inner.InnerException) Scan(source + " (inner)", inner.Message);
    }
}
