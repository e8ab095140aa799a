using System.Net.Http.Headers;
using Altinn.Sdk.Models;
using static Altinn.Sdk.Storage.Tests.Client.EmulatorStorage;

namespace Altinn.Sdk.Storage.Tests.Client;

/// <summary>Data downloads (streamed, to a file, to a stream), element lists and application metadata.</summary>
public sealed class DataAndApplicationTests : IAsyncLifetime
{
    private EmulatorStorage _storage = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _storage = await StartAsync();
        _folder = Directory.CreateTempSubdirectory("altinn-storage-tests-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _storage.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Download_is_a_live_stream_with_content_type_file_name_and_length()
    {
        await using DataStream content = await _storage.Client.Data.DownloadAsync(DemoId(3), DemoData(3, 2));

        content.ContentType.Should().Be("application/pdf");
        content.FileName.Should().Be("vedlegg.pdf");
        content.ContentLength.Should().BeGreaterThan(0);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        copy.Length.Should().Be(content.ContentLength!.Value);
        _storage.StorageRequests().Single().PathAndQuery.Should().Be(StoragePath + "instances/50006000/de000000-0000-4000-8000-000000000003/data/da000000-0000-4000-8000-000000000032");
    }

    [Fact]
    public async Task Download_to_a_file_writes_it_whole_and_leaves_no_temporary_file()
    {
        string path = Path.Combine(_folder, "model.xml");
        await File.WriteAllTextAsync(path, "old content that is replaced");

        long written = await _storage.Client.Data.DownloadToAsync(DemoId(1), DemoData(1, 1), path);

        written.Should().BeGreaterThan(0);
        new FileInfo(path).Length.Should().Be(written);
        (await File.ReadAllTextAsync(path)).Should().StartWith("<");
        Directory.GetFiles(_folder).Should().Equal(path);
    }

    [Fact]
    public async Task Failed_download_to_a_file_leaves_nothing()
    {
        string path = Path.Combine(_folder, "missing.bin");

        var failure = await _storage.Client.Data.Invoking(d => d.DownloadToAsync(DemoId(1), Guid.NewGuid(), path)).Should().ThrowAsync<AltinnRequestFailedException>();

        failure.Which.Status.Should().Be(404);
        Directory.GetFiles(_folder).Should().BeEmpty();
    }

    [Fact]
    public async Task Large_element_streams_with_bounded_memory()
    {
        const long Size = 64L * 1024 * 1024;
        Guid element = await UploadAsync(DemoId(3), Size);
        string path = Path.Combine(_folder, "large.bin");

        // Warm up the pipeline (handler, token, JIT) on a small download first.
        await _storage.Client.Data.DownloadToAsync(DemoId(1), DemoData(1, 1), Stream.Null);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long beforeTotal = GC.GetTotalAllocatedBytes(precise: true);
        long written = await _storage.Client.Data.DownloadToAsync(DemoId(3), element, path);
        long allocatedTotal = GC.GetTotalAllocatedBytes(precise: true) - beforeTotal;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        written.Should().Be(Size);
        new FileInfo(path).Length.Should().Be(Size);
        allocated.Should().BeLessThan(4 * 1024 * 1024, "the content is copied with a small buffer, never held whole");

        // The whole process (emulator included, which streams from its blob store) stays far below the size too.
        allocatedTotal.Should().BeLessThan(Size / 4);

        await using DataStream live = await _storage.Client.Data.DownloadAsync(DemoId(3), element);
        live.ContentLength.Should().Be(Size);
        (await _storage.Client.Data.DownloadToAsync(DemoId(3), element, Stream.Null)).Should().Be(Size);
    }

    [Fact]
    public async Task List_returns_the_element_metadata()
    {
        IReadOnlyList<DataElement> elements = await _storage.Client.Data.ListAsync(DemoId(4));

        elements.Select(e => e.Id).Should().BeEquivalentTo([DemoData(4, 1), DemoData(4, 2), DemoData(4, 3)]);
        elements.Should().Contain(e => e.DataType == "vedleggA" && e.DeleteStatus!.IsHardDeleted, "the app owner sees elements deleted at process end");
        _storage.StorageRequests().Single().PathAndQuery.Should().Be(StoragePath + "instances/50001337/de000000-0000-4000-8000-000000000004/dataelements");
    }

    [Fact]
    public async Task Applications_get_and_list()
    {
        ApplicationMetadata app = await _storage.Client.Applications.GetAsync(AppId.Parse(DemoApp));
        app.Id.Should().Be(DemoApp);
        app.DataTypes.Should().Contain(t => t.Id == "vedleggA");

        IReadOnlyList<ApplicationMetadata> apps = await _storage.Client.Applications.ListAsync("ttd");
        apps.Should().ContainSingle(a => a.Id == DemoApp);

        var missing = await _storage.Client.Applications.Invoking(a => a.GetAsync(AppId.Parse("ttd/no-such-app"))).Should().ThrowAsync<AltinnRequestFailedException>();
        missing.Which.Status.Should().Be(404);
        missing.Which.Message.Should().Contain("ttd/no-such-app");

        _storage.StorageRequests().Select(r => r.PathAndQuery).Should().Equal(
            StoragePath + "applications/ttd/demo-app", StoragePath + "applications/ttd", StoragePath + "applications/ttd/no-such-app");
    }

    private async Task<Guid> UploadAsync(InstanceId instance, long size)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _storage.Emulator.CreateOrgToken("ttd"));
        using var content = new StreamContent(new PatternStream(size), 81920);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Headers.ContentLength = size;
        using var response = await http.PostAsync(new Uri(_storage.Emulator.Environment.StorageBaseUrl, $"instances/{instance}/data?dataType=vedleggA"), content);
        response.EnsureSuccessStatusCode();
        var element = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync(response.Content, AltinnJsonContext.Default.DataElement);
        return element!.Id;
    }

    /// <summary>A read-only stream of <paramref name="length"/> generated bytes, never held in memory.</summary>
    private sealed class PatternStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, length - _position);
            for (int i = 0; i < n; i++) buffer[offset + i] = (byte)((_position + i) % 251);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
