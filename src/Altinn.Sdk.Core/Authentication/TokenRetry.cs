using Polly;
using Polly.Retry;

namespace Altinn.Sdk.Authentication;

/// <summary>
/// The retry of a Maskinporten token request: up to <see cref="MaskinportenCredential.MaxAttempts"/> attempts about
/// 1 s and then 2 s apart, with jitter so that many clients that failed together do not come back together. Only
/// transient failures are retried: no answer, 408, 429 and 5xx; a refusal (400 invalid_client, invalid_scope, ...) is final.
/// </summary>
internal static class TokenRetry
{
    public static ResiliencePipeline Create(TimeProvider timeProvider) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = MaskinportenCredential.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                ShouldHandle = new PredicateBuilder().Handle<AltinnAuthenticationException>(IsTransient),
            })
            .Build();

    private static bool IsTransient(AltinnAuthenticationException exception) =>
        exception.Status is 408 or 429 or >= 500
        || (exception.Status is null && exception.InnerException is HttpRequestException or OperationCanceledException);
}
