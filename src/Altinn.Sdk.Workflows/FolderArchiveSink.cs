using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Altinn.Sdk.Internal;

namespace Altinn.Sdk.Workflows;

/// <summary>
/// The archive in a local (or mounted) folder: <c>{root}/{org}/{app}/{partyId}/{instanceGuid}/</c>. Files are written
/// to a temporary name, flushed to disk and renamed; an app's folder is held with <c>{root}/{org}/{app}/.lock</c>.
/// </summary>
/// <remarks>
/// Paths are relative and separated by <c>/</c>; a path that is rooted, contains a backslash, or has an empty,
/// <c>.</c> or <c>..</c> segment is refused with an <see cref="ArgumentException"/>, so nothing is ever written outside
/// the root. The lock is an open file without sharing (a sharing lock on Windows, an exclusive <c>flock</c> on Linux and
/// macOS): it holds across processes and ends with the process, so it is never lost while held.
/// </remarks>
public sealed class FolderArchiveSink : ArchiveSink
{
    /// <summary>Temporary files start with a dot and end with this; <see cref="RemoveLeftoversAsync(string, CancellationToken)"/> removes them.</summary>
    internal const string TemporarySuffix = ".partial";

    /// <summary>The lock file in an app's archive folder, held by the run that writes there.</summary>
    internal const string LockFileName = ".lock";

    private const int BufferSize = 81920;
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(200);

    /// <summary>Creates a sink writing below <paramref name="rootDirectory"/> (created when missing).</summary>
    /// <param name="rootDirectory">The archive's root folder.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rootDirectory"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="rootDirectory"/> is empty or not a valid path.</exception>
    public FolderArchiveSink(string rootDirectory)
    {
        RootDirectory = WorkflowContext.FullPath(rootDirectory, nameof(rootDirectory));
    }

    /// <summary>The archive's root folder, as a full path.</summary>
    public string RootDirectory { get; }

    /// <inheritdoc/>
    /// <returns>The full path of <paramref name="path"/> below <see cref="RootDirectory"/>.</returns>
    public override string Describe(string path) => FullPath(path);

    /// <inheritdoc/>
    /// <remarks>
    /// Opens <c>{appPath}/.lock</c> without sharing and keeps it open until disposed. While another run holds it this
    /// polls until <paramref name="timeout"/>, then throws an <see cref="ArchiveInUseException"/> naming the folder.
    /// </remarks>
    public override async Task<ArchiveLock> LockAsync(string appPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string appDirectory = FullPath(appPath);
        Directory.CreateDirectory(appDirectory);
        string path = Path.Combine(appDirectory, LockFileName);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1));
            }
            catch (IOException exception) when (IsHeldByAnother(exception))
            {
                TimeSpan left = timeout - waited.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    throw new ArchiveInUseException(
                        $"The archive folder '{appDirectory}' is in use by another archive run (it holds '{LockFileName}' there)"
                        + (timeout > TimeSpan.Zero ? $"; waited {timeout.TotalSeconds:0.#} s" : string.Empty)
                        + ". Run again when it has finished, or set ArchiveOptions.FolderLockTimeout to wait for it.",
                        exception);
                }

                await Task.Delay(left < LockPoll ? left : LockPoll, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc/>
    public override Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken)
    {
        string full = FullPath(path);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult<Stream?>(new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true));
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The bytes go to <c>.{name}.{random}.partial</c> in the file's folder (created when missing); the commit flushes
    /// them to disk and renames the file to its name.
    /// </remarks>
    public override Task<ArchiveFileWrite> BeginWriteAsync(string path, CancellationToken cancellationToken)
    {
        string final = FullPath(path);
        cancellationToken.ThrowIfCancellationRequested();
        string folder = Path.GetDirectoryName(final)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, "." + Path.GetFileName(final) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + TemporarySuffix);
        return Task.FromResult<ArchiveFileWrite>(new FileWrite(temporary, final));
    }

    /// <inheritdoc/>
    /// <remarks>Reads the file back from disk and hashes it.</remarks>
    public override async Task<bool> VerifyAsync(string path, long size, string sha256, CancellationToken cancellationToken)
    {
        string full = FullPath(path);
        if (!File.Exists(full) || new FileInfo(full).Length != size) return false;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long read = 0;
        using (var file = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true))
        {
            byte[] buffer = new byte[BufferSize];
            int count;
            while ((count = await file.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, count);
                read += count;
            }
        }

        return read == size && string.Equals(ArchiveFiles.ToHex(hash.GetHashAndReset()), sha256, StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc/>
    public override Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        string full = FullPath(path);
        cancellationToken.ThrowIfCancellationRequested();
        if (File.Exists(full)) File.Delete(full);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    /// <remarks>Removes the temporary files (<c>.*.partial</c>) in the instance's folder and the folders below it.</remarks>
    public override Task RemoveLeftoversAsync(string instancePath, CancellationToken cancellationToken)
    {
        string folder = FullPath(instancePath);
        if (Directory.Exists(folder))
        {
            foreach (string leftover in Directory.GetFiles(folder, ".*" + TemporarySuffix, SearchOption.AllDirectories))
            {
                TryDelete(leftover);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Commits the renames to disk: syncs the instance's folder, the folders below it, and the folders above it up to the
    /// root's parent (each may have gained an entry when the folders were created). On Windows, where a folder cannot
    /// be flushed, each renamed file was flushed after its rename instead.
    /// </remarks>
    public override Task CommitInstanceAsync(string instancePath, CancellationToken cancellationToken)
    {
        string instanceFolder = FullPath(instancePath);
        cancellationToken.ThrowIfCancellationRequested();
        if (Directory.Exists(instanceFolder))
        {
            foreach (string below in Directory.GetDirectories(instanceFolder, "*", SearchOption.AllDirectories)) FolderFlush.Flush(below);
        }

        string last = Path.GetDirectoryName(RootDirectory) ?? RootDirectory;
        for (string? folder = instanceFolder; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            FolderFlush.Flush(folder);
            if (string.Equals(folder, last, StringComparison.Ordinal)) break;
        }

        return Task.CompletedTask;
    }

    /// <summary>The full path of a relative <c>/</c>-separated path below the root; refuses anything that could leave it.</summary>
    private string FullPath(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        if (path.IndexOfAny(['\\', ':', '\0']) >= 0 || path.StartsWith("/", StringComparison.Ordinal) || Path.IsPathRooted(path))
        {
            throw new ArgumentException($"'{path}' is not a relative archive path: use '/' between the names, no backslash, drive or leading '/'.", nameof(path));
        }

        string[] names = path.Split('/');
        foreach (string name in names)
        {
            if (name.Length == 0 || name is "." or "..")
            {
                throw new ArgumentException($"'{path}' is not a relative archive path: it has an empty, '.' or '..' name.", nameof(path));
            }
        }

        return Path.Combine(RootDirectory, Path.Combine(names));
    }

    private static void TryDelete(string path)
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

    /// <summary>The open lock file; the lock ends when it is closed (or the process ends).</summary>
    private sealed class FileLock(FileStream file) : ArchiveLock
    {
        public override ValueTask DisposeAsync()
        {
            file.Dispose();
            return default;
        }
    }

    /// <summary>A file written to its temporary name, renamed on commit, removed when abandoned.</summary>
    private sealed class FileWrite : ArchiveFileWrite
    {
        private readonly string _temporary;
        private readonly string _final;
        private readonly FileStream _file;
        private bool _committed;

        public FileWrite(string temporary, string final)
        {
            _temporary = temporary;
            _final = final;
            _file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        }

        public override Stream Content => _file;

        public override async Task CommitAsync(ArchiveFileFacts facts, CancellationToken cancellationToken)
        {
            if (facts is null) throw new ArgumentNullException(nameof(facts));
            if (_committed) throw new InvalidOperationException("The file is already committed.");
            await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
            _file.Flush(flushToDisk: true);
            if (_file.Length != facts.Size)
            {
                throw new IOException($"{_file.Length} bytes were written to '{_final}', not the {facts.Size} stated; the file was not kept.");
            }

            _file.Dispose();
            cancellationToken.ThrowIfCancellationRequested();

            // The rename is atomic within the folder. It is made durable before the instance is confirmed: on Windows
            // here, by flushing the renamed file (a folder cannot be flushed there); elsewhere by CommitInstanceAsync.
            StreamShims.MoveReplacing(_temporary, _final);
            _committed = true;
            FolderFlush.Renamed(_final);
        }

        public override ValueTask DisposeAsync()
        {
            _file.Dispose();
            if (!_committed) TryDelete(_temporary);
            return default;
        }
    }
}
