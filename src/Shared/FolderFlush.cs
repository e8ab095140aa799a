using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Altinn.Sdk;

/// <summary>How a file renamed to its final name (after its content was flushed) is made to survive a power cut.</summary>
internal enum RenameCommit
{
    /// <summary>
    /// Sync the folder that holds the name (Linux, macOS and other Unix): a rename is a change of the folder, durable
    /// only once the folder itself is synced. One sync covers every rename in the folder before it.
    /// </summary>
    SyncFolder,

    /// <summary>
    /// Flush the renamed file itself (Windows, where a folder cannot be flushed without backup privileges):
    /// <c>FlushFileBuffers</c> on NTFS also commits the file's metadata, its new name included, through the NTFS journal.
    /// </summary>
    FlushFile,
}

/// <summary>
/// Commits renames to disk. Flushing a file commits its bytes, but a rename (temporary name to final name) is not
/// durable with it: without this, a power cut right after "written and renamed" can bring back the old name. On Linux
/// and macOS the folder is synced (<c>fsync</c>; on macOS <c>F_FULLFSYNC</c>, which also empties the drive's cache,
/// falling back to <c>fsync</c> where the file system lacks it). .NET has no API for it, hence the native calls. On
/// Windows each renamed file is flushed instead (<see cref="RenameCommit.FlushFile"/>).
/// </summary>
internal static class FolderFlush
{
    private const int ReadOnly = 0; // O_RDONLY, the same on Linux and macOS
    private const int CloseOnExecLinux = 0x80000; // O_CLOEXEC: the descriptor must not leak into a process started meanwhile
    private const int CloseOnExecMac = 0x1000000;
    private const int FullFsyncMac = 51; // F_FULLFSYNC
    private const int InvalidArgument = 22; // EINVAL: the file system cannot sync a folder (some network and FUSE ones)
    private const int NotSupportedLinux = 95; // EOPNOTSUPP on Linux
    private const int NotSupportedMac = 45; // ENOTSUP on macOS

    /// <summary>The strategy of the operating system this runs on.</summary>
    public static RenameCommit Strategy { get; } = StrategyFor(RuntimeInformation.IsOSPlatform(OSPlatform.Windows));

    /// <summary>The strategy for an operating system: Windows flushes each renamed file, every other one syncs the folder.</summary>
    public static RenameCommit StrategyFor(bool windows) => windows ? RenameCommit.FlushFile : RenameCommit.SyncFolder;

    /// <summary>Called right after a file was renamed to <paramref name="path"/>; see <see cref="Renamed(string, RenameCommit)"/>.</summary>
    public static void Renamed(string path) => Renamed(path, Strategy);

    /// <summary>
    /// With <see cref="RenameCommit.FlushFile"/>, opens the renamed file for writing (which <c>FlushFileBuffers</c>
    /// needs; nothing is written) and flushes it to disk; with <see cref="RenameCommit.SyncFolder"/> nothing is done
    /// here, as <see cref="Flush(string)"/> of the folder covers every rename in it.
    /// </summary>
    /// <exception cref="IOException">The file could not be opened or flushed.</exception>
    public static void Renamed(string path, RenameCommit strategy)
    {
        if (strategy != RenameCommit.FlushFile) return;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        file.Flush(flushToDisk: true);
    }

    /// <summary>Commits the renames into <paramref name="folder"/> with this operating system's <see cref="Strategy"/>.</summary>
    /// <exception cref="IOException">The folder could not be opened or synced.</exception>
    public static void Flush(string folder) => Flush(folder, Strategy);

    /// <summary>
    /// With <see cref="RenameCommit.SyncFolder"/>, syncs <paramref name="folder"/> so that the files renamed into it
    /// survive a power cut; with <see cref="RenameCommit.FlushFile"/> there is nothing to do for the folder.
    /// </summary>
    /// <exception cref="IOException">The folder could not be opened or synced.</exception>
    public static void Flush(string folder, RenameCommit strategy)
    {
        if (strategy != RenameCommit.SyncFolder) return;

        bool mac = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);
        int flags = ReadOnly | (mac ? CloseOnExecMac : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? CloseOnExecLinux : 0);
        int descriptor = NativeMethods.open(Path(folder), flags);
        if (descriptor < 0) throw new IOException($"Could not open the folder '{folder}' to commit its entries to disk (errno {Marshal.GetLastWin32Error()}).");
        try
        {
            // F_FULLFSYNC as .NET's own Flush(true) does on macOS; where it is refused, fsync as on Linux.
            if ((mac && NativeMethods.fcntl(descriptor, FullFsyncMac) == 0) || NativeMethods.fsync(descriptor) == 0) return;
            int error = Marshal.GetLastWin32Error();

            // A file system that cannot sync folders gives no stronger guarantee to ask for; the files themselves are flushed.
            if (error is not (InvalidArgument or NotSupportedLinux or NotSupportedMac))
            {
                throw new IOException($"Could not commit the entries of the folder '{folder}' to disk (errno {error}).");
            }
        }
        finally
        {
            _ = NativeMethods.close(descriptor);
        }
    }

    private static byte[] Path(string folder)
    {
        byte[] text = Encoding.UTF8.GetBytes(folder);
        byte[] terminated = new byte[text.Length + 1];
        Buffer.BlockCopy(text, 0, terminated, 0, text.Length);
        return terminated;
    }

    // libc's own names; "libc" is resolved by the runtime on Linux (glibc and musl) and macOS.
#pragma warning disable SA1300, IDE1006, CA1401, SYSLIB1054 // The C names; a byte array and SetLastError, which the built-in marshalling handles (also under trimming and AOT).
    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int open(byte[] path, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int fsync(int descriptor);

        // Variadic in C; F_FULLFSYNC takes no third argument, so only the two fixed ones are passed (safe on arm64 too).
        [DllImport("libc", SetLastError = true)]
        public static extern int fcntl(int descriptor, int command);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int descriptor);
    }
#pragma warning restore SA1300, IDE1006, CA1401, SYSLIB1054
}
