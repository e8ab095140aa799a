namespace Altinn.Sdk.Testing;

/// <summary>A request the emulator received, as its request log keeps it.</summary>
/// <param name="Time">When it arrived, by the emulator's clock.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query string, exactly as received.</param>
/// <param name="Status">The status answered (0 when the connection was dropped).</param>
/// <param name="Fault">The fault injected, if any.</param>
public sealed record EmulatorRequest(DateTimeOffset Time, string Method, string PathAndQuery, int Status, EmulatorFaultKinds Fault)
{
    /// <summary>Whether the request could change state (anything but GET, HEAD and OPTIONS).</summary>
    public bool IsWrite => Method is not ("GET" or "HEAD" or "OPTIONS");
}
