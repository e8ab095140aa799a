using System.IO;

namespace Altinn.Sdk.Storage;

/// <summary>
/// Data elements of instances in Altinn Storage: streamed downloads and element metadata. Get it from
/// <see cref="StorageClient.Data"/>. Thread-safe.
/// </summary>
public class StorageDataClient
{
    private const int CopyBufferSize = 81920;

    private readonly StoragePipeline _pipeline;

    /// <summary>For mocking.</summary>
    protected StorageDataClient()
    {
        _pipeline = null!;
    }

    internal StorageDataClient(StoragePipeline pipeline)
    {
        _pipeline = pipeline;
    }

    /// <summary>Opens a data element's content; see <see cref="DownloadAsync(InstanceId, Guid, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The data element's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The live content stream; dispose it.</returns>
    public virtual Task<DataStream> DownloadAsync(InstanceId instanceId, Guid dataElementId, CancellationToken cancellationToken = default) =>
        DownloadAsync(instanceId, dataElementId, null, cancellationToken);

    /// <summary>
    /// Opens a data element's content (<c>GET instances/{partyId}/{guid}/data/{dataGuid}</c>) as a live network stream:
    /// nothing is buffered, the stream owns the response (dispose it to release the connection) and carries the
    /// content type, file name and length. Reading checks the byte count against <c>Content-Length</c>.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The data element's id.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request (not the reading; pass a token to the reads).</param>
    /// <returns>The live content stream; dispose it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="dataElementId"/> is <see cref="Guid.Empty"/>.</exception>
    /// <exception cref="AltinnRequestFailedException">404 when the instance, element or content is missing; 403 when the caller may not read it.</exception>
    public virtual async Task<DataStream> DownloadAsync(InstanceId instanceId, Guid dataElementId, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        CheckIds(instanceId, dataElementId);

        // HttpClient directly rather than the generated DownloadDataAsync: DataStream must own the HttpResponseMessage
        // itself (headers, disposal), and the transport's FileResponse hides it.
        using var message = new HttpRequestMessage(HttpMethod.Get, _pipeline.Uri($"instances/{StoragePipeline.Path(instanceId)}/data/{dataElementId:D}"));
        HttpResponseMessage response = await _pipeline.SendAsync("Storage.Data.Download", message, options, retrySafe: false, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await StoragePipeline.FailureAsync(response, StorageHints.Read((int)response.StatusCode), cancellationToken).ConfigureAwait(false);
        }

        return await DataStream.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Downloads a data element into a file; see <see cref="DownloadToAsync(InstanceId, Guid, string, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The data element's id.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The number of bytes written.</returns>
    public virtual Task<long> DownloadToAsync(InstanceId instanceId, Guid dataElementId, string path, CancellationToken cancellationToken = default) =>
        DownloadToAsync(instanceId, dataElementId, path, null, cancellationToken);

    /// <summary>
    /// Downloads a data element into a file, streaming: the content is written to a temporary file in the same folder,
    /// flushed to disk, its byte count checked against the response's <c>Content-Length</c>, and only then moved to
    /// <paramref name="path"/> (replacing a file there). On any failure the temporary file is deleted, so a half file
    /// is never left under <paramref name="path"/>.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The data element's id.</param>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="dataElementId"/> is empty, or <paramref name="path"/> is empty or names no file.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="AltinnRequestFailedException">Storage refused.</exception>
    /// <exception cref="IOException">The content ended early or was longer than declared.</exception>
    public virtual async Task<long> DownloadToAsync(InstanceId instanceId, Guid dataElementId, string path, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        CheckIds(instanceId, dataElementId);
        if (path is null) throw new ArgumentNullException(nameof(path));
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The path is empty.", nameof(path));
        string full = Path.GetFullPath(path);
        string fileName = Path.GetFileName(full);
        if (fileName.Length == 0) throw new ArgumentException($"The path '{path}' names a folder, not a file.", nameof(path));
        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"The folder '{folder}' does not exist.");

        string temporary = Path.Combine(folder, "." + fileName + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".partial");
        try
        {
            long written;
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferSize, useAsync: true))
            {
                written = await DownloadToAsync(instanceId, dataElementId, file, options, cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            long onDisk = new FileInfo(temporary).Length;
            if (onDisk != written)
            {
                throw new IOException($"The file has {onDisk} bytes after writing {written}; it was not kept.");
            }

            StreamShims.MoveReplacing(temporary, full);
            StorageLog.Downloaded(_pipeline.Logger, written);
            return written;
        }
        catch
        {
            try
            {
                File.Delete(temporary);
            }
            catch (IOException)
            {
                // The original failure matters more; the temporary name starts with a dot and ends in .partial.
            }
            catch (UnauthorizedAccessException)
            {
            }

            throw;
        }
    }

    /// <summary>Downloads a data element into a stream; see <see cref="DownloadToAsync(InstanceId, Guid, Stream, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The data element's id.</param>
    /// <param name="destination">The stream to write to.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The number of bytes written.</returns>
    public virtual Task<long> DownloadToAsync(InstanceId instanceId, Guid dataElementId, Stream destination, CancellationToken cancellationToken = default) =>
        DownloadToAsync(instanceId, dataElementId, destination, null, cancellationToken);

    /// <summary>
    /// Copies a data element's content into <paramref name="destination"/> with a small buffer (no buffering of the
    /// whole content) and checks the byte count against the response's <c>Content-Length</c>. The stream is flushed
    /// but not closed. After a failure the destination may hold part of the content.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="dataElementId">The data element's id.</param>
    /// <param name="destination">A writable stream.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="dataElementId"/> is empty or <paramref name="destination"/> is not writable.</exception>
    /// <exception cref="AltinnRequestFailedException">Storage refused.</exception>
    /// <exception cref="IOException">The content ended early or was longer than declared.</exception>
    public virtual async Task<long> DownloadToAsync(InstanceId instanceId, Guid dataElementId, Stream destination, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        CheckIds(instanceId, dataElementId);
        if (destination is null) throw new ArgumentNullException(nameof(destination));
        if (!destination.CanWrite) throw new ArgumentException("The destination stream is not writable.", nameof(destination));

        using DataStream content = await DownloadAsync(instanceId, dataElementId, options, cancellationToken).ConfigureAwait(false);
        byte[] buffer = new byte[CopyBufferSize];
        long total = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await destination.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
            total += read;
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (content.ContentLength is long declared && declared != total)
        {
            throw new IOException($"Received {total} bytes but the response declared {declared}; the download is incomplete.");
        }

        return total;
    }

    /// <summary>Lists data element metadata; see <see cref="ListAsync(InstanceId, AltinnRequestOptions?, CancellationToken)"/>.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The data elements.</returns>
    public virtual Task<IReadOnlyList<DataElement>> ListAsync(InstanceId instanceId, CancellationToken cancellationToken = default) =>
        ListAsync(instanceId, null, cancellationToken);

    /// <summary>
    /// Lists the metadata of an instance's data elements (<c>GET instances/{partyId}/{guid}/dataelements</c>). Storage
    /// has no call for one element's metadata: use this list or the instance's <see cref="Instance.Data"/>.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="options">Another identity for this request, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The data elements (hard-deleted ones only for the app owner).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instanceId"/> is null.</exception>
    /// <exception cref="AltinnRequestFailedException">Storage refused.</exception>
    public virtual async Task<IReadOnlyList<DataElement>> ListAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken = default)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        DataElementList list = await _pipeline.CallAsync(
            "Storage.Data.List",
            options, retrySafe: false, StorageHints.Read,
            (t, ct) => t.GetDataElementsAsync(instanceId.PartyId, instanceId.InstanceGuid, ct), cancellationToken).ConfigureAwait(false);
        return list.DataElements ?? Array.Empty<DataElement>();
    }

    private static void CheckIds(InstanceId instanceId, Guid dataElementId)
    {
        if (instanceId is null) throw new ArgumentNullException(nameof(instanceId));
        if (dataElementId == Guid.Empty) throw new ArgumentException("The data element id is empty.", nameof(dataElementId));
    }
}
