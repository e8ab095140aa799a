using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Events;

/// <summary>
/// A CloudEvents 1.0 event as Altinn Events sends it (structured JSON with Altinn's extension attributes), from a
/// feed or pushed to a webhook. Attributes Altinn does not document are kept in <see cref="AdditionalProperties"/>.
/// </summary>
/// <remarks>
/// App events look like <c>{"specversion":"1.0","id":"…","type":"app.instance.process.completed","source":
/// "https://ttd.apps.tt02.altinn.no/ttd/apps-test/instances/50019855/f21e…","subject":"/party/50019855",
/// "resource":"urn:altinn:resource:app_ttd_apps-test","resourceinstance":"50019855/f21e…","time":"…"}</c>;
/// <see cref="TryGetInstanceId"/> reads the instance from them.
/// </remarks>
public sealed record CloudEvent
{
    /// <summary>The type of the event Altinn sends to a new subscription's endpoint to validate it.</summary>
    public const string SubscriptionValidationType = "platform.events.validatesubscription";

    /// <summary>The event id: unique per event (a GUID for app events), so the key to deduplicate on.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    /// <summary>
    /// Where the event comes from, a URI; for app events the instance URL
    /// <c>https://{org}.apps.{env}/{org}/{app}/instances/{partyId}/{instanceGuid}</c>.
    /// </summary>
    [JsonPropertyName("source")]
    public string Source { get; init; } = string.Empty;

    /// <summary>The CloudEvents version, <c>1.0</c> in every event Altinn sends (empty when the JSON had none).</summary>
    [JsonPropertyName("specversion")]
    public string SpecVersion { get; init; } = string.Empty;

    /// <summary>The event type, for example <c>app.instance.process.completed</c> or <c>app.instance.created</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = string.Empty;

    /// <summary>Whom the event is about; for app events <c>/party/{partyId}</c>.</summary>
    [JsonPropertyName("subject")]
    public string? Subject { get; init; }

    /// <summary>Another name for the subject: <c>/person/{ssn}</c>, <c>/org/{orgno}</c> or <c>/organisation/{orgno}</c>.</summary>
    [JsonPropertyName("alternativesubject")]
    public string? AlternativeSubject { get; init; }

    /// <summary>When the event happened (UTC).</summary>
    [JsonPropertyName("time")]
    public DateTimeOffset? Time { get; init; }

    /// <summary>The resource the event belongs to, <c>urn:altinn:resource:…</c>; app events <c>urn:altinn:resource:app_{org}_{app}</c>.</summary>
    [JsonPropertyName("resource")]
    public string? Resource { get; init; }

    /// <summary>The instance of the resource; for app events <c>{partyId}/{instanceGuid}</c>.</summary>
    [JsonPropertyName("resourceinstance")]
    public string? ResourceInstance { get; init; }

    /// <summary>The content type of <see cref="Data"/>, if any.</summary>
    [JsonPropertyName("datacontenttype")]
    public string? DataContentType { get; init; }

    /// <summary>The schema of <see cref="Data"/>, if any.</summary>
    [JsonPropertyName("dataschema")]
    public string? DataSchema { get; init; }

    /// <summary>The payload as JSON, if any (app events carry none).</summary>
    [JsonPropertyName("data")]
    public JsonElement? Data { get; init; }

    /// <summary>Attributes not listed above (other extensions), with their JSON values; <see langword="null"/> when there are none.</summary>
    [JsonExtensionData]
    [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "System.Text.Json fills extension data through the setter.")]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Whether this is the validation event Altinn sends to a new subscription's endpoint (answer it with 200).</summary>
    [JsonIgnore]
    public bool IsSubscriptionValidation => string.Equals(Type, SubscriptionValidationType, StringComparison.Ordinal);

    /// <summary>
    /// Reads the instance an app event is about from <see cref="ResourceInstance"/> (<c>{partyId}/{instanceGuid}</c>),
    /// or from the last two segments of <see cref="Source"/> (<c>…/instances/{partyId}/{instanceGuid}</c>).
    /// </summary>
    /// <param name="instanceId">The instance, when found.</param>
    /// <returns>Whether the event names an instance.</returns>
    public bool TryGetInstanceId([NotNullWhen(true)] out InstanceId? instanceId)
    {
        if (ResourceInstance is not null && InstanceId.TryParse(ResourceInstance, out instanceId)) return true;

        const string Marker = "/instances/";
        int at = Source.LastIndexOf(Marker, StringComparison.Ordinal);
        if (at >= 0 && InstanceId.TryParse(Source.Substring(at + Marker.Length).TrimEnd('/'), out instanceId)) return true;

        instanceId = null;
        return false;
    }
}
