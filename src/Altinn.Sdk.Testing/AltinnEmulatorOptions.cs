namespace Altinn.Sdk.Testing;

/// <summary>Settings for <see cref="AltinnEmulator.StartAsync"/>.</summary>
public sealed class AltinnEmulatorOptions
{
    /// <summary>The port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// A folder to load state from and save it to, so it survives a restart; null (the default) keeps state in memory
    /// (data element content then lives in a temporary folder removed on dispose). The layout is in the package README.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>Create the documented demo app <c>ttd/demo-app</c> with instances in every state (only into an empty store).</summary>
    public bool SeedDemo { get; set; }

    /// <summary>The emulator's clock; tests pass a fake one to move time (token expiry, 7-day purges). Default: the system clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Faults to inject into a share of requests, for resilience tests; none by default.</summary>
    public EmulatorFaultOptions? Faults { get; set; }

    /// <summary>
    /// Service owners known to the emulator, org code to organisation number. Defaults include <c>ttd</c>
    /// (<c>405003309</c>) and <c>digdir</c> (<c>991825827</c>).
    /// </summary>
    public IDictionary<string, string> Organisations { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ttd"] = "405003309",
        ["digdir"] = "991825827",
    };
}

/// <summary>Which faults to inject, how often, and how.</summary>
public sealed class EmulatorFaultOptions
{
    /// <summary>The share of requests that get a fault, from 0 to 1.</summary>
    public double Rate { get; set; }

    /// <summary>The seed of the fault dice, so a run can be repeated exactly.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>The kinds of fault to choose from (evenly). Default: all.</summary>
    public EmulatorFaultKinds Kinds { get; set; } = EmulatorFaultKinds.All;

    /// <summary>The <c>Retry-After</c> sent with 429 (whole seconds). Default 1 second.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The delay added by a latency fault, after which the request is served normally. Default 200 ms.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Paths (prefixes) that never get faults. Default: the test-token endpoints under <c>/Home/</c>.</summary>
    public IList<string> ExcludedPaths { get; } = ["/Home/"];
}

/// <summary>The kinds of fault the emulator can inject.</summary>
[Flags]
public enum EmulatorFaultKinds
{
    /// <summary>No faults.</summary>
    None = 0,

    /// <summary>429 Too Many Requests with <c>Retry-After</c>.</summary>
    TooManyRequests = 1,

    /// <summary>500 Internal Server Error.</summary>
    InternalServerError = 2,

    /// <summary>503 Service Unavailable.</summary>
    ServiceUnavailable = 4,

    /// <summary>Added latency before the request is served normally.</summary>
    Latency = 8,

    /// <summary>The connection is dropped without a response.</summary>
    DropConnection = 16,

    /// <summary>All of the above.</summary>
    All = TooManyRequests | InternalServerError | ServiceUnavailable | Latency | DropConnection,
}
