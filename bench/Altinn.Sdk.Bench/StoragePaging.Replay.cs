// storage-paging-replay: the three paging variants against pages recorded from the emulator and served again as fixed
// bytes by a bare Kestrel server, so that what differs between them is the client's own cost, not the emulator's.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Web;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Bench;

internal static partial class StoragePaging
{
    public static async Task RunReplayAsync(int instances, int pageSize, int rounds)
    {
        // The pages are served by token: the first without one, each next one by the token its predecessor's next link
        // carries (decoded until it no longer changes, as the variants send it encoded once or twice).
        var pages = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var app = WebApplication.CreateSlimBuilder();
        app.Logging.ClearProviders();
        app.WebHost.UseUrls("http://127.0.0.1:0");
        await using var server = app.Build();
        server.Run(context =>
        {
            byte[] page = pages[Decoded(context.Request.Query["continuationToken"].ToString())];
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = page.Length;
            return context.Response.Body.WriteAsync(page).AsTask();
        });
        await server.StartAsync();
        var baseUrl = new Uri(server.Urls.First() + "/");

        var recording = Stopwatch.StartNew();
        await RecordAsync(pages, baseUrl, instances, pageSize);
        Console.WriteLine($"Storage paging, replayed: {instances:N0} instances, page size {pageSize}, {rounds} rounds, {Environment.ProcessorCount} cores.");
        Console.WriteLine($"{pages.Count} pages ({pages.Values.Sum(p => (long)p.Length) / 1024:N0} KiB) recorded from the emulator in {recording.Elapsed.TotalSeconds:F1} s.");

        using var http = new HttpClient { BaseAddress = baseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "replay");
        string firstPage = $"storage/api/v1/instances?appId={BenchAppId}&order=asc:lastChanged&size={pageSize.ToString(CultureInfo.InvariantCulture)}";
        var storage = StorageClient.Create(AltinnEnvironment.Local(baseUrl), new StaticTokenCredential("replay"));
        var query = new InstanceQuery(AppId.Parse(BenchAppId)) { PageSize = pageSize, Order = InstanceQueryOrder.LastChangedAscending };
        var variants = new List<PagingVariant>
        {
            new("raw HttpClient + AltinnJsonContext (baseline)", (collect, ct) => RawAsync(http, firstPage, collect, ct)),
            new("HttpClient + Newtonsoft + Storage.Interface", (collect, ct) => NewtonsoftAsync(http, firstPage, collect, ct)),
            new("SDK: StorageClient", async (collect, ct) =>
            {
                HashSet<string>? ids = collect ? [] : null;
                int seen = 0;
                await foreach (Instance instance in storage.Instances.QueryAsync(query, cancellationToken: ct))
                {
                    seen++;
                    ids?.Add(instance.Id!.ToString()!);
                }

                return new PagingResult(seen, ids);
            }),
        };

        await MeasureAsync(variants, instances, rounds, "client + server");
    }

    /// <summary>
    /// Seeds an emulator and pages it oldest change first, keeping each page's bytes under the token that fetches it,
    /// with the emulator's address in the next links replaced by the replay server's.
    /// </summary>
    private static async Task RecordAsync(Dictionary<string, byte[]> pages, Uri replay, int instances, int pageSize)
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        emulator.AddApp(new ApplicationMetadata { Id = BenchAppId, Org = "ttd" });
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.CreateOrgToken("ttd"));
        await BenchSupport.SeedInstancesAsync(http, BenchAppId, instances);

        string emulatorBase = emulator.BaseUrl.ToString().TrimEnd('/');
        string replayBase = replay.ToString().TrimEnd('/');
        string token = string.Empty;
        string? url = $"storage/api/v1/instances?appId={BenchAppId}&order=asc:lastChanged&size={pageSize.ToString(CultureInfo.InvariantCulture)}";
        while (url is not null)
        {
            string body = (await http.GetStringAsync(url)).Replace(emulatorBase, replayBase, StringComparison.Ordinal);
            pages.Add(token, Encoding.UTF8.GetBytes(body));
            using var page = JsonDocument.Parse(body);
            url = page.RootElement.GetProperty("next").GetString();
            if (url is null) break;
            token = Decoded(HttpUtility.ParseQueryString(new Uri(url).Query)["continuationToken"] ?? string.Empty);
            url = url.Replace(replayBase, emulatorBase, StringComparison.Ordinal);
        }
    }

    private static string Decoded(string token)
    {
        for (string previous = string.Empty; previous != token;)
        {
            previous = token;
            token = HttpUtility.UrlDecode(token);
        }

        return token;
    }
}
