using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Events.Transport;

/// <summary>The body of <c>POST subscriptions</c>; built and checked by <see cref="EventSubscriptionOptions"/> (schema <c>EventSubscriptionRequest</c> in openapi/events.yaml).</summary>
internal sealed record EventSubscriptionRequest
{
    public Uri? EndPoint { get; init; }

    public Uri? SourceFilter { get; init; }

    public string? ResourceFilter { get; init; }

    public string? SubjectFilter { get; init; }

    public string? AlternativeSubjectFilter { get; init; }

    public string? TypeFilter { get; init; }

    public bool IncludeSubunits { get; init; }
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
[JsonSerializable(typeof(EventSubscriptionRequest))]
[JsonSerializable(typeof(EventSubscriptionList))]
internal sealed partial class EventsTransportJsonContext : JsonSerializerContext
{
}
