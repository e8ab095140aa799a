namespace Altinn.Sdk.Cli.Hosting;

/// <summary>
/// Files that hold secrets, the config file (which may hold a token or a certificate password) and the key files,
/// should be their owner's alone. As ssh does, the CLI warns when one is open to its group or to others. Unix only:
/// Windows protects files with access control lists, not with these permissions.
/// </summary>
internal static class SecretFiles
{
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Warns (to standard error) when the file at <paramref name="path"/> is readable or writable by its group or others.</summary>
    /// <param name="output">Where the warning goes.</param>
    /// <param name="path">The file.</param>
    /// <param name="what">The file for the message, for example <c>The config file</c> or <c>ALTINN__MASKINPORTEN__JWKPATH</c>.</param>
    public static void WarnIfOpen(CliOutput output, string path, string what)
    {
        if (OperatingSystem.IsWindows()) return;
        UnixFileMode mode;
        try
        {
            mode = File.GetUnixFileMode(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // reading the file reports what is wrong with it
        }

        if ((mode & GroupOrOthers) == 0) return;
        string permissions = Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
        output.Warning($"{what} '{path}' is open to others than its owner (permissions {permissions}); it holds secrets: restrict it with chmod 600 '{path}'.");
    }
}
