using System.Security.Cryptography;

namespace Altinn.Sdk.Workflows.Tests;

/// <summary>The folder sink on its own: relative paths only, whole files only, one holder of an app's folder at a time.</summary>
public sealed class FolderArchiveSinkTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("altinn-folder-sink-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("../outside.pdf")]
    [InlineData("ttd/../../outside.pdf")]
    [InlineData("ttd/./app")]
    [InlineData("/etc/passwd")]
    [InlineData("ttd\\app\\file")]
    [InlineData("ttd//app")]
    [InlineData("")]
    [InlineData("C:/file")]
    public async Task A_path_that_is_not_plainly_relative_is_refused_by_every_member(string path)
    {
        var sink = new FolderArchiveSink(Path.Combine(_root, "archive"));

        FluentActions.Invoking(() => sink.Describe(path)).Should().Throw<ArgumentException>();
        await sink.Invoking(s => s.OpenReadAsync(path, CancellationToken.None)).Should().ThrowAsync<ArgumentException>();
        await sink.Invoking(s => s.BeginWriteAsync(path, CancellationToken.None)).Should().ThrowAsync<ArgumentException>();
        await sink.Invoking(s => s.VerifyAsync(path, 1, "aa", CancellationToken.None)).Should().ThrowAsync<ArgumentException>();
        await sink.Invoking(s => s.DeleteAsync(path, CancellationToken.None)).Should().ThrowAsync<ArgumentException>();
        await sink.Invoking(s => s.LockAsync(path, TimeSpan.Zero, CancellationToken.None)).Should().ThrowAsync<ArgumentException>();
        Directory.EnumerateFileSystemEntries(_root, "*", SearchOption.AllDirectories).Should().BeEmpty("nothing was created anywhere");
    }

    [Fact]
    public async Task A_write_appears_under_its_name_only_when_committed_and_an_abandoned_one_leaves_nothing()
    {
        var sink = new FolderArchiveSink(_root);
        byte[] content = WorkflowEmulator.Pattern(100_000, 5);
        string final = Path.Combine(_root, "ttd", "app", "1", "g", "data", "a.pdf");

        await using (ArchiveFileWrite abandoned = await sink.BeginWriteAsync("ttd/app/1/g/data/a.pdf", CancellationToken.None))
        {
            await abandoned.Content.WriteAsync(content);
            File.Exists(final).Should().BeFalse("nothing changes under the name before the commit");
        }

        Directory.GetFiles(Path.GetDirectoryName(final)!).Should().BeEmpty("an abandoned write removes its temporary file");
        (await sink.OpenReadAsync("ttd/app/1/g/data/a.pdf", CancellationToken.None)).Should().BeNull();

        await using (ArchiveFileWrite write = await sink.BeginWriteAsync("ttd/app/1/g/data/a.pdf", CancellationToken.None))
        {
            await write.Content.WriteAsync(content);
            var facts = new ArchiveFileFacts(content.Length, WorkflowEmulator.Sha256(content), Convert.ToBase64String(MD5.HashData(content)));
            await write.CommitAsync(facts, CancellationToken.None);
        }

        (await File.ReadAllBytesAsync(final)).Should().Equal(content);
        Directory.GetFiles(Path.GetDirectoryName(final)!).Should().ContainSingle();
        (await sink.VerifyAsync("ttd/app/1/g/data/a.pdf", content.Length, WorkflowEmulator.Sha256(content), CancellationToken.None)).Should().BeTrue();
        (await sink.VerifyAsync("ttd/app/1/g/data/a.pdf", content.Length, WorkflowEmulator.Sha256([1]), CancellationToken.None)).Should().BeFalse();
        (await sink.VerifyAsync("ttd/app/1/g/data/b.pdf", content.Length, WorkflowEmulator.Sha256(content), CancellationToken.None)).Should().BeFalse();
        sink.Describe("ttd/app").Should().Be(Path.Combine(_root, "ttd", "app"));
        await using (Stream read = (await sink.OpenReadAsync("ttd/app/1/g/data/a.pdf", CancellationToken.None))!)
        {
            read.Length.Should().Be(content.Length);
        }

        await sink.CommitInstanceAsync("ttd/app/1/g", CancellationToken.None);
        await sink.DeleteAsync("ttd/app/1/g/data/a.pdf", CancellationToken.None);
        await sink.DeleteAsync("ttd/app/1/g/data/a.pdf", CancellationToken.None);
        File.Exists(final).Should().BeFalse();
    }

    [Fact]
    public async Task A_commit_whose_facts_do_not_match_what_was_written_keeps_nothing()
    {
        var sink = new FolderArchiveSink(_root);
        await using ArchiveFileWrite write = await sink.BeginWriteAsync("ttd/app/x.bin", CancellationToken.None);
        await write.Content.WriteAsync(new byte[10]);

        await write.Invoking(w => w.CommitAsync(new ArchiveFileFacts(11, "aa", "bb"), CancellationToken.None)).Should().ThrowAsync<IOException>();
        await write.DisposeAsync();

        Directory.GetFiles(Path.Combine(_root, "ttd", "app")).Should().BeEmpty();
    }

    [Fact]
    public async Task Leftovers_of_interrupted_writes_are_removed_from_the_instance_and_its_subfolders()
    {
        var sink = new FolderArchiveSink(_root);
        string data = Directory.CreateDirectory(Path.Combine(_root, "ttd", "app", "1", "g", "data")).FullName;
        await File.WriteAllTextAsync(Path.Combine(data, ".a.pdf.1234abcd.partial"), "x");
        await File.WriteAllTextAsync(Path.Combine(data, "..", ".manifest.json.1234abcd.partial"), "x");
        await File.WriteAllTextAsync(Path.Combine(data, "kept.pdf"), "x");

        await sink.RemoveLeftoversAsync("ttd/app/1/g", CancellationToken.None);

        Directory.GetFiles(Path.Combine(_root, "ttd", "app", "1", "g"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).Should().Equal("kept.pdf");
    }

    [Fact]
    public async Task The_app_folder_is_held_by_one_lock_at_a_time()
    {
        var sink = new FolderArchiveSink(_root);
        ArchiveLock first = await sink.LockAsync("ttd/app", TimeSpan.Zero, CancellationToken.None);
        first.Lost.CanBeCanceled.Should().BeFalse("a folder lock cannot be lost while held");

        var held = await sink.Invoking(s => s.LockAsync("ttd/app", TimeSpan.Zero, CancellationToken.None)).Should().ThrowAsync<ArchiveInUseException>();
        held.Which.Message.Should().Contain("another archive run").And.Contain(Path.Combine(_root, "ttd", "app"));

        await first.DisposeAsync();
        await using ArchiveLock second = await sink.LockAsync("ttd/app", TimeSpan.Zero, CancellationToken.None);
        File.Exists(Path.Combine(_root, "ttd", "app", ".lock")).Should().BeTrue();
    }
}
