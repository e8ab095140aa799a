namespace Altinn.Sdk.Authentication;

/// <summary>An access token and the moment it stops being valid.</summary>
/// <remarks><see cref="ToString"/> never shows the token, so the value is safe to log.</remarks>
public readonly struct AltinnAccessToken : IEquatable<AltinnAccessToken>
{
    /// <summary>Creates a token value.</summary>
    /// <exception cref="ArgumentException"><paramref name="token"/> is empty.</exception>
    public AltinnAccessToken(string token, DateTimeOffset expiresOn)
    {
        if (string.IsNullOrWhiteSpace(token)) throw new ArgumentException("An access token must not be empty.", nameof(token));
        Token = token;
        ExpiresOn = expiresOn;
    }

    /// <summary>The token, to be sent as <c>Authorization: Bearer {Token}</c>. Never log it.</summary>
    public string Token { get; }

    /// <summary>When the token expires.</summary>
    public DateTimeOffset ExpiresOn { get; }

    /// <summary>Describes the token without revealing it.</summary>
    public override string ToString() => $"AltinnAccessToken(expires {ExpiresOn:O})";

    /// <inheritdoc/>
    public bool Equals(AltinnAccessToken other) => string.Equals(Token, other.Token, StringComparison.Ordinal) && ExpiresOn == other.ExpiresOn;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AltinnAccessToken other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Token is null ? 0 : StringComparer.Ordinal.GetHashCode(Token);

    /// <summary>Compares two tokens by value.</summary>
    public static bool operator ==(AltinnAccessToken left, AltinnAccessToken right) => left.Equals(right);

    /// <summary>Compares two tokens by value.</summary>
    public static bool operator !=(AltinnAccessToken left, AltinnAccessToken right) => !left.Equals(right);
}
