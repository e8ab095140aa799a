namespace Altinn.Sdk.Events;

/// <summary>What a webhook request turned out to be.</summary>
public enum EventWebhookResultKind
{
    /// <summary>A new event: handle it, then answer <see cref="EventWebhookResult.StatusCode"/> (200).</summary>
    Event,

    /// <summary>Altinn's validation of a new subscription: answer 200 and do nothing else.</summary>
    SubscriptionValidation,

    /// <summary>An event already received within the deduplication window: answer 200 so Altinn stops retrying, and do nothing else.</summary>
    Duplicate,

    /// <summary>
    /// Refused (403: the secret is missing or wrong) or not a CloudEvent this receiver takes (400, 413 or 415): answer
    /// <see cref="EventWebhookResult.StatusCode"/>.
    /// </summary>
    Invalid,
}

/// <summary>
/// The outcome of <see cref="EventWebhookReceiver.ReceiveAsync(System.IO.Stream, string?, string?, System.Threading.CancellationToken)"/>: the event, what kind of delivery it was, and the
/// HTTP status to answer with.
/// </summary>
public sealed class EventWebhookResult
{
    internal EventWebhookResult(EventWebhookResultKind kind, CloudEvent? cloudEvent, int statusCode, string? error)
    {
        Kind = kind;
        Event = cloudEvent;
        StatusCode = statusCode;
        Error = error;
    }

    /// <summary>What the request was.</summary>
    public EventWebhookResultKind Kind { get; }

    /// <summary>The event; <see langword="null"/> when <see cref="Kind"/> is <see cref="EventWebhookResultKind.Invalid"/>.</summary>
    public CloudEvent? Event { get; }

    /// <summary>
    /// The status to answer with: 200 for an event (once handled), a validation and a duplicate; 403 for a request without
    /// the receiver's secret; 400, 413 or 415 for an invalid request. If handling an event fails, answer 500 instead and call <see cref="EventWebhookReceiver.Forget"/>,
    /// so that Altinn's retry is handled.
    /// </summary>
    public int StatusCode { get; }

    /// <summary>Why the request is invalid (safe to send back: it quotes nothing from the body), or <see langword="null"/>.</summary>
    public string? Error { get; }

    /// <summary>Whether the event is new and should be handled (<see cref="Kind"/> is <see cref="EventWebhookResultKind.Event"/>).</summary>
    public bool ShouldHandle => Kind == EventWebhookResultKind.Event;
}
