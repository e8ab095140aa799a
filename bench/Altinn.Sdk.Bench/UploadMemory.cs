using System.Diagnostics;
using System.Net.Http.Headers;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing;

namespace Altinn.Sdk.Bench;

/// <summary>
/// Peak memory while uploading one large attachment through the App API from a forward-only stream: the SDK's
/// <see cref="AppDataClient.UploadAsync(InstanceId, string, Stream, string, string?, CancellationToken)"/> against the
/// baseline of a raw <see cref="HttpClient"/> POST of a <see cref="StreamContent"/>, alternating, on the same emulator.
/// A sampler thread reads <see cref="GC.GetTotalMemory"/> every 2 ms and the working set every 20 ms.
/// </summary>
/// <remarks>
/// The emulator runs in this process and writes each upload to its data folder, so the figures include its side
/// (Kestrel's request pipe, its file writes) as well as the client's; the client alone can only be less.
/// </remarks>
internal static class UploadMemory
{
    private const string BenchAppId = "ttd/bench-upload";
    private const int Party = 50006000; // Emulator Demo AS, from the demo seed

    public static async Task RunAsync(long bytes, int rounds)
    {
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        emulator.AddApp(new ApplicationMetadata
        {
            Id = BenchAppId,
            Org = "ttd",
            DataTypes = [new DataType { Id = "blob", AllowedContentTypes = ["application/octet-stream"], TaskId = "Task_1", MaxCount = 0 }],
        });
        AppClient app = AppsClient.Create(emulator.Environment, emulator.CreateOrgCredential("ttd")).GetAppClient(AppId.Parse(BenchAppId));
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.CreateOrgToken("ttd"));
        InstanceId instance = (await app.Instances.CreateAsync(InstanceOwnerReference.Party(Party))).Id!;
        string rawUrl = $"{app.BaseUrl}instances/{instance}/data/type/blob";

        // Warm both paths (token, metadata, JIT) on a small upload before measuring.
        await SdkAsync(app, instance, 64 * 1024);
        await RawAsync(http, rawUrl, 64 * 1024);

        Console.WriteLine($"Upload memory: one attachment of {bytes:N0} bytes ({BenchSupport.MiB(bytes)}) from a non-seekable stream, {rounds} rounds each, {Environment.ProcessorCount} cores.");
        const string Baseline = "raw HttpClient POST of a StreamContent (baseline)";
        const string Sdk = "SDK: AppDataClient.UploadAsync";
        var results = new Dictionary<string, List<Measurement>> { [Baseline] = [], [Sdk] = [] };
        for (int round = 0; round < rounds; round++)
        {
            results[Baseline].Add(await MeasureAsync(() => RawAsync(http, rawUrl, bytes)));
            results[Sdk].Add(await MeasureAsync(() => SdkAsync(app, instance, bytes)));
        }

        var baseline = results[Baseline];
        Console.WriteLine();
        Console.WriteLine($"| variant | peak managed heap (max of {rounds}) | managed heap growth over idle | peak working set (max) | MiB/s (median) | time vs baseline |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var (name, list) in results)
        {
            double seconds = BenchSupport.Median(list.Select(m => m.Seconds));
            Console.WriteLine($"| {name} | {BenchSupport.MiB(list.Max(m => m.PeakManaged))} | {BenchSupport.MiB(list.Max(m => m.PeakManaged - m.IdleManaged))} | " +
                $"{BenchSupport.MiB(list.Max(m => m.PeakWorkingSet))} | {bytes / (1024.0 * 1024) / seconds:N0} | {seconds / BenchSupport.Median(baseline.Select(m => m.Seconds)):F2}x |");
        }

        Console.WriteLine();
        Console.WriteLine("The emulator runs in the same process: its buffers are in these figures too.");
    }

    /// <summary>The baseline: the generated stream as a <see cref="StreamContent"/>, sent chunked.</summary>
    private static async Task RawAsync(HttpClient http, string url, long bytes)
    {
        using var body = new StreamContent(new GeneratedStream(bytes));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "\"blob.bin\"" };
        using var response = await http.PostAsync(url, body);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Upload failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The SDK: the same stream through the App API client (metadata check, Content-Disposition, the Altinn pipeline).</summary>
    private static async Task SdkAsync(AppClient app, InstanceId instance, long bytes)
    {
        DataElement element = await app.Data.UploadAsync(instance, "blob", new GeneratedStream(bytes), "application/octet-stream", "blob.bin");
        if (element.Size != bytes) throw new InvalidOperationException($"Uploaded {element.Size} bytes, expected {bytes}.");
    }

    private static async Task<Measurement> MeasureAsync(Func<Task> upload)
    {
        long idle = BenchSupport.ManagedHeap();
        long peakManaged = idle;
        long peakWorkingSet = BenchSupport.WorkingSet();
        bool done = false;
        var sampler = new Thread(() =>
        {
            using var process = Process.GetCurrentProcess();
            int tick = 0;
            while (!Volatile.Read(ref done))
            {
                peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(forceFullCollection: false));
                if (tick++ % 10 == 0)
                {
                    process.Refresh();
                    peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                }

                Thread.Sleep(2);
            }
        }) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        sampler.Start();
        var clock = Stopwatch.StartNew();
        await upload();
        double seconds = clock.Elapsed.TotalSeconds;
        Volatile.Write(ref done, true);
        sampler.Join();
        return new Measurement(seconds, idle, peakManaged, peakWorkingSet);
    }

    private sealed record Measurement(double Seconds, long IdleManaged, long PeakManaged, long PeakWorkingSet);

    /// <summary>A forward-only stream of <c>length</c> generated bytes without a known length, so the upload is chunked and never held in memory.</summary>
    private sealed class GeneratedStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = (int)Math.Min(buffer.Length, length - _position);
            for (int i = 0; i < n; i++) buffer[i] = (byte)((_position + i) * 31 >> 3);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
