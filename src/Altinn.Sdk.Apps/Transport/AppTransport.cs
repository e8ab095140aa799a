// The transport's own bodies, which no public model covers; AppTransport itself is generated into obj/ by
// openapi/Transport.targets (see openapi/README.md), with the settings hook that adds AppTransportJsonContext.
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Apps.Transport;

/// <summary>
/// The body of <c>POST instances/create</c> (schema <c>InstantiationRequest</c> in openapi/app.yaml, Altinn's
/// <c>InstansiationInstance</c>).
/// </summary>
internal sealed record InstantiationRequest
{
    /// <summary>The owner, with exactly one identifier.</summary>
    public OwnerIdentifier? InstanceOwner { get; init; }

    /// <summary>The deadline shown to the owner.</summary>
    public DateTimeOffset? DueBefore { get; init; }

    /// <summary>When the instance becomes visible to the owner.</summary>
    public DateTimeOffset? VisibleAfter { get; init; }

    /// <summary>Data model paths to values for the first task's automatically created form data.</summary>
    public IReadOnlyDictionary<string, string>? Prefill { get; init; }
}

/// <summary>
/// The identifying part of schema <c>InstanceOwner</c>, as a template sends it (Core's <see cref="Models.InstanceOwner"/>
/// also carries the response-only <c>party</c>, whose converters a second source-generated context cannot use).
/// </summary>
internal sealed record OwnerIdentifier
{
    /// <summary>The party id as numeric text.</summary>
    public string? PartyId { get; init; }

    /// <summary>The national identity number.</summary>
    public string? PersonNumber { get; init; }

    /// <summary>The organisation number.</summary>
    public string? OrganisationNumber { get; init; }
}

/// <summary>The optional body of <c>PUT process/next</c> (schema <c>ProcessNext</c>).</summary>
internal sealed record ProcessNext
{
    /// <summary>The action, or <see langword="null"/> for the task type's default.</summary>
    public string? Action { get; init; }
}

/// <summary>The answer to a data upload (schema <c>DataPostResponse</c>).</summary>
internal sealed record DataPostResponse
{
    /// <summary>The new element's id.</summary>
    public Guid NewDataElementId { get; init; }

    /// <summary>
    /// The instance with the new element, read later with <see cref="AltinnJsonContext"/> (a second source-generated
    /// context cannot use Core's internal converters).
    /// </summary>
    public JsonElement Instance { get; init; }

    /// <summary>Validation results, when validators ran; kept as JSON.</summary>
    public JsonElement? ValidationIssues { get; init; }
}

/// <summary>The answer to a data element delete (schema <c>DataDeleteResponse</c>).</summary>
internal sealed record DataDeleteResponse
{
    /// <summary>The instance without the element, read later with <see cref="AltinnJsonContext"/>.</summary>
    public JsonElement Instance { get; init; }

    /// <summary>Validation results, when validators ran; kept as JSON.</summary>
    public JsonElement? ValidationIssues { get; init; }
}

/// <summary>Source-generated JSON metadata for the transport's own request and response bodies.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(InstantiationRequest))]
[JsonSerializable(typeof(ProcessNext))]
[JsonSerializable(typeof(DataPostResponse))]
[JsonSerializable(typeof(DataDeleteResponse))]
internal sealed partial class AppTransportJsonContext : JsonSerializerContext
{
}
