using System.Text;
using Altinn.Sdk.Internal;

namespace Altinn.Sdk.Workflows;

/// <summary>
/// How the archive writes one file to any <see cref="ArchiveSink"/>: the bytes are hashed while they stream (never
/// buffered), the facts are checked before the commit, and the committed file is verified by the sink afterwards, so
/// that what is stored is what was received. The sink gives the durability (a folder: temporary name, flush, rename).
/// </summary>
internal static class ArchiveFiles
{
    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/> and returns what was streamed.
    /// <paramref name="check"/> sees the facts before the commit and throws to refuse them; on any failure the write is
    /// abandoned and nothing changes under the path. After the commit the sink must verify the file with these facts.
    /// </summary>
    public static async Task<ArchiveFileFacts> WriteAsync(
        ArchiveSink sink, string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken, Action<ArchiveFileFacts>? check = null)
    {
        ArchiveFileFacts facts;
        ArchiveFileWrite file = await sink.BeginWriteAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            using (var hashing = new HashingWriteStream(file.Content))
            {
                await write(hashing, cancellationToken).ConfigureAwait(false);
                await hashing.FlushAsync(cancellationToken).ConfigureAwait(false);
                facts = new ArchiveFileFacts(hashing.BytesWritten, hashing.Sha256Hex(), hashing.Md5Base64());
            }

            check?.Invoke(facts);
            cancellationToken.ThrowIfCancellationRequested();
            await file.CommitAsync(facts, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await file.DisposeAsync().ConfigureAwait(false);
        }

        if (!await sink.VerifyAsync(path, facts.Size, facts.Sha256, cancellationToken).ConfigureAwait(false))
        {
            throw new IOException($"'{sink.Describe(path)}' read back differs from what was written ({facts.Size} bytes, SHA-256 {facts.Sha256}).");
        }

        return facts;
    }

    /// <summary>Writes a small file (metadata, never a data element) from bytes already in memory.</summary>
    public static Task<ArchiveFileFacts> WriteAsync(ArchiveSink sink, string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        WriteAsync(sink, path, (stream, ct) => StreamShims.WriteAsync(stream, bytes, ct), cancellationToken);

    public static string ToHex(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length * 2);
        foreach (byte b in bytes) text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return text.ToString();
    }
}
