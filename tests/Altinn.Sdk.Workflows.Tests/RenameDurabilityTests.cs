namespace Altinn.Sdk.Workflows.Tests;

/// <summary>
/// How a renamed archive file is made durable before a confirmation: the folder is synced on Linux and macOS, the
/// renamed file itself is flushed on Windows (where a folder cannot be flushed). Both code paths run on any OS here.
/// </summary>
public sealed class RenameDurabilityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("altinn-sdk-rename-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Windows_flushes_the_renamed_file_and_every_other_OS_syncs_the_folder()
    {
        FolderFlush.StrategyFor(windows: true).Should().Be(RenameCommit.FlushFile);
        FolderFlush.StrategyFor(windows: false).Should().Be(RenameCommit.SyncFolder);
        FolderFlush.Strategy.Should().Be(FolderFlush.StrategyFor(OperatingSystem.IsWindows()));
    }

    [Fact]
    public void The_Windows_strategy_opens_the_renamed_file_for_writing_and_flushes_it_unchanged()
    {
        byte[] content = WorkflowEmulator.Pattern(70_000, 3);
        string temporary = Path.Combine(_folder, ".a.partial"), final = Path.Combine(_folder, "a.pdf");
        File.WriteAllBytes(temporary, content);
        File.Move(temporary, final);
        DateTime written = File.GetLastWriteTimeUtc(final);

        FolderFlush.Renamed(final, RenameCommit.FlushFile);

        File.ReadAllBytes(final).Should().Equal(content, "flushing opens the file for writing but never changes it");
        File.GetLastWriteTimeUtc(final).Should().Be(written);
        string missing = Path.Combine(_folder, "missing.pdf");
        FluentActions.Invoking(() => FolderFlush.Renamed(missing, RenameCommit.FlushFile)).Should().Throw<FileNotFoundException>("it opens the renamed file; it never creates one");
        File.Exists(missing).Should().BeFalse();

        // With the folder strategy a rename needs nothing per file (the folder is synced once per instance) ...
        FluentActions.Invoking(() => FolderFlush.Renamed(missing, RenameCommit.SyncFolder)).Should().NotThrow();

        // ... and with the file strategy there is no folder to sync.
        FluentActions.Invoking(() => FolderFlush.Flush(Path.Combine(_folder, "no-such-folder"), RenameCommit.FlushFile)).Should().NotThrow();
    }

    [Fact]
    public void The_folder_strategy_syncs_the_folder_and_a_missing_folder_is_an_io_error()
    {
        if (OperatingSystem.IsWindows()) return; // fsync of a folder is Unix only; the Windows strategy is tested above.

        FluentActions.Invoking(() => FolderFlush.Flush(_folder, RenameCommit.SyncFolder)).Should().NotThrow();
        FluentActions.Invoking(() => FolderFlush.Flush(Path.Combine(_folder, "no-such-folder"), RenameCommit.SyncFolder))
            .Should().Throw<IOException>().WithMessage("*could not open the folder*errno 2)*");
    }
}
