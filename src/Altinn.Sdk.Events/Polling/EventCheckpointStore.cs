using System.Security.Cryptography;

namespace Altinn.Sdk.Events;

/// <summary>
/// Where an <see cref="EventsPoller"/> keeps its place in a feed: the id of the last event handled, per feed key
/// (<see cref="GetFeedKey"/>, or <see cref="EventsPollerOptions.CheckpointKey"/>). The poller saves a checkpoint only
/// after the handler succeeded for that event, so an event is never skipped; after a crash the events since the last
/// saved checkpoint are delivered again.
/// </summary>
/// <remarks>
/// <para><see cref="FileEventCheckpointStore"/> keeps checkpoints in files. Implement this class to keep them in a
/// database, ideally in the same transaction as the work the handler does, which makes the handling exactly-once.
/// Implementations must be thread-safe.</para>
/// <para>Feed keys are logged and stored, so a filter that may name a person (<c>PersonNumber</c>, a resource feed's
/// <c>Subject</c> or <c>AlternativeSubject</c>) goes into them as a keyed hash (HMAC-SHA256) made with this store's
/// secret: without the secret a key cannot be matched to a person, not even by trying every national identity number.
/// Give a store that polls such feeds a secret (the constructor, or <see cref="GetFeedKeySecret"/>) and keep it as
/// long as the checkpoints: another secret gives other keys, so those feeds start again from the query's start.</para>
/// </remarks>
public abstract class EventCheckpointStore
{
    /// <summary>The shortest feed key secret taken, in bytes.</summary>
    public const int MinFeedKeySecretBytes = 32;

    private readonly byte[]? _feedKeySecret;

    /// <summary>Creates a store without a feed key secret: it keys feeds whose filters name no person only, unless <see cref="GetFeedKeySecret"/> is overridden.</summary>
    protected EventCheckpointStore()
    {
    }

    /// <summary>Creates a store with a feed key secret.</summary>
    /// <param name="feedKeySecret">Random bytes (at least <see cref="MinFeedKeySecretBytes"/>), kept secret and the same for as long as the checkpoints; copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="feedKeySecret"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="feedKeySecret"/> is shorter than <see cref="MinFeedKeySecretBytes"/>.</exception>
    protected EventCheckpointStore(byte[] feedKeySecret)
    {
        if (feedKeySecret is null) throw new ArgumentNullException(nameof(feedKeySecret));
        if (feedKeySecret.Length < MinFeedKeySecretBytes)
        {
            throw new ArgumentException($"The feed key secret must be at least {MinFeedKeySecretBytes} random bytes.", nameof(feedKeySecret));
        }

        _feedKeySecret = (byte[])feedKeySecret.Clone();
    }

    /// <summary>
    /// The key a query's checkpoint is kept under in this store (the poller's default, after the environment's name):
    /// the feed and its filters, without <see cref="EventsQuery.After"/> and <see cref="EventsQuery.PageSize"/>, each
    /// filter that may name a person replaced by <c>hmac:</c> and 128 bits of its HMAC-SHA256 with this store's secret.
    /// Safe to log and store; the same for the same query and secret.
    /// </summary>
    /// <param name="query">The feed and its filters.</param>
    /// <returns>The feed key, for example <c>app/ttd/apps-test?type=app.instance.process.completed</c> or <c>app/party?person=hmac:…</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentException">The query is invalid.</exception>
    /// <exception cref="InvalidOperationException">A filter names a person and the store has no feed key secret.</exception>
    public string GetFeedKey(EventsQuery query)
    {
        if (query is null) throw new ArgumentNullException(nameof(query));
        byte[]? secret = null;
        return query.BuildFeedKey(value =>
        {
            // Asked only when a filter names a person: a file store creates its secret then, not before.
            secret ??= GetFeedKeySecret() ?? throw new InvalidOperationException(
                $"The query filters by a person (PersonNumber, Subject or AlternativeSubject), which goes into the checkpoint's key as a keyed hash, but {GetType().Name} has no feed key secret: "
                + "pass one to the EventCheckpointStore constructor, or set EventsPollerOptions.CheckpointKey to a key of your own without personal data.");
            if (secret.Length < MinFeedKeySecretBytes) throw new InvalidOperationException($"{GetType().Name}'s feed key secret is shorter than {MinFeedKeySecretBytes} bytes.");
            return "hmac:" + Hmac(secret, value);
        });
    }

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

    /// <summary>
    /// The secret <see cref="GetFeedKey"/> hashes personal filters with, asked for only when a query has one. The
    /// default returns the secret given to the constructor, or <see langword="null"/>.
    /// </summary>
    /// <returns>At least <see cref="MinFeedKeySecretBytes"/> bytes, the same on every call; or <see langword="null"/> when the store has none.</returns>
    protected virtual byte[]? GetFeedKeySecret() => _feedKeySecret;

    /// <summary>
    /// Removes a checkpoint saved under a feed key the SDK no longer uses, once the poller has moved it to the current
    /// key. Stores of this assembly remove it; others keep it.
    /// </summary>
    internal virtual Task RemoveOldCheckpointAsync(string feedKey, CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Hmac(byte[] secret, string value)
    {
        byte[] data = Encoding.UTF8.GetBytes(value);
        byte[] hash = Hashes.HmacSha256(secret, data);
        var text = new StringBuilder(32);
        for (int i = 0; i < 16; i++) text.Append(hash[i].ToString("x2", CultureInfo.InvariantCulture));
        return text.ToString();
    }
}
