using System.Diagnostics.Metrics;
using Altinn.Sdk.Diagnostics;

namespace Altinn.Sdk.Events;

/// <summary>The events poller's metric on Core's <see cref="AltinnTelemetry"/> meter.</summary>
internal static class EventsTelemetry
{
    private static readonly Gauge<double> s_lag = AltinnTelemetry.Meter.CreateGauge<double>(
        "altinn.sdk.events.poller.lag", unit: "s", description: "Age of the newest event an events poller handled (now minus the event's time), when it was handled.");

    /// <summary>Records the lag of an event just handled (nothing when the event has no time).</summary>
    public static void Handled(CloudEvent cloudEvent, TimeProvider clock)
    {
        if (cloudEvent.Time is { } time) s_lag.Record((clock.GetUtcNow() - time).TotalSeconds);
    }
}
