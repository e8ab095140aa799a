using System.Security.Cryptography;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;

namespace Altinn.Sdk.Workflows.AzureBlobs.Tests;

/// <summary>Writing, committing, verifying, reading and deleting archive files in Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobArchiveSinkTests(Azurite azurite)
{
    private const string FilePath = "ttd/archive-app/50001234/0f7c9b8e-2a51-4d2b-9a57-3c0d4e6f1a2b/data.bin";
    private const int BlockSize = 64 * 1024;

    [Fact]
    public async Task A_file_is_staged_block_by_block_invisible_until_committed_then_verified_and_read_back()
    {
        BlobContainerClient container = await azurite.NewContainerAsync();
        var sink = new BlobArchiveSink(container, "archive", new BlobArchiveSinkOptions { BlockSize = BlockSize });
        byte[] data = RandomNumberGenerator.GetBytes((4 * BlockSize) + 1000);
        BlockBlobClient blob = container.GetBlockBlobClient("archive/" + FilePath);

        await using (ArchiveFileWrite write = await sink.BeginWriteAsync(FilePath, default))
        {
            await WriteInChunksAsync(write.Content, data);
            (await blob.ExistsAsync()).Value.Should().BeFalse("nothing is visible before the commit");
            (await sink.OpenReadAsync(FilePath, default)).Should().BeNull();
            BlockList staged = await blob.GetBlockListAsync(BlockListTypes.Uncommitted);
            staged.UncommittedBlocks.Should().HaveCount(4, "each full block is staged as it fills; the rest waits for the commit");

            await write.CommitAsync(Facts(data), default);
        }

        BlockList committed = await blob.GetBlockListAsync(BlockListTypes.Committed);
        committed.CommittedBlocks.Select(b => b.SizeLong).Should().Equal(BlockSize, BlockSize, BlockSize, BlockSize, 1000);
        BlobProperties properties = await blob.GetPropertiesAsync();
        properties.ContentHash.Should().Equal(MD5.HashData(data));
        properties.Metadata["sha256"].Should().Be(Sha256(data));

        (await sink.VerifyAsync(FilePath, data.Length, Sha256(data), default)).Should().BeTrue();
        (await sink.VerifyAsync(FilePath, data.Length + 1, Sha256(data), default)).Should().BeFalse("the size differs");
        (await sink.VerifyAsync(FilePath, data.Length, Sha256([1, 2, 3]), default)).Should().BeFalse("the SHA-256 differs");
        (await sink.VerifyAsync(FilePath + ".missing", data.Length, Sha256(data), default)).Should().BeFalse("there is no such file");

        await using (Stream read = (await sink.OpenReadAsync(FilePath, default))!)
        {
            var copy = new MemoryStream();
            await read.CopyToAsync(copy);
            copy.ToArray().Should().Equal(data);
        }

        await sink.DeleteAsync(FilePath, default);
        (await blob.ExistsAsync()).Value.Should().BeFalse();
        await sink.DeleteAsync(FilePath, default);
    }

    [Fact]
    public async Task A_write_disposed_without_commit_leaves_nothing_and_keeps_the_older_file()
    {
        BlobContainerClient container = await azurite.NewContainerAsync();
        var sink = new BlobArchiveSink(container, options: new BlobArchiveSinkOptions { BlockSize = BlockSize });

        await using (ArchiveFileWrite abandoned = await sink.BeginWriteAsync(FilePath, default))
        {
            await WriteInChunksAsync(abandoned.Content, RandomNumberGenerator.GetBytes(3 * BlockSize));
        }

        (await container.GetBlobClient(FilePath).ExistsAsync()).Value.Should().BeFalse();
        (await ListAsync(container)).Should().BeEmpty("an abandoned write shows nothing in the container");

        byte[] older = RandomNumberGenerator.GetBytes(1000);
        await WriteAsync(sink, FilePath, older);
        await using (ArchiveFileWrite replacement = await sink.BeginWriteAsync(FilePath, default))
        {
            await WriteInChunksAsync(replacement.Content, RandomNumberGenerator.GetBytes(2 * BlockSize));
        }

        (await ReadAsync(sink, FilePath)).Should().Equal(older, "the write that was not committed does not replace the file");
        (await sink.VerifyAsync(FilePath, older.Length, Sha256(older), default)).Should().BeTrue();
    }

    [Fact]
    public async Task A_block_damaged_on_the_way_is_refused_by_the_service_and_nothing_is_committed()
    {
        BlobContainerClient container = await azurite.NewContainerAsync();
        var options = new BlobClientOptions();
        var damage = new DamageStagedBlocks();
        options.AddPolicy(damage, HttpPipelinePosition.PerRetry);
        var sink = new BlobArchiveSink(azurite.SameContainer(container, options), options: new BlobArchiveSinkOptions { BlockSize = BlockSize });
        byte[] data = RandomNumberGenerator.GetBytes(2 * BlockSize);

        await using (ArchiveFileWrite write = await sink.BeginWriteAsync(FilePath, default))
        {
            Func<Task> writing = async () =>
            {
                await WriteInChunksAsync(write.Content, data);
                await write.CommitAsync(Facts(data), default);
            };

            // Azure answers 400 Md5Mismatch; Azurite 400 InvalidOperation, "Provided contentMD5 doesn't match."
            RequestFailedException refused = (await writing.Should().ThrowAsync<RequestFailedException>()).Which;
            refused.Status.Should().Be(400);
            (refused.ErrorCode == "Md5Mismatch" || refused.Message.Contains("contentMD5 doesn't match", StringComparison.Ordinal)).Should().BeTrue(refused.Message);
        }

        damage.Damaged.Should().BePositive("the block's bytes were changed after their MD5 was computed");
        (await container.GetBlobClient(FilePath).ExistsAsync()).Value.Should().BeFalse();
    }

    [Fact]
    public async Task A_commit_whose_facts_differ_from_the_bytes_streamed_is_refused()
    {
        BlobContainerClient container = await azurite.NewContainerAsync();
        var sink = new BlobArchiveSink(container);
        byte[] data = RandomNumberGenerator.GetBytes(5000);

        await using (ArchiveFileWrite write = await sink.BeginWriteAsync(FilePath, default))
        {
            await write.Content.WriteAsync(data);
            Func<Task> commit = () => write.CommitAsync(new ArchiveFileFacts(data.Length, Sha256([9]), Convert.ToBase64String(MD5.HashData(data))), default);
            await commit.Should().ThrowAsync<InvalidDataException>();
        }

        (await container.GetBlobClient(FilePath).ExistsAsync()).Value.Should().BeFalse();
    }

    [Fact]
    public async Task Verify_refuses_a_blob_whose_stored_sha256_or_content_md5_no_longer_matches()
    {
        BlobContainerClient container = await azurite.NewContainerAsync();
        var sink = new BlobArchiveSink(container);
        byte[] data = RandomNumberGenerator.GetBytes(5000);
        await WriteAsync(sink, FilePath, data);
        BlobClient blob = container.GetBlobClient(FilePath);
        (await sink.VerifyAsync(FilePath, data.Length, Sha256(data), default)).Should().BeTrue();

        await blob.SetMetadataAsync(new Dictionary<string, string> { ["sha256"] = Sha256([1]) });
        (await sink.VerifyAsync(FilePath, data.Length, Sha256(data), default)).Should().BeFalse("the stored SHA-256 is another");

        await blob.SetMetadataAsync(new Dictionary<string, string> { ["sha256"] = Sha256(data) });
        await blob.SetHttpHeadersAsync(new BlobHttpHeaders());
        (await blob.GetPropertiesAsync()).Value.ContentHash.Should().BeNullOrEmpty();
        (await sink.VerifyAsync(FilePath, data.Length, Sha256(data), default)).Should().BeFalse("Content-MD5 is gone");
    }

    [Fact]
    public async Task Describe_names_the_container_and_prefix_without_a_signature_or_key()
    {
        BlobContainerClient container = await azurite.NewContainerAsync();
        Uri sas = container.GenerateSasUri(BlobContainerSasPermissions.All, DateTimeOffset.UtcNow.AddHours(1));
        string signature = System.Web.HttpUtility.ParseQueryString(sas.Query)["sig"]!;
        LeakWatch.AddSecret(signature);
        var sink = new BlobArchiveSink(new BlobContainerClient(sas), "/altinn/archive/");

        sink.Describe("ttd/app").Should().Be($"{azurite.ServiceAddress}/{container.Name}/altinn/archive/ttd/app");
        sink.Describe(string.Empty).Should().Be($"{azurite.ServiceAddress}/{container.Name}/altinn/archive/");
        new BlobArchiveSink(container).Describe("ttd/app").Should().Be($"{azurite.ServiceAddress}/{container.Name}/ttd/app");

        // The SAS client works, and a held lock's message names no signature either.
        byte[] data = RandomNumberGenerator.GetBytes(100);
        await WriteAsync(sink, FilePath, data);
        (await sink.VerifyAsync(FilePath, data.Length, Sha256(data), default)).Should().BeTrue();
        await using ArchiveLock held = await sink.LockAsync("ttd/app", TimeSpan.Zero, default);
        Func<Task> second = () => sink.LockAsync("ttd/app", TimeSpan.Zero, default);
        string message = (await second.Should().ThrowAsync<ArchiveInUseException>()).Which.Message;
        message.Should().Contain($"{container.Name}/altinn/archive/ttd/app/.lock").And.NotContain("sig=").And.NotContain(signature);
    }

    [Fact]
    public void Paths_and_settings_outside_what_the_sink_takes_are_refused()
    {
        var container = new BlobContainerClient(azurite.ConnectionString, "unused");
        var sink = new BlobArchiveSink(container, "archive");
        sink.Invoking(s => s.Describe("ttd/../other")).Should().Throw<ArgumentException>();
        sink.Invoking(s => s.Describe("ttd//app")).Should().Throw<ArgumentException>();
        sink.Invoking(s => s.Describe("ttd\\app")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new BlobArchiveSink(container, "a/../b")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new BlobArchiveSink(container, options: new BlobArchiveSinkOptions { LeaseDuration = TimeSpan.FromSeconds(14) }))
            .Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new BlobArchiveSink(container, options: new BlobArchiveSinkOptions { LeaseDuration = TimeSpan.FromSeconds(61) }))
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    internal static async Task WriteAsync(ArchiveSink sink, string path, byte[] data)
    {
        await using ArchiveFileWrite write = await sink.BeginWriteAsync(path, default);
        await WriteInChunksAsync(write.Content, data);
        await write.CommitAsync(Facts(data), default);
    }

    private static async Task<byte[]> ReadAsync(ArchiveSink sink, string path)
    {
        await using Stream read = (await sink.OpenReadAsync(path, default))!;
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task<List<string>> ListAsync(BlobContainerClient container)
    {
        var names = new List<string>();
        await foreach (BlobItem item in container.GetBlobsAsync()) names.Add(item.Name);
        return names;
    }

    // Unaligned chunks, as a download is copied: they cross block boundaries.
    private static async Task WriteInChunksAsync(Stream content, byte[] data)
    {
        for (int offset = 0; offset < data.Length; offset += 10_000)
        {
            await content.WriteAsync(data.AsMemory(offset, Math.Min(10_000, data.Length - offset)));
        }
    }

    private static ArchiveFileFacts Facts(byte[] data) => new(data.Length, Sha256(data), Convert.ToBase64String(MD5.HashData(data)));

    private static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Changes a byte of each staged block on the wire, after the sink computed the block's MD5.</summary>
    private sealed class DamageStagedBlocks : HttpPipelineSynchronousPolicy
    {
        private int _damaged;

        public int Damaged => _damaged;

        public override void OnSendingRequest(HttpMessage message)
        {
            if (!message.Request.Uri.Query.Contains("comp=block&", StringComparison.Ordinal) && !message.Request.Uri.Query.EndsWith("comp=block", StringComparison.Ordinal))
            {
                return;
            }

            using var body = new MemoryStream();
            message.Request.Content!.WriteTo(body, default);
            byte[] bytes = body.ToArray();
            bytes[bytes.Length / 2] ^= 0xFF;
            message.Request.Content = RequestContent.Create(bytes);
            Interlocked.Increment(ref _damaged);
        }
    }
}
