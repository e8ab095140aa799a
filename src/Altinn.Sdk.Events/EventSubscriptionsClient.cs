using Altinn.Sdk.Events.Transport;

namespace Altinn.Sdk.Events;

/// <summary>
/// Webhook subscriptions in Altinn Events (<c>{platform}/events/api/v1/subscriptions</c>): Events POSTs every
/// matching event to the subscription's endpoint. Get it from <see cref="EventsClient.Subscriptions"/>. Thread-safe.
/// </summary>
/// <remarks>
/// A subscription belongs to the identity that created it (an org, a user, a system user); only that identity can
/// read or delete it. Events caches subscriptions for up to an hour: a new one may miss events for that long, and a
/// deleted one may keep receiving them.
/// </remarks>
public class EventSubscriptionsClient
{
    private readonly EventsPipeline _pipeline;

    /// <summary>For mocking.</summary>
    protected EventSubscriptionsClient()
    {
        _pipeline = null!;
    }

    internal EventSubscriptionsClient(EventsPipeline pipeline)
    {
        _pipeline = pipeline;
    }

    /// <summary>Creates a subscription; see <see cref="CreateAsync(EventSubscriptionRequest, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="subscription">The endpoint and filters.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The subscription, not yet validated.</returns>
    public virtual Task<EventSubscription> CreateAsync(EventSubscriptionRequest subscription, CancellationToken cancellationToken = default) =>
        CreateAsync(subscription, null, cancellationToken);

    /// <summary>
    /// Creates a subscription (<c>POST subscriptions</c>), or returns the identical one that exists (same endpoint,
    /// filters and owner). Events then POSTs a validation event (<see cref="CloudEvent.SubscriptionValidationType"/>)
    /// to the endpoint; once the endpoint answers it with 2xx the subscription is validated and starts receiving
    /// events (<see cref="EventWebhookReceiver"/> recognises it).
    /// </summary>
    /// <param name="subscription">The endpoint and filters; checked before anything is sent.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>
    /// The subscription. <see cref="EventSubscription.Validated"/> is normally still false: poll
    /// <see cref="GetAsync(int, AltinnRequestOptions?, CancellationToken)"/> to see the handshake succeed.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="subscription"/> is null.</exception>
    /// <exception cref="ArgumentException">The subscription breaks one of Events' rules; the message says which.</exception>
    /// <exception cref="AltinnRequestFailedException">Events refused (400 with its reason, 403 when the caller may not subscribe to the resource or subject).</exception>
    public virtual Task<EventSubscription> CreateAsync(EventSubscriptionRequest subscription, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (subscription is null) throw new ArgumentNullException(nameof(subscription));
        subscription.Validate(_pipeline.Environment);
        return _pipeline.CallAsync(
            "Events.Subscriptions.Create",
            options,
            retrySafe: true, // an identical POST returns the existing subscription, so a retry creates no second one
            status => status == 403
                ? "An app owner may subscribe to its own apps; users and system users need a subject they may act for; other resources need the scope altinn:events.subscribe."
                : null,
            (t, ct) => t.CreateSubscriptionAsync(subscription, ct),
            cancellationToken);
    }

    /// <summary>Gets a subscription; see <see cref="GetAsync(int, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="id">The subscription id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The subscription.</returns>
    public virtual Task<EventSubscription> GetAsync(int id, CancellationToken cancellationToken = default) =>
        GetAsync(id, null, cancellationToken);

    /// <summary>Gets a subscription (<c>GET subscriptions/{id}</c>), for example to see whether it is validated.</summary>
    /// <param name="id">The subscription id.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The subscription.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is not positive.</exception>
    /// <exception cref="AltinnRequestFailedException">404 when there is no such subscription; 403 when another identity created it.</exception>
    public virtual Task<EventSubscription> GetAsync(int id, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        RequireId(id);
        return _pipeline.CallAsync("Events.Subscriptions.Get", options, retrySafe: false, status => Hint(id, status), (t, ct) => t.GetSubscriptionAsync(id, ct), cancellationToken);
    }

    /// <summary>Lists the caller's subscriptions; see <see cref="ListAsync(AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The subscriptions.</returns>
    public virtual Task<IReadOnlyList<EventSubscription>> ListAsync(CancellationToken cancellationToken = default) =>
        ListAsync(null, cancellationToken);

    /// <summary>Lists all subscriptions the caller created, validated or not (<c>GET subscriptions</c>).</summary>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The subscriptions.</returns>
    /// <exception cref="AltinnRequestFailedException">Events refused.</exception>
    public virtual async Task<IReadOnlyList<EventSubscription>> ListAsync(AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        EventSubscriptionList list = await _pipeline.CallAsync(
            "Events.Subscriptions.List",
            options, retrySafe: false, _ => null, (t, ct) => t.ListSubscriptionsAsync(ct), cancellationToken).ConfigureAwait(false);
        return list.Subscriptions ?? Array.Empty<EventSubscription>();
    }

    /// <summary>Deletes a subscription; see <see cref="DeleteAsync(int, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="id">The subscription id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when Events has deleted it.</returns>
    public virtual Task DeleteAsync(int id, CancellationToken cancellationToken = default) =>
        DeleteAsync(id, null, cancellationToken);

    /// <summary>
    /// Deletes a subscription (<c>DELETE subscriptions/{id}</c>). Events may keep pushing to its endpoint for up to an
    /// hour (its subscription cache).
    /// </summary>
    /// <param name="id">The subscription id.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when Events has deleted it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is not positive.</exception>
    /// <exception cref="AltinnRequestFailedException">404 when there is no such subscription; 403 when another identity created it.</exception>
    public virtual Task DeleteAsync(int id, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        RequireId(id);
        return _pipeline.CallAsync(
            "Events.Subscriptions.Delete",
            options,
            retrySafe: false, // a repeat after a lost answer would get 404 and report a delete that succeeded as failed
            status => Hint(id, status),
            async (t, ct) =>
            {
                await t.DeleteSubscriptionAsync(id, ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    private static void RequireId(int id)
    {
        if (id <= 0) throw new ArgumentOutOfRangeException(nameof(id), id, "A subscription id is a positive number.");
    }

    private static string? Hint(int id, int status) => status switch
    {
        403 => $"Subscription {id} was created by another identity; only its creator can read or delete it.",
        404 => $"Events has no subscription {id}.",
        _ => null,
    };
}
