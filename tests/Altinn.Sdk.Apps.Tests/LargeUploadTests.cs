using Altinn.Sdk.Models;
using Xunit.Abstractions;
using static Altinn.Sdk.Apps.Tests.AppsHarness;

namespace Altinn.Sdk.Apps.Tests;

/// <summary>Runs alone: it measures the whole process's allocations, which other tests running at the same time would add to.</summary>
[CollectionDefinition(nameof(LargeUploadTests), DisableParallelization = true)]
public sealed class LargeUploadCollection;

/// <summary>A large upload streams: the SDK holds a buffer, never the content.</summary>
[Collection(nameof(LargeUploadTests))]
public sealed class LargeUploadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private AppsHarness _h = null!;

    public async Task InitializeAsync() => _h = await StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Upload_of_a_non_seekable_stream_allocates_far_less_than_its_size()
    {
        const long Size = 64L * 1024 * 1024;
        ApplicationMetadata metadata = LifecycleTests.DemoMetadata("ttd/large");
        metadata = metadata with { DataTypes = [.. metadata.DataTypes!, new DataType { Id = "arkiv", AllowedContentTypes = ["application/octet-stream"], MaxCount = 0 }] };
        AppClient app = _h.AddApp(metadata);
        InstanceId instance = (await app.Instances.CreateAsync(InstanceOwnerReference.Party(OrganisationParty))).Id!;

        // Warm up the pipeline (token, handlers, JIT of the upload path) with a small upload first.
        await app.Data.UploadAsync(instance, "arkiv", new GeneratedStream(1024), "application/octet-stream", "warm-up.bin");
        long before = GC.GetTotalAllocatedBytes(precise: true);
        DataElement element = await app.Data.UploadAsync(instance, "arkiv", new GeneratedStream(Size), "application/octet-stream", "stor.bin");
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        output.WriteLine($"Uploading {Size} bytes allocated {allocated} bytes in the whole process.");
        element.Size.Should().Be(Size);
        // The whole process (client and emulator) allocated buffers, not the 64 MiB content.
        allocated.Should().BeLessThan(8 * 1024 * 1024);

        await using DataStream download = await app.Data.DownloadAsync(instance, element.Id);
        download.ContentLength.Should().Be(Size);
        var buffer = new byte[81920];
        long position = 0;
        int read;
        while ((read = await download.ReadAsync(buffer)) > 0)
        {
            for (int i = 0; i < read; i += 4099) buffer[i].Should().Be(GeneratedStream.At(position + i));
            position += read;
        }

        position.Should().Be(Size);
    }
}
