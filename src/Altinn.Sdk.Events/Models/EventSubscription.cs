namespace Altinn.Sdk.Events;

/// <summary>
/// A webhook subscription as Altinn Events stores it: the endpoint events are pushed to, the filters, who created
/// it, and whether the endpoint has answered the validation event yet.
/// </summary>
public sealed record EventSubscription
{
    /// <summary>The subscription id (counted by Events).</summary>
    public int Id { get; init; }

    /// <summary>The endpoint events are POSTed to.</summary>
    public Uri? EndPoint { get; init; }

    /// <summary>The app URL events' <c>source</c> must start with, or <see langword="null"/>.</summary>
    public Uri? SourceFilter { get; init; }

    /// <summary>The resource URN events must have (derived from the source filter for apps), or <see langword="null"/>.</summary>
    public string? ResourceFilter { get; init; }

    /// <summary>The exact subject events must have, or <see langword="null"/>.</summary>
    public string? SubjectFilter { get; init; }

    /// <summary>Sent on create only: Events turns it into a subject filter and does not store it, so it is normally <see langword="null"/>.</summary>
    public string? AlternativeSubjectFilter { get; init; }

    /// <summary>The exact event type, or <see langword="null"/>.</summary>
    public string? TypeFilter { get; init; }

    /// <summary>Whether events about the subject's subunits are included.</summary>
    public bool IncludeSubunits { get; init; }

    /// <summary>Who owns it: <c>/org/{org}</c>, <c>/user/{userId}</c>, <c>/systemuser/{uuid}</c> or <c>/organisation/{orgno}</c>.</summary>
    public string? Consumer { get; init; }

    /// <summary>Who created it (the same forms as <see cref="Consumer"/>).</summary>
    public string? CreatedBy { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>
    /// Whether the endpoint answered the validation event with 2xx. Only validated subscriptions receive events;
    /// creating one (201) does not mean it is validated.
    /// </summary>
    public bool Validated { get; init; }
}
