using System.Collections.Concurrent;
using Altinn.Sdk.Events;
using Altinn.Sdk.Internal;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Altinn.Sdk.Workflows.AzureBlobs;

/// <summary>
/// Keeps an <see cref="EventsPoller"/>'s checkpoints in an Azure Blob Storage container, one small JSON blob per feed
/// (<c>{prefix}/checkpoint-{hash of the feed key}.json</c>), so a worker's place in its feeds outlives its container.
/// The container must exist.
/// </summary>
/// <remarks>
/// A save is conditional on the blob's ETag as this store last read or wrote it: when another poller saved the same
/// feed's checkpoint in between, the save fails with an <see cref="IOException"/> instead of moving that checkpoint
/// back. A save of a feed this store has not read writes unconditionally. A blob that is not a checkpoint of its feed
/// is reported with an <see cref="InvalidDataException"/> rather than starting the feed over.
/// </remarks>
public sealed class BlobEventCheckpointStore : EventCheckpointStore
{
    // The ETag of each feed's blob as last read or written; ETag.All marks one read as absent (saved with If-None-Match: *).
    private readonly ConcurrentDictionary<string, ETag> _etags = new(StringComparer.Ordinal);
    private readonly string _prefix;

    /// <summary>Creates a store without a feed key secret (feeds whose filters name no person only; see <see cref="EventCheckpointStore"/>).</summary>
    /// <param name="container">The container (it must exist), with the credential to read and write blobs.</param>
    /// <param name="prefix">A blob name prefix, such as <c>checkpoints</c>; none when <see langword="null"/> or empty.</param>
    /// <exception cref="ArgumentNullException"><paramref name="container"/> is null.</exception>
    public BlobEventCheckpointStore(BlobContainerClient container, string? prefix = null)
    {
        Container = container ?? throw new ArgumentNullException(nameof(container));
        _prefix = string.IsNullOrEmpty(prefix) ? string.Empty : prefix!.Trim('/') + "/";
    }

    /// <summary>Creates a store with a feed key secret kept elsewhere (a secret store).</summary>
    /// <param name="container">The container (it must exist), with the credential to read and write blobs.</param>
    /// <param name="prefix">A blob name prefix; none when <see langword="null"/> or empty.</param>
    /// <param name="feedKeySecret">Random bytes (at least <see cref="EventCheckpointStore.MinFeedKeySecretBytes"/>), the same for as long as the checkpoints.</param>
    /// <exception cref="ArgumentNullException"><paramref name="container"/> or <paramref name="feedKeySecret"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="feedKeySecret"/> is too short.</exception>
    public BlobEventCheckpointStore(BlobContainerClient container, string? prefix, byte[] feedKeySecret)
        : base(feedKeySecret)
    {
        Container = container ?? throw new ArgumentNullException(nameof(container));
        _prefix = string.IsNullOrEmpty(prefix) ? string.Empty : prefix!.Trim('/') + "/";
    }

    /// <summary>The container the checkpoints are in.</summary>
    public BlobContainerClient Container { get; }

    /// <summary>The name of the blob a feed's checkpoint is kept in.</summary>
    /// <param name="feedKey">The feed's key.</param>
    /// <returns>The blob name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="feedKey"/> is null.</exception>
    public string GetBlobName(string feedKey)
    {
        if (feedKey is null) throw new ArgumentNullException(nameof(feedKey));
        return _prefix + CheckpointDocument.Name(feedKey);
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidDataException">The blob exists but is not a checkpoint of this feed.</exception>
    public override async Task<string?> GetCheckpointAsync(string feedKey, CancellationToken cancellationToken = default)
    {
        BlobClient blob = Container.GetBlobClient(GetBlobName(feedKey));
        BlobDownloadResult download;
        try
        {
            download = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            _etags[feedKey] = ETag.All;
            return null;
        }

        string after = CheckpointDocument.Read(download.Content.ToMemory(), feedKey, $"The blob '{blob.Name}'", "blob");
        _etags[feedKey] = download.Details.ETag;
        return after;
    }

    /// <inheritdoc/>
    /// <exception cref="IOException">Another poller saved this feed's checkpoint since this store read or wrote it.</exception>
    public override async Task SaveCheckpointAsync(string feedKey, string eventId, CancellationToken cancellationToken = default)
    {
        if (eventId is null) throw new ArgumentNullException(nameof(eventId));
        if (eventId.Length == 0) throw new ArgumentException("The event id is empty.", nameof(eventId));
        BlobClient blob = Container.GetBlobClient(GetBlobName(feedKey));

        using var content = new MemoryStream(CheckpointDocument.Write(feedKey, eventId, DateTimeOffset.UtcNow), writable: false);
        var conditions = new BlobRequestConditions();
        if (_etags.TryGetValue(feedKey, out ETag known))
        {
            if (known == ETag.All) conditions.IfNoneMatch = ETag.All;
            else conditions.IfMatch = known;
        }

        try
        {
            BlobContentInfo saved = (await blob.UploadAsync(content, new BlobUploadOptions { Conditions = conditions }, cancellationToken).ConfigureAwait(false)).Value;
            _etags[feedKey] = saved.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw new IOException(
                $"The checkpoint in blob '{blob.Name}' was saved by another poller since this store read it: two pollers are reading one feed. It was not moved.", e);
        }
    }
}
