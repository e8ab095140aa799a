using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Altinn.Sdk;

/// <summary>
/// Commits a folder's entries to disk. Flushing a file commits its bytes, but a rename (temporary name to final name) is
/// a change of the folder, which on Linux and macOS is only durable once the folder itself is synced: without this, a
/// power cut right after "written and renamed" can bring back the old name. .NET has no API for it, so this calls
/// <c>fsync</c> on the folder (on macOS, <c>fsync</c> does not empty the drive's own cache; <c>F_FULLFSYNC</c> would). On Windows, NTFS commits renames through its own journal and a folder cannot be
/// flushed from user code; there it does nothing.
/// </summary>
internal static class FolderFlush
{
    private const int ReadOnly = 0; // O_RDONLY, the same on Linux and macOS
    private const int CloseOnExecLinux = 0x80000; // O_CLOEXEC: the descriptor must not leak into a process started meanwhile
    private const int CloseOnExecMac = 0x1000000;
    private const int InvalidArgument = 22; // EINVAL: the file system cannot sync a folder (some network and FUSE ones)
    private const int NotSupportedLinux = 95; // EOPNOTSUPP on Linux
    private const int NotSupportedMac = 45; // ENOTSUP on macOS

    /// <summary>Syncs <paramref name="folder"/> so that the files renamed into it survive a power cut.</summary>
    /// <exception cref="IOException">The folder could not be opened or synced.</exception>
    public static void Flush(string folder)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;

        int flags = ReadOnly | (RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? CloseOnExecMac : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? CloseOnExecLinux : 0);
        int descriptor = NativeMethods.open(Path(folder), flags);
        if (descriptor < 0) throw new IOException($"Could not open the folder '{folder}' to commit its entries to disk (errno {Marshal.GetLastWin32Error()}).");
        try
        {
            if (NativeMethods.fsync(descriptor) != 0)
            {
                int error = Marshal.GetLastWin32Error();
                // A file system that cannot sync folders gives no stronger guarantee to ask for; the files themselves are flushed.
                if (error is not (InvalidArgument or NotSupportedLinux or NotSupportedMac))
                {
                    throw new IOException($"Could not commit the entries of the folder '{folder}' to disk (errno {error}).");
                }
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

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int descriptor);
    }
#pragma warning restore SA1300, IDE1006, CA1401, SYSLIB1054
}
