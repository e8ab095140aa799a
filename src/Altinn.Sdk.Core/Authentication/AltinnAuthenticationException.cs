namespace Altinn.Sdk.Authentication;

/// <summary>
/// A token could not be obtained: Maskinporten refused a grant, or a credential cannot produce a token (for
/// example a static token the server has refused). Carries the token service's status and OAuth error.
/// </summary>
/// <remarks>The message never contains a token or a grant (assertion).</remarks>
public class AltinnAuthenticationException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public AltinnAuthenticationException()
        : this("No access token could be obtained.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AltinnAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public AltinnAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a token service's answer.</summary>
    /// <param name="message">The message, used as given; it must not contain a token or an assertion.</param>
    /// <param name="status">The HTTP status the token service answered with, or null when there was no answer.</param>
    /// <param name="error">The OAuth <c>error</c> code, for example <c>invalid_grant</c>.</param>
    /// <param name="errorDescription">The OAuth <c>error_description</c>, as the service sent it.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public AltinnAuthenticationException(string message, int? status, string? error, string? errorDescription, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        Error = error;
        ErrorDescription = errorDescription;
    }

    /// <summary>The HTTP status the token service answered with, or null when there was no answer.</summary>
    public int? Status { get; }

    /// <summary>The OAuth <c>error</c> code, for example <c>invalid_grant</c> or <c>invalid_scope</c>.</summary>
    public string? Error { get; }

    /// <summary>
    /// The OAuth <c>error_description</c> exactly as the service sent it. Maskinporten's descriptions carry a code
    /// (for example <c>MP-100</c>) and an id that Digdir support can look up.
    /// </summary>
    public string? ErrorDescription { get; }
}
