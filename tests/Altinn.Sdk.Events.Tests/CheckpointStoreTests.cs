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
    public void A_feed_key_hashes_a_person_with_the_store_secret_and_keeps_other_filters_readable()
    {
        const string PersonNumber = "01017012343";
        var byPerson = new PartyEventsQuery { After = "0", PersonNumber = PersonNumber };
        var bySubject = new ResourceEventsQuery("urn:altinn:resource:app_ttd_demo-app") { Subject = "/person/" + PersonNumber };
        var byApp = new AppEventsQuery(AppId.Parse("ttd/demo-app")) { After = "0", OrganisationNumber = "405003309" };
        byApp.Types.Add("app.instance.process.completed");
        string otherFolder = _folder + "-other";
        try
        {
            // A feed that names no person is keyed in clear, and needs no secret (none is created for it).
            var store = new FileEventCheckpointStore(_folder);
            store.GetFeedKey(byApp).Should().Be("app/ttd/demo-app?unit=405003309&type=app.instance.process.completed");
            Directory.GetFiles(_folder).Should().BeEmpty();

            // A person goes in as a keyed hash; the secret is created once, readable by its owner only, and kept.
            string key = store.GetFeedKey(byPerson);
            key.Should().MatchRegex("^app/party\\?person=hmac%3A[0-9a-f]{32}$");
            store.GetFeedKey(bySubject).Should().MatchRegex("^events\\?resource=urn%3Aaltinn%3Aresource%3Aapp_ttd_demo-app&subject=hmac%3A[0-9a-f]{32}$");
            string secretFile = Path.Combine(_folder, FileEventCheckpointStore.FeedKeySecretFileName);
            File.Exists(secretFile).Should().BeTrue();
            if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(secretFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            new FileEventCheckpointStore(_folder).GetFeedKey(byPerson).Should().Be(key, "a reopened store reads its secret");

            // Another store has another secret, so other keys; the same given secret gives the same keys.
            var other = new FileEventCheckpointStore(otherFolder);
            other.GetFeedKey(byPerson).Should().NotBe(key);
            other.GetFeedKey(byApp).Should().Be(store.GetFeedKey(byApp));
            byte[] secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
            new FileEventCheckpointStore(_folder, secret).GetFeedKey(byPerson).Should().Be(new FileEventCheckpointStore(otherFolder, secret).GetFeedKey(byPerson)).And.NotBe(key);
        }
        finally
        {
            if (Directory.Exists(otherFolder)) Directory.Delete(otherFolder, recursive: true);
        }
    }

    [Fact]
    public void A_store_without_a_secret_refuses_to_key_a_person_and_a_damaged_secret_file_is_reported()
    {
        var byPerson = new PartyEventsQuery { After = "0", PersonNumber = "01017012343" };
        var memory = new MemoryStore();
        memory.GetFeedKey(new AppEventsQuery(AppId.Parse("ttd/demo-app")) { After = "0" }).Should().Be("app/ttd/demo-app");
        FluentActions.Invoking(() => memory.GetFeedKey(byPerson)).Should().Throw<InvalidOperationException>().WithMessage("*secret*");
        FluentActions.Invoking(() => new MemoryStore(new byte[16])).Should().Throw<ArgumentException>();
        new MemoryStore(new byte[32]).GetFeedKey(byPerson).Should().StartWith("app/party?person=hmac%3A");

        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, FileEventCheckpointStore.FeedKeySecretFileName), "not base64 at all");
        FluentActions.Invoking(() => new FileEventCheckpointStore(_folder).GetFeedKey(byPerson)).Should().Throw<InvalidDataException>().WithMessage("*feed-key.secret*damaged*");
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        FluentActions.Invoking(() => new FileEventCheckpointStore(" ")).Should().Throw<ArgumentException>();
        var store = new FileEventCheckpointStore(_folder);
        FluentActions.Awaiting(() => store.SaveCheckpointAsync("feed", "")).Should().ThrowAsync<ArgumentException>();
    }

    /// <summary>A store of checkpoints in memory, as a database store would derive from the base class.</summary>
    private sealed class MemoryStore : EventCheckpointStore
    {
        public MemoryStore()
        {
        }

        public MemoryStore(byte[] secret)
            : base(secret)
        {
        }

        public override Task<string?> GetCheckpointAsync(string feedKey, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);

        public override Task SaveCheckpointAsync(string feedKey, string eventId, CancellationToken cancellationToken = default) => Task.CompletedTask;
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
