using System.Text.Json.Serialization;

namespace Altinn.Sdk.Events.Transport;

/// <summary>
/// The hand-written half of the generated Events transport (the other half is generated from openapi/events.yaml
/// into obj/; see openapi/README.md). What every transport shares (per-call identity, retry marking, bounded error
/// bodies) is its base, <see cref="AltinnTransport"/>; this file holds what is the package's own: its JSON settings and the bodies no public model covers.
/// </summary>
internal partial class EventsTransport
{
    /// <summary>
    /// <see cref="EventsJsonContext"/>'s settings with source-generated metadata only: the public models plus the
    /// transport's bodies.
    /// </summary>
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        UseJson(settings, EventsJsonContext.Default, EventsTransportJsonContext.Default);
}

/// <summary>The body of <c>GET subscriptions</c>.</summary>
internal sealed record EventSubscriptionList
{
    public int Count { get; init; }

    public IReadOnlyList<EventSubscription>? Subscriptions { get; init; }
}

/// <summary>Source-generated JSON metadata for the transport's own bodies (the public models are in <see cref="EventsJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(EventSubscriptionList))]
internal sealed partial class EventsTransportJsonContext : JsonSerializerContext
{
}
