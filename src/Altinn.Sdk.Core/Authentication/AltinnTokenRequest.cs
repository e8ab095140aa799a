namespace Altinn.Sdk.Authentication;

/// <summary>A request for a token: the context it is for, and a token the server has just rejected, if any.</summary>
public sealed class AltinnTokenRequest
{
    /// <summary>Creates a token request.</summary>
    /// <param name="context">What the token is for.</param>
    /// <param name="rejectedToken">
    /// A token that a server has just answered with 401. A caching credential must not return it again: it
    /// fetches a fresh one, unless another caller has already replaced it (so concurrent 401s share one refresh).
    /// </param>
    public AltinnTokenRequest(AltinnTokenContext context, string? rejectedToken = null)
    {
        Context = context ?? throw new ArgumentNullException(nameof(context));
        RejectedToken = rejectedToken;
    }

    /// <summary>What the token is for.</summary>
    public AltinnTokenContext Context { get; }

    /// <summary>A token the server rejected with 401, which must not be returned again; usually null.</summary>
    public string? RejectedToken { get; }
}
