using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Altinn.Sdk.Diagnostics;

/// <summary>
/// Names of the SDK's telemetry. Listen to the <see cref="ActivitySource"/> and the <see cref="Meter"/> named
/// <see cref="Name"/> (for example with OpenTelemetry's <c>AddSource("Altinn.Sdk")</c> and <c>AddMeter("Altinn.Sdk")</c>).
/// The spans, metrics and their attributes are listed in the Core package's README.
/// </summary>
public static class AltinnTelemetry
{
    /// <summary>The name of the SDK's activity source and meter: <c>Altinn.Sdk</c>.</summary>
    public const string Name = "Altinn.Sdk";

    /// <summary>
    /// The one activity source of every SDK package (they ship separately, so they share it through this property
    /// rather than through Core's internals). Listen to it by <see cref="Name"/>; it is exposed so that the SDK's
    /// packages, and callers that want to, can check <see cref="ActivitySource.HasListeners"/>.
    /// </summary>
    public static ActivitySource ActivitySource { get; } = new(Name, typeof(AltinnTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>The one meter of every SDK package; its instruments are named <c>altinn.sdk.*</c>. Listen to it by <see cref="Name"/>.</summary>
    public static Meter Meter { get; } = new(Name, typeof(AltinnTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Tokens fetched from a token service (not from a cache); tag <c>altinn.token.source</c>.</summary>
    internal static readonly Counter<long> TokensFetched = Meter.CreateCounter<long>(
        "altinn.sdk.tokens.fetched", unit: "{token}", description: "Tokens fetched from Maskinporten, the Altinn exchange or another source.");

    /// <summary>Enum values the SDK does not know (Altinn added them), once per enum and value; tags <c>altinn.enum</c>, <c>altinn.enum.value</c>.</summary>
    internal static readonly Counter<long> UnknownEnumValues = Meter.CreateCounter<long>(
        "altinn.sdk.unknown_enum_values", unit: "{value}", description: "Enum values from Altinn that the SDK does not know, counted once per enum and value; they are kept and written back unchanged.");

    /// <summary>Reports an unknown enum value (called once per enum and value): the counter, and an event on the current activity.</summary>
    internal static void ReportUnknownEnumValue(string enumName, string value)
    {
        var enumTag = new KeyValuePair<string, object?>("altinn.enum", enumName);
        var valueTag = new KeyValuePair<string, object?>("altinn.enum.value", value);
        UnknownEnumValues.Add(1, enumTag, valueTag);
        Activity.Current?.AddEvent(new ActivityEvent("altinn.unknown_enum_value", tags: new ActivityTagsCollection { enumTag, valueTag }));
    }

    /// <summary>Requests re-sent once with a fresh token after a 401.</summary>
    internal static readonly Counter<long> UnauthorizedRetries = Meter.CreateCounter<long>(
        "altinn.sdk.unauthorized_retries", unit: "{request}", description: "Requests re-sent once with a fresh token after 401 Unauthorized.");

    /// <summary>Attempts the resilience pipeline sent again after a transient failure; tag <c>http.response.status_code</c> or <c>error.type</c>.</summary>
    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "altinn.sdk.client.retries", unit: "{retry}", description: "HTTP attempts sent again by the retry pipeline after a transient failure (408, 429, 5xx or a network error).");
}
