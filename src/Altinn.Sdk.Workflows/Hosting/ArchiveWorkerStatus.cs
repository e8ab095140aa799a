namespace Altinn.Sdk.Workflows;

/// <summary>What the archive worker last did, for its health check: written by the worker, read by any thread.</summary>
internal sealed class ArchiveWorkerStatus
{
    private readonly object _gate = new();
    private Snapshot _current = new(null, null, null, null, null, null, 0, 0, false);

    /// <summary>A consistent copy of the status.</summary>
    /// <param name="Started">When the worker started, or <see langword="null"/> before.</param>
    /// <param name="PassStarted">When the running pass started, or <see langword="null"/> when none runs.</param>
    /// <param name="LastProgress">When the running pass last finished an instance.</param>
    /// <param name="LastGoodPass">When the last pass that reached every app's end ended.</param>
    /// <param name="LastPass">When the last pass ended, good or not.</param>
    /// <param name="LastError">The last fault's message (never a token: SDK messages carry none), or <see langword="null"/> when the last pass had none.</param>
    /// <param name="Backlog">Completed instances the last pass left unconfirmed (failed).</param>
    /// <param name="Passes">Passes ended.</param>
    /// <param name="LastPassFaulted">Whether the last pass had a fault (an app stopped, or an instance failed).</param>
    public sealed record Snapshot(
        DateTimeOffset? Started,
        DateTimeOffset? PassStarted,
        DateTimeOffset? LastProgress,
        DateTimeOffset? LastGoodPass,
        DateTimeOffset? LastPass,
        string? LastError,
        int? Backlog,
        long Passes,
        bool LastPassFaulted);

    public Snapshot Current
    {
        get
        {
            lock (_gate) return _current;
        }
    }

    public void WorkerStarted(DateTimeOffset now) => Update(s => s with { Started = now });

    public void PassStarted(DateTimeOffset now) => Update(s => s with { PassStarted = now, LastProgress = null });

    public void Progress(DateTimeOffset now) => Update(s => s with { LastProgress = now });

    /// <summary>Records an ended pass; <paramref name="good"/> when every app was archived to its end (or held by another replica).</summary>
    public void PassEnded(DateTimeOffset now, bool good, string? error, int backlog) => Update(s => s with
    {
        PassStarted = null,
        LastProgress = null,
        LastPass = now,
        LastGoodPass = good ? now : s.LastGoodPass,
        LastError = error,
        Backlog = backlog,
        Passes = s.Passes + 1,
        LastPassFaulted = error is not null,
    });

    private void Update(Func<Snapshot, Snapshot> change)
    {
        lock (_gate) _current = change(_current);
    }
}
