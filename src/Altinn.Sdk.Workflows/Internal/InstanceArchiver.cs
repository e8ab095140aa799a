using System.Collections.Concurrent;
using System.Globalization;

namespace Altinn.Sdk.Workflows;

/// <summary>
/// Archives one instance at a time into <c>{org}/{app}/{partyId}/{instanceGuid}/</c> of an <see cref="ArchiveSink"/>,
/// as a BagIt bag: <c>data/instance.json</c> (the bytes Storage sent) and one <c>data/</c> file per data element, then
/// the bag's tag files, then <c>manifest.json</c>, and only then the complete confirmation, once the instance read
/// again from Storage still has exactly the data elements archived. Everything goes through the sink, so every sink
/// gets the same checks and the same layout.
/// </summary>
internal sealed class InstanceArchiver
{
    /// <summary>How often an instance that changed while it was archived is archived again before it is reported failed.</summary>
    public const int MaxAttempts = 3;

    private readonly StorageClient _storage;
    private readonly WorkflowRun _run;
    private readonly ArchiveSink _sink;
    private readonly string _appPath;
    private readonly AppId _appId;
    private readonly bool _confirm;
    private readonly TimeProvider _clock;
    private readonly AltinnRequestOptions? _requestOptions;
    private readonly ConcurrentDictionary<InstanceId, DateTimeOffset?>? _archived;

    // archived: receives each instance archived (or found archived) and committed, with the lastChanged archived.
    public InstanceArchiver(
        StorageClient storage, WorkflowRun run, ArchiveSink sink, AppId appId, bool confirm, TimeProvider clock, AltinnRequestOptions? requestOptions,
        ConcurrentDictionary<InstanceId, DateTimeOffset?>? archived = null)
    {
        _archived = archived;
        _storage = storage;
        _run = run;
        _sink = sink;
        _appPath = AppPathOf(appId);
        _appId = appId;
        _confirm = confirm;
        _clock = clock;
        _requestOptions = requestOptions;
    }

    /// <summary>The app's path in the sink, <c>{org}/{app}</c>.</summary>
    public static string AppPathOf(AppId appId) => appId.Org + "/" + appId.App;

    /// <summary>The instance's path in the sink, <c>{org}/{app}/{partyId}/{instanceGuid}</c>.</summary>
    public static string InstancePathOf(string appPath, InstanceId id) =>
        appPath + "/" + id.PartyId.ToString(CultureInfo.InvariantCulture) + "/" + id.InstanceGuid.ToString("D");

    /// <summary>
    /// The file name of a data element: its id, plus the extension of the uploaded file name when it is a plain one
    /// (letters and digits). The uploader's name itself is kept in the manifest, never used as a path.
    /// </summary>
    public static string FileNameOf(DataElement element)
    {
        string id = element.Id.ToString("D");
        string? name = element.Filename;
        int dot = name?.LastIndexOf('.') ?? -1;
        if (name is null || dot < 0 || name.Length - dot < 2 || name.Length - dot > 11) return id;
        for (int i = dot + 1; i < name.Length; i++)
        {
            char c = name[i];
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9')) return id;
        }

        return id + name.Substring(dot);
    }

    public async Task ArchiveAsync(InstanceJson item, CancellationToken cancellationToken)
    {
        if (item.Instance.Id is not InstanceId id)
        {
            _run.Warn("Storage returned an instance without an id; it was not archived.");
            return;
        }

        _run.Started(id);
        string folder = InstancePathOf(_appPath, id);
        string stage = "reading the archived files";
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                Instance instance = item.Instance;
                IReadOnlyList<DataElement> elements = instance.Data ?? [];
                stage = "reading the archived files";

                // 1. What is stored already and still verifies (size and SHA-256 against the manifest). A folder in the
                //    layout before the bag (files beside a format 1 manifest) keeps nothing: its files are replaced.
                byte[]? manifestJson = await ArchiveManifest.ReadSmallAsync(_sink, folder + "/" + ArchiveManifest.FileName, cancellationToken).ConfigureAwait(false);
                ArchiveManifest? read = manifestJson is null ? null : ArchiveManifest.TryParse(manifestJson);
                ArchiveManifest? manifest = read is { IsLegacy: false } ? read : null;
                List<string> legacy = read is { IsLegacy: true } ? read.Files.Select(f => f.Name).ToList()
                    : read is null && await ExistsAsync(folder + "/" + ArchiveManifest.InstanceFileName, cancellationToken).ConfigureAwait(false) ? [ArchiveManifest.InstanceFileName]
                    : [];
                ManifestFile? keptInstance = manifest is not null && manifest.InstanceLastChanged == instance.LastChanged && manifest.Instance is { } archived
                    && await _sink.VerifyAsync(folder + "/" + archived.Name, archived.Size, archived.Sha256, cancellationToken).ConfigureAwait(false)
                    ? archived
                    : null;
                var kept = new Dictionary<Guid, ManifestFile>();
                foreach (DataElement element in elements)
                {
                    if (manifest?.ForElement(element.Id) is { } file
                        && file.Name == ArchiveManifest.PayloadFolder + FileNameOf(element)
                        && file.LastChanged == element.LastChanged
                        && (element.Size <= 0 || file.Size == element.Size)
                        && await _sink.VerifyAsync(folder + "/" + file.Name, file.Size, file.Sha256, cancellationToken).ConfigureAwait(false))
                    {
                        kept[element.Id] = file;
                    }
                }

                int toDownload = elements.Count - kept.Count;
                bool archivedNow = keptInstance is null || toDownload > 0
                    || !await ArchiveBag.VerifyAsync(_sink, folder, manifest!, manifestJson!, cancellationToken).ConfigureAwait(false);
                if (archivedNow && _run.DryRun)
                {
                    Record(id, instance);
                    _run.Done(id, $"dry run: would archive {elements.Count} data element(s) ({toDownload} to download){(_confirm ? " and confirm complete" : string.Empty)}");
                    return;
                }

                string what = "files already archived and verified";
                if (archivedNow)
                {
                    // 2. Write. The old manifest goes first: from now on the folder changes, and a manifest must only ever
                    //    describe files that were verified.
                    stage = "preparing the folder";
                    await _sink.RemoveLeftoversAsync(folder, cancellationToken).ConfigureAwait(false);
                    if (legacy.Count > 0) await RemoveLegacyFilesAsync(folder, legacy, elements, cancellationToken).ConfigureAwait(false);
                    await _sink.DeleteAsync(folder + "/" + ArchiveManifest.FileName, cancellationToken).ConfigureAwait(false);

                    var files = new List<ManifestFile>(elements.Count + 1);
                    stage = "writing " + ArchiveManifest.InstanceFileName;
                    if (keptInstance is not null)
                    {
                        files.Add(keptInstance);
                    }
                    else
                    {
                        string name = ArchiveManifest.PayloadFolder + ArchiveManifest.InstanceFileName;
                        ArchiveFileFacts facts = await ArchiveFiles.WriteAsync(_sink, folder + "/" + name, item.Utf8Json, cancellationToken).ConfigureAwait(false);
                        files.Add(new ManifestFile(name, facts.Size, facts.Sha256));
                    }

                    foreach (DataElement element in elements)
                    {
                        if (kept.TryGetValue(element.Id, out ManifestFile? file))
                        {
                            files.Add(file);
                            continue;
                        }

                        stage = $"downloading data element {element.Id:D} ({element.DataType})";
                        string name = ArchiveManifest.PayloadFolder + FileNameOf(element);
                        ArchiveFileFacts facts = await ArchiveFiles.WriteAsync(
                            _sink,
                            folder + "/" + name,
                            (stream, ct) => _storage.Data.DownloadToAsync(id, element.Id, stream, _requestOptions, ct),
                            cancellationToken,
                            received => CheckReceived(element, received)).ConfigureAwait(false);
                        files.Add(new ManifestFile(name, facts.Size, facts.Sha256, element.Id, element.DataType, element.ContentType, element.Filename, element.LastChanged));
                    }

                    // 3. The bag's tag files, then the manifest, last: every file it lists is committed and read back
                    //    with this size and hash, and the tag manifest already covers the manifest's bytes.
                    stage = "writing the BagIt files";
                    var written = new ArchiveManifest(id, _appId.ToString(), _clock.GetUtcNow(), instance.LastChanged, files);
                    byte[] json = written.ToUtf8Json();
                    await ArchiveBag.WriteAsync(_sink, folder, written, json, cancellationToken).ConfigureAwait(false);
                    stage = "writing " + ArchiveManifest.FileName;
                    await ArchiveFiles.WriteAsync(_sink, folder + "/" + ArchiveManifest.FileName, json, cancellationToken).ConfigureAwait(false);
                    what = $"archived {files.Count} file(s), {toDownload} data element(s) downloaded";
                    WorkflowTelemetry.Archived(_appId, files.Sum(f => f.Size));
                }

                if (_run.DryRun)
                {
                    Record(id, instance);
                    if (_confirm) _run.Done(id, "dry run: would confirm complete; " + what);
                    else _run.Skipped(id, what);
                    return;
                }

                // Also when the files were kept from an earlier run: that run may have stopped before committing.
                stage = "committing the archive folders to disk";
                await _sink.CommitInstanceAsync(folder, cancellationToken).ConfigureAwait(false);
                Record(id, instance);
                if (!_confirm)
                {
                    if (archivedNow) _run.Done(id, what);
                    else _run.Skipped(id, what);
                    return;
                }

                // 4. The instance may have changed since it was listed (or read): confirm only what was archived.
                stage = "reading the instance again before confirming";
                InstanceJson current = await _storage.Instances.GetRawAsync(id, _requestOptions, cancellationToken).ConfigureAwait(false);
                if (!SameData(elements, current.Instance.Data ?? []))
                {
                    if (attempt < MaxAttempts)
                    {
                        item = current;
                        continue;
                    }

                    _run.Failed(id, "Not confirmed", new InvalidDataException(
                        $"its data elements changed in Storage while it was archived, {MaxAttempts} times; nothing was confirmed, and the next run archives it again."));
                    return;
                }

                stage = "confirming complete (the files are archived and verified; the next run confirms without downloading)";

                // The last chance to stop. Once sent, the confirmation is not cancelled halfway: a request Storage may
                // already have applied would be reported as not done. It is one short, idempotent call.
                cancellationToken.ThrowIfCancellationRequested();
                await _storage.Instances.ConfirmCompleteAsync(id, _requestOptions, CancellationToken.None).ConfigureAwait(false);
                _run.Done(
                    id,
                    what + "; confirmed complete" + (instance.Status?.IsHardDeleted == true
                        ? " (the instance is hard-deleted: now that it is confirmed, Storage purges it once the delete and this confirmation are both 7 days old)"
                        : string.Empty));
                return;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One instance's failure, whatever it is, must not stop the others; it is reported with its exception.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _run.Failed(id, "Failed " + stage + (stage.StartsWith("confirming", StringComparison.Ordinal) ? string.Empty : "; nothing was confirmed"), exception);
        }
    }

    /// <summary>
    /// Removes the files of the layout before the bag (beside the manifest): those a format 1 manifest lists and those
    /// of the current elements, <c>instance.json</c> last, as its presence is how an unfinished old folder is recognised.
    /// </summary>
    private async Task RemoveLegacyFilesAsync(string folder, List<string> legacy, IReadOnlyList<DataElement> elements, CancellationToken cancellationToken)
    {
        foreach (string name in legacy.Concat(elements.Select(FileNameOf)).Where(n => n != ArchiveManifest.InstanceFileName).Distinct(StringComparer.Ordinal))
        {
            await _sink.DeleteAsync(folder + "/" + name, cancellationToken).ConfigureAwait(false);
        }

        await _sink.DeleteAsync(folder + "/" + ArchiveManifest.InstanceFileName, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken)
    {
        Stream? stream = await _sink.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        stream?.Dispose();
        return stream is not null;
    }

    /// <summary>Notes an instance as archived (in a dry run: as it would be) in the version <paramref name="instance"/> shows.</summary>
    private void Record(InstanceId id, Instance instance)
    {
        if (_archived is not null) _archived[id] = instance.LastChanged;
    }

    /// <summary>
    /// Whether Storage now lists exactly the data elements that were archived, each in the same version (the same
    /// <c>lastChanged</c>, size and <c>contentHash</c>).
    /// </summary>
    private static bool SameData(IReadOnlyList<DataElement> archived, IReadOnlyList<DataElement> current)
    {
        if (archived.Count != current.Count) return false;
        var now = new Dictionary<Guid, DataElement>(current.Count);
        foreach (DataElement element in current) now[element.Id] = element;
        foreach (DataElement element in archived)
        {
            if (!now.TryGetValue(element.Id, out DataElement? same)
                || same.LastChanged != element.LastChanged
                || same.Size != element.Size
                || !string.Equals(same.ContentHash, element.ContentHash, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Compares what was received with what Storage lists for the element, before the file gets its final name.</summary>
    private static void CheckReceived(DataElement element, ArchiveFileFacts received)
    {
        if (element.Size > 0 && received.Size != element.Size)
        {
            throw new IOException($"Storage lists {element.Size} bytes for the element but {received.Size} were received; the file was not kept.");
        }

        // contentHash is the base64 MD5 Storage keeps for the content (absent on some elements).
        if (!string.IsNullOrEmpty(element.ContentHash) && !string.Equals(element.ContentHash, received.Md5Base64, StringComparison.Ordinal))
        {
            throw new IOException($"The content's MD5 ({received.Md5Base64}) differs from Storage's contentHash ({element.ContentHash}); the file was not kept.");
        }
    }
}
