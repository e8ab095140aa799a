using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Altinn.Sdk.Workflows.Tests;

/// <summary>
/// An emulator with the demo seed, a <see cref="WorkflowClient"/> built the DI way (AddAltinn + AddAltinnWorkflows),
/// a temporary archive folder, and an observer on the client's HTTP pipeline that checks, at the moment each
/// complete confirmation is sent, that the instance's manifest and every file it lists are on disk and verify.
/// </summary>
public sealed class WorkflowEmulator : IAsyncDisposable
{
    public const string StoragePath = "/storage/api/v1/";
    public const int OrganisationParty = 50006000;
    public const int PersonParty = 50001337;
    public static readonly AppId DemoApp = AppId.Parse("ttd/demo-app");

    private readonly ServiceProvider _provider;
    private readonly ObservedStorage _observer;

    private WorkflowEmulator(AltinnEmulator emulator, ServiceProvider provider, string folder, ObservedStorage observer, FakeLogger<WorkflowClient> logger)
    {
        _observer = observer;
        Emulator = emulator;
        _provider = provider;
        Logger = logger;
        Folder = folder;
        ConfirmationsSeen = observer.Seen;
        Workflows = provider.GetRequiredService<WorkflowClient>();
        Storage = provider.GetRequiredService<StorageClient>();
        Apps = provider.GetRequiredService<AppsClient>();
    }

    public AltinnEmulator Emulator { get; }

    public WorkflowClient Workflows { get; }

    public StorageClient Storage { get; }

    public AppsClient Apps { get; }

    /// <summary>The archive root for the test (deleted on dispose).</summary>
    public string Folder { get; }

    public string AppFolder => Path.Combine(Folder, "ttd", "demo-app");

    /// <summary>Every complete confirmation the client sent, and whether its files were all on disk and verified at that moment.</summary>
    public ConcurrentBag<(InstanceId Instance, bool Verified)> ConfirmationsSeen { get; }

    public FakeLogger<WorkflowClient> Logger { get; }

    /// <summary>
    /// Runs after each Storage request of the client's pipeline has its response (headers), with the request: lets a
    /// test change an instance in the middle of a workflow. Requests the hook makes itself go around the pipeline.
    /// </summary>
    public Func<HttpRequestMessage, Task>? AfterStorageRequest
    {
        get => _observer.After;
        set => _observer.After = value;
    }

    public static Guid Demo(int n) => Guid.Parse($"de000000-0000-4000-8000-00000000000{n}");

    public static InstanceId DemoId(int n) => new(n is 2 or 4 or 6 ? PersonParty : OrganisationParty, Demo(n));

    public static string InstanceFolder(string appFolder, InstanceId id) => Path.Combine(appFolder, id.PartyId.ToString(System.Globalization.CultureInfo.InvariantCulture), id.InstanceGuid.ToString("D"));

    public string InstanceFolder(InstanceId id) => InstanceFolder(AppFolder, id);

    public static async Task<WorkflowEmulator> StartAsync(
        Func<AltinnEmulator, AltinnCredential>? credential = null, EmulatorFaultOptions? faults = null, int maxRetries = 0, TimeProvider? clock = null, int? queryPageSize = null)
    {
        var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true, Faults = faults, TimeProvider = clock });
        string folder = Directory.CreateTempSubdirectory("altinn-workflows-tests-").FullName;
        string appFolder = Path.Combine(folder, "ttd", "demo-app");
        var observer = new ObservedStorage();
        var services = new ServiceCollection();
        services.AddSingleton(emulator.Environment);
        services.AddSingleton(credential?.Invoke(emulator) ?? emulator.CreateOrgCredential("ttd"));
        var logger = new FakeLogger<WorkflowClient>();
        services.AddSingleton(LeakWatch.LoggerFactory);
        services.AddSingleton(LeakWatch.Tee<WorkflowClient>(logger));
        services.AddAltinn(options => options.MaxRetries = maxRetries);
        services.AddAltinnWorkflows();
        var storageClient = services.AddHttpClient(StorageServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(() => new ConfirmationObserver(appFolder, observer));
        if (queryPageSize is int size) storageClient.AddHttpMessageHandler(() => new QueryPageSizeCap(size));
        return new WorkflowEmulator(emulator, services.BuildServiceProvider(), folder, observer, logger);
    }

    /// <summary>A second workflow client on the same emulator with another credential (no observer).</summary>
    public WorkflowClient CreateWorkflows(AltinnCredential credential) =>
        new(
            StorageClient.Create(Emulator.Environment, credential, o => o.MaxRetries = 0, LeakWatch.LoggerFactory),
            AppsClient.Create(Emulator.Environment, credential, o => o.MaxRetries = 0, LeakWatch.LoggerFactory),
            LeakWatch.Logger<WorkflowClient>());

    /// <summary>The App API requests of the demo app in the log, oldest first.</summary>
    public IReadOnlyList<EmulatorRequest> AppRequests() =>
        Emulator.Requests.Where(r => r.PathAndQuery.StartsWith("/ttd/demo-app/", StringComparison.Ordinal)).ToList();

    /// <summary>The instance deletions sent to the demo app, as <c>{partyId}/{guid}</c>.</summary>
    public IReadOnlyList<string> AppDeletes() =>
        AppRequests().Where(r => r.Method == "DELETE").Select(r => r.PathAndQuery.Split('?')[0]["/ttd/demo-app/instances/".Length..]).ToList();

    /// <summary>The instance queries sent to Storage (path and query).</summary>
    public IReadOnlyList<string> InstanceQueries() =>
        StorageRequests().Where(r => r.Method == "GET" && r.PathAndQuery.StartsWith(StoragePath + "instances?", StringComparison.Ordinal)).Select(r => Uri.UnescapeDataString(r.PathAndQuery)).ToList();

    /// <summary>The Storage requests in the log, oldest first.</summary>
    public IReadOnlyList<EmulatorRequest> StorageRequests() =>
        Emulator.Requests.Where(r => r.PathAndQuery.StartsWith(StoragePath, StringComparison.Ordinal)).ToList();

    public IReadOnlyList<EmulatorRequest> Writes() => StorageRequests().Where(r => r.IsWrite).ToList();

    public IReadOnlyList<EmulatorRequest> DataDownloads() =>
        StorageRequests().Where(r => r.Method == "GET" && r.PathAndQuery.Contains("/data/", StringComparison.Ordinal)).ToList();

    public IReadOnlyList<EmulatorRequest> Confirmations() =>
        StorageRequests().Where(r => r.Method == "POST" && r.PathAndQuery.EndsWith("/complete", StringComparison.Ordinal)).ToList();

    /// <summary>Creates a completed (archived) instance of the demo app with a form and an attachment of <paramref name="attachmentBytes"/> bytes, through Storage as the app owner.</summary>
    public async Task<InstanceId> SeedCompletedAsync(int partyId = OrganisationParty, int attachmentBytes = 3000, int seed = 1)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Emulator.CreateOrgToken("ttd"));
        DateTimeOffset ended = DateTimeOffset.UtcNow.AddMinutes(-5);
        var template = new
        {
            instanceOwner = new { partyId = partyId.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            process = new { started = ended.AddHours(-1), startEvent = "StartEvent_1", ended, endEvent = "EndEvent_1" },
            status = new { isArchived = true, archived = ended },
        };
        using var created = await http.PostAsJsonAsync(new Uri(Emulator.Environment.StorageBaseUrl, "instances?appId=ttd/demo-app"), template);
        created.EnsureSuccessStatusCode();
        Instance instance = (await created.Content.ReadFromJsonAsync(AltinnJsonContext.Default.Instance))!;
        await UploadAsync(http, instance.Id!, "model", "application/xml", null, System.Text.Encoding.UTF8.GetBytes($"<Skjema><Tittel>Seeded {seed}</Tittel></Skjema>"));
        await UploadAsync(http, instance.Id!, "vedleggA", "application/pdf", "vedlegg.pdf", Pattern(attachmentBytes, seed));
        return instance.Id!;
    }

    /// <summary>Adds a PDF data element (<c>ref-data-as-pdf</c>) to an instance through Storage as the app owner, around the client's pipeline.</summary>
    public async Task AddElementAsync(InstanceId id, int size = 5000, int seed = 9)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Emulator.CreateOrgToken("ttd"));
        await UploadAsync(http, id, "ref-data-as-pdf", "application/pdf", null, Pattern(size, seed));
    }

    public static byte[] Pattern(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>The content Storage holds for an element, read back through Storage.</summary>
    public async Task<byte[]> StoredContentAsync(InstanceId id, Guid element)
    {
        using var copy = new MemoryStream();
        await Storage.Data.DownloadToAsync(id, element, copy);
        return copy.ToArray();
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Emulator.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task UploadAsync(HttpClient http, InstanceId id, string dataType, string contentType, string? fileName, byte[] content)
    {
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (fileName is not null) body.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName };
        using var response = await http.PostAsync(new Uri(Emulator.Environment.StorageBaseUrl, $"instances/{id}/data?dataType={dataType}"), body);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>What the observers of one client's pipelines share (the client factory may build several pipelines).</summary>
public sealed class ObservedStorage
{
    public ConcurrentBag<(InstanceId Instance, bool Verified)> Seen { get; } = [];

    /// <summary>See <see cref="WorkflowEmulator.AfterStorageRequest"/>.</summary>
    public Func<HttpRequestMessage, Task>? After { get; set; }
}

/// <summary>
/// Sits in the Storage client's HTTP pipeline and, when a complete confirmation is about to be sent, records whether
/// the instance's folder then held a manifest whose every file exists with the listed size and SHA-256.
/// </summary>
public sealed class ConfirmationObserver(string appFolder, ObservedStorage observed) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Post && path.EndsWith("/complete", StringComparison.Ordinal))
        {
            string[] parts = path.Split('/');
            var id = new InstanceId(int.Parse(parts[^3], System.Globalization.CultureInfo.InvariantCulture), Guid.Parse(parts[^2]));
            observed.Seen.Add((id, await VerifiedAsync(WorkflowEmulator.InstanceFolder(appFolder, id))));
        }

        HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
        if (observed.After is { } after) await after(request);
        return response;
    }

    /// <summary>Whether the folder has a manifest and every file it lists is on disk with the listed size and SHA-256.</summary>
    public static async Task<bool> VerifiedAsync(string folder)
    {
        string manifest = Path.Combine(folder, "manifest.json");
        if (!File.Exists(manifest)) return false;
        using var document = System.Text.Json.JsonDocument.Parse(await File.ReadAllBytesAsync(manifest));
        foreach (var file in document.RootElement.GetProperty("files").EnumerateArray())
        {
            string name = Path.Combine(folder, file.GetProperty("name").GetString()!);
            if (!File.Exists(name)) return false;
            byte[] bytes = await File.ReadAllBytesAsync(name);
            if (bytes.Length != file.GetProperty("size").GetInt64() || WorkflowEmulator.Sha256(bytes) != file.GetProperty("sha256").GetString()) return false;
        }

        return true;
    }
}

/// <summary>
/// Asks Storage for pages of at most <paramref name="size"/> instances, whatever page size the workflow chose, so that a
/// test sees Storage's paging at page boundaries with a few hundred instances.
/// </summary>
public sealed class QueryPageSizeCap(int size) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (request.Method == HttpMethod.Get && uri.AbsolutePath.EndsWith("/storage/api/v1/instances", StringComparison.Ordinal))
        {
            var pairs = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("size=", StringComparison.Ordinal));
            request.RequestUri = new UriBuilder(uri) { Query = string.Join('&', pairs.Append($"size={size}")) }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
