namespace Altinn.Sdk.Workflows;

/// <summary>
/// Where the archive workflows store archived instances: a local folder (<see cref="FolderArchiveSink"/>, the default)
/// or another store (Azure Blob Storage in the <c>Altinn.Sdk.Workflows.AzureBlobs</c> package). Paths are relative and
/// separated by <c>/</c>, laid out as <c>{org}/{app}/{partyId}/{instanceGuid}/{file}</c>; each sink maps them onto its
/// store (a folder below its root, a blob name below its prefix).
/// </summary>
/// <remarks>
/// The archive workflows rely on three promises: a file becomes visible under its path only whole (after
/// <see cref="ArchiveFileWrite.CommitAsync(ArchiveFileFacts, CancellationToken)"/>), what
/// <see cref="VerifyAsync(string, long, string, CancellationToken)"/> accepts is durable, and
/// <see cref="LockAsync(string, TimeSpan, CancellationToken)"/> keeps every other run (also in another process or on
/// another machine sharing the store) out of an app's archive until the lock is disposed or lost.
/// </remarks>
public abstract class ArchiveSink
{
    /// <summary>Creates a sink.</summary>
    protected ArchiveSink()
    {
    }

    /// <summary>
    /// Where <paramref name="path"/> is, for results and messages: a folder path, or a container address with the
    /// blob prefix. Never includes a credential or a shared access signature.
    /// </summary>
    /// <param name="path">A relative path, such as <c>{org}/{app}</c>.</param>
    /// <returns>The location as a user would look for it.</returns>
    public abstract string Describe(string path);

    /// <summary>
    /// Holds the archive of an app (<paramref name="appPath"/>, <c>{org}/{app}</c>) for one run, across processes and
    /// machines that share the store. Waits up to <paramref name="timeout"/> for another holder, then throws an
    /// <see cref="ArchiveInUseException"/> saying who holds it, if known (a fault of the store itself is any other
    /// exception).
    /// </summary>
    /// <param name="appPath">The app's relative path, <c>{org}/{app}</c>.</param>
    /// <param name="timeout">How long to wait for another holder; <see cref="TimeSpan.Zero"/> to fail at once.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The lock; disposing it releases it.</returns>
    public abstract Task<ArchiveLock> LockAsync(string appPath, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Opens a stored file for reading, or returns <see langword="null"/> when there is none.</summary>
    /// <param name="path">The file's relative path.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The file's content (the caller disposes it), or <see langword="null"/>.</returns>
    public abstract Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// Starts writing a file. Nothing changes under <paramref name="path"/> until the write is committed; a write
    /// disposed without a commit leaves no trace under that path.
    /// </summary>
    /// <param name="path">The file's relative path.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The write in progress.</returns>
    public abstract Task<ArchiveFileWrite> BeginWriteAsync(string path, CancellationToken cancellationToken);

    /// <summary>Whether the file is stored, durably, with exactly this size and SHA-256.</summary>
    /// <param name="path">The file's relative path.</param>
    /// <param name="size">The expected size in bytes.</param>
    /// <param name="sha256">The expected SHA-256, lower-case hexadecimal.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the stored file has this size and hash.</returns>
    public abstract Task<bool> VerifyAsync(string path, long size, string sha256, CancellationToken cancellationToken);

    /// <summary>Deletes a stored file; nothing happens when there is none.</summary>
    /// <param name="path">The file's relative path.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the file is gone.</returns>
    public abstract Task DeleteAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// Removes what interrupted writes left under an instance's folder (temporary files, uncommitted blocks), before
    /// the instance is written again. The default does nothing.
    /// </summary>
    /// <param name="instancePath">The instance's relative path, <c>{org}/{app}/{partyId}/{instanceGuid}</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the leftovers are gone.</returns>
    public virtual Task RemoveLeftoversAsync(string instancePath, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Makes every file committed under an instance's folder durable (a folder sink syncs the folders); called before
    /// the instance is confirmed complete. The default does nothing, for stores where a committed write is durable.
    /// </summary>
    /// <param name="instancePath">The instance's relative path, <c>{org}/{app}/{partyId}/{instanceGuid}</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the files are durable.</returns>
    public virtual Task CommitInstanceAsync(string instancePath, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>One file being written to an <see cref="ArchiveSink"/>: write <see cref="Content"/>, then commit.</summary>
public abstract class ArchiveFileWrite : IAsyncDisposable
{
    /// <summary>Creates a write.</summary>
    protected ArchiveFileWrite()
    {
    }

    /// <summary>Where the file's bytes are written.</summary>
    public abstract Stream Content { get; }

    /// <summary>
    /// Gives the written bytes the file's path, whole and durably, replacing an older file there.
    /// </summary>
    /// <param name="facts">What was written to <see cref="Content"/> (the sink may store them, and checks what it can).</param>
    /// <param name="cancellationToken">Cancels the call; the file then keeps its older content, or stays absent.</param>
    /// <returns>A task that completes when the file is committed.</returns>
    public abstract Task CommitAsync(ArchiveFileFacts facts, CancellationToken cancellationToken);

    /// <summary>Ends the write; one not committed is abandoned and leaves nothing under the file's path.</summary>
    /// <returns>A task that completes when the write's resources are released.</returns>
    public abstract ValueTask DisposeAsync();
}

/// <summary>The facts of the bytes written to a file: size, SHA-256 and MD5.</summary>
public sealed class ArchiveFileFacts
{
    /// <summary>Creates the facts.</summary>
    /// <param name="size">The size in bytes.</param>
    /// <param name="sha256">The SHA-256, lower-case hexadecimal.</param>
    /// <param name="md5Base64">The MD5, base64 (the form of Storage's <c>contentHash</c> and of <c>Content-MD5</c>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="sha256"/> or <paramref name="md5Base64"/> is null.</exception>
    public ArchiveFileFacts(long size, string sha256, string md5Base64)
    {
        if (size < 0) throw new ArgumentOutOfRangeException(nameof(size), size, "The size cannot be negative.");
        Size = size;
        Sha256 = sha256 ?? throw new ArgumentNullException(nameof(sha256));
        Md5Base64 = md5Base64 ?? throw new ArgumentNullException(nameof(md5Base64));
    }

    /// <summary>The size in bytes.</summary>
    public long Size { get; }

    /// <summary>The SHA-256, lower-case hexadecimal.</summary>
    public string Sha256 { get; }

    /// <summary>The MD5, base64.</summary>
    public string Md5Base64 { get; }
}

/// <summary>An app's archive held by one run (see <see cref="ArchiveSink.LockAsync(string, TimeSpan, CancellationToken)"/>); disposing releases it.</summary>
public abstract class ArchiveLock : IAsyncDisposable
{
    /// <summary>Creates a lock.</summary>
    protected ArchiveLock()
    {
    }

    /// <summary>
    /// Cancelled when the lock is lost while held (a blob lease that could not be renewed): the run then stops
    /// before it confirms anything more. A lock that cannot be lost never cancels it.
    /// </summary>
    public virtual CancellationToken Lost => CancellationToken.None;

    /// <summary>Releases the lock.</summary>
    /// <returns>A task that completes when the lock is released.</returns>
    public abstract ValueTask DisposeAsync();
}

/// <summary>
/// An app's archive is held by another run, in this process or another that shares the store, and was not released
/// within the wait (see <see cref="ArchiveSink.LockAsync(string, TimeSpan, CancellationToken)"/>). Nothing was written.
/// The archive worker takes it as "another replica is archiving this app" and tries again on its next pass.
/// </summary>
public sealed class ArchiveInUseException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is held, by whom if known, and how long the run waited.</param>
    public ArchiveInUseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the store's own answer.</summary>
    /// <param name="message">What is held, by whom if known, and how long the run waited.</param>
    /// <param name="innerException">The store's answer (a lease conflict, a file held open).</param>
    public ArchiveInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
