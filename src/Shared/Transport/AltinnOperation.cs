// Shared source, compiled into Storage, Apps and Events (see AltinnTransport.cs for why linked source): the span and
// the request metrics of one client operation, on Core's public AltinnTelemetry source and meter (the packages ship
// separately, so they share those two objects rather than Core's internals).
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Altinn.Sdk.Diagnostics;

namespace Altinn.Sdk.Internal;

/// <summary>
/// One public client operation: an <see cref="Activity"/> of kind Client named after the operation (for example
/// <c>Storage.Instances.Get</c>) and, when it ends, the request counter and duration histogram. Its attributes are the
/// environment, the app id and instance id read from the request path (and Storage's <c>appId</c> query parameter),
/// the host and the status: never a token, a header, any other query parameter or a body.
/// </summary>
internal sealed class AltinnOperation : IDisposable
{
    private static readonly Counter<long> s_requests = AltinnTelemetry.Meter.CreateCounter<long>(
        "altinn.sdk.client.requests", unit: "{request}", description: "Client operations sent to Altinn, by operation and final status (after retries).");

    private static readonly Histogram<double> s_duration = AltinnTelemetry.Meter.CreateHistogram(
        "altinn.sdk.client.request.duration",
        unit: "s",
        description: "Duration of client operations sent to Altinn (all attempts; for a download until the response headers).",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60, 120] });

    private static readonly char[] s_slash = ['/'];

    private readonly string _operation;
    private readonly string _environment;
    private readonly long _started = Stopwatch.GetTimestamp();
    private Activity? _activity;

    private AltinnOperation(string operation, string environment, string? appId)
    {
        _operation = operation;
        _environment = environment;
        _activity = AltinnTelemetry.ActivitySource.StartActivity(operation, ActivityKind.Client);
        if (_activity is null) return;
        _activity.SetTag("altinn.environment", environment);
        if (appId is not null) _activity.SetTag("altinn.app_id", appId);
    }

    /// <summary>Starts the operation's activity (when someone listens) and clock.</summary>
    public static AltinnOperation Start(string operation, AltinnEnvironment environment, string? appId) =>
        new(operation, environment.Name, appId);

    /// <summary>
    /// Sends a hand-built request (the response streamed) as one operation: the activity and metrics cover the time
    /// until the response headers; a download's body is read after.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(
        string operation, AltinnEnvironment environment, string? appId, HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using AltinnOperation telemetry = Start(operation, environment, appId);
        telemetry.Target(request.RequestUri);
        try
        {
            HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            telemetry.Completed((int)response.StatusCode);
            return response;
        }
        catch (Exception e)
        {
            telemetry.Failed(e);
            throw;
        }
    }

    /// <summary>Tags the activity with what the request's URI says of its target (the query is never recorded, save Storage's <c>appId</c>).</summary>
    public void Target(Uri? uri)
    {
        if (_activity is null || uri is null || !uri.IsAbsoluteUri) return;
        _activity.SetTag("server.address", uri.Host);
        string[] segments = uri.AbsolutePath.Split(s_slash, StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i + 2 < segments.Length; i++)
        {
            if (segments[i] == "instances"
                && int.TryParse(segments[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int party)
                && Guid.TryParse(segments[i + 2], out Guid guid))
            {
                _activity.SetTag("altinn.instance_id", party.ToString(CultureInfo.InvariantCulture) + "/" + guid.ToString("D"));
                break;
            }

            if (segments[i] == "applications" && _activity.GetTagItem("altinn.app_id") is null)
            {
                _activity.SetTag("altinn.app_id", Uri.UnescapeDataString(segments[i + 1]) + "/" + Uri.UnescapeDataString(segments[i + 2]));
            }
        }

        if (_activity.GetTagItem("altinn.app_id") is null && AppIdFromQuery(uri.Query) is { } appId) _activity.SetTag("altinn.app_id", appId);
    }

    /// <summary>Ends the operation with the HTTP status of its (last) response; 4xx and 5xx are errors.</summary>
    public void Completed(int status) => End(status, status >= 400 ? status.ToString(CultureInfo.InvariantCulture) : null);

    /// <summary>Ends the operation with an exception and, when an answer came, its status.</summary>
    public void Failed(Exception exception, int? status = null) =>
        End(status, status is >= 400 ? status.Value.ToString(CultureInfo.InvariantCulture) : exception.GetType().FullName);

    /// <summary>Stops the activity if neither <see cref="Completed"/> nor <see cref="Failed"/> did.</summary>
    public void Dispose()
    {
        _activity?.Stop();
        _activity = null;
    }

    private void End(int? status, string? errorType)
    {
        double seconds = (Stopwatch.GetTimestamp() - _started) / (double)Stopwatch.Frequency;
        var tags = new TagList
        {
            { "altinn.operation", _operation },
            { "altinn.environment", _environment },
        };
        if (status is { } code) tags.Add("http.response.status_code", code);
        if (errorType is not null) tags.Add("error.type", errorType);
        s_requests.Add(1, tags);
        s_duration.Record(seconds, tags);

        if (_activity is null) return;
        if (status is { } s) _activity.SetTag("http.response.status_code", s);
        if (errorType is not null)
        {
            _activity.SetTag("error.type", errorType);
            // The status description names the status or the exception's type only: messages may quote a body.
            _activity.SetStatus(ActivityStatusCode.Error, status is >= 400 ? "HTTP " + errorType : errorType);
        }
        else
        {
            _activity.SetStatus(ActivityStatusCode.Ok);
        }

        _activity.Stop();
        _activity = null;
    }

    private static string? AppIdFromQuery(string query)
    {
        foreach (string pair in query.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("appId=", StringComparison.OrdinalIgnoreCase)) return Uri.UnescapeDataString(pair.Substring("appId=".Length));
        }

        return null;
    }
}
