using System.Collections.Concurrent;

namespace Altinn.Sdk.Testing.Hosting;

/// <summary>
/// Runs before routing: merges repeated slashes in the path, logs the request (as sent), refuses a <c>Host</c> other
/// than loopback, injects faults when asked to, and reads the caller from the bearer token.
/// </summary>
internal sealed class EmulatorMiddleware(EmulatorContext emulator)
{
    private const int MaxLoggedRequests = 200_000;

    /// <summary>The host names the emulator answers to (with any port): it listens on 127.0.0.1 only.</summary>
    private static readonly string[] LoopbackHosts = ["127.0.0.1", "localhost", "[::1]"];
    private readonly ConcurrentQueue<(long Arrival, EmulatorRequest Request)> _log = new();
    private readonly object _diceGate = new();
    private Random? _dice;
    private long _arrivals;

    /// <summary>
    /// The requests answered so far, in order of arrival. An entry is added when its answer is done, so concurrent
    /// requests finish out of order; the arrival number puts them back.
    /// </summary>
    public IReadOnlyList<EmulatorRequest> Requests
    {
        get
        {
            (long Arrival, EmulatorRequest Request)[] entries = _log.ToArray();
            Array.Sort(entries, static (a, b) => a.Arrival.CompareTo(b.Arrival));
            return Array.ConvertAll(entries, static e => e.Request);
        }
    }

    /// <summary>Forgets the logged requests.</summary>
    public void ClearLog() => _log.Clear();

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        long arrival = Interlocked.Increment(ref _arrivals);
        var received = emulator.Clock.GetUtcNow();
        PathString sentPath = context.Request.Path;
        context.Request.Path = MergeSlashes(sentPath);
        EmulatorFaultKinds fault = EmulatorFaultKinds.None;
        try
        {
            // A web page can point its own name at 127.0.0.1 (DNS rebinding) and reach the fixed port; the browser then
            // sends that name, so anything but a loopback name is refused before a token is minted or state changes.
            if (!Array.Exists(LoopbackHosts, h => string.Equals(h, context.Request.Host.Host, StringComparison.OrdinalIgnoreCase)))
            {
                await context.Text(StatusCodes.Status400BadRequest, "The Host header must be 127.0.0.1, localhost or [::1]: the emulator answers only requests addressed to loopback.");
                return;
            }

            fault = ChooseFault(context.Request.Path);
            switch (fault)
            {
                case EmulatorFaultKinds.TooManyRequests:
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(emulator.Options.Faults!.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await context.Text(StatusCodes.Status429TooManyRequests, "Too many requests (emulated fault).");
                    return;
                case EmulatorFaultKinds.InternalServerError:
                    await context.Text(StatusCodes.Status500InternalServerError, "Internal server error (emulated fault).");
                    return;
                case EmulatorFaultKinds.ServiceUnavailable:
                    await context.Text(StatusCodes.Status503ServiceUnavailable, "Service unavailable (emulated fault).");
                    return;
                case EmulatorFaultKinds.DropConnection:
                    context.Abort();
                    return;
                case EmulatorFaultKinds.Latency:
                    await Task.Delay(emulator.Options.Faults!.Latency, context.RequestAborted);
                    break;
            }

            ReadCaller(context);
            await next(context);
        }
        finally
        {
            if (_log.Count < MaxLoggedRequests)
            {
                int status = fault == EmulatorFaultKinds.DropConnection ? 0 : context.Response.StatusCode;
                _log.Enqueue((arrival, new EmulatorRequest(received, context.Request.Method, sentPath + context.Request.QueryString, status, fault)));
            }
        }
    }

    /// <summary>
    /// Merges runs of <c>/</c> into one, as the front end of Altinn's platform and app clusters does before a request
    /// reaches the service (Altinn's own Events tests call <c>subscriptions//{id}</c> and pass). Runs before routing.
    /// </summary>
    internal static PathString MergeSlashes(PathString path)
    {
        string? value = path.Value;
        if (value is null || !value.Contains("//", StringComparison.Ordinal)) return path;
        var merged = new System.Text.StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (c == '/' && merged.Length > 0 && merged[^1] == '/') continue;
            merged.Append(c);
        }

        return new PathString(merged.ToString());
    }

    private void ReadCaller(HttpContext context)
    {
        string authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length == 0) return;
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            context.Items[EmulatorHttp.TokenErrorKey] = "the Authorization header is not a bearer token";
            return;
        }

        if (emulator.Tokens.TryValidate(authorization["Bearer ".Length..].Trim(), out var claims, out string error))
        {
            context.Items[EmulatorHttp.CallerKey] = Caller.FromClaims(claims);
        }
        else
        {
            context.Items[EmulatorHttp.TokenErrorKey] = error;
        }
    }

    private EmulatorFaultKinds ChooseFault(PathString path)
    {
        var faults = emulator.Options.Faults;
        if (faults is null || faults.Rate <= 0 || faults.Kinds == EmulatorFaultKinds.None) return EmulatorFaultKinds.None;
        foreach (string excluded in faults.ExcludedPaths)
        {
            if (path.StartsWithSegments(excluded.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)) return EmulatorFaultKinds.None;
        }

        var kinds = Enum.GetValues<EmulatorFaultKinds>().Where(k => k is not (EmulatorFaultKinds.None or EmulatorFaultKinds.All) && faults.Kinds.HasFlag(k)).ToArray();
        lock (_diceGate)
        {
            _dice ??= new Random(faults.Seed);
            if (_dice.NextDouble() >= faults.Rate) return EmulatorFaultKinds.None;
            return kinds[_dice.Next(kinds.Length)];
        }
    }
}
