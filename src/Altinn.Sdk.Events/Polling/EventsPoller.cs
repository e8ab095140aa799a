using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace Altinn.Sdk.Events;

/// <summary>
/// Reads a feed continuously for systems that cannot take webhooks: hands each event, in feed order, to a handler and
/// saves the event's id as the checkpoint only after the handler succeeded. Events are therefore delivered at least
/// once and never skipped: after a crash, a failed handler or a failed checkpoint write, the next run starts after the
/// last saved checkpoint and delivers the events since then again (make the handler idempotent, for example by the
/// event id or the instance).
/// </summary>
/// <remarks>
/// <para>Without a saved checkpoint the poller starts where the query says: <see cref="EventsQuery.After"/>
/// (<c>"0"</c> is the beginning), or <c>From</c> on the app feeds.</para>
/// <para>When the feed has been read to the end (an empty page without <c>next</c>), the poller waits
/// <see cref="EventsPollerOptions.PollingInterval"/>. Short pages, and empty pages that still have <c>next</c>, are read
/// past. Altinn also answers an empty page without <c>next</c> when the next page-size events are all ones the caller
/// may not read: the poller then stays at its checkpoint, asking again each interval (filter the query to what the
/// caller may read, or raise the page size; see the package README).
/// Transient failures of the feed (network errors, timeouts, 408, 429, 5xx, and the token service being unreachable or
/// failing with 5xx) are logged and retried after a growing wait (exponential, with jitter, at most
/// <see cref="EventsPollerOptions.MaxRetryDelay"/>; it starts over after a pass that reaches the end), without losing the place. Other failures (400, 401, 403, 404), the handler's exceptions and the
/// checkpoint store's exceptions stop the poller with that exception.</para>
/// <para>One poller handles one event at a time. Run one poller per feed and checkpoint key.</para>
/// </remarks>
public class EventsPoller
{
    private static readonly ResiliencePropertyKey<PollState> s_pollState = new("Altinn.Sdk.Events.PollState");

    private readonly EventsClient _client;
    private readonly EventsQuery _query;
    private readonly EventCheckpointStore _checkpoints;
    private readonly EventsPollerOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;

    // The key this feed's checkpoint had before feed keys were keyed, when it differs: a checkpoint found there is moved.
    private readonly string? _oldCheckpointKey;

    /// <summary>Creates a poller.</summary>
    /// <param name="client">The Events client.</param>
    /// <param name="query">The feed and its filters; checked now. Do not change it while the poller runs.</param>
    /// <param name="checkpoints">Where the place in the feed is kept, for example a <see cref="FileEventCheckpointStore"/>.</param>
    /// <param name="options">Settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="logger">A logger, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/>, <paramref name="query"/> or <paramref name="checkpoints"/> is null.</exception>
    /// <exception cref="ArgumentException">The query or the options are invalid.</exception>
    /// <exception cref="InvalidOperationException">
    /// The query filters by a person and <paramref name="checkpoints"/> has no feed key secret (see <see cref="EventCheckpointStore.GetFeedKey"/>).
    /// </exception>
    public EventsPoller(EventsClient client, EventsQuery query, EventCheckpointStore checkpoints, EventsPollerOptions? options = null, ILogger<EventsPoller>? logger = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _query = query ?? throw new ArgumentNullException(nameof(query));
        _checkpoints = checkpoints ?? throw new ArgumentNullException(nameof(checkpoints));
        _options = options ?? new EventsPollerOptions();
        query.ValidateForFirstRead();
        if (_options.PollingInterval < TimeSpan.Zero) throw new ArgumentException("PollingInterval must not be negative.", nameof(options));
        if (_options.RetryDelay <= TimeSpan.Zero) throw new ArgumentException("RetryDelay must be positive.", nameof(options));
        if (_options.MaxRetryDelay < _options.RetryDelay) throw new ArgumentException("MaxRetryDelay must be at least RetryDelay.", nameof(options));
        if (_options.MaxRetryDelay > TimeSpan.FromDays(1)) throw new ArgumentException("MaxRetryDelay must be at most a day.", nameof(options));
        if (_options.PageSize is < 1) throw new ArgumentException("PageSize must be at least 1.", nameof(options));
        if (_options.CheckpointKey is { } key && key.Trim().Length == 0) throw new ArgumentException("CheckpointKey is empty; leave it null for the default.", nameof(options));

        _clock = _options.TimeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _retry = CreateRetry();
        if (_options.CheckpointKey is { } own)
        {
            CheckpointKey = own;
        }
        else
        {
            string environment = client.Environment?.Name + ":";
            CheckpointKey = environment + checkpoints.GetFeedKey(query);
            string old = environment + query.LegacyFeedKey;
            _oldCheckpointKey = old == CheckpointKey ? null : old;
        }
    }

    /// <summary>For mocking.</summary>
    protected EventsPoller()
    {
        _client = null!;
        _query = null!;
        _checkpoints = null!;
        _options = null!;
        _clock = null!;
        _logger = null!;
        _retry = null!;
        CheckpointKey = null!;
    }

    /// <summary>
    /// The key the checkpoint is saved under: <see cref="EventsPollerOptions.CheckpointKey"/>, or
    /// <c>{environment}:{checkpoints.GetFeedKey(query)}</c>, in which a filter that names a person is a keyed hash.
    /// </summary>
    public virtual string CheckpointKey { get; }

    /// <summary>
    /// Reads the feed from the checkpoint to its end once, handing each event to <paramref name="handler"/> and saving
    /// the checkpoint after each one; for a job that runs on a schedule. Failures are not retried here.
    /// </summary>
    /// <param name="handler">Handles one event; it gets the token that cancels the poll.</param>
    /// <param name="cancellationToken">Cancels the poll; the event being handled keeps no checkpoint unless the handler finished.</param>
    /// <returns>How many events were handled.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    /// <exception cref="AltinnRequestFailedException">Events refused a page.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public virtual Task<int> PollOnceAsync(Func<CloudEvent, CancellationToken, Task> handler, CancellationToken cancellationToken = default)
    {
        if (handler is null) throw new ArgumentNullException(nameof(handler));
        return PollCoreAsync(handler, new PollState(), cancellationToken);
    }

    /// <summary>
    /// Polls until <paramref name="cancellationToken"/> is cancelled: reads the feed to its end (as
    /// <see cref="PollOnceAsync"/>), waits <see cref="EventsPollerOptions.PollingInterval"/>, and again; transient
    /// failures are logged and retried after a growing wait.
    /// </summary>
    /// <param name="handler">Handles one event. If it throws, the poller stops with that exception and the event keeps no checkpoint.</param>
    /// <param name="cancellationToken">Stops the poller.</param>
    /// <returns>A task that ends only with an exception: <see cref="OperationCanceledException"/> when stopped, or the failure that stopped the poller.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
    /// <exception cref="AltinnRequestFailedException">Events refused a page for a reason a retry does not fix (400, 401, 403, 404).</exception>
    public virtual async Task RunAsync(Func<CloudEvent, CancellationToken, Task> handler, CancellationToken cancellationToken = default)
    {
        if (handler is null) throw new ArgumentNullException(nameof(handler));
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
            int handled;
            try
            {
                handled = await _retry.ExecuteAsync(
                    static (attempt, run) =>
                    {
                        var state = new PollState();
                        attempt.Properties.Set(s_pollState, state);
                        return new ValueTask<int>(run.Poller.PollCoreAsync(run.Handler, state, attempt.CancellationToken));
                    },
                    context,
                    (Poller: this, Handler: handler)).ConfigureAwait(false);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            EventsLog.CaughtUp(_logger, handled, _options.PollingInterval);
            await DelayAsync(_options.PollingInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<int> PollCoreAsync(Func<CloudEvent, CancellationToken, Task> handler, PollState state, CancellationToken cancellationToken)
    {
        state.InUserCode = true;
        string? checkpoint = await _checkpoints.GetCheckpointAsync(CheckpointKey, cancellationToken).ConfigureAwait(false);
        if (checkpoint is null && _oldCheckpointKey is not null) checkpoint = await MoveOldCheckpointAsync(_oldCheckpointKey, cancellationToken).ConfigureAwait(false);
        state.InUserCode = false;
        string? after = checkpoint ?? _query.After;
        EventsLog.PollerStarted(_logger, CheckpointKey, after);

        int handled = 0;
        AsyncPageable<CloudEvent> feed = _client.GetEventsAsync(_query, _options.RequestOptions, cancellationToken);
        await foreach (Page<CloudEvent> page in feed.AsPages(after, _options.PageSize).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (CloudEvent cloudEvent in page.Values)
            {
                state.InUserCode = true;
                try
                {
                    await handler(cloudEvent, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    EventsLog.HandlerFailed(_logger, cloudEvent.Id, e);
                    throw;
                }

                // Only now: a crash before this line delivers the event again, never loses it.
                await _checkpoints.SaveCheckpointAsync(CheckpointKey, cloudEvent.Id, cancellationToken).ConfigureAwait(false);
                state.InUserCode = false;
                handled++;
                EventsTelemetry.Handled(cloudEvent, _clock);
            }
        }

        return handled;
    }

    /// <summary>
    /// Moves a checkpoint saved under the feed's old key (a person in clear or unkeyed) to <see cref="CheckpointKey"/>,
    /// so the feed goes on where it was, and removes the old one from a store of this assembly.
    /// </summary>
    private async Task<string?> MoveOldCheckpointAsync(string oldKey, CancellationToken cancellationToken)
    {
        string? checkpoint = await _checkpoints.GetCheckpointAsync(oldKey, cancellationToken).ConfigureAwait(false);
        if (checkpoint is null) return null;
        await _checkpoints.SaveCheckpointAsync(CheckpointKey, checkpoint, cancellationToken).ConfigureAwait(false);
        await _checkpoints.RemoveOldCheckpointAsync(oldKey, cancellationToken).ConfigureAwait(false);
        return checkpoint;
    }

    // Transient failures of one pass are retried for as long as they last, the wait growing exponentially with jitter
    // up to MaxRetryDelay; each pass (after the polling interval) starts again from RetryDelay.
    private ResiliencePipeline CreateRetry() => new ResiliencePipelineBuilder { TimeProvider = _clock }
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _options.RetryDelay,
            MaxDelay = _options.MaxRetryDelay,
            ShouldHandle = args => new ValueTask<bool>(
                args.Outcome.Exception is { } e
                && !(args.Context.Properties.TryGetValue(s_pollState, out PollState? state) && state.InUserCode)
                && IsTransient(e, args.Context.CancellationToken)),
            OnRetry = args =>
            {
                EventsLog.TransientFailure(_logger, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception!);
                return default;
            },
        })
        .Build();

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        AltinnRequestFailedException failed => failed.Status is 408 or 429 or 499 or >= 500,

        // The token service (Maskinporten, the exchange) unreachable or failing; a refused client (4xx) stays fatal.
        Authentication.AltinnAuthenticationException auth => auth.Status is 408 or 429 or >= 500
            || (auth.Status is null && auth.InnerException is HttpRequestException or IOException or TimeoutException),
        HttpRequestException or IOException => true,

        // HttpClient's own timeout, not the caller's cancellation.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero) return Task.Delay(1, cancellationToken);
        return TimeShims.Delay(_clock, delay, cancellationToken);
    }

    /// <summary>Whether the poll is in the caller's code (handler or checkpoint store), whose failures are never retried.</summary>
    private sealed class PollState
    {
        public bool InUserCode { get; set; }
    }
}
