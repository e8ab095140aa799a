using Altinn.Sdk;
using Altinn.Sdk.Diagnostics;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The SDK's resilience step of every HTTP client: a total timeout, then retries of requests that are safe to repeat,
/// then the timeout of one attempt, built on Polly.Core (which supports .NET Framework; the HttpClientFactory
/// integration of Microsoft.Extensions.Http.Resilience declares net462 and net48 unsupported). Each timeout ends when
/// the response headers arrive, so a streamed body is read for as long as it keeps coming. A timeout that runs out
/// surfaces as what <see cref="HttpClient"/> throws for its own: a <see cref="TaskCanceledException"/> whose inner
/// exception is a <see cref="TimeoutException"/>, with a message naming the request, the timeout and its setting.
/// The body of the response it returns is a <see cref="ReadIdleTimeoutContent"/>.
/// </summary>
internal sealed class ResilienceMessageHandler(AltinnOptions settings, TimeProvider clock) : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<HttpRequestMessage> s_request = new("Altinn.Sdk.Request");
    private static readonly ResiliencePropertyKey<long> s_started = new("Altinn.Sdk.Started");
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline = CreatePipeline(settings, clock);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(s_request, request);
        context.Properties.Set(s_started, clock.GetTimestamp());
        try
        {
            HttpResponseMessage response = await _pipeline.ExecuteAsync(
                static (context, state) => new ValueTask<HttpResponseMessage>(state.handler.SendOnceAsync(state.request, context.CancellationToken)),
                context,
                (handler: this, request)).ConfigureAwait(false);

            // The timeouts above end with the headers; the body's reads get the idle timeout.
            if (response.Content is { } content) response.Content = new ReadIdleTimeoutContent(content, settings.ReadIdleTimeout, clock, request);
            return response;
        }
        catch (TimeoutRejectedException exception)
        {
            string which = exception.Timeout == settings.TotalTimeout
                ? $"the total timeout of {Format(exception.Timeout)} for all its attempts (Altinn:TotalTimeout, AltinnOptions.TotalTimeout)"
                : $"the attempt timeout of {Format(exception.Timeout)} (Altinn:AttemptTimeout, AltinnOptions.AttemptTimeout)";
            throw new TaskCanceledException(
                $"{request.Method} {Redaction.Uri(request.RequestUri)} got no answer within {which}.",
                new TimeoutException(exception.Message, exception));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private static ResiliencePipeline<HttpResponseMessage> CreatePipeline(AltinnOptions settings, TimeProvider clock)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddTimeout(new TimeoutStrategyOptions { Name = "total", Timeout = settings.TotalTimeout });
        if (settings.MaxRetries > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldHandle = args =>
                {
                    HttpRequestMessage? request = args.Context.Properties.GetValue(s_request, null!);
                    return new ValueTask<bool>(
                        RetryPolicy.IsRetrySafe(request)
                        && RetryPolicy.IsTransient(args.Outcome.Result, args.Outcome.Exception)
                        && !RetryPolicy.IsHandledByCaller(request, args.Outcome.Result)
                        && !OutlastsTotalTimeout(args.Context, args.Outcome.Result, settings, clock));
                },
                // Retry-After (seconds or a date) sets the wait when Altinn sends it; otherwise the back-off does.
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryPolicy.RetryAfter(args.Outcome.Result, clock)),
                OnRetry = static args =>
                {
                    AltinnTelemetry.Retries.Add(1, args.Outcome.Result is { } response
                        ? new KeyValuePair<string, object?>("http.response.status_code", (int)response.StatusCode)
                        : new KeyValuePair<string, object?>("error.type", args.Outcome.Exception?.GetType().FullName));
                    return default;
                },
            });
        }

        return pipeline.AddTimeout(new TimeoutStrategyOptions { Name = "attempt", Timeout = settings.AttemptTimeout }).Build();
    }

    // A Retry-After that reaches past the total timeout would only be waited out to fail with a timeout: the answer
    // (a 429 or 503 saying when to come back) is returned now instead.
    private static bool OutlastsTotalTimeout(ResilienceContext context, HttpResponseMessage? response, AltinnOptions settings, TimeProvider clock) =>
        RetryPolicy.RetryAfter(response, clock) is { } wait
        && clock.GetElapsedTime(context.Properties.GetValue(s_started, 0L)) + wait >= settings.TotalTimeout;

    private static string Format(TimeSpan timeout) =>
        timeout < TimeSpan.FromSeconds(1) ? $"{timeout.TotalMilliseconds:0} ms"
        : timeout < TimeSpan.FromMinutes(2) ? $"{timeout.TotalSeconds:0.###} s"
        : timeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
}
