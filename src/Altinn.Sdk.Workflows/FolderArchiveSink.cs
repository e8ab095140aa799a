namespace Altinn.Sdk.Workflows;

/// <summary>
/// The archive in a local (or mounted) folder: <c>{root}/{org}/{app}/{partyId}/{instanceGuid}/</c>. Files are written
/// to a temporary name, flushed to disk and renamed; an app's folder is held with <c>{root}/{org}/{app}/.lock</c>.
/// </summary>
public sealed class FolderArchiveSink : ArchiveSink
{
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
    public override string Describe(string path) => throw new NotImplementedException();

    /// <inheritdoc/>
    public override Task<ArchiveLock> LockAsync(string appPath, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc/>
    public override Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc/>
    public override Task<ArchiveFileWrite> BeginWriteAsync(string path, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc/>
    public override Task<bool> VerifyAsync(string path, long size, string sha256, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <inheritdoc/>
    public override Task DeleteAsync(string path, CancellationToken cancellationToken) => throw new NotImplementedException();
}
