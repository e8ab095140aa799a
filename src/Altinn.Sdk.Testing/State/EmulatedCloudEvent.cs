namespace Altinn.Sdk.Testing.State;

/// <summary>
/// An event as Altinn Events stores it: a CloudEvent with Altinn's extension attributes, and the sequence number
/// that orders the feed (Events pages by an internal sequence, and <c>after</c> names an event id).
/// </summary>
internal sealed record EmulatedCloudEvent(
    long Sequence,
    string Id,
    string Source,
    string Type,
    string Subject,
    DateTimeOffset Time,
    string Resource,
    string? ResourceInstance,
    string? AlternativeSubject);
