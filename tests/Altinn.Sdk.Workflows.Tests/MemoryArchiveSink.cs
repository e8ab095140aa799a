using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Altinn.Sdk.Workflows.Tests;

/// <summary>
/// A second sink, written only against the public <see cref="ArchiveSink"/> abstraction: files live in a dictionary,
/// and every commit, instance commit and delete is appended to <see cref="Events"/>, so a test sees what the archiver
/// did through the abstraction and in which order. Test-only: it keeps whole files in memory.
/// </summary>
internal sealed class MemoryArchiveSink : ArchiveSink
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private readonly List<string> _events = [];

    /// <summary>Commits of paths this accepts throw an <see cref="IOException"/>.</summary>
    public Func<string, bool> FailCommit { get; set; } = _ => false;

    /// <summary>Set to make taking a lock fail as an unreachable store does (not as a lock held by another run).</summary>
    public bool FailLock { get; set; }

    /// <summary>Cancelled to make the lock held now report itself lost.</summary>
    public CancellationTokenSource LoseLock { get; } = new();

    public IReadOnlyDictionary<string, byte[]> Files => _files;

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_events) return _events.ToArray();
        }
    }

    public void Note(string what)
    {
        lock (_events) _events.Add(what);
    }

    public override string Describe(string path) => "memory:" + path;

    public override async Task<ArchiveLock> LockAsync(string appPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (FailLock) throw new IOException($"'{Describe(appPath)}' could not be reached.");
        SemaphoreSlim gate = _locks.GetOrAdd(appPath, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(timeout, cancellationToken)) throw new ArchiveInUseException($"'{Describe(appPath)}' is held by another run.");
        return new MemoryLock(gate, LoseLock.Token);
    }

    public override Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken) =>
        Task.FromResult<Stream?>(_files.TryGetValue(path, out byte[]? bytes) ? new MemoryStream(bytes, writable: false) : null);

    public override Task<ArchiveFileWrite> BeginWriteAsync(string path, CancellationToken cancellationToken) =>
        Task.FromResult<ArchiveFileWrite>(new MemoryWrite(this, path));

    public override Task<bool> VerifyAsync(string path, long size, string sha256, CancellationToken cancellationToken) =>
        Task.FromResult(_files.TryGetValue(path, out byte[]? bytes) && bytes.Length == size && WorkflowEmulator.Sha256(bytes) == sha256);

    public override Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        if (_files.TryRemove(path, out _)) Note("delete " + path);
        return Task.CompletedTask;
    }

    public override Task CommitInstanceAsync(string instancePath, CancellationToken cancellationToken)
    {
        Note("commit-instance " + instancePath);
        return Task.CompletedTask;
    }

    /// <summary>Whether the instance's manifest is stored and every file it lists is stored with the listed size and SHA-256.</summary>
    public bool Verified(string instancePath)
    {
        if (!_files.TryGetValue(instancePath + "/manifest.json", out byte[]? manifest)) return false;
        using var document = System.Text.Json.JsonDocument.Parse(manifest);
        foreach (var file in document.RootElement.GetProperty("files").EnumerateArray())
        {
            if (!_files.TryGetValue(instancePath + "/" + file.GetProperty("name").GetString(), out byte[]? bytes)
                || bytes.Length != file.GetProperty("size").GetInt64()
                || WorkflowEmulator.Sha256(bytes) != file.GetProperty("sha256").GetString())
            {
                return false;
            }
        }

        return true;
    }

    private sealed class MemoryLock(SemaphoreSlim gate, CancellationToken lost) : ArchiveLock
    {
        public override CancellationToken Lost => lost;

        public override ValueTask DisposeAsync()
        {
            gate.Release();
            return default;
        }
    }

    private sealed class MemoryWrite(MemoryArchiveSink sink, string path) : ArchiveFileWrite
    {
        private readonly MemoryStream _content = new();

        public override Stream Content => _content;

        public override Task CommitAsync(ArchiveFileFacts facts, CancellationToken cancellationToken)
        {
            if (sink.FailCommit(path)) throw new IOException($"The store refused '{path}'.");
            byte[] bytes = _content.ToArray();
            if (bytes.Length != facts.Size || WorkflowEmulator.Sha256(bytes) != facts.Sha256 || Convert.ToBase64String(MD5.HashData(bytes)) != facts.Md5Base64)
            {
                throw new IOException($"The facts of '{path}' do not match its bytes.");
            }

            sink._files[path] = bytes;
            sink.Note("commit " + path);
            return Task.CompletedTask;
        }

        public override ValueTask DisposeAsync()
        {
            _content.Dispose();
            return default;
        }
    }
}
