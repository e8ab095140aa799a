using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Workflows.AzureBlobs.Tests;

/// <summary>
/// Azurite's blob service, installed by <c>npm ci</c> in the repository's root from its package.json, started on a free
/// loopback port in memory for the test run and stopped after it.
/// </summary>
public sealed class Azurite : IAsyncLifetime
{
    // Azurite's well-known development account (published in its documentation; it opens nothing but a local emulator).
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _workspace = Directory.CreateTempSubdirectory("altinn-sdk-azurite-").FullName;
    private Process? _process;
    private AzureEventSourceListener? _azureLogs;

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The blob service's address, <c>http://127.0.0.1:{port}/devstoreaccount1</c>.</summary>
    public string ServiceAddress { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        // The Azure SDK's own log (requests, responses, retries) goes through the leak watch, with the account key as a secret.
        LeakWatch.AddSecret(AccountKey);
        ILogger logger = LeakWatch.Logger<Azurite>();
        _azureLogs = new AzureEventSourceListener((_, message) => logger.LogDebug("{AzureSdk}", message), EventLevel.Verbose);

        string root = RepoRoot();
        string script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "blob", "main.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed: run `npm ci` in the repository's root (it installs the version pinned in package.json into node_modules). Looked for {script}.");
        }

        int port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _workspace,
        };
        foreach (string argument in new[]
        {
            script, "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var output = new System.Text.StringBuilder();
        _process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        ServiceAddress = $"http://127.0.0.1:{port}/{Account}";
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};BlobEndpoint={ServiceAddress};";
        var probe = new BlobClientOptions();
        probe.Retry.MaxRetries = 0;
        var service = new BlobServiceClient(ConnectionString, probe);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await service.GetPropertiesAsync();
                return;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or AggregateException or HttpRequestException)
            {
                if (_process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(60))
                {
                    string text;
                    lock (output) text = output.ToString();
                    throw new InvalidOperationException($"Azurite did not answer on port {port} (run `npm ci` in the repository's root if it is missing):\n{text}", e);
                }

                await Task.Delay(100);
            }
        }
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _azureLogs?.Dispose();
        Directory.Delete(_workspace, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>A new, empty container of its own.</summary>
    public async Task<BlobContainerClient> NewContainerAsync(BlobClientOptions? options = null)
    {
        var container = new BlobContainerClient(ConnectionString, "t" + Guid.NewGuid().ToString("N"), options);
        await container.CreateAsync();
        return container;
    }

    /// <summary>Another client of the same container, as another replica would have.</summary>
    public BlobContainerClient SameContainer(BlobContainerClient container, BlobClientOptions? options = null) =>
        new(ConnectionString, container.Name, options);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepoRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "package.json")) && File.Exists(Path.Combine(folder.FullName, "Altinn.Sdk.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository's root (with package.json) was not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>The tests that share one Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<Azurite>
{
    public const string Name = "Azurite";
}
