using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing;

namespace Altinn.Sdk.Bench;

/// <summary>
/// Peak memory while downloading one large data element to a file: the SDK's <see cref="DataStream"/> (over a
/// response read with <see cref="HttpCompletionOption.ResponseHeadersRead"/>) against the baseline of a raw
/// <see cref="HttpClient"/> stream copy, alternating, on the same emulator. The element (N bytes of generated content)
/// is uploaded once through the App API without buffering. A sampler thread reads <see cref="GC.GetTotalMemory"/>
/// every 2 ms and the working set every 20 ms.
/// </summary>
/// <remarks>
/// The emulator runs in this process, so the figures include its side of the download (Kestrel's buffers, its file
/// reads) as well as the client's; the client alone can only be less.
/// </remarks>
internal static class DownloadMemory
{
    private const string BenchAppId = "ttd/bench-app";
    private const string Party = "50006000"; // Emulator Demo AS, from the demo seed

    public static async Task RunAsync(long bytes, int rounds)
    {
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        emulator.AddApp(new ApplicationMetadata
        {
            Id = BenchAppId,
            Org = "ttd",
            DataTypes = [new DataType { Id = "blob", TaskId = "Task_1" }],
        });
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.CreateOrgToken("ttd"));
        string app = emulator.AppBaseUrl(AppId.Parse(BenchAppId)).ToString().TrimEnd('/');

        Console.WriteLine($"Download memory: one element of {bytes:N0} bytes ({BenchSupport.MiB(bytes)}), {rounds} rounds each, {Environment.ProcessorCount} cores.");
        var uploading = Stopwatch.StartNew();
        (string instanceId, Guid dataId) = await UploadAsync(http, app, bytes);
        Console.WriteLine($"Uploaded through the App API in {uploading.Elapsed.TotalSeconds:F1} s; process working set now {BenchSupport.MiB(BenchSupport.WorkingSet())}.");
        string download = $"storage/api/v1/instances/{instanceId}/data/{dataId}";
        string target = Path.Combine(Path.GetTempPath(), "altinn-bench-download-" + Guid.NewGuid().ToString("N"));

        var results = new Dictionary<string, List<Measurement>> { ["raw HttpClient stream copy (baseline)"] = [], ["SDK: DataStream.FromResponseAsync"] = [] };
        try
        {
            for (int round = 0; round < rounds; round++)
            {
                results["raw HttpClient stream copy (baseline)"].Add(await MeasureAsync(() => RawAsync(http, download, target), bytes, target));
                results["SDK: DataStream.FromResponseAsync"].Add(await MeasureAsync(() => SdkAsync(http, download, target), bytes, target));
            }
        }
        finally
        {
            File.Delete(target);
        }

        var baseline = results["raw HttpClient stream copy (baseline)"];
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

    /// <summary>The baseline: headers first, then the content stream copied to the file.</summary>
    private static async Task RawAsync(HttpClient http, string url, string target)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var content = await response.Content.ReadAsStreamAsync();
        await using var file = OpenTarget(target);
        await content.CopyToAsync(file);
    }

    /// <summary>The SDK: the same response wrapped in a <see cref="DataStream"/>, which owns it.</summary>
    private static async Task SdkAsync(HttpClient http, string url, string target)
    {
        var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var content = await DataStream.FromResponseAsync(response, CancellationToken.None);
        await using var file = OpenTarget(target);
        await content.CopyToAsync(file);
    }

    private static FileStream OpenTarget(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);

    private static async Task<Measurement> MeasureAsync(Func<Task> download, long expected, string target)
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
        await download();
        double seconds = clock.Elapsed.TotalSeconds;
        Volatile.Write(ref done, true);
        sampler.Join();
        long written = new FileInfo(target).Length;
        if (written != expected) throw new InvalidOperationException($"Downloaded {written} bytes, expected {expected}.");
        return new Measurement(seconds, idle, peakManaged, peakWorkingSet);
    }

    private static async Task<(string InstanceId, Guid DataId)> UploadAsync(HttpClient http, string app, long bytes)
    {
        using var created = await http.PostAsync($"{app}/instances?instanceOwnerPartyId={Party}", null);
        created.EnsureSuccessStatusCode();
        string instanceId;
        using (var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync()))
        {
            instanceId = json.RootElement.GetProperty("id").GetString()!;
        }

        using var body = new StreamContent(new GeneratedStream(bytes), 81920);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Headers.ContentLength = bytes;
        body.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "blob.bin" };
        using var uploaded = await http.PostAsync($"{app}/instances/{instanceId}/data/type/blob", body);
        if (!uploaded.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Upload failed: {(int)uploaded.StatusCode} {await uploaded.Content.ReadAsStringAsync()}");
        }

        using var answer = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync());
        return (instanceId, answer.RootElement.GetProperty("newDataElementId").GetGuid());
    }

    private sealed record Measurement(double Seconds, long IdleManaged, long PeakManaged, long PeakWorkingSet);

    /// <summary>A forward-only stream of <c>length</c> generated bytes, so the upload is never held in memory.</summary>
    private sealed class GeneratedStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
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
