using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Altinn.Sdk.Diagnostics;

/// <summary>
/// Names of the SDK's telemetry. Listen to the <see cref="ActivitySource"/> and the <see cref="Meter"/> named
/// <see cref="Name"/> (for example with OpenTelemetry's <c>AddSource("Altinn.Sdk")</c> and <c>AddMeter("Altinn.Sdk")</c>).
/// </summary>
public static class AltinnTelemetry
{
    /// <summary>The name of the SDK's activity source and meter: <c>Altinn.Sdk</c>.</summary>
    public const string Name = "Altinn.Sdk";

    internal static readonly ActivitySource ActivitySource = new(Name, typeof(AltinnTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(Name, typeof(AltinnTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Tokens fetched from a token service (not from a cache); tag <c>altinn.token.source</c>.</summary>
    internal static readonly Counter<long> TokensFetched = Meter.CreateCounter<long>(
        "altinn.sdk.tokens.fetched", unit: "{token}", description: "Tokens fetched from Maskinporten, the Altinn exchange or another source.");

    /// <summary>Requests re-sent once with a fresh token after a 401.</summary>
    internal static readonly Counter<long> UnauthorizedRetries = Meter.CreateCounter<long>(
        "altinn.sdk.unauthorized_retries", unit: "{request}", description: "Requests re-sent once with a fresh token after 401 Unauthorized.");
}
