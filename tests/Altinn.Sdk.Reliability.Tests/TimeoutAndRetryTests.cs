using System.Security.Cryptography;
using System.Text;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Microsoft.AspNetCore.Http;

namespace Altinn.Sdk.Reliability.Tests;

/// <summary>
/// What the pipeline retries and when it gives up, counted at a loopback server: Storage's "query could not be
/// finished" 500 belongs to the page-size halving, a hung attempt is cancelled by the attempt timeout and tried again,
/// a server that never answers ends at the total timeout, and a slow but steady download is not cut off. The timeouts
/// are short here; the hang guards (<see cref="Guard"/>) only keep a failing run from taking minutes.
/// </summary>
public sealed class TimeoutAndRetryTests
{
    private static readonly InstanceId Instance = InstanceId.Parse("50006000/de000000-0000-4000-8000-000000000001");
    private static readonly string InstanceJson = """{"id":"50006000/de000000-0000-4000-8000-000000000001","appId":"ttd/demo-app","org":"ttd"}""";

    // Storage's own answer when its database fails an instance query (InstancesController: 500, the exception's text).
    private const string QueryNotFinished = "Unable to perform query on instances due to: Exception while reading from stream";

    [Fact]
    public async Task A_query_the_database_could_not_finish_is_asked_again_at_half_the_page_size_and_not_retried_at_the_same_size()
    {
        var sizes = new List<string>();
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            string size = context.Request.Query["size"].ToString();
            lock (sizes) sizes.Add(size);
            return size == "50" ? Page(context) : Text(context, StatusCodes.Status500InternalServerError, QueryNotFinished);
        });

        // The default MaxRetries (3): the generic retry is on for every other fault.
        StorageClient storage = StorageClient.Create(AltinnEnvironment.Local(server.BaseUrl), new StaticTokenCredential("t"), configure: null, LeakWatch.LoggerFactory);
        List<Instance> found = await Guard(storage.Instances.QueryAsync(new InstanceQuery(AppId.Parse("ttd/demo-app"))).ToListAsync().AsTask());

        found.Should().ContainSingle();
        sizes.Should().Equal(["", "50"], "one 500 at the default page size (100) is followed by the page of 50, with no retry at 100");
    }

    [Fact]
    public async Task At_the_smallest_page_size_a_500_is_left_to_the_generic_retry()
    {
        var sizes = new List<string>();
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            string size = context.Request.Query["size"].ToString();
            int count;
            lock (sizes)
            {
                sizes.Add(size);
                count = sizes.Count;
            }

            return count == 1 ? Text(context, StatusCodes.Status500InternalServerError, QueryNotFinished) : Page(context);
        });

        StorageClient storage = StorageClient.Create(AltinnEnvironment.Local(server.BaseUrl), new StaticTokenCredential("t"), o => o.MaxRetries = 1, LeakWatch.LoggerFactory);
        var query = new InstanceQuery(AppId.Parse("ttd/demo-app")) { PageSize = StorageInstancesClient.MinimumPageSizeOnTimeout };
        List<Instance> found = await Guard(storage.Instances.QueryAsync(query).ToListAsync().AsTask());

        found.Should().ContainSingle();
        sizes.Should().Equal(["10", "10"], "a page that cannot shrink is retried as any other safe request");
    }

    [Fact]
    public async Task A_hung_attempt_is_cancelled_by_the_attempt_timeout_and_the_second_attempt_succeeds()
    {
        int requests = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref requests) == 1)
            {
                await HangAsync(context);
                return;
            }

            await Text(context, StatusCodes.Status200OK, InstanceJson, "application/json");
        });

        StorageClient storage = StorageClient.Create(AltinnEnvironment.Local(server.BaseUrl), new StaticTokenCredential("t"), o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(2);
            o.TotalTimeout = TimeSpan.FromSeconds(60);
        }, LeakWatch.LoggerFactory);
        Instance instance = await Guard(storage.Instances.GetAsync(Instance));

        instance.Id.Should().Be(Instance);
        Volatile.Read(ref requests).Should().Be(2);
    }

    [Fact]
    public async Task A_server_that_never_answers_fails_at_the_total_timeout_with_a_message_naming_it()
    {
        int requests = 0;
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            Interlocked.Increment(ref requests);
            return HangAsync(context);
        });

        StorageClient storage = StorageClient.Create(AltinnEnvironment.Local(server.BaseUrl), new StaticTokenCredential("t"), o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(500);
            o.TotalTimeout = TimeSpan.FromSeconds(4);
            o.MaxRetries = 10;
        }, LeakWatch.LoggerFactory);

        var thrown = (await FluentActions.Awaiting(() => Guard(storage.Instances.GetAsync(Instance))).Should().ThrowAsync<TaskCanceledException>()).Which;

        thrown.InnerException.Should().BeOfType<TimeoutException>();
        thrown.Message.Should().Contain("GET").And.Contain("/storage/api/v1/instances/50006000/de000000-0000-4000-8000-000000000001")
            .And.Contain("total timeout of 4 s").And.Contain("Altinn:TotalTimeout");
        Volatile.Read(ref requests).Should().BeGreaterThan(1, "hung attempts were tried again until the total timeout");
    }

    [Fact]
    public async Task A_request_that_is_not_safe_to_repeat_fails_at_the_attempt_timeout_without_a_retry()
    {
        int requests = 0;
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            Interlocked.Increment(ref requests);
            return HangAsync(context);
        });

        // Long enough for the first request of a cold process on a busy machine to reach the server: a shorter one
        // could end the attempt before it was sent, and then no request at all is counted.
        AppsClient apps = AppsClient.Create(AltinnEnvironment.Local(server.BaseUrl), new StaticTokenCredential("t"), o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(3);
            o.TotalTimeout = TimeSpan.FromSeconds(60);
        }, LeakWatch.LoggerFactory);

        // Creating an instance (a POST) is not repeated: a second attempt could create a second instance.
        var thrown = (await FluentActions.Awaiting(() => Guard(apps.GetAppClient(AppId.Parse("ttd/demo-app")).Instances.CreateAsync(InstanceOwnerReference.Party(50006000))))
            .Should().ThrowAsync<TaskCanceledException>()).Which;

        thrown.InnerException.Should().BeOfType<TimeoutException>();
        thrown.Message.Should().Contain("POST").And.Contain("attempt timeout of 3 s").And.Contain("Altinn:AttemptTimeout");
        Volatile.Read(ref requests).Should().Be(1);
    }

    [Fact]
    public async Task A_slow_but_steady_download_outlives_the_attempt_and_total_timeouts()
    {
        const int Size = 20 * 1024 * 1024;
        const int Chunk = 256 * 1024;
        int requests = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (!context.Request.Path.Value!.Contains("/data/", StringComparison.Ordinal))
            {
                await Text(context, StatusCodes.Status200OK, InstanceJson, "application/json");
                return;
            }

            Interlocked.Increment(ref requests);
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = Size;
            byte[] chunk = new byte[Chunk];
            for (int offset = 0; offset < Size; offset += Chunk)
            {
                Fill(chunk, offset);
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);

                // 80 chunks, 75 ms apart: the body takes at least 6 s, longer than both timeouts below.
                await Task.Delay(75, context.RequestAborted);
            }
        });

        StorageClient storage = StorageClient.Create(AltinnEnvironment.Local(server.BaseUrl), new StaticTokenCredential("t"), o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(2);
            o.TotalTimeout = TimeSpan.FromSeconds(4);
        }, LeakWatch.LoggerFactory);

        // A first request warms the client and server up, so the download's headers come well within the timeouts.
        await Guard(storage.Instances.GetAsync(Instance));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long read = 0;
        await using (DataStream stream = await Guard(storage.Data.DownloadAsync(Instance, Guid.Parse("de000000-0000-4000-8000-0000000000d1"))))
        {
            byte[] buffer = new byte[81920];
            int n;
            while ((n = await Guard(stream.ReadAsync(buffer.AsMemory()).AsTask())) > 0)
            {
                hash.AppendData(buffer, 0, n);
                read += n;
            }
        }

        read.Should().Be(Size);
        hash.GetHashAndReset().Should().Equal(ExpectedHash(Size, Chunk));
        Volatile.Read(ref requests).Should().Be(1);
    }

    private static void Fill(byte[] chunk, int offset)
    {
        for (int i = 0; i < chunk.Length; i++) chunk[i] = (byte)((offset + i) % 251);
    }

    private static byte[] ExpectedHash(int size, int chunkSize)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] chunk = new byte[chunkSize];
        for (int offset = 0; offset < size; offset += chunkSize)
        {
            Fill(chunk, offset);
            hash.AppendData(chunk);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>Holds the request until the client goes away.</summary>
    private static async Task HangAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static Task Page(HttpContext context) =>
        Text(context, StatusCodes.Status200OK, """{"count":1,"next":null,"instances":[""" + InstanceJson + "]}", "application/json");

    private static Task Text(HttpContext context, int status, string body, string contentType = "text/plain")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body, Encoding.UTF8, context.RequestAborted);
    }

    /// <summary>Fails a call that hangs (as one without the timeouts would) instead of waiting minutes for it.</summary>
    private static Task<T> Guard<T>(Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(30));

    private static Task Guard(Task task) => task.WaitAsync(TimeSpan.FromSeconds(30));
}
