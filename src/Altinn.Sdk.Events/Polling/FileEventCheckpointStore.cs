using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Altinn.Sdk.Events;

/// <summary>
/// Keeps checkpoints in a folder, one small JSON file per feed (<c>checkpoint-{hash of the feed key}.json</c>), written
/// atomically: the new content goes to a temporary file in the same folder, is flushed to disk, and is then renamed
/// over the old file. A crash at any moment leaves either the old or the new checkpoint, never a torn one.
/// </summary>
/// <remarks>
/// <para>Thread-safe: every write has its own temporary file. Saves for one feed key should come one after the other (as
/// the poller's do); two racing saves leave whichever was renamed last. Two processes must not poll the same feed
/// into the same folder. Temporary files a crash left behind (<c>*.tmp</c>) are ignored. A checkpoint file that cannot
/// be read (changed by hand, or copied half) is reported with an <see cref="InvalidDataException"/> rather than
/// silently starting the feed over.</para>
/// <para>The feed key secret (see <see cref="EventCheckpointStore"/>) is the one given to the constructor, or else 32
/// random bytes kept in <c>feed-key.secret</c> in the folder, created the first time a query that filters by a person
/// needs it, readable by the current user only (mode 0600 on Linux and macOS; on Windows, on .NET 10, an access list
/// with the current user alone, else the folder's inherited permissions). Back it up with the checkpoints: without it
/// the checkpoints of those feeds are not found, and they start again from the query's start. Feeds whose filters
/// name no person do not need it.</para>
/// </remarks>
public class FileEventCheckpointStore : EventCheckpointStore
{
    /// <summary>The name of the file the generated feed key secret is kept in, in the store's folder.</summary>
    public const string FeedKeySecretFileName = "feed-key.secret";

    private readonly object _secretGate = new();
    private byte[]? _fileSecret;

    /// <summary>Creates a store in a folder, which is created when missing; its feed key secret is kept in the folder.</summary>
    /// <param name="directory">The folder.</param>
    /// <exception cref="ArgumentNullException"><paramref name="directory"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty.</exception>
    public FileEventCheckpointStore(string directory)
    {
        Directory = Open(directory);
    }

    /// <summary>Creates a store in a folder, which is created when missing, with a feed key secret kept elsewhere (a secret store).</summary>
    /// <param name="directory">The folder.</param>
    /// <param name="feedKeySecret">Random bytes (at least <see cref="EventCheckpointStore.MinFeedKeySecretBytes"/>), the same for as long as the checkpoints.</param>
    /// <exception cref="ArgumentNullException"><paramref name="directory"/> or <paramref name="feedKeySecret"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty, or <paramref name="feedKeySecret"/> is too short.</exception>
    public FileEventCheckpointStore(string directory, byte[] feedKeySecret)
        : base(feedKeySecret)
    {
        Directory = Open(directory);
    }

    /// <summary>The folder the checkpoint files are in.</summary>
    public string Directory { get; }

    /// <summary>The file a feed's checkpoint is kept in.</summary>
    /// <param name="feedKey">The feed's key.</param>
    /// <returns>The full path of the file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="feedKey"/> is null.</exception>
    public string GetPath(string feedKey)
    {
        if (feedKey is null) throw new ArgumentNullException(nameof(feedKey));
        return Path.Combine(Directory, CheckpointDocument.Name(feedKey));
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidDataException">The checkpoint file exists but is not a checkpoint of this feed.</exception>
    public override async Task<string?> GetCheckpointAsync(string feedKey, CancellationToken cancellationToken = default)
    {
        string path = GetPath(feedKey);
        byte[] content;
        try
        {
            content = await StreamShims.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        return CheckpointDocument.Read(content, feedKey, $"The checkpoint file '{path}'", "file");
    }

    /// <inheritdoc/>
    public override async Task SaveCheckpointAsync(string feedKey, string eventId, CancellationToken cancellationToken = default)
    {
        if (eventId is null) throw new ArgumentNullException(nameof(eventId));
        if (eventId.Length == 0) throw new ArgumentException("The event id is empty.", nameof(eventId));
        string path = GetPath(feedKey);
        byte[] content = CheckpointDocument.Write(feedKey, eventId, DateTimeOffset.UtcNow);

        await WriteAtomicallyAsync(path, content, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidDataException">The secret file exists but is damaged.</exception>
    /// <exception cref="IOException">The secret file could not be created.</exception>
    protected override byte[]? GetFeedKeySecret()
    {
        byte[]? given = base.GetFeedKeySecret();
        if (given is not null) return given;
        lock (_secretGate) return _fileSecret ??= ReadOrCreateSecret();
    }

    /// <inheritdoc/>
    internal override Task RemoveOldCheckpointAsync(string feedKey, CancellationToken cancellationToken)
    {
        File.Delete(GetPath(feedKey));
        return Task.CompletedTask;
    }

    /// <summary>Writes the file's new content to a temporary file, flushes it to disk and renames it into place.</summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="content">The new content.</param>
    /// <param name="cancellationToken">Cancels the write (before the rename).</param>
    /// <returns>A task that completes when the file has been replaced.</returns>
    /// <remarks>Protected so that tests can interrupt a write; not meant to be changed otherwise.</remarks>
    protected virtual async Task WriteAtomicallyAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        if (content is null) throw new ArgumentNullException(nameof(content));
        string temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await WriteContentAsync(stream, content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            StreamShims.MoveReplacing(temporary, path);
            // The rename only survives a power cut once it is committed too (the file on Windows, the folder elsewhere).
            FolderFlush.Renamed(path);
            FolderFlush.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes the content into the temporary file's stream (a test seam for a write cut short).</summary>
    /// <param name="stream">The temporary file.</param>
    /// <param name="content">The content.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the content is written.</returns>
    protected virtual Task WriteContentAsync(Stream stream, byte[] content, CancellationToken cancellationToken)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        if (content is null) throw new ArgumentNullException(nameof(content));
        return stream.WriteAsync(content, 0, content.Length, cancellationToken);
    }

    private static string Open(string directory)
    {
        if (directory is null) throw new ArgumentNullException(nameof(directory));
        if (directory.Trim().Length == 0) throw new ArgumentException("The checkpoint folder is empty.", nameof(directory));
        string full = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(full);
        return full;
    }

    private byte[] ReadOrCreateSecret()
    {
        string path = Path.Combine(Directory, FeedKeySecretFileName);
        for (int attempt = 0; ; attempt++)
        {
            if (File.Exists(path)) return ReadSecret(path);

            // Written whole under a temporary name, then moved into place without replacing: a store in another
            // process that got there first wins, and this one reads its secret instead.
            byte[] secret = new byte[MinFeedKeySecretBytes];
            using (var random = RandomNumberGenerator.Create()) random.GetBytes(secret);
            string temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                using (FileStream stream = CreateOwnerOnly(temporary))
                {
                    byte[] text = Encoding.ASCII.GetBytes(Convert.ToBase64String(secret) + "\n");
                    stream.Write(text, 0, text.Length);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temporary, path);
                FolderFlush.Renamed(path);
                FolderFlush.Flush(Directory);
                return secret;
            }
            catch (IOException) when (attempt == 0 && File.Exists(path))
            {
                TryDelete(temporary);
            }
            catch
            {
                TryDelete(temporary);
                throw;
            }
        }
    }

    private static byte[] ReadSecret(string path)
    {
        string text = File.ReadAllText(path).Trim();
        byte[]? secret = null;
        try
        {
            secret = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            // Reported below, without the content.
        }

        if (secret is null || secret.Length < MinFeedKeySecretBytes)
        {
            throw new InvalidDataException(
                $"The feed key secret file '{path}' is damaged. Restore it from a backup; without it, the checkpoints of feeds filtered by a person are not found. "
                + "Deleting it makes a new secret, and those feeds start again from their query's start.");
        }

        return secret;
    }

    /// <summary>Creates a file that only the current user can read.</summary>
    private static FileStream CreateOwnerOnly(string path)
    {
#if NET
        if (OperatingSystem.IsWindows())
        {
            var security = new System.Security.AccessControl.FileSecurity();
            security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
            security.AddAccessRule(new System.Security.AccessControl.FileSystemAccessRule(
                System.Security.Principal.WindowsIdentity.GetCurrent().User!,
                System.Security.AccessControl.FileSystemRights.FullControl,
                System.Security.AccessControl.AccessControlType.Allow));
            return new FileInfo(path).Create(FileMode.CreateNew, System.Security.AccessControl.FileSystemRights.Write, FileShare.None, 4096, FileOptions.None, security);
        }

        return new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
#else
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && NativeMethods.chmod(Encoding.UTF8.GetBytes(path + "\0"), OwnerReadWrite) != 0)
        {
            int error = Marshal.GetLastWin32Error();
            stream.Dispose();
            throw new IOException($"Could not make '{path}' readable by its owner only (errno {error}).");
        }

        return stream;
#endif
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A temporary file that cannot be removed now is ignored when reading.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

#if !NET
    private const int OwnerReadWrite = 0x180; // 0600

    // libc's own name, resolved by the runtime on Linux and macOS (as in FolderFlush); only on .NET Standard, where
    // FileStreamOptions.UnixCreateMode does not exist.
#pragma warning disable SA1300, IDE1006, CA1401, SYSLIB1054
    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int chmod(byte[] path, int mode);
    }
#pragma warning restore SA1300, IDE1006, CA1401, SYSLIB1054
#endif
}
