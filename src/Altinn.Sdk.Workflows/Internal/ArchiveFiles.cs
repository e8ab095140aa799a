using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Altinn.Sdk.Internal;

namespace Altinn.Sdk.Workflows;

/// <summary>The facts of one file as written and verified: its size and SHA-256, and the MD5 of what was streamed.</summary>
internal readonly record struct FileFacts(long Size, string Sha256, string Md5Base64);

/// <summary>
/// Durable file writes for the archive: every file goes to a temporary name in its final folder, is flushed to disk
/// and only then renamed, so a final name always holds a whole file; the folders are committed before a confirmation.
/// </summary>
internal static class ArchiveFiles
{
    /// <summary>Temporary files start with a dot and end with this; a later run removes leftovers.</summary>
    public const string TemporarySuffix = ".partial";

    /// <summary>The lock file in an app's archive folder, held by the run that writes there.</summary>
    public const string LockFileName = ".lock";

    private const int BufferSize = 81920;
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Writes a file through <paramref name="write"/> to a temporary name, flushes it to disk, renames it to
    /// <paramref name="name"/> (replacing an older file) and returns what was streamed. <paramref name="check"/> sees
    /// the facts before the rename and throws to refuse them. On any failure the temporary file is removed and nothing
    /// changes under the final name.
    /// </summary>
    public static async Task<FileFacts> WriteAsync(
        string folder, string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken, Action<FileFacts>? check = null)
    {
        string final = Path.Combine(folder, name);
        string temporary = Path.Combine(folder, "." + name + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + TemporarySuffix);
        try
        {
            FileFacts facts;
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            using (var hashing = new HashingWriteStream(file))
            {
                await write(hashing, cancellationToken).ConfigureAwait(false);
                await hashing.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
                facts = new FileFacts(hashing.BytesWritten, hashing.Sha256Hex(), hashing.Md5Base64());
            }

            check?.Invoke(facts);
            cancellationToken.ThrowIfCancellationRequested();
            Replace(temporary, final);
            return facts;
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Reads a file back from disk and returns its size and SHA-256, or <see langword="null"/> when it does not exist.</summary>
    public static async Task<(long Size, string Sha256)?> HashAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return null;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        byte[] buffer = new byte[BufferSize];
        long size = 0;
        int read;
        while ((read = await file.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            size += read;
        }

        return (size, ToHex(hash.GetHashAndReset()));
    }

    /// <summary>Whether the file exists with exactly this size and SHA-256.</summary>
    public static async Task<bool> VerifyAsync(string path, long size, string sha256, CancellationToken cancellationToken)
    {
        if (!File.Exists(path) || new FileInfo(path).Length != size) return false;
        (long Size, string Sha256)? facts = await HashAsync(path, cancellationToken).ConfigureAwait(false);
        return facts is { } f && f.Size == size && string.Equals(f.Sha256, sha256, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Commits the renames in an instance's folder to disk, and the folders above it up to the one holding the archive
    /// folder (each may have gained an entry when the folders were created), so that what is confirmed next survives a
    /// power cut. Folders created above that one (an archive path several levels new) are not committed.
    /// </summary>
    /// <param name="instanceFolder">The instance's folder, <c>{archive}/{org}/{app}/{partyId}/{instanceGuid}</c>.</param>
    /// <param name="appDirectory">The app's folder, <c>{archive}/{org}/{app}</c>.</param>
    public static void CommitFolders(string instanceFolder, string appDirectory)
    {
        string? archive = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(appDirectory)));
        string? last = archive is null ? null : Path.GetDirectoryName(archive) ?? archive;
        for (string? folder = Path.GetFullPath(instanceFolder); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            FolderFlush.Flush(folder);
            if (last is null || string.Equals(folder, last, StringComparison.Ordinal)) break;
        }
    }

    /// <summary>
    /// Takes the archive folder of an app for one run: opens <c>{appDirectory}/.lock</c> with no sharing (on Windows a
    /// sharing lock, on Linux and macOS an exclusive <c>flock</c>; both hold across processes and end with the process)
    /// and keeps it open until disposed. Another run that holds it makes this wait up to <paramref name="timeout"/>,
    /// then fail with an <see cref="IOException"/> saying so.
    /// </summary>
    public static async Task<IDisposable> LockFolderAsync(string appDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(appDirectory);
        string path = Path.Combine(appDirectory, LockFileName);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            }
            catch (IOException exception) when (IsHeldByAnother(exception))
            {
                TimeSpan left = timeout - waited.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    throw new IOException(
                        $"The archive folder '{appDirectory}' is in use by another archive run (it holds '{LockFileName}' there)"
                        + (timeout > TimeSpan.Zero ? $"; waited {timeout.TotalSeconds:0.#} s" : string.Empty)
                        + ". Run again when it has finished, or set ArchiveOptions.FolderLockTimeout to wait for it.",
                        exception);
                }

                await Task.Delay(left < LockPoll ? left : LockPoll, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Removes temporary files an interrupted run left in the folder.</summary>
    public static void RemoveLeftovers(string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (string leftover in Directory.GetFiles(folder, "." + "*" + TemporarySuffix))
        {
            TryDelete(leftover);
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the name starts with a dot and ends in .partial, and the next run removes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    // Windows: ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION; Unix: flock's EWOULDBLOCK as the errno .NET gives (11 on
    // Linux, 35 on macOS and the BSDs). Any other failure (no permission, a full disk) is not waited out.
    private static bool IsHeldByAnother(IOException exception) =>
        exception is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException)
        && (RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? (exception.HResult & 0xFFFF) is 32 or 33 : exception.HResult is 11 or 35);

    public static string ToHex(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length * 2);
        foreach (byte b in bytes) text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return text.ToString();
    }

    // The rename is atomic within the folder. It is made durable before the instance is confirmed: on Windows here,
    // by flushing the renamed file (a folder cannot be flushed there); elsewhere by CommitFolders, once per instance.
    private static void Replace(string temporary, string final)
    {
        StreamShims.MoveReplacing(temporary, final);
        FolderFlush.Renamed(final);
    }
}
