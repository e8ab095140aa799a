using Azure.Storage.Blobs;

namespace Altinn.Sdk.Workflows.AzureBlobs.Tests;

/// <summary>Event feed checkpoints in Azurite, saved conditionally on the blob's ETag.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobEventCheckpointStoreTests(Azurite azurite)
{
    private const string Feed = "app/ttd/archive-app?type=app.instance.process.completed";

    [Fact]
    public async Task A_checkpoint_is_saved_in_a_blob_of_its_feed_and_read_by_another_store()
    {
        BlobContainerClient container = await azurite.NewContainerAsync();
        var store = new BlobEventCheckpointStore(container, "checkpoints");

        (await store.GetCheckpointAsync(Feed)).Should().BeNull();
        await store.SaveCheckpointAsync(Feed, "event-1");
        await store.SaveCheckpointAsync(Feed, "event-2");

        store.GetBlobName(Feed).Should().MatchRegex("^checkpoints/checkpoint-[0-9a-f]{32}\\.json$");
        (await container.GetBlobClient(store.GetBlobName(Feed)).ExistsAsync()).Value.Should().BeTrue();
        var restarted = new BlobEventCheckpointStore(azurite.SameContainer(container), "checkpoints");
        (await restarted.GetCheckpointAsync(Feed)).Should().Be("event-2");
        (await restarted.GetCheckpointAsync(Feed + "&other")).Should().BeNull("another feed has its own blob");
    }

    [Fact]
    public async Task A_save_over_a_checkpoint_another_poller_saved_since_it_was_read_fails_and_moves_nothing()
    {
        BlobContainerClient container = await azurite.NewContainerAsync();
        var first = new BlobEventCheckpointStore(azurite.SameContainer(container));
        var second = new BlobEventCheckpointStore(azurite.SameContainer(container));
        (await first.GetCheckpointAsync(Feed)).Should().BeNull();
        (await second.GetCheckpointAsync(Feed)).Should().BeNull();

        await first.SaveCheckpointAsync(Feed, "event-5");
        Func<Task> stale = () => second.SaveCheckpointAsync(Feed, "event-3");
        (await stale.Should().ThrowAsync<IOException>()).Which.Message.Should().Contain("another poller");
        (await new BlobEventCheckpointStore(container).GetCheckpointAsync(Feed)).Should().Be("event-5");

        await first.SaveCheckpointAsync(Feed, "event-6");
        (await second.GetCheckpointAsync(Feed)).Should().Be("event-6");
        await second.SaveCheckpointAsync(Feed, "event-7");
        Func<Task> firstStale = () => first.SaveCheckpointAsync(Feed, "event-8");
        await firstStale.Should().ThrowAsync<IOException>();
        (await new BlobEventCheckpointStore(container).GetCheckpointAsync(Feed)).Should().Be("event-7");
    }

    [Fact]
    public async Task A_blob_that_is_not_a_checkpoint_of_its_feed_is_reported_not_read_as_start_over()
    {
        BlobContainerClient container = await azurite.NewContainerAsync();
        var store = new BlobEventCheckpointStore(container);
        await container.GetBlobClient(store.GetBlobName(Feed)).UploadAsync(BinaryData.FromString("{\"feed\":\"app/ttd/other\",\"after\":\"event-1\"}"));

        Func<Task> reading = () => store.GetCheckpointAsync(Feed);
        await reading.Should().ThrowAsync<InvalidDataException>();
    }
}
