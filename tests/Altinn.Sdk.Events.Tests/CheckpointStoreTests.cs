using System.Text.Json;

namespace Altinn.Sdk.Events.Tests;

/// <summary>The file checkpoint store: round trips, atomic replacement, and what a torn write leaves behind.</summary>
public sealed class CheckpointStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "events-checkpoints-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_checkpoint_is_saved_per_feed_and_read_back()
    {
        var store = new FileEventCheckpointStore(_folder);
        (await store.GetCheckpointAsync("tt02:app/ttd/a")).Should().BeNull();

        await store.SaveCheckpointAsync("tt02:app/ttd/a", "id-1");
        await store.SaveCheckpointAsync("tt02:app/ttd/b", "id-9");
        await store.SaveCheckpointAsync("tt02:app/ttd/a", "id-2");

        var reopened = new FileEventCheckpointStore(_folder);
        (await reopened.GetCheckpointAsync("tt02:app/ttd/a")).Should().Be("id-2");
        (await reopened.GetCheckpointAsync("tt02:app/ttd/b")).Should().Be("id-9");
        Directory.GetFiles(_folder).Should().HaveCount(2, "one file per feed and no temporary files left");

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(store.GetPath("tt02:app/ttd/a")));
        document.RootElement.GetProperty("feed").GetString().Should().Be("tt02:app/ttd/a");
        document.RootElement.GetProperty("after").GetString().Should().Be("id-2");
    }

    [Fact]
    public async Task A_write_torn_by_a_failure_leaves_the_previous_checkpoint_whole()
    {
        await new FileEventCheckpointStore(_folder).SaveCheckpointAsync("feed", "id-1");
        var torn = new TornWriteStore(_folder);

        Func<Task> save = () => torn.SaveCheckpointAsync("feed", "id-2");
        await save.Should().ThrowAsync<IOException>();

        (await new FileEventCheckpointStore(_folder).GetCheckpointAsync("feed")).Should().Be("id-1");
        Directory.GetFiles(_folder, "*.tmp").Should().BeEmpty("the half-written temporary file is removed");
    }

    [Fact]
    public async Task A_temporary_file_left_by_a_crash_is_ignored()
    {
        var store = new FileEventCheckpointStore(_folder);
        await store.SaveCheckpointAsync("feed", "id-1");
        await File.WriteAllTextAsync(store.GetPath("feed") + ".0123.tmp", "{\"feed\":\"feed\",\"aft");

        (await store.GetCheckpointAsync("feed")).Should().Be("id-1");
        await store.SaveCheckpointAsync("feed", "id-2");
        (await store.GetCheckpointAsync("feed")).Should().Be("id-2");
    }

    [Theory]
    [InlineData("{\"feed\":\"feed\",\"aft")]
    [InlineData("{\"feed\":\"another feed\",\"after\":\"id-1\"}")]
    [InlineData("")]
    public async Task A_damaged_checkpoint_file_is_reported_not_read_as_start_over(string content)
    {
        var store = new FileEventCheckpointStore(_folder);
        await File.WriteAllTextAsync(store.GetPath("feed"), content);
        Func<Task> read = () => store.GetCheckpointAsync("feed");
        (await read.Should().ThrowAsync<InvalidDataException>()).Which.Message.Should().Contain(store.GetPath("feed"));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        FluentActions.Invoking(() => new FileEventCheckpointStore(" ")).Should().Throw<ArgumentException>();
        var store = new FileEventCheckpointStore(_folder);
        FluentActions.Awaiting(() => store.SaveCheckpointAsync("feed", "")).Should().ThrowAsync<ArgumentException>();
    }

    /// <summary>Writes half of the new content, then fails as a full disk or a crash would.</summary>
    private sealed class TornWriteStore(string folder) : FileEventCheckpointStore(folder)
    {
        protected override async Task WriteContentAsync(Stream stream, byte[] content, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(content.AsMemory(0, content.Length / 2), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            throw new IOException("No space left on device.");
        }
    }
}
