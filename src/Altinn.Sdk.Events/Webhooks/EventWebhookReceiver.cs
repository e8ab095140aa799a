using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Altinn.Sdk.Events;

/// <summary>
/// The receiving end of a webhook subscription, independent of any web framework: give it the request body and content
/// type; it parses the CloudEvent, recognises Altinn's subscription validation, drops repeats, and says which status to
/// answer with. Thread-safe; keep one for the endpoint's lifetime (it holds the deduplication window).
/// </summary>
/// <remarks>
/// <para>Altinn POSTs one CloudEvent per request as JSON (<c>application/json</c>; <c>application/cloudevents+json</c>
/// is taken too), unsigned, and retries a failed delivery (non-2xx, timeout) for about a day and a half. Answer fast
/// (Altinn waits 45 seconds at most) and protect the endpoint yourself (a secret path, Altinn's outbound IP
/// addresses); re-read anything important with your own token, since pushes are not signed.</para>
/// <para>In ASP.NET Core:
/// <code>
/// app.MapPost("/altinn/events", async (HttpRequest request, EventWebhookReceiver receiver, CancellationToken ct) =>
/// {
///     EventWebhookResult result = await receiver.ReceiveAsync(request.Body, request.ContentType, ct);
///     if (result.ShouldHandle &amp;&amp; !queue.Writer.TryWrite(result.Event!))
///     {
///         receiver.Forget(result.Event!.Id); // not queued: Altinn delivers it again after a 503
///         return Results.StatusCode(503);
///     }
///     return Results.StatusCode(result.StatusCode);
/// });
/// </code></para>
/// </remarks>
public class EventWebhookReceiver
{
    /// <summary>The largest request body read by default (1 MiB); Altinn's events are a few hundred bytes.</summary>
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    private readonly EventDeduplicator _deduplicator;
    private readonly long _maxBodyBytes;

    /// <summary>Creates a receiver with a default <see cref="EventDeduplicator"/> (10 000 ids, 48 hours) and a 1 MiB body limit.</summary>
    public EventWebhookReceiver()
        : this(new EventDeduplicator())
    {
    }

    /// <summary>Creates a receiver.</summary>
    /// <param name="deduplicator">The window of event ids already received.</param>
    /// <param name="maxBodyBytes">The largest request body to read; a longer one is answered with 413.</param>
    /// <exception cref="ArgumentNullException"><paramref name="deduplicator"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBodyBytes"/> is not positive.</exception>
    public EventWebhookReceiver(EventDeduplicator deduplicator, long maxBodyBytes = DefaultMaxBodyBytes)
    {
        _deduplicator = deduplicator ?? throw new ArgumentNullException(nameof(deduplicator));
        if (maxBodyBytes <= 0) throw new ArgumentOutOfRangeException(nameof(maxBodyBytes), maxBodyBytes, "The body limit must be positive.");
        _maxBodyBytes = maxBodyBytes;
    }

    /// <summary>
    /// Reads one webhook request: parses the CloudEvent from <paramref name="body"/> and classifies it. A new event's id
    /// is remembered at once, so a concurrent or later repeat is reported as <see cref="EventWebhookResultKind.Duplicate"/>.
    /// </summary>
    /// <param name="body">The request body; read up to the limit, not disposed.</param>
    /// <param name="contentType">The request's <c>Content-Type</c>, or <see langword="null"/> when it has none.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The event, its kind, and the status to answer with. A malformed request gives an <see cref="EventWebhookResultKind.Invalid"/> result, not an exception.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public virtual async Task<EventWebhookResult> ReceiveAsync(Stream body, string? contentType, CancellationToken cancellationToken = default)
    {
        if (body is null) throw new ArgumentNullException(nameof(body));
        if (!IsJson(contentType, out string? refusal))
        {
            return new EventWebhookResult(EventWebhookResultKind.Invalid, null, 415, refusal);
        }

        CloudEvent? cloudEvent;
        var limited = new LimitedReadStream(body, _maxBodyBytes);
        try
        {
            cloudEvent = await JsonSerializer.DeserializeAsync(limited, EventsJsonContext.Default.CloudEvent, cancellationToken).ConfigureAwait(false);
        }
        catch (BodyTooLargeException)
        {
            return new EventWebhookResult(EventWebhookResultKind.Invalid, null, 413, $"The body is longer than {_maxBodyBytes} bytes.");
        }
        catch (JsonException)
        {
            return new EventWebhookResult(EventWebhookResultKind.Invalid, null, 400, "The body is not a CloudEvent in JSON (one object).");
        }

        if (cloudEvent is null)
        {
            return new EventWebhookResult(EventWebhookResultKind.Invalid, null, 400, "The body is not a CloudEvent in JSON (one object).");
        }

        string? missing = string.IsNullOrEmpty(cloudEvent.Id) ? "id"
            : string.IsNullOrEmpty(cloudEvent.Type) ? "type"
            : string.IsNullOrEmpty(cloudEvent.Source) ? "source"
            : string.IsNullOrEmpty(cloudEvent.SpecVersion) ? "specversion"
            : null;
        if (missing is not null)
        {
            return new EventWebhookResult(EventWebhookResultKind.Invalid, null, 400, $"The CloudEvent has no '{missing}'.");
        }

        if (cloudEvent.IsSubscriptionValidation)
        {
            // Any 2xx validates the subscription; Altinn expects nothing else (no echo of the id).
            return new EventWebhookResult(EventWebhookResultKind.SubscriptionValidation, cloudEvent, 200, null);
        }

        return _deduplicator.TryAdd(cloudEvent.Id)
            ? new EventWebhookResult(EventWebhookResultKind.Event, cloudEvent, 200, null)
            : new EventWebhookResult(EventWebhookResultKind.Duplicate, cloudEvent, 200, null);
    }

    /// <summary>
    /// Forgets an event id, so that Altinn's next delivery of it is handled again; call it when handling the event
    /// failed (and answer that request with 500).
    /// </summary>
    /// <param name="eventId">The event id.</param>
    /// <returns>Whether the id was remembered.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="eventId"/> is null.</exception>
    public virtual bool Forget(string eventId) => _deduplicator.Remove(eventId);

    private static bool IsJson(string? contentType, out string? refusal)
    {
        refusal = null;
        if (string.IsNullOrWhiteSpace(contentType)) return true; // lenient: the body decides
        string mediaType = contentType!.Split(';')[0].Trim();
        if (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/cloudevents+json", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        refusal = mediaType.Equals("application/cloudevents-batch+json", StringComparison.OrdinalIgnoreCase)
            ? "Batched CloudEvents are not taken; Altinn sends one event per request."
            : "The content type must be application/json or application/cloudevents+json.";
        return false;
    }

    /// <summary>Reads at most a number of bytes from a stream, then fails with <see cref="BodyTooLargeException"/>.</summary>
    private sealed class LimitedReadStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

#if NET
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
#endif

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit) throw new BodyTooLargeException();
            return read;
        }
    }

#pragma warning disable CA1032, CA1064 // a private signal between the stream and the receiver, never thrown out of it
    private sealed class BodyTooLargeException : IOException;
#pragma warning restore CA1032, CA1064
}
