using System.Net.Http.Headers;

namespace Altinn.Sdk.Testing.Events;

/// <summary>
/// Pushes events to validated subscriptions and sends the validation handshake, in the background, with Events'
/// retry schedule measured on the emulator's clock; deliveries that fail on every attempt are dead-lettered.
/// </summary>
internal sealed class WebhookDelivery : IDisposable
{
    /// <summary>The waits before the retries (up to 12 attempts in all), as Events' outbound queue uses them.</summary>
    public static readonly IReadOnlyList<TimeSpan> RetrySchedule =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(3),
        TimeSpan.FromHours(6), TimeSpan.FromHours(12), TimeSpan.FromHours(12),
    ];

    /// <summary>How long a webhook may take to answer (real time), as Events' client waits.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(45);

    /// <summary>The type of the handshake event.</summary>
    public const string ValidationType = "platform.events.validatesubscription";

    private readonly EmulatorContext _emulator;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stopping = new();

    public WebhookDelivery(EmulatorContext emulator)
    {
        _emulator = emulator;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        })
        {
            Timeout = RequestTimeout,
        };
        emulator.State.CloudEventPublished += OnPublished;
    }

    private EmulatorState State => _emulator.State;

    private TimeProvider Clock => _emulator.Clock;

    /// <summary>Stops taking new work and cancels pending deliveries and retries.</summary>
    public void Stop()
    {
        State.CloudEventPublished -= OnPublished;
        _stopping.Cancel();
    }

    /// <summary>Sends the validation event; a 2xx answer marks the subscription validated.</summary>
    public void SendValidation(EmulatedSubscription subscription)
    {
        if (_stopping.IsCancellationRequested) return;
        string id = Guid.NewGuid().ToString();
        string source = new Uri(_emulator.BaseUrl, $"events/api/v1/subscriptions/{subscription.Id}").AbsoluteUri;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("source", source);
            writer.WriteString("type", ValidationType);
            writer.WriteString("specversion", "1.0");
            writer.WriteEndObject();
        }

        Start(subscription, buffer.ToArray(), id, ValidationType, validation: true);
    }

    public void Dispose()
    {
        Stop();
        _http.Dispose();
        _stopping.Dispose();
    }

    private void OnPublished(EmulatedCloudEvent cloudEvent)
    {
        if (_stopping.IsCancellationRequested) return;
        byte[]? body = null;
        foreach (var subscription in State.Subscriptions())
        {
            if (!subscription.Validated || !subscription.Matches(cloudEvent) || !subscription.Reader.MayRead(State, cloudEvent)) continue;
            body ??= CloudEventJson.Serialize(cloudEvent);
            Start(subscription, body, cloudEvent.Id, cloudEvent.Type, validation: false);
        }
    }

    private void Start(EmulatedSubscription subscription, byte[] body, string eventId, string eventType, bool validation)
    {
        var token = _stopping.Token;
        _ = Task.Run(
            async () =>
            {
                try
                {
                    await DeliverAsync(subscription, body, eventId, eventType, validation, token);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    // The emulator stopped.
                }
                catch (ObjectDisposedException)
                {
                    // The emulator stopped while the delivery was under way.
                }
            },
            CancellationToken.None);
    }

    private async Task DeliverAsync(EmulatedSubscription subscription, byte[] body, string eventId, string eventType, bool validation, CancellationToken token)
    {
        for (int attempt = 1; ; attempt++)
        {
            // A deleted subscription gets nothing more, not even pending retries.
            if (State.FindSubscription(subscription.Id) is null) return;
            var started = Clock.GetUtcNow();
            string? error = await PostAsync(subscription.EndPoint, body, token);
            if (error is null)
            {
                if (validation) State.MarkSubscriptionValidated(subscription.Id);
                return;
            }

            if (attempt > RetrySchedule.Count)
            {
                State.AddDeadLetter(new DeadLetteredDelivery(subscription.Id, subscription.EndPoint, eventId, eventType, attempt, error, Clock.GetUtcNow()));
                return;
            }

            await WaitUntilAsync(started + RetrySchedule[attempt - 1], token);
        }
    }

    /// <summary>POSTs the body; null on a 2xx answer, else the status or error.</summary>
    private async Task<string?> PostAsync(Uri endPoint, byte[] body, CancellationToken token)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endPoint) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            return response.IsSuccessStatusCode ? null : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
        catch (TaskCanceledException) when (!token.IsCancellationRequested)
        {
            return "timeout";
        }
    }

    /// <summary>Waits until the emulator's clock reaches <paramref name="due"/> (a fake clock moves it by Advance).</summary>
    private async Task WaitUntilAsync(DateTimeOffset due, CancellationToken token)
    {
        while (true)
        {
            var wait = due - Clock.GetUtcNow();
            if (wait <= TimeSpan.Zero) return;
            var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var timer = Clock.CreateTimer(_ => fired.TrySetResult(), null, wait, Timeout.InfiniteTimeSpan);
            using var registration = token.Register(() => fired.TrySetCanceled(token));

            // The clock may have moved between reading it and making the timer.
            if (Clock.GetUtcNow() >= due) return;
            await fired.Task;
        }
    }
}
