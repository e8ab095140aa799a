namespace Altinn.Sdk.Testing.State;

/// <summary>
/// An event as Altinn Events stores it: a CloudEvent with Altinn's extension attributes, and the sequence number
/// that orders the feed (Events pages by an internal sequence, and <c>after</c> names an event id). App events always
/// have a subject and a time; a published generic event may have neither.
/// </summary>
internal sealed record EmulatedCloudEvent(
    long Sequence,
    string Id,
    string Source,
    string Type,
    string? Subject,
    DateTimeOffset? Time,
    string Resource,
    string? ResourceInstance,
    string? AlternativeSubject)
{
    /// <summary>
    /// The other attributes of a published event (<c>data</c>, <c>datacontenttype</c>, <c>dataschema</c>, further
    /// extensions) as a JSON object, in the order they were sent; null when there are none (app events).
    /// </summary>
    public JsonElement? Extensions { get; init; }
}
