using System.Diagnostics;
using System.Reflection;
using System.Runtime.Versioning;
using System.Text;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Workflows;

namespace Altinn.Sdk.NetStandard.Tests;

/// <summary>
/// The netstandard2.0 builds at run time: Storage paging, an App API upload and download, and the archive workflow
/// (its file code has netstandard2.0 branches of its own), against the emulator in its own process.
/// </summary>
public sealed class NetStandardBuildTests(ExternalEmulator emulator) : IClassFixture<ExternalEmulator>
{
    private static readonly AppId DemoApp = AppId.Parse("ttd/demo-app");
    private readonly AltinnEnvironment _environment = emulator.Environment;
    private readonly string _token = emulator.Token;

    [Fact]
    public void The_libraries_loaded_are_the_netstandard_builds()
    {
        foreach (Type type in new[] { typeof(AppId), typeof(StorageClient), typeof(AppsClient), typeof(Altinn.Sdk.Events.EventsClient), typeof(WorkflowClient) })
        {
            type.Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName.Should().Be(".NETStandard,Version=v2.0", type.Assembly.GetName().Name);
        }
    }

    [Fact]
    public async Task The_webhook_secret_and_the_feed_key_secret_work_in_the_netstandard_build()
    {
        // Both have netstandard2.0 branches: a hand-written constant-time comparison, and chmod for an owner-only file.
        const string Secret = "0123456789abcdef0123456789abcdef";
        const string Event = """{"id":"e-1","type":"t","source":"s","specversion":"1.0"}""";
        var receiver = new Altinn.Sdk.Events.EventWebhookReceiver(Secret);
        (await receiver.ReceiveAsync(new MemoryStream(Encoding.UTF8.GetBytes(Event)), "application/json", Secret[..^1] + "X")).StatusCode.Should().Be(403);
        (await receiver.ReceiveAsync(new MemoryStream(Encoding.UTF8.GetBytes(Event)), "application/json", Secret)).ShouldHandle.Should().BeTrue();

        string folder = Directory.CreateTempSubdirectory("netstandard-checkpoints-").FullName;
        try
        {
            var query = new Altinn.Sdk.Events.PartyEventsQuery { After = "0", PersonNumber = "01017012343" };
            string key = new Altinn.Sdk.Events.FileEventCheckpointStore(folder).GetFeedKey(query);
            key.Should().StartWith("app/party?person=hmac%3A").And.NotContain("01017012343");
            new Altinn.Sdk.Events.FileEventCheckpointStore(folder).GetFeedKey(query).Should().Be(key);
            string secretFile = Path.Combine(folder, Altinn.Sdk.Events.FileEventCheckpointStore.FeedKeySecretFileName);
            if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(secretFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Storage_pages_through_the_demo_app()
    {
        StorageClient storage = StorageClient.Create(_environment, new StaticTokenCredential(_token), loggerFactory: LeakWatch.LoggerFactory);

        var pages = await storage.Instances.QueryAsync(new InstanceQuery(DemoApp)).AsPages(pageSizeHint: 2).ToListAsync();

        pages.Sum(p => p.Values.Count).Should().Be(7);
        pages.Should().HaveCountGreaterThan(1);
    }

    [Fact]
    public async Task An_attachment_round_trips_through_the_app_api()
    {
        AppClient app = AppsClient.Create(_environment, new StaticTokenCredential(_token), loggerFactory: LeakWatch.LoggerFactory).GetAppClient(DemoApp);
        InstanceId draft = InstanceId.Parse("50006000/de000000-0000-4000-8000-000000000001");
        byte[] pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% netstandard2.0\n%%EOF\n");

        DataElement element = await app.Data.UploadAsync(draft, "vedleggA", new MemoryStream(pdf), "application/pdf", "ns20.pdf");
        using DataStream download = await app.Data.DownloadAsync(draft, element.Id);
        using var copy = new MemoryStream();
        await download.CopyToAsync(copy);

        copy.ToArray().Should().Equal(pdf);
    }

    [Fact]
    public async Task The_archive_workflow_archives_verifies_and_confirms_the_completed_instances()
    {
        WorkflowClient workflows = WorkflowClient.Create(_environment, new StaticTokenCredential(_token), loggerFactory: LeakWatch.LoggerFactory);
        string folder = Directory.CreateTempSubdirectory("altinn-sdk-ns20-").FullName;
        try
        {
            ArchiveResult result = await workflows.ArchiveAsync(DemoApp, folder);

            result.Failed.Should().BeEmpty();
            result.Done.Select(d => d.InstanceId.ToString()).Should().BeEquivalentTo(
                ["50001337/de000000-0000-4000-8000-000000000004", "50006000/de000000-0000-4000-8000-000000000007"], "the demo's completed instances that ttd has not confirmed");
            foreach (string manifestFile in Directory.GetFiles(result.AppDirectory, "manifest.json", SearchOption.AllDirectories))
            {
                using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(manifestFile));
                foreach (var file in manifest.RootElement.GetProperty("files").EnumerateArray())
                {
                    string path = Path.Combine(Path.GetDirectoryName(manifestFile)!, file.GetProperty("name").GetString()!);
                    Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))).Should().BeEquivalentTo(file.GetProperty("sha256").GetString());
                }
            }

            ArchiveResult again = await workflows.ArchiveAsync(DemoApp, folder);
            again.Done.Should().BeEmpty("the confirmed instance is no longer listed");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_download_whose_body_goes_silent_fails_after_the_read_idle_timeout()
    {
        // A server that sends the headers and 10 of the 100 bytes it declares, then nothing, keeping the connection open.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        Task server = Task.Run(async () =>
        {
            using System.Net.Sockets.TcpClient client = await listener.AcceptTcpClientAsync(stop.Token);
            using System.Net.Sockets.NetworkStream network = client.GetStream();
            byte[] request = new byte[8192];
            var received = new StringBuilder();
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                received.Append(Encoding.ASCII.GetString(request, 0, await network.ReadAsync(request, stop.Token)));
            }

            await network.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 100\r\n\r\n"), stop.Token);
            await network.WriteAsync(new byte[10], stop.Token);
            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        var environment = AltinnEnvironment.Local(new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/"));
        StorageClient storage = StorageClient.Create(environment, new StaticTokenCredential(_token), o => o.ReadIdleTimeout = TimeSpan.FromSeconds(1), LeakWatch.LoggerFactory);

        await using DataStream download = await storage.Data.DownloadAsync(InstanceId.Parse("50006000/de000000-0000-4000-8000-000000000007"), Guid.NewGuid());
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(20)); // without the idle timeout the read would never end
        Func<Task> readAll = async () =>
        {
            byte[] buffer = new byte[100];
            while (await download.ReadAsync(buffer, giveUp.Token) > 0)
            {
            }
        };

        (await readAll.Should().ThrowAsync<IOException>()).Which.InnerException.Should().BeOfType<TimeoutException>();
        await stop.CancelAsync();
        await server;
    }
}

/// <summary><c>altinn emulator --seed demo</c> in its own process, and a ttd token from its test-token endpoint.</summary>
public sealed class ExternalEmulator : IAsyncLifetime
{
    private Process _process = null!;

    public AltinnEnvironment Environment { get; private set; } = null!;

    public string Token { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        string cli = typeof(ExternalEmulator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CliAssembly").Value!;
        var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { cli, "emulator", "--seed", "demo", "--port", "0" }) start.ArgumentList.Add(argument);
        _process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        string line = await _process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("The emulator ended: " + await _process.StandardError.ReadToEndAsync(timeout.Token));
        const string Prefix = "Altinn emulator listening on ";
        line.Should().StartWith(Prefix);
        Environment = AltinnEnvironment.Parse(line[Prefix.Length..]);

        using var http = new HttpClient();
        Token = (await http.GetStringAsync(new Uri(Environment.PlatformBaseUrl, "Home/GetTestOrgToken/ttd"), timeout.Token)).Trim().Trim('"');
        LeakWatch.AddSecret(Token);
    }

    public Task DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        return Task.CompletedTask;
    }
}
