using System.Text.Json.Serialization;

namespace Altinn.Sdk.Events;

/// <summary>
/// Source-generated JSON metadata for the Events models, so reading and writing them needs no reflection (trimming
/// and AOT safe). Use <c>EventsJsonContext.Default.CloudEvent</c> with <see cref="System.Text.Json.JsonSerializer"/>
/// to write or read an event yourself.
/// </summary>
/// <remarks>
/// Names are camelCase (the CloudEvent attributes carry their exact lower-case names), nulls are left out when
/// writing, and names are matched case-insensitively when reading.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(CloudEvent))]
[JsonSerializable(typeof(IReadOnlyList<CloudEvent>))]
[JsonSerializable(typeof(List<CloudEvent>))]
[JsonSerializable(typeof(EventSubscription))]
[JsonSerializable(typeof(EventSubscriptionRequest))]
[JsonSerializable(typeof(ICollection<CloudEvent>))]
public sealed partial class EventsJsonContext : JsonSerializerContext
{
}
