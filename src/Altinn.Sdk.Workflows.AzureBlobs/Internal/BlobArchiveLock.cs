using Altinn.Sdk.Internal;
using Azure;
using Azure.Storage.Blobs.Specialized;

namespace Altinn.Sdk.Workflows.AzureBlobs.Internal;

/// <summary>
/// A lease on an app's lock blob, renewed every third of its duration until disposed. A renewal that fails, finds the
/// lease taken, or has not succeeded by the time the lease may have expired cancels <see cref="Lost"/> and ends the
/// renewals: the run stops, and another replica may hold the app by then.
/// </summary>
internal sealed class BlobArchiveLock : ArchiveLock
{
    private readonly BlobLeaseClient _lease;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewals;
    private bool _disposed;

    /// <param name="lease">The lease, acquired.</param>
    /// <param name="duration">Its duration.</param>
    /// <param name="clock">The clock of the renewals.</param>
    /// <param name="acquiredAt">The timestamp (<paramref name="clock"/>'s) at which the acquiring request was sent: the lease runs from no earlier.</param>
    public BlobArchiveLock(BlobLeaseClient lease, TimeSpan duration, TimeProvider clock, long acquiredAt)
    {
        _lease = lease;
        _duration = duration;
        _clock = clock;
        _renewals = RenewAsync(acquiredAt);
    }

    public override CancellationToken Lost => _lost.Token;

    public override async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _stop.Cancel();
        await _renewals.ConfigureAwait(false);
        _stop.Dispose();
        if (_lost.IsCancellationRequested) return;
        try
        {
            // Bounded: an unreleased lease expires by itself.
            using var release = new CancellationTokenSource(_duration);
            await _lease.ReleaseAsync(cancellationToken: release.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException)
        {
            // Taken over or unreachable: the lease is not ours, or expires.
        }
    }

    private async Task RenewAsync(long validFrom)
    {
        // Off the caller's stack: the first await below then runs on the thread pool.
        await Task.Yield();
        TimeSpan every = TimeSpan.FromTicks(_duration.Ticks / 3);
        while (true)
        {
            try
            {
                await TimeShims.Delay(_clock, every, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            long asked = _clock.GetTimestamp();
            TimeSpan left = _duration - _clock.GetElapsedTime(validFrom);
            try
            {
                if (left <= TimeSpan.Zero) throw new TimeoutException("The lease may have expired before it was renewed.");
                using CancellationTokenSource attempt = Deadline(left);
                using var both = CancellationTokenSource.CreateLinkedTokenSource(attempt.Token, _stop.Token);
                await _lease.RenewAsync(cancellationToken: both.Token).ConfigureAwait(false);
                validFrom = asked;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Any failure means the lease may be gone: the run must stop, whatever the cause.
            catch (Exception)
#pragma warning restore CA1031
            {
                try
                {
                    _lost.Cancel();
                }
                catch (AggregateException)
                {
                    // A caller's callback on Lost threw: the lock is lost all the same, and disposing must not throw it.
                }

                return;
            }
        }
    }

    private CancellationTokenSource Deadline(TimeSpan delay) =>
#if NET
        new(delay, _clock);
#else
        _clock.CreateCancellationTokenSource(delay);
#endif
}
