namespace Altinn.Sdk.Cli;

/// <summary>The exit codes of the <c>altinn</c> command; scripts may rely on them.</summary>
public static class ExitCodes
{
    /// <summary>0: the command did everything it was asked.</summary>
    public const int Success = 0;

    /// <summary>
    /// 1: the command ran but did not finish all its work (some items failed, or the emulator could not start);
    /// what was done is reported.
    /// </summary>
    public const int Failed = 1;

    /// <summary>2: bad arguments, settings or input; nothing was sent.</summary>
    public const int UsageError = 2;

    /// <summary>3: no token could be had, or Altinn refused the token (401).</summary>
    public const int AuthenticationFailed = 3;

    /// <summary>4: Altinn answered a request with an error, or could not be reached.</summary>
    public const int RequestFailed = 4;

    /// <summary>130: stopped with Ctrl+C (or SIGTERM) before it finished.</summary>
    public const int Cancelled = 130;

    /// <summary>The exit codes as the help text lists them.</summary>
    internal const string HelpText =
        "Exit codes: 0 ok; 1 failed partly (what was done is reported); 2 bad usage or input (nothing sent); "
        + "3 authentication failed; 4 request failed (Altinn's error is printed); 130 cancelled.";
}
