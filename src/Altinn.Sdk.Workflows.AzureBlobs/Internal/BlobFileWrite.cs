using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Altinn.Sdk.Workflows.AzureBlobs.Internal;

/// <summary>
/// A file written as staged blocks: one block's buffer at a time, each block sent with its MD5, the whole file's MD5
/// and SHA-256 computed as it streams; the block list is committed only by <see cref="CommitAsync"/>.
/// </summary>
internal sealed class BlobFileWrite : ArchiveFileWrite
{
    /// <summary>The metadata that holds a committed file's SHA-256, lower-case hexadecimal.</summary>
    public const string Sha256Metadata = "sha256";

    private readonly BlockBlobClient _blob;
    private readonly string _description;
    private readonly byte[] _buffer;
    private readonly string _writeId = Guid.NewGuid().ToString("N");
    private readonly List<string> _blockIds = [];
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalHash _blockMd5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private int _filled;
    private long _length;
    private bool _committed;
    private bool _disposed;

    public BlobFileWrite(BlockBlobClient blob, string description, int blockSize)
    {
        _blob = blob;
        _description = description;
        _buffer = ArrayPool<byte>.Shared.Rent(blockSize);
        Content = new BlockStream(this, blockSize);
    }

    public override Stream Content { get; }

    public override async Task CommitAsync(ArchiveFileFacts facts, CancellationToken cancellationToken)
    {
        if (facts is null) throw new ArgumentNullException(nameof(facts));
        ThrowIfDone();
        if (_filled > 0) await StageAsync(cancellationToken).ConfigureAwait(false);

        string md5 = Convert.ToBase64String(_md5.GetHashAndReset());
        string sha256 = Hex(_sha256.GetHashAndReset());
        if (facts.Size != _length || !string.Equals(facts.Sha256, sha256, StringComparison.OrdinalIgnoreCase) || facts.Md5Base64 != md5)
        {
            _committed = true; // the hashes are spent: this write cannot be committed any more
            throw new InvalidDataException(
                $"{_description} was not committed: {_length} bytes with SHA-256 {sha256} and MD5 {md5} were written, not {facts.Size} bytes with SHA-256 {facts.Sha256} and MD5 {facts.Md5Base64}.");
        }

        var options = new CommitBlockListOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentHash = Convert.FromBase64String(md5) },
            Metadata = new Dictionary<string, string> { [Sha256Metadata] = sha256 },
        };
        _committed = true;
        await _blob.CommitBlockListAsync(_blockIds, options, cancellationToken).ConfigureAwait(false);
    }

    public override ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            // Blocks staged and never committed are invisible; the service discards them.
            _disposed = true;
            ArrayPool<byte>.Shared.Return(_buffer);
            _md5.Dispose();
            _sha256.Dispose();
            _blockMd5.Dispose();
        }

        return default;
    }

    private void ThrowIfDone()
    {
        if (_disposed) throw new ObjectDisposedException(nameof(ArchiveFileWrite));
        if (_committed) throw new InvalidOperationException($"The write of {_description} is already committed.");
    }

    private int Append(ReadOnlySpan<byte> bytes, int blockSize)
    {
        ThrowIfDone();
        int count = Math.Min(bytes.Length, blockSize - _filled);
        bytes.Slice(0, count).CopyTo(_buffer.AsSpan(_filled));
        _filled += count;
        return count;
    }

    private async Task WriteAsync(ReadOnlyMemory<byte> bytes, int blockSize, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
        {
            int taken = Append(bytes.Span, blockSize);
            bytes = bytes.Slice(taken);
            if (_filled == blockSize) await StageAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Write(ReadOnlySpan<byte> bytes, int blockSize)
    {
        while (!bytes.IsEmpty)
        {
            int taken = Append(bytes, blockSize);
            bytes = bytes.Slice(taken);
            if (_filled == blockSize) Stage();
        }
    }

    private (string BlockId, MemoryStream Block, UploadTransferValidationOptions Validation) NextBlock()
    {
        _md5.AppendData(_buffer, 0, _filled);
        _sha256.AppendData(_buffer, 0, _filled);
        _blockMd5.AppendData(_buffer, 0, _filled);
        byte[] blockMd5 = _blockMd5.GetHashAndReset();

        // Every block id of a blob has the same length: the write's id and a six-digit index (a blob has at most 50,000 blocks).
        string blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes(_writeId + _blockIds.Count.ToString("D6", CultureInfo.InvariantCulture)));
        var validation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5, PrecalculatedChecksum = blockMd5 };
        return (blockId, new MemoryStream(_buffer, 0, _filled, writable: false), validation);
    }

    private async Task StageAsync(CancellationToken cancellationToken)
    {
        (string blockId, MemoryStream block, UploadTransferValidationOptions validation) = NextBlock();
        using (block)
        {
            await _blob.StageBlockAsync(blockId, block, new BlockBlobStageBlockOptions { TransferValidation = validation }, cancellationToken).ConfigureAwait(false);
        }

        Staged(blockId);
    }

    private void Stage()
    {
        (string blockId, MemoryStream block, UploadTransferValidationOptions validation) = NextBlock();
        using (block)
        {
            _blob.StageBlock(blockId, block, new BlockBlobStageBlockOptions { TransferValidation = validation });
        }

        Staged(blockId);
    }

    private void Staged(string blockId)
    {
        _blockIds.Add(blockId);
        _length += _filled;
        _filled = 0;
    }

    private static string Hex(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length * 2);
        foreach (byte b in bytes) text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>The write-only stream of the file's bytes.</summary>
    private sealed class BlockStream(BlobFileWrite write, int blockSize) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => write.Write(buffer.AsSpan(offset, count), blockSize);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            write.WriteAsync(buffer.AsMemory(offset, count), blockSize, cancellationToken);

#if NET
        public override void Write(ReadOnlySpan<byte> buffer) => write.Write(buffer, blockSize);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(write.WriteAsync(buffer, blockSize, cancellationToken));
#endif

        // Bytes are staged a block at a time; the commit stages the rest.
        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
