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

    private IOException TimedOut(Exception? cause) => new(
        $"No bytes of the response to {_request} arrived within the read idle timeout of {_idle} (Altinn:ReadIdleTimeout, AltinnOptions.ReadIdleTimeout); the connection was given up.",
        new TimeoutException($"The read waited {_idle} for bytes.", cause));

    /// <summary>The body's stream: each asynchronous read gets the idle timeout; synchronous reads are passed through.</summary>
    private sealed class IdleStream(Stream inner, ReadIdleTimeoutContent owner) : ReadOnlyWrapperStream(inner, leaveOpen: false)
    {
        private volatile bool _closedByTimer;

        public override int Read(byte[] buffer, int offset, int count) => Inner.Read(buffer, offset, count);

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            using CancellationTokenSource timer = StartTimer();
            try
            {
                return await Inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (_closedByTimer && !cancellationToken.IsCancellationRequested)
            {
                throw owner.TimedOut(e);
            }
        }

#if NET
        public override int Read(Span<byte> buffer) => Inner.Read(buffer);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using CancellationTokenSource timer = StartTimer();
            try
            {
                return await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (_closedByTimer && !cancellationToken.IsCancellationRequested)
            {
                throw owner.TimedOut(e);
            }
        }
#endif

        // A timer on the configured clock that closes the body when it runs out. Closing is what ends a pending read on
        // every framework: .NET Framework's response streams do not watch a token once a read has begun.
        private CancellationTokenSource StartTimer()
        {
            if (_closedByTimer) throw owner.TimedOut(null);
#if NET
            var timer = new CancellationTokenSource(owner._idle, owner._clock);
#else
            CancellationTokenSource timer = owner._clock.CreateCancellationTokenSource(owner._idle);
#endif
            timer.Token.Register(static state =>
            {
                var stream = (IdleStream)state!;
                stream._closedByTimer = true;
                stream.Inner.Dispose();
            }, this);
            return timer;
        }
    }
}
