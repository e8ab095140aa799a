namespace Altinn.Sdk.Events;

/// <summary>Settings of an <see cref="EventsPoller"/>.</summary>
public sealed class EventsPollerOptions
{
    /// <summary>
    /// How long to wait after the feed has been read to the end before reading again. Default 30 seconds: Events makes
    /// an event visible to the feeds about 30 seconds after it happened, so polling more often gains nothing.
    /// </summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The first wait after a transient failure (network error, 408, 429, 5xx); it about doubles with each failure in a
    /// row, with jitter so that pollers that failed together do not come back together. Default 5 seconds.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait after failures in a row (at most a day). Default 5 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Events per page; <see langword="null"/> uses the query's <see cref="EventsQuery.PageSize"/>.</summary>
    public int? PageSize { get; set; }

    /// <summary>
    /// The key the checkpoint is saved under; <see langword="null"/> uses <c>{environment}:{feed key}</c> (see
    /// <see cref="EventCheckpointStore.GetFeedKey"/>). Set it when several identities poll the same feed into one store
    /// (the events each may read differ). It is logged and stored: keep personal data out of it.
    /// </summary>
    public string? CheckpointKey { get; set; }

    /// <summary>Another identity for the feed requests, or <see langword="null"/>.</summary>
    public AltinnRequestOptions? RequestOptions { get; set; }

    /// <summary>The clock the waits are measured on; <see langword="null"/> uses <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }
}
