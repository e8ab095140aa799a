namespace Altinn.Sdk.Testing.Events;

/// <summary>A webhook subscription as Events stores it.</summary>
/// <param name="Id">The subscription id (Events numbers them from 1).</param>
/// <param name="EndPoint">Where events are POSTed.</param>
/// <param name="SourceFilter">A base-URI prefix the event's <c>source</c> must start with, or null.</param>
/// <param name="SubjectFilter">The exact <c>subject</c>, or null.</param>
/// <param name="TypeFilter">The exact <c>type</c>, or null.</param>
/// <param name="ResourceFilter">The exact <c>resource</c>, or null.</param>
/// <param name="IncludeSubunits">Stored and returned; the emulator has no subunits to expand.</param>
/// <param name="Reader">Who created it: the consumer, and what that identity may read.</param>
/// <param name="Created">When it was created, by the emulator's clock.</param>
/// <param name="Validated">Whether the endpoint answered the validation event with a 2xx.</param>
internal sealed record EmulatedSubscription(
    int Id,
    Uri EndPoint,
    string? SourceFilter,
    string? SubjectFilter,
    string? TypeFilter,
    string? ResourceFilter,
    bool IncludeSubunits,
    EventsReader Reader,
    DateTimeOffset Created,
    bool Validated)
{
    /// <summary>The owner, <c>/org/{org}</c>, <c>/user/{id}</c>, <c>/systemuser/{uuid}</c> or <c>/organisation/{orgno}</c>.</summary>
    public string Consumer => Reader.Consumer;

    /// <summary>Whether another request asks for the same subscription: same endpoint, filters and consumer.</summary>
    public bool SameAs(EmulatedSubscription other) =>
        EndPoint.AbsoluteUri == other.EndPoint.AbsoluteUri
        && SourceFilter == other.SourceFilter
        && SubjectFilter == other.SubjectFilter
        && TypeFilter == other.TypeFilter
        && ResourceFilter == other.ResourceFilter
        && IncludeSubunits == other.IncludeSubunits
        && Consumer == other.Consumer;

    /// <summary>Whether the event passes the filters (not whether the consumer may read it).</summary>
    public bool Matches(Altinn.Sdk.Testing.State.EmulatedCloudEvent cloudEvent)
    {
        if (ResourceFilter is not null && !string.Equals(ResourceFilter, cloudEvent.Resource, StringComparison.Ordinal)) return false;
        if (SubjectFilter is not null && !string.Equals(SubjectFilter, cloudEvent.Subject, StringComparison.Ordinal)) return false;
        if (TypeFilter is not null && !string.Equals(TypeFilter, cloudEvent.Type, StringComparison.Ordinal)) return false;
        if (SourceFilter is not null)
        {
            // A base-URI prefix: the source is the filter itself or lies below it.
            if (!cloudEvent.Source.StartsWith(SourceFilter, StringComparison.OrdinalIgnoreCase)) return false;
            if (cloudEvent.Source.Length > SourceFilter.Length && cloudEvent.Source[SourceFilter.Length] is not ('/' or '?' or '#')) return false;
        }

        return true;
    }
}

/// <summary>A delivery that failed on every attempt and was set aside, as Events dead-letters it.</summary>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="EndPoint">The endpoint that failed.</param>
/// <param name="EventId">The event id (the validation event's for a failed handshake).</param>
/// <param name="EventType">The event type.</param>
/// <param name="Attempts">How many attempts were made.</param>
/// <param name="LastError">The last status code or error.</param>
/// <param name="Time">When it was set aside, by the emulator's clock.</param>
internal sealed record DeadLetteredDelivery(int SubscriptionId, Uri EndPoint, string EventId, string EventType, int Attempts, string LastError, DateTimeOffset Time);
