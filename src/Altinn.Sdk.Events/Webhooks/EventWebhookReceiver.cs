using System.Security.Cryptography;

namespace Altinn.Sdk.Events;

/// <summary>
/// The receiving end of a webhook subscription, independent of any web framework: give it the request body, content
/// type and the secret the request presented; it checks the secret, parses the CloudEvent, recognises Altinn's
/// subscription validation, drops repeats, and says which status to answer with. Thread-safe; keep one for the
/// endpoint's lifetime (it holds the deduplication window).
/// </summary>
/// <remarks>
/// <para>Altinn POSTs one CloudEvent per request as JSON (<c>application/json</c>; <c>application/cloudevents+json</c>
/// is taken too), unsigned, to exactly the endpoint URL of the subscription, and retries a failed delivery (non-2xx,
/// timeout) for about a day and a half. Answer fast (Altinn waits 45 seconds at most). Since pushes are not signed, put
/// a long random secret in the endpoint's path and give it to the receiver, which refuses a request without it (403)
/// before reading the body, the validation handshake included; also allow only Altinn's outbound IP addresses, and
/// re-read anything important with your own token.</para>
/// <para>In ASP.NET Core:
/// <code>
/// builder.Services.AddSingleton(new EventWebhookReceiver(builder.Configuration["Webhook:Secret"]!));
///
/// // The subscription's endpoint is https://{your host}/altinn/events/{the secret}.
/// app.MapPost("/altinn/events/{secret}", async (string secret, HttpRequest request, EventWebhookReceiver receiver, CancellationToken ct) =>
/// {
///     EventWebhookResult result = await receiver.ReceiveAsync(request.Body, request.ContentType, secret, ct);
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
    /// <summary>The largest request body read by default (64 KiB); Altinn's events are a few hundred bytes.</summary>
    public const long DefaultMaxBodyBytes = 64 * 1024;

    /// <summary>The shortest secret taken: 16 characters. Use a long random one, for example 32 hexadecimal digits.</summary>
    public const int MinSecretLength = 16;

    /// <summary>The longest event id taken; Altinn's ids are GUIDs (36 characters).</summary>
    internal const int MaxIdLength = 256;

    private readonly EventDeduplicator _deduplicator;
    private readonly long _maxBodyBytes;
    private readonly byte[]? _secretHash;

    /// <summary>
    /// Creates a receiver without a secret, with a default <see cref="EventDeduplicator"/> (10 000 ids, 48 hours) and a
    /// 64 KiB body limit: anyone who finds the endpoint can push to it, so protect it otherwise, or give a secret.
    /// </summary>
    public EventWebhookReceiver()
        : this(new EventDeduplicator())
    {
    }

    /// <summary>
    /// Creates a receiver that takes only requests presenting <paramref name="secret"/>, with a default
    /// <see cref="EventDeduplicator"/> (10 000 ids, 48 hours) and a 64 KiB body limit.
    /// </summary>
    /// <param name="secret">The secret in the subscription's endpoint URL, at least <see cref="MinSecretLength"/> characters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="secret"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is shorter than <see cref="MinSecretLength"/>.</exception>
    public EventWebhookReceiver(string secret)
        : this(new EventDeduplicator(), DefaultMaxBodyBytes, secret ?? throw new ArgumentNullException(nameof(secret)))
    {
    }

    /// <summary>Creates a receiver.</summary>
    /// <param name="deduplicator">The window of event ids already received.</param>
    /// <param name="maxBodyBytes">The largest request body to read; a longer one is answered with 413.</param>
    /// <param name="secret">
    /// The secret every request must present (see <see cref="ReceiveAsync(Stream, string?, string?, CancellationToken)"/>),
    /// at least <see cref="MinSecretLength"/> characters; <see langword="null"/> takes requests without one.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="deduplicator"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBodyBytes"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is shorter than <see cref="MinSecretLength"/>.</exception>
    public EventWebhookReceiver(EventDeduplicator deduplicator, long maxBodyBytes = DefaultMaxBodyBytes, string? secret = null)
    {
        _deduplicator = deduplicator ?? throw new ArgumentNullException(nameof(deduplicator));
        if (maxBodyBytes <= 0) throw new ArgumentOutOfRangeException(nameof(maxBodyBytes), maxBodyBytes, "The body limit must be positive.");
        if (secret is not null && secret.Length < MinSecretLength)
        {
            throw new ArgumentException($"The webhook secret must be at least {MinSecretLength} characters; use a long random one.", nameof(secret));
        }

        _maxBodyBytes = maxBodyBytes;
        _secretHash = secret is null ? null : Sha256(secret);
    }

    /// <summary>
    /// Reads one webhook request without a secret; the same as
    /// <see cref="ReceiveAsync(Stream, string?, string?, CancellationToken)"/> with none, so a receiver that has a
    /// secret refuses it.
    /// </summary>
    /// <param name="body">The request body; read up to the limit, not disposed.</param>
    /// <param name="contentType">The request's <c>Content-Type</c>, or <see langword="null"/> when it has none.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The event, its kind, and the status to answer with.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public virtual Task<EventWebhookResult> ReceiveAsync(Stream body, string? contentType, CancellationToken cancellationToken = default) =>
        ReceiveAsync(body, contentType, secret: null, cancellationToken);

    /// <summary>
    /// Reads one webhook request: checks the secret it presented, parses the CloudEvent from <paramref name="body"/>
    /// and classifies it. A new event's id is remembered at once, so a concurrent or later repeat is reported as
    /// <see cref="EventWebhookResultKind.Duplicate"/>.
    /// </summary>
    /// <param name="body">The request body; read up to the limit, not disposed, and not read at all when the secret is wrong.</param>
    /// <param name="contentType">The request's <c>Content-Type</c>, or <see langword="null"/> when it has none.</param>
    /// <param name="secret">
    /// The secret the request presented (the route value of the endpoint's secret path segment), or
    /// <see langword="null"/>. When the receiver has a secret, a missing or different one is answered with 403,
    /// compared in constant time; when it has none, this is ignored.
    /// </param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The event, its kind, and the status to answer with. A refused or malformed request gives an <see cref="EventWebhookResultKind.Invalid"/> result, not an exception.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public virtual async Task<EventWebhookResult> ReceiveAsync(Stream body, string? contentType, string? secret, CancellationToken cancellationToken = default)
    {
        if (body is null) throw new ArgumentNullException(nameof(body));
        if (_secretHash is not null && !FixedTimeEquals(_secretHash, Sha256(secret ?? string.Empty)))
        {
            return new EventWebhookResult(EventWebhookResultKind.Invalid, null, 403, "The webhook secret is missing or wrong.");
        }

        if (!IsJson(contentType, out string? refusal))
        {
            return new EventWebhookResult(EventWebhookResultKind.Invalid, null, 415, refusal);
        }

        CloudEvent? cloudEvent;
        // The caller owns the body: it is left open.
        var limited = new LimitedReadStream(body, _maxBodyBytes, () => new BodyTooLargeException(), leaveOpen: true);
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

        if (cloudEvent.Id.Length > MaxIdLength)
        {
            return new EventWebhookResult(EventWebhookResultKind.Invalid, null, 400, $"The CloudEvent's id is longer than {MaxIdLength} characters.");
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

    private static byte[] Sha256(string value)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(value);
        return Hashes.Sha256(bytes);
    }

    /// <summary>Compares two hashes of equal length in time that does not depend on where they differ.</summary>
    private static bool FixedTimeEquals(byte[] expected, byte[] actual)
    {
        return Hashes.FixedTimeEquals(expected, actual);
    }

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

#pragma warning disable CA1032, CA1064 // a private signal between the stream and the receiver, never thrown out of it
    private sealed class BodyTooLargeException : IOException;
#pragma warning restore CA1032, CA1064
}
