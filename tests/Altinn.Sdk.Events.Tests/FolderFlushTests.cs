namespace Altinn.Sdk.Events.Tests;

/// <summary>The folder commit behind the checkpoint store and the archive: a real fsync on Linux and macOS.</summary>
public sealed class FolderFlushTests
{
    [Fact]
    public void A_folder_is_committed_and_a_missing_one_is_an_io_error()
    {
        string folder = Directory.CreateTempSubdirectory("altinn-sdk-flush-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.tmp"), "x");
            File.Move(Path.Combine(folder, "a.tmp"), Path.Combine(folder, "a"));
            FluentActions.Invoking(() => FolderFlush.Flush(folder)).Should().NotThrow();

            string missing = Path.Combine(folder, "missing");
            if (OperatingSystem.IsWindows())
            {
                FluentActions.Invoking(() => FolderFlush.Flush(missing)).Should().NotThrow("Windows has no folder flush; NTFS journals renames");
            }
            else
            {
                FluentActions.Invoking(() => FolderFlush.Flush(missing)).Should().Throw<IOException>().WithMessage("*could not open the folder*errno 2)*");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
