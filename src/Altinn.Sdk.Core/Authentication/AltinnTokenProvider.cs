namespace Altinn.Sdk.Authentication;

/// <summary>Who issued a token given to the Altinn token exchange.</summary>
public enum AltinnTokenProvider
{
    /// <summary>Maskinporten (also system-user tokens): <c>/exchange/maskinporten</c>.</summary>
    Maskinporten = 0,

    /// <summary>An ID-porten access token (never the id_token): <c>/exchange/id-porten</c>.</summary>
    IdPorten = 1,
}
