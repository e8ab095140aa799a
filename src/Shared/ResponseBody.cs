// Shared source: compiled into Altinn.Sdk.Core, Altinn.Sdk.Storage, Altinn.Sdk.Apps and Altinn.Sdk.Events (each gets
// its own internal copy): the one way the SDK reads a response body into memory, always with a bound, so a server
// (or anything in between) cannot make a client hold an answer of any size.
using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Altinn.Sdk.Internal;

/// <summary>Reads response bodies with a bound: error bodies are cut short, other bodies fail clearly when too large.</summary>
internal static class ResponseBody
{
    /// <summary>The most of an error body read, for the exception's text; the rest is not read.</summary>
    public const int MaxErrorBytes = 64 * 1024;

    /// <summary>
    /// The most of a response read whole (an instance, a page of instances or events) unless configured otherwise:
    /// the default of <c>AltinnOptions.MaxResponseBytes</c>, and the bound for a client whose HttpClient keeps .NET's
    /// default <see cref="HttpClient.MaxResponseContentBufferSize"/>.
    /// </summary>
    public const int DefaultMaxBytes = 16 * 1024 * 1024;

    private const int BufferSize = 81920;

    /// <summary>
    /// The bound for responses read whole with <paramref name="client"/>: its
    /// <see cref="HttpClient.MaxResponseContentBufferSize"/> (which the SDK's registrations set from
    /// <c>AltinnOptions.MaxResponseBytes</c>), or <see cref="DefaultMaxBytes"/> while it keeps .NET's default (2 GiB).
    /// </summary>
    public static int MaxBytes(HttpClient client) =>
        client.MaxResponseContentBufferSize is > 0 and < int.MaxValue ? (int)client.MaxResponseContentBufferSize : DefaultMaxBytes;

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> of a body. <c>Complete</c> is false when the body is longer; then
    /// exactly <paramref name="maxBytes"/> bytes are returned and the rest is left unread.
    /// </summary>
    public static async Task<(byte[] Bytes, bool Complete)> ReadAsync(HttpContent? content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content is null) return (Array.Empty<byte>(), true);
#if NET
        using Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        using Stream stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        // One byte past the bound tells a body of exactly maxBytes from a longer one.
        long wanted = (long)maxBytes + 1;
        long? declared = content.Headers.ContentLength;
        using var collected = new MemoryStream(declared is long length && length < wanted ? (int)length : Math.Min(maxBytes, BufferSize));
        byte[] buffer = new byte[(int)Math.Min(BufferSize, wanted)];
        int read;
        while (collected.Length < wanted
            && (read = await stream.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, wanted - collected.Length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            collected.Write(buffer, 0, read);
        }

        bool complete = collected.Length <= maxBytes;
        if (!complete) collected.SetLength(maxBytes);
        return (collected.ToArray(), complete);
    }

    /// <summary>Reads a whole body, failing with <see cref="TooLarge"/> (before reading, when the length is declared) when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadAllAsync(HttpResponseMessage response, int maxBytes, string? advice, CancellationToken cancellationToken)
    {
        if (response.Content?.Headers.ContentLength > maxBytes) throw TooLarge(response, maxBytes, advice);
        (byte[] bytes, bool complete) = await ReadAsync(response.Content, maxBytes, cancellationToken).ConfigureAwait(false);
        return complete ? bytes : throw TooLarge(response, maxBytes, advice);
    }

    /// <summary>A stream over a body that fails with <see cref="TooLarge"/> once more than <paramref name="maxBytes"/> have been read from it.</summary>
    public static Stream Limit(Stream stream, HttpResponseMessage response, int maxBytes, string? advice) =>
        response.Content?.Headers.ContentLength > maxBytes ? throw TooLarge(response, maxBytes, advice) : new LimitedReadStream(stream, maxBytes, () => TooLarge(response, maxBytes, advice), leaveOpen: false);

    /// <summary>
    /// A failed response's body cut to its first <see cref="MaxErrorBytes"/>, for code that reads the error body whole
    /// (the generated transports); disposing it disposes <paramref name="content"/>.
    /// </summary>
    public static HttpContent TruncateError(HttpContent content) => new TruncatedContent(content);

    /// <summary>The error for a body past its bound: which answer, the bound, and how to raise it.</summary>
    public static HttpRequestException TooLarge(HttpResponseMessage response, int maxBytes, string? advice)
    {
        HttpRequestMessage? request = response.RequestMessage;
        string answer = request?.RequestUri is { } uri
            ? $"The answer to {request.Method} {uri.GetLeftPart(UriPartial.Path)}"
            : "An answer";
        return new HttpRequestException(
            $"{answer} is larger than {Size(maxBytes)}, the most the SDK reads of one answer into memory, so it was not read. "
            + (advice is null ? string.Empty : advice + " ")
            + "If an answer this large is expected, raise the setting Altinn:MaxResponseBytes (AltinnOptions.MaxResponseBytes), "
            + "or, for a client created on your own HttpClient, that HttpClient's MaxResponseContentBufferSize.");
    }

    private static string Size(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : bytes % 1024 == 0 ? $"{bytes / 1024} KiB" : $"{bytes} bytes";

    /// <summary>The first <see cref="MaxErrorBytes"/> of another content, with its headers (but not its length).</summary>
    private sealed class TruncatedContent(HttpContent inner) : DerivedContent(inner, keepLength: false)
    {
        protected override async Task SerializeAsync(Stream stream, CancellationToken cancellationToken)
        {
            (byte[] bytes, _) = await ReadAsync(Inner, MaxErrorBytes, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(bytes, 0, bytes.Length, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>
/// A response content made from another one: it has the other's headers (without the length when the body changes
/// size) and disposes it; the derived class writes the body.
/// </summary>
internal abstract class DerivedContent : HttpContent
{
    protected DerivedContent(HttpContent inner, bool keepLength)
    {
        Inner = inner;
        foreach (var header in inner.Headers)
        {
            if (keepLength || !string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase)) Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected HttpContent Inner { get; }

    /// <summary>Writes the body to <paramref name="stream"/>.</summary>
    protected abstract Task SerializeAsync(Stream stream, CancellationToken cancellationToken);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeAsync(stream, CancellationToken.None);

#if NET
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        SerializeAsync(stream, cancellationToken);
#endif

    // A kept length is in the copied headers.
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>
/// A read-only, forward-only stream over another, which it disposes unless told to leave it open: the base of the
/// SDK's stream wrappers, which override the reads.
/// </summary>
internal abstract class ReadOnlyWrapperStream(Stream inner, bool leaveOpen) : Stream
{
    protected Stream Inner { get; } = inner;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen) Inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>
/// A read-only stream that counts what is read and fails past a bound, so a reader (a deserializer) never holds more
/// than the bound: the one bounded stream of the SDK, for response bodies and for webhook request bodies.
/// </summary>
/// <param name="inner">The stream read.</param>
/// <param name="limit">The most bytes that may be read.</param>
/// <param name="tooLarge">The exception to throw once more than <paramref name="limit"/> bytes have been read.</param>
/// <param name="leaveOpen">Whether disposing this stream leaves <paramref name="inner"/> open (a stream the caller owns).</param>
internal sealed class LimitedReadStream(Stream inner, long limit, Func<Exception> tooLarge, bool leaveOpen) : ReadOnlyWrapperStream(inner, leaveOpen)
{
    private long _read;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(Inner.Read(buffer, offset, count));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await Inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

#if NET
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
#endif

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw tooLarge() : read;
    }
}
