using System.Security.Cryptography;

namespace Altinn.Sdk.Workflows;

/// <summary>
/// A write-only stream that passes every byte on to a file and hashes it on the way (SHA-256 for the manifest, and
/// MD5 for comparing with Storage's <c>contentHash</c>), so content is hashed while it streams and never buffered.
/// </summary>
internal sealed class HashingWriteStream : Stream
{
    private readonly Stream _inner;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    // MD5 only to compare with the hash Storage itself keeps for the content; it protects against corruption, not attacks.
#pragma warning disable CA5351
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351

    public HashingWriteStream(Stream inner) => _inner = inner;

    public long BytesWritten { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => BytesWritten;

    public override long Position
    {
        get => BytesWritten;
        set => throw new NotSupportedException();
    }

    /// <summary>The SHA-256 of what was written, lower-case hex. Call once, after the last write.</summary>
    public string Sha256Hex() => ArchiveFiles.ToHex(_sha256.GetHashAndReset());

    /// <summary>The MD5 of what was written, base64 (Storage's <c>contentHash</c> format). Call once, after the last write.</summary>
    public string Md5Base64() => Convert.ToBase64String(_md5.GetHashAndReset());

    public override void Write(byte[] buffer, int offset, int count)
    {
        _inner.Write(buffer, offset, count);
        Hash(buffer, offset, count);
    }

    public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        await _inner.WriteAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        Hash(buffer, offset, count);
    }

#if NET
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        _sha256.AppendData(buffer.Span);
        _md5.AppendData(buffer.Span);
        BytesWritten += buffer.Length;
    }
#endif

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sha256.Dispose();
            _md5.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Hash(byte[] buffer, int offset, int count)
    {
        _sha256.AppendData(buffer, offset, count);
        _md5.AppendData(buffer, offset, count);
        BytesWritten += count;
    }
}
