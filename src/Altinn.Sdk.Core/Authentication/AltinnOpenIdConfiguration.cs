namespace Altinn.Sdk.Authentication;

/// <summary>The Altinn Authentication OpenID discovery document of an environment: issuer, keys and endpoints.</summary>
public sealed class AltinnOpenIdConfiguration
{
    /// <summary>Creates the document's values.</summary>
    public AltinnOpenIdConfiguration(
        string issuer,
        Uri? jwksUri,
        Uri? authorizationEndpoint,
        Uri? tokenEndpoint,
        Uri? endSessionEndpoint,
        IReadOnlyList<string> idTokenSigningAlgorithms)
    {
        Issuer = issuer ?? throw new ArgumentNullException(nameof(issuer));
        JwksUri = jwksUri;
        AuthorizationEndpoint = authorizationEndpoint;
        TokenEndpoint = tokenEndpoint;
        EndSessionEndpoint = endSessionEndpoint;
        IdTokenSigningAlgorithms = idTokenSigningAlgorithms ?? throw new ArgumentNullException(nameof(idTokenSigningAlgorithms));
    }

    /// <summary>The issuer of Altinn tokens in the environment (<c>iss</c>), for example <c>https://platform.tt02.altinn.no/authentication/api/v1/openid/</c>.</summary>
    public string Issuer { get; }

    /// <summary>Where the keys Altinn tokens are signed with are published (<c>jwks_uri</c>).</summary>
    public Uri? JwksUri { get; }

    /// <summary>The <c>authorization_endpoint</c>.</summary>
    public Uri? AuthorizationEndpoint { get; }

    /// <summary>The <c>token_endpoint</c>.</summary>
    public Uri? TokenEndpoint { get; }

    /// <summary>The <c>end_session_endpoint</c>.</summary>
    public Uri? EndSessionEndpoint { get; }

    /// <summary>The <c>id_token_signing_alg_values_supported</c>, for example <c>RS256</c>.</summary>
    public IReadOnlyList<string> IdTokenSigningAlgorithms { get; }
}
