namespace Altinn.Sdk.Workflows.Tests;

/// <summary>The manifest round-trips and is trusted only for plain file names in its own folder.</summary>
public sealed class ArchiveManifestTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("altinn-manifest-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Written_manifest_reads_back_and_leaves_no_temporary_file()
    {
        var id = InstanceId.Parse("50006000/de000000-0000-4000-8000-000000000004");
        var element = Guid.NewGuid();
        var changed = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero).AddTicks(9);
        var manifest = new ArchiveManifest(id, "ttd/demo-app", DateTimeOffset.UtcNow, changed,
            [new ManifestFile("data/instance.json", 10, "aa"), new ManifestFile("data/" + element + ".pdf", 20, "bb", element, "vedleggA", "application/pdf", "vedlegg.pdf", changed)]);

        var sink = new FolderArchiveSink(_folder);
        await manifest.WriteAsync(sink, "i", CancellationToken.None);
        ArchiveManifest? read = await ArchiveManifest.TryReadAsync(sink, "i", CancellationToken.None);

        read.Should().NotBeNull();
        read!.InstanceId.Should().Be(id);
        read.InstanceLastChanged.Should().Be(changed, "times keep all seven fraction digits");
        read.Instance!.Sha256.Should().Be("aa");
        read.ForElement(element)!.Should().Be(manifest.Files[1]);
        Directory.GetFiles(Path.Combine(_folder, "i")).Select(Path.GetFileName).Should().Equal("manifest.json");
    }

    [Theory]
    [InlineData(1, "../outside.pdf")]
    [InlineData(1, "sub/inner.pdf")]
    [InlineData(1, "..")]
    [InlineData(1, "manifest.json")]
    [InlineData(2, "data/../outside.pdf")]
    [InlineData(2, "data/sub/inner.pdf")]
    [InlineData(2, "data/..")]
    [InlineData(2, "instance.json")]
    [InlineData(2, "manifest.json")]
    public async Task A_manifest_naming_a_path_outside_its_folder_is_not_trusted(int version, string name)
    {
        string json = $$"""
            {"formatVersion":{{version}},"instanceId":"50006000/de000000-0000-4000-8000-000000000004","appId":"ttd/demo-app","archived":"2026-01-01T00:00:00Z",
             "files":[{"name":"{{name}}","size":1,"sha256":"aa"}]}
            """;
        Directory.CreateDirectory(Path.Combine(_folder, "i"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "i", "manifest.json"), json);

        (await ArchiveManifest.TryReadAsync(new FolderArchiveSink(_folder), "i", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task An_unreadable_manifest_means_archive_again()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "i"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "i", "manifest.json"), "{\"formatVersion\":1,\"files\":[");

        (await ArchiveManifest.TryReadAsync(new FolderArchiveSink(_folder), "i", CancellationToken.None)).Should().BeNull();
    }
}
