using Altinn.Sdk;
using Polly.Timeout;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Turns the pipeline's timeout into what <see cref="HttpClient"/> throws for its own: a
/// <see cref="TaskCanceledException"/> whose inner exception is a <see cref="TimeoutException"/>, with a message that
/// names the request, the timeout that ran out and the setting that sets it. Sits outside the resilience handler.
/// </summary>
internal sealed class TimeoutMessageHandler(AltinnOptions settings) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
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
    }

    private static string Format(TimeSpan timeout) =>
        timeout < TimeSpan.FromSeconds(1) ? $"{timeout.TotalMilliseconds:0} ms"
        : timeout < TimeSpan.FromMinutes(2) ? $"{timeout.TotalSeconds:0.###} s"
        : timeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
}
