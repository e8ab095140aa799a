using System.Net;
using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Authentication;

/// <summary>
/// Log messages of <see cref="AltinnAuthenticationHandler"/> (event ids 2000-2099). They carry hosts, status codes,
/// methods and environment names only: never a token, a header value, a path or a query.
/// </summary>
/// <remarks>Source-generated with <c>[LoggerMessage]</c>.</remarks>
internal static partial class AuthenticationHandlerLog
{
    [LoggerMessage(2000, LogLevel.Trace, "Attached an Altinn access token for environment {Environment} to a {Method} request to {Host}.", EventName = "TokenAttached")]
    public static partial void TokenAttached(ILogger logger, string environment, string method, string host);

    [LoggerMessage(2001, LogLevel.Debug,
        "Sending a {Method} request to {Host} without an access token: it is not an HTTPS (or loopback) host of environment {Environment}.",
        EventName = "HostNotAltinn")]
    public static partial void HostNotAltinn(ILogger logger, string method, string host, string environment);

    [LoggerMessage(2002, LogLevel.Debug,
        "The {Method} request to {Host} has its own Authorization header; it is sent as given and not retried on 401.",
        EventName = "UserAuthorizationKept")]
    public static partial void UserAuthorizationKept(ILogger logger, string method, string host);

    [LoggerMessage(2003, LogLevel.Debug,
        "A redirect led from the original host to {Host}; the request's own Authorization header is not sent there.",
        EventName = "UserAuthorizationDropped")]
    public static partial void UserAuthorizationDropped(ILogger logger, string host);

    [LoggerMessage(2004, LogLevel.Debug,
        "Sending a redirected {Method} request to {Host} without an access token: the redirect chain passed through a host outside the environment.",
        EventName = "TokenWithheldAfterForeignRedirect")]
    public static partial void TokenWithheldAfterForeignRedirect(ILogger logger, string method, string host);

    [LoggerMessage(2010, LogLevel.Information,
        "{Host} answered 401 Unauthorized to a {Method} request; retrying once with a fresh token for environment {Environment}.",
        EventName = "UnauthorizedRetrying")]
    public static partial void UnauthorizedRetrying(ILogger logger, string host, string method, string environment);

    [LoggerMessage(2011, LogLevel.Warning,
        "{Host} answered 401 Unauthorized to a {Method} request whose body cannot be sent again (a stream); returning the 401 without a retry.",
        EventName = "UnauthorizedNotReplayable")]
    public static partial void UnauthorizedNotReplayable(ILogger logger, string host, string method);

    [LoggerMessage(2012, LogLevel.Warning,
        "{Host} answered 401 Unauthorized again after a retry with a fresh token for environment {Environment}; returning the response.",
        EventName = "UnauthorizedAfterRetry")]
    public static partial void UnauthorizedAfterRetry(ILogger logger, string host, string environment);

    public static void FollowingRedirect(ILogger logger, int hop, HttpStatusCode statusCode, string fromHost, string toHost, string method) =>
        FollowingRedirect(logger, hop, (int)statusCode, fromHost, toHost, method);

    public static void RedirectNotFollowed(ILogger logger, HttpStatusCode statusCode, string fromHost, string reason) =>
        RedirectNotFollowed(logger, (int)statusCode, fromHost, reason);

    [LoggerMessage(2020, LogLevel.Debug, "Following redirect {Hop} ({StatusCode}) from {FromHost} to {ToHost} as {Method}.", EventName = "FollowingRedirect")]
    private static partial void FollowingRedirect(ILogger logger, int hop, int statusCode, string fromHost, string toHost, string method);

    [LoggerMessage(2021, LogLevel.Debug, "Not following the {StatusCode} redirect from {FromHost}: {Reason}.", EventName = "RedirectNotFollowed")]
    private static partial void RedirectNotFollowed(ILogger logger, int statusCode, string fromHost, string reason);
}
