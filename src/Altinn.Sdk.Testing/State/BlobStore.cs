using System.Security.Cryptography;

namespace Altinn.Sdk.Testing.State;

/// <summary>
/// Data element content on disk, at <c>{root}/{instanceGuid}/{dataGuid}</c>: in the data folder when there is one,
/// else in a temporary folder removed on dispose. Content is streamed, never held in memory.
/// </summary>
internal sealed class BlobStore : IDisposable
{
    private readonly bool _temporary;

    public BlobStore(string? root)
    {
        _temporary = root is null;
        Root = root ?? Path.Combine(Path.GetTempPath(), "altinn-emulator-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    /// <summary>The folder holding the content.</summary>
    public string Root { get; }

    /// <summary>Where an element's content lives.</summary>
    public string PathOf(Guid instanceGuid, Guid dataGuid) => Path.Combine(Root, instanceGuid.ToString(), dataGuid.ToString());

    /// <summary>Whether the element has content.</summary>
    public bool Exists(Guid instanceGuid, Guid dataGuid) => File.Exists(PathOf(instanceGuid, dataGuid));

    /// <summary>Opens an element's content for reading.</summary>
    public Stream OpenRead(Guid instanceGuid, Guid dataGuid) =>
        new FileStream(PathOf(instanceGuid, dataGuid), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>
    /// Writes content to a temporary file and moves it into place, returning its size and base64 MD5 (Storage's
    /// <c>contentHash</c>). Throws <see cref="BlobTooLargeException"/> past <paramref name="maxBytes"/>, leaving nothing behind.
    /// </summary>
    public async Task<(long Size, string ContentHash)> WriteAsync(Guid instanceGuid, Guid dataGuid, Stream content, long? maxBytes, CancellationToken cancellationToken)
    {
        string target = PathOf(instanceGuid, dataGuid);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        string temporary = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            long size = 0;
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                byte[] buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (maxBytes is { } max && size > max) throw new BlobTooLargeException(max);
                    md5.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            File.Move(temporary, target, overwrite: true);
            return (size, Convert.ToBase64String(md5.GetHashAndReset()));
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Deletes an element's content, if any.</summary>
    public void Delete(Guid instanceGuid, Guid dataGuid)
    {
        string path = PathOf(instanceGuid, dataGuid);
        if (File.Exists(path)) File.Delete(path);
    }

    /// <summary>Deletes all content of an instance.</summary>
    public void DeleteInstance(Guid instanceGuid)
    {
        string folder = Path.Combine(Root, instanceGuid.ToString());
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    public void Dispose()
    {
        if (_temporary && Directory.Exists(Root))
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A reader may still hold a file open; the temporary folder is left for the OS to clean.
            }
        }
    }
}

/// <summary>Content was larger than allowed.</summary>
internal sealed class BlobTooLargeException(long maxBytes) : Exception($"The content is larger than {maxBytes} bytes.")
{
    public long MaxBytes { get; } = maxBytes;
}
