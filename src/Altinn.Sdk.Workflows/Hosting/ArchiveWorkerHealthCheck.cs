using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Altinn.Sdk.Workflows;

/// <summary>
/// The archive worker's health: healthy after a good pass (every app archived to its end, or held by another replica)
/// within <see cref="ArchiveWorkerOptions.HealthyWithinIntervals"/> intervals, or while a running pass finishes
/// instances; degraded when the last pass left failed instances or when no pass has ended yet; otherwise the
/// registration's failure status. The data carries the last good pass, the last error (a message, never a token)
/// and the backlog (completed instances the last pass left unconfirmed).
/// </summary>
internal sealed class ArchiveWorkerHealthCheck(ArchiveWorkerStatus status, IOptions<ArchiveWorkerOptions> options, TimeProvider? clock = null) : IHealthCheck
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArchiveWorkerStatus.Snapshot s = status.Current;
        DateTimeOffset now = _clock.GetUtcNow();
        TimeSpan window = TimeSpan.FromTicks(options.Value.Interval.Ticks * Math.Max(1, options.Value.HealthyWithinIntervals));
        bool Recent(DateTimeOffset? time) => time is { } t && now - t <= window;

        var data = new Dictionary<string, object>
        {
            ["lastSuccessfulPass"] = Format(s.LastGoodPass),
            ["lastPass"] = Format(s.LastPass),
            ["lastError"] = s.LastError ?? string.Empty,
            ["backlog"] = s.Backlog ?? 0,
            ["passes"] = s.Passes,
        };
        HealthStatus failure = context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        HealthCheckResult result =
            s.Started is null ? new HealthCheckResult(failure, "The archive worker has not started.", data: data)
            : Recent(s.LastGoodPass) && !s.LastPassFaulted ? HealthCheckResult.Healthy($"The last pass ended {Format(s.LastGoodPass)}; backlog {s.Backlog ?? 0}.", data)
            : Recent(s.LastGoodPass) ? HealthCheckResult.Degraded($"The last pass had faults: {s.LastError}", data: data)
            : s.PassStarted is not null && Recent(s.LastProgress) ? HealthCheckResult.Healthy($"A pass is running since {Format(s.PassStarted)} and archiving.", data)
            : s.LastPass is null && Recent(s.Started) ? HealthCheckResult.Degraded("The first pass has not ended yet.", data: data)
            : new HealthCheckResult(failure, $"No good pass since {Format(s.LastGoodPass ?? s.Started)}; last error: {s.LastError ?? "none"}", data: data);
        return Task.FromResult(result);
    }

    private static string Format(DateTimeOffset? time) => time?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty;
}
