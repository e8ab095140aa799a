using System.Net;
using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Authentication;

/// <summary>
/// Log messages of <see cref="AltinnAuthenticationHandler"/> (event ids 2000-2099). They carry hosts, status codes,
/// methods and environment names only: never a token, a header value, a path or a query.
/// </summary>
/// <remarks>
/// Defined with <see cref="LoggerMessage.Define(LogLevel, EventId, string)"/> rather than <c>[LoggerMessage]</c>: on
/// netstandard2.0 the project currently runs two logging source generators (Microsoft.Extensions.Logging.Abstractions'
/// and Microsoft.Gen.Logging from Microsoft.Extensions.Telemetry.Abstractions), which emit the same methods twice.
/// </remarks>
internal static class AuthenticationHandlerLog
{
    private static readonly Action<ILogger, string, string, string, Exception?> s_tokenAttached = LoggerMessage.Define<string, string, string>(
        LogLevel.Trace, new EventId(2000, "TokenAttached"),
        "Attached an Altinn access token for environment {Environment} to a {Method} request to {Host}.");

    private static readonly Action<ILogger, string, string, string, Exception?> s_hostNotAltinn = LoggerMessage.Define<string, string, string>(
        LogLevel.Debug, new EventId(2001, "HostNotAltinn"),
        "Sending a {Method} request to {Host} without an access token: it is not an HTTPS (or loopback) host of environment {Environment}.");

    private static readonly Action<ILogger, string, string, Exception?> s_userAuthorizationKept = LoggerMessage.Define<string, string>(
        LogLevel.Debug, new EventId(2002, "UserAuthorizationKept"),
        "The {Method} request to {Host} has its own Authorization header; it is sent as given and not retried on 401.");

    private static readonly Action<ILogger, string, Exception?> s_userAuthorizationDropped = LoggerMessage.Define<string>(
        LogLevel.Debug, new EventId(2003, "UserAuthorizationDropped"),
        "A redirect led from the original host to {Host}; the request's own Authorization header is not sent there.");

    private static readonly Action<ILogger, string, string, Exception?> s_tokenWithheldAfterForeignRedirect = LoggerMessage.Define<string, string>(
        LogLevel.Debug, new EventId(2004, "TokenWithheldAfterForeignRedirect"),
        "Sending a redirected {Method} request to {Host} without an access token: the redirect chain passed through a host outside the environment.");

    private static readonly Action<ILogger, string, string, string, Exception?> s_unauthorizedRetrying = LoggerMessage.Define<string, string, string>(
        LogLevel.Information, new EventId(2010, "UnauthorizedRetrying"),
        "{Host} answered 401 Unauthorized to a {Method} request; retrying once with a fresh token for environment {Environment}.");

    private static readonly Action<ILogger, string, string, Exception?> s_unauthorizedNotReplayable = LoggerMessage.Define<string, string>(
        LogLevel.Warning, new EventId(2011, "UnauthorizedNotReplayable"),
        "{Host} answered 401 Unauthorized to a {Method} request whose body cannot be sent again (a stream); returning the 401 without a retry.");

    private static readonly Action<ILogger, string, string, Exception?> s_unauthorizedAfterRetry = LoggerMessage.Define<string, string>(
        LogLevel.Warning, new EventId(2012, "UnauthorizedAfterRetry"),
        "{Host} answered 401 Unauthorized again after a retry with a fresh token for environment {Environment}; returning the response.");

    private static readonly Action<ILogger, int, int, string, string, string, Exception?> s_followingRedirect = LoggerMessage.Define<int, int, string, string, string>(
        LogLevel.Debug, new EventId(2020, "FollowingRedirect"),
        "Following redirect {Hop} ({StatusCode}) from {FromHost} to {ToHost} as {Method}.");

    private static readonly Action<ILogger, int, string, string, Exception?> s_redirectNotFollowed = LoggerMessage.Define<int, string, string>(
        LogLevel.Debug, new EventId(2021, "RedirectNotFollowed"),
        "Not following the {StatusCode} redirect from {FromHost}: {Reason}.");

    public static void TokenAttached(ILogger logger, string environment, string method, string host) =>
        s_tokenAttached(logger, environment, method, host, null);

    public static void HostNotAltinn(ILogger logger, string method, string host, string environment) =>
        s_hostNotAltinn(logger, method, host, environment, null);

    public static void UserAuthorizationKept(ILogger logger, string method, string host) =>
        s_userAuthorizationKept(logger, method, host, null);

    public static void UserAuthorizationDropped(ILogger logger, string host) =>
        s_userAuthorizationDropped(logger, host, null);

    public static void TokenWithheldAfterForeignRedirect(ILogger logger, string method, string host) =>
        s_tokenWithheldAfterForeignRedirect(logger, method, host, null);

    public static void UnauthorizedRetrying(ILogger logger, string host, string method, string environment) =>
        s_unauthorizedRetrying(logger, host, method, environment, null);

    public static void UnauthorizedNotReplayable(ILogger logger, string host, string method) =>
        s_unauthorizedNotReplayable(logger, host, method, null);

    public static void UnauthorizedAfterRetry(ILogger logger, string host, string environment) =>
        s_unauthorizedAfterRetry(logger, host, environment, null);

    public static void FollowingRedirect(ILogger logger, int hop, HttpStatusCode statusCode, string fromHost, string toHost, string method) =>
        s_followingRedirect(logger, hop, (int)statusCode, fromHost, toHost, method, null);

    public static void RedirectNotFollowed(ILogger logger, HttpStatusCode statusCode, string fromHost, string reason) =>
        s_redirectNotFollowed(logger, (int)statusCode, fromHost, reason, null);
}
