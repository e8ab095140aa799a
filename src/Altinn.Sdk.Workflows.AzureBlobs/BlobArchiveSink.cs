using System.Diagnostics;
using System.Globalization;
using Altinn.Sdk.Internal;
using Altinn.Sdk.Workflows.AzureBlobs.Internal;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Altinn.Sdk.Workflows.AzureBlobs;

/// <summary>
/// The archive in an Azure Blob Storage container: <c>{prefix}/{org}/{app}/{partyId}/{instanceGuid}/{file}</c>, the
/// folder sink's layout as blob names. The container must exist.
/// </summary>
/// <remarks>
/// <para>A file is staged as blocks of 4 MiB, one at a time, each sent with its MD5 so the service refuses a block
/// damaged on the way; nothing is visible under the file's name until
/// <see cref="ArchiveFileWrite.CommitAsync(ArchiveFileFacts, CancellationToken)"/> commits the block list, with
/// <c>Content-MD5</c> and the metadata <c>sha256</c> set from the bytes streamed. Blocks of a write that is never
/// committed stay invisible and are discarded by the service (at the blob's next commit, or after a week).</para>
/// <para>An app's archive is held with a lease on the blob <c>{prefix}/{org}/{app}/.lock</c> (created when missing),
/// renewed in the background: replicas sharing the container archive an app one at a time, and a replica that dies
/// hands over when its lease expires (<see cref="BlobArchiveSinkOptions.LeaseDuration"/>).</para>
/// </remarks>
public sealed class BlobArchiveSink : ArchiveSink
{
    // How often a run waiting for another holder asks for the lease again.
    private static readonly TimeSpan LockPollInterval = TimeSpan.FromSeconds(1);

    private readonly string _prefix;
    private readonly string _containerAddress;
    private readonly TimeSpan _leaseDuration;
    private readonly TimeProvider _clock;
    private readonly int _blockSize;

    /// <summary>Creates a sink writing to <paramref name="container"/>, below <paramref name="prefix"/>.</summary>
    /// <param name="container">The container (it must exist), with the credential to write, read, delete and lease blobs.</param>
    /// <param name="prefix">A blob name prefix, such as <c>archive</c> or <c>altinn/archive</c>; none when <see langword="null"/> or empty.</param>
    /// <param name="options">Lease duration and clock; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="container"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="prefix"/> has an empty, <c>.</c> or <c>..</c> segment, or a backslash.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The lease duration is outside what Azure grants (15 to 60 seconds).</exception>
    public BlobArchiveSink(BlobContainerClient container, string? prefix = null, BlobArchiveSinkOptions? options = null)
    {
        Container = container ?? throw new ArgumentNullException(nameof(container));
        options ??= new BlobArchiveSinkOptions();
        if (options.LeaseDuration < BlobArchiveSinkOptions.MinLeaseDuration || options.LeaseDuration > BlobArchiveSinkOptions.MaxLeaseDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.LeaseDuration, "The lease duration must be between 15 and 60 seconds.");
        }

        _prefix = string.IsNullOrEmpty(prefix) ? string.Empty : CheckPath(prefix!.Trim('/'), nameof(prefix)) + "/";
        _leaseDuration = options.LeaseDuration;
        _clock = options.TimeProvider ?? TimeProvider.System;
        _blockSize = options.BlockSize;

        // Without the query: a client made from a SAS address carries its signature there.
        var address = new UriBuilder(container.Uri) { Query = string.Empty, Fragment = string.Empty, UserName = string.Empty, Password = string.Empty };
        _containerAddress = address.Uri.AbsoluteUri.TrimEnd('/');
    }

    /// <summary>The container the archive is in.</summary>
    public BlobContainerClient Container { get; }

    /// <summary>The blob name prefix, ending in <c>/</c>, or empty.</summary>
    public string Prefix => _prefix;

    /// <inheritdoc/>
    public override string Describe(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        return path.Length == 0 ? _containerAddress + "/" + _prefix : _containerAddress + "/" + BlobName(path);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Takes a lease of <see cref="BlobArchiveSinkOptions.LeaseDuration"/> on <c>{prefix}/{org}/{app}/.lock</c> and
    /// renews it every third of that. When a renewal fails, or finds the lease taken, <see cref="ArchiveLock.Lost"/> is
    /// cancelled.
    /// </remarks>
    public override async Task<ArchiveLock> LockAsync(string appPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        BlockBlobClient lockBlob = Container.GetBlockBlobClient(BlobName(appPath + "/.lock"));
        long start = _clock.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            BlobLeaseClient lease = lockBlob.GetBlobLeaseClient();
            long asked = _clock.GetTimestamp();
            try
            {
                await lease.AcquireAsync(_leaseDuration, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == BlobErrorCode.BlobNotFound)
            {
                await CreateLockBlobAsync(lockBlob, cancellationToken).ConfigureAwait(false);
                continue;
            }
            // Each try proposes a new lease id, so a lease that is being broken answers LeaseAlreadyPresent as well
            // (LeaseIsBreakingAndCannotBeAcquired is only the answer to the breaking lease's own id).
            catch (RequestFailedException e) when (e.Status == 409 && e.ErrorCode == BlobErrorCode.LeaseAlreadyPresent)
            {
                TimeSpan left = timeout - _clock.GetElapsedTime(start);
                if (left <= TimeSpan.Zero)
                {
                    string holder = await ReadHolderAsync(lockBlob, cancellationToken).ConfigureAwait(false);
                    throw new ArchiveInUseException(
                        $"The archive of {appPath} is held by another run ({holder}): the lease on {Describe(appPath + "/.lock")} was not released within {timeout}.", e);
                }

                await TimeShims.Delay(_clock, left < LockPollInterval ? left : LockPollInterval, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var held = new BlobArchiveLock(lease, _leaseDuration, _clock, asked);
            try
            {
                // Who holds it, for the message of a run that finds it taken.
                var metadata = new Dictionary<string, string>
                {
                    ["holder"] = Holder(),
                    ["acquired"] = _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
                };
                await lockBlob.SetMetadataAsync(metadata, new BlobRequestConditions { LeaseId = lease.LeaseId }, cancellationToken).ConfigureAwait(false);
                return held;
            }
            catch
            {
                await held.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <inheritdoc/>
    public override async Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken)
    {
        BlobClient blob = Container.GetBlobClient(BlobName(path));
        try
        {
            Response<BlobDownloadStreamingResult> download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return download.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public override Task<ArchiveFileWrite> BeginWriteAsync(string path, CancellationToken cancellationToken)
    {
        BlockBlobClient blob = Container.GetBlockBlobClient(BlobName(path));
        return Task.FromResult<ArchiveFileWrite>(new BlobFileWrite(blob, Describe(path), _blockSize));
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Reads the blob's properties, not its content: it trusts what the commit stored. The service checked each
    /// block's MD5 as it was staged, and the commit set <c>Content-MD5</c> and the metadata <c>sha256</c> from the bytes
    /// streamed; this checks the length, that <c>Content-MD5</c> is there, and that <c>sha256</c> is the one expected.
    /// </remarks>
    public override async Task<bool> VerifyAsync(string path, long size, string sha256, CancellationToken cancellationToken)
    {
        if (sha256 is null) throw new ArgumentNullException(nameof(sha256));
        BlobClient blob = Container.GetBlobClient(BlobName(path));
        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }

        return properties.ContentLength == size
            && properties.ContentHash is { Length: 16 }
            && properties.Metadata.TryGetValue(BlobFileWrite.Sha256Metadata, out string? stored)
            && string.Equals(stored, sha256, StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc/>
    public override async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        BlobClient blob = Container.GetBlobClient(BlobName(path));
        await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The blob name of a relative path.</summary>
    internal string BlobName(string path) => _prefix + CheckPath(path, nameof(path));

    private static string CheckPath(string path, string parameter)
    {
        if (path is null) throw new ArgumentNullException(parameter);
        if (path.Length == 0 || path.Any(c => c == '\\') || path.Split('/').Any(s => s.Length == 0 || s == "." || s == ".."))
        {
            throw new ArgumentException($"'{path}' is not a relative path of '/'-separated names.", parameter);
        }

        return path;
    }

    private static async Task CreateLockBlobAsync(BlockBlobClient lockBlob, CancellationToken cancellationToken)
    {
        try
        {
            using var empty = new MemoryStream(Array.Empty<byte>());
            var options = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
            await lockBlob.UploadAsync(empty, options, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another run created it first (and may hold it already).
        }
    }

    private static async Task<string> ReadHolderAsync(BlockBlobClient lockBlob, CancellationToken cancellationToken)
    {
        try
        {
            BlobProperties properties = (await lockBlob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return properties.Metadata.TryGetValue("holder", out string? holder)
                ? holder + (properties.Metadata.TryGetValue("acquired", out string? since) ? " since " + since : string.Empty)
                : "holder unknown";
        }
        catch (RequestFailedException)
        {
            return "holder unknown";
        }
    }

    private static string Holder()
    {
        using var process = Process.GetCurrentProcess();
        return Environment.MachineName + ", process " + process.Id.ToString(CultureInfo.InvariantCulture);
    }
}
