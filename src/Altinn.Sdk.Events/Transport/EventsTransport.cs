// The transport's own bodies, which no public model covers; EventsTransport itself is generated into obj/ by
// openapi/Transport.targets (see openapi/README.md), with the settings hook that adds EventsTransportJsonContext.
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Events.Transport;

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
