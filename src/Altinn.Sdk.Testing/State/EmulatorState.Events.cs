using Altinn.Sdk.Testing.Events;

namespace Altinn.Sdk.Testing.State;

/// <summary>Events' own state: webhook subscriptions and dead-lettered deliveries (kept in memory only).</summary>
internal sealed partial class EmulatorState
{
    private readonly List<EmulatedSubscription> _subscriptions = [];
    private readonly List<DeadLetteredDelivery> _deadLetters = [];
    private int _subscriptionSequence;

    /// <summary>
    /// Stores a subscription (its id and creation time are set here), or returns the stored one that is the same
    /// (same endpoint, filters and consumer) with <paramref name="existing"/> true.
    /// </summary>
    public EmulatedSubscription AddSubscription(EmulatedSubscription draft, out bool existing)
    {
        lock (Gate)
        {
            var same = _subscriptions.FirstOrDefault(s => s.SameAs(draft));
            existing = same is not null;
            if (same is not null) return same;
            var stored = draft with { Id = ++_subscriptionSequence, Created = Clock.GetUtcNow(), Validated = false };
            _subscriptions.Add(stored);
            return stored;
        }
    }

    /// <summary>A subscription by id, or null.</summary>
    public EmulatedSubscription? FindSubscription(int id)
    {
        lock (Gate) return _subscriptions.FirstOrDefault(s => s.Id == id);
    }

    /// <summary>The subscriptions, oldest first; only a consumer's when <paramref name="consumer"/> is set.</summary>
    public IReadOnlyList<EmulatedSubscription> Subscriptions(string? consumer = null)
    {
        lock (Gate) return _subscriptions.Where(s => consumer is null || s.Consumer == consumer).ToArray();
    }

    /// <summary>Marks a subscription validated; false when it no longer exists.</summary>
    public bool MarkSubscriptionValidated(int id)
    {
        lock (Gate)
        {
            int index = _subscriptions.FindIndex(s => s.Id == id);
            if (index < 0) return false;
            _subscriptions[index] = _subscriptions[index] with { Validated = true };
            return true;
        }
    }

    /// <summary>Deletes a subscription.</summary>
    public bool RemoveSubscription(int id)
    {
        lock (Gate) return _subscriptions.RemoveAll(s => s.Id == id) > 0;
    }

    /// <summary>Sets aside a delivery that failed on every attempt.</summary>
    public void AddDeadLetter(DeadLetteredDelivery delivery)
    {
        lock (Gate) _deadLetters.Add(delivery);
    }

    /// <summary>The dead-lettered deliveries, oldest first.</summary>
    public IReadOnlyList<DeadLetteredDelivery> DeadLetters()
    {
        lock (Gate) return _deadLetters.ToArray();
    }
}
