using System.Threading;
using System.Threading.Tasks;

namespace Altinn.Sdk.Events;

/// <summary>
/// Where an <see cref="EventsPoller"/> keeps its place in a feed: the id of the last event handled, per feed key
/// (<see cref="EventsQuery.FeedKey"/>, or <see cref="EventsPollerOptions.CheckpointKey"/>). The poller saves a
/// checkpoint only after the handler succeeded for that event, so an event is never skipped; after a crash the events
/// since the last saved checkpoint are delivered again.
/// </summary>
/// <remarks>
/// <see cref="FileEventCheckpointStore"/> keeps checkpoints in files. Implement this class to keep them in a database,
/// ideally in the same transaction as the work the handler does, which makes the handling exactly-once.
/// Implementations must be thread-safe.
/// </remarks>
public abstract class EventCheckpointStore
{
    /// <summary>Reads the checkpoint of a feed.</summary>
    /// <param name="feedKey">The feed's key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The id of the last event handled, or <see langword="null"/> when the feed has no checkpoint yet.</returns>
    public abstract Task<string?> GetCheckpointAsync(string feedKey, CancellationToken cancellationToken = default);

    /// <summary>Saves the checkpoint of a feed durably, replacing the one before; when this returns, the checkpoint must survive a crash.</summary>
    /// <param name="feedKey">The feed's key.</param>
    /// <param name="eventId">The id of the last event handled.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the checkpoint is saved.</returns>
    public abstract Task SaveCheckpointAsync(string feedKey, string eventId, CancellationToken cancellationToken = default);
}
