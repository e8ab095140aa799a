using Altinn.Sdk;
using Altinn.Sdk.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// A response body whose asynchronous reads fail when no bytes arrive for <see cref="AltinnOptions.ReadIdleTimeout"/>:
/// the pipeline's timeouts end when the headers arrive, and a connection that goes silent in the middle of a body (a
/// dropped NAT entry, a stalled proxy) would otherwise keep a read, and the archive pass waiting on it, forever. A
/// body that keeps coming is read for as long as it takes. The headers are the original response's.
/// </summary>
internal sealed class ReadIdleTimeoutContent : DerivedContent
{
    private readonly TimeSpan _idle;
    private readonly TimeProvider _clock;
    private readonly string _request;

    public ReadIdleTimeoutContent(HttpContent inner, TimeSpan idle, TimeProvider clock, HttpRequestMessage request)
        : base(inner, keepLength: true)
    {
        _idle = idle;
        _clock = clock;
        _request = $"{request.Method} {Redaction.Uri(request.RequestUri)}";
    }

    protected override async Task<Stream> CreateContentReadStreamAsync() =>
        new IdleStream(await Inner.ReadAsStreamAsync().ConfigureAwait(false), this);

#if NET
    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new IdleStream(await Inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), this);

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) =>
        new IdleStream(Inner.ReadAsStream(cancellationToken), this);
#endif

    protected override async Task SerializeAsync(Stream destination, CancellationToken cancellationToken)
    {
#if NET
        Stream source = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
#else
        Stream source = await CreateContentReadStreamAsync().ConfigureAwait(false);
        using (source)
#endif
        {
            await source.CopyToAsync(destination, 81920, cancellationToken).ConfigureAwait(false);
        }
    }

    private IOException TimedOut(Exception cancelled) => new(
        $"No bytes of the response to {_request} arrived within the read idle timeout of {_idle} (Altinn:ReadIdleTimeout, AltinnOptions.ReadIdleTimeout); the connection was given up.",
        new TimeoutException($"The read waited {_idle} for bytes.", cancelled));

    /// <summary>The body's stream: each asynchronous read gets the idle timeout; synchronous reads are passed through.</summary>
    private sealed class IdleStream(Stream inner, ReadIdleTimeoutContent owner) : ReadOnlyWrapperStream(inner, leaveOpen: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => Inner.Read(buffer, offset, count);

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            using CancellationTokenSource idle = StartIdle(cancellationToken, out CancellationTokenSource timer);
            using (timer)
            {
                try
                {
                    return await Inner.ReadAsync(buffer, offset, count, idle.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw owner.TimedOut(e);
                }
            }
        }

#if NET
        public override int Read(Span<byte> buffer) => Inner.Read(buffer);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using CancellationTokenSource idle = StartIdle(cancellationToken, out CancellationTokenSource timer);
            using (timer)
            {
                try
                {
                    return await Inner.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw owner.TimedOut(e);
                }
            }
        }
#endif

        // A timer on the configured clock, linked with the caller's token: whichever comes first ends the read.
        private CancellationTokenSource StartIdle(CancellationToken cancellationToken, out CancellationTokenSource timer)
        {
#if NET
            timer = new CancellationTokenSource(owner._idle, owner._clock);
#else
            timer = owner._clock.CreateCancellationTokenSource(owner._idle);
#endif
            return CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        }
    }
}
