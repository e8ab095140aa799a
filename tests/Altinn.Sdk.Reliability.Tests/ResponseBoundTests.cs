using System.Text;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Events;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Microsoft.AspNetCore.Http;

namespace Altinn.Sdk.Reliability.Tests;

/// <summary>
/// Every response body the SDK reads into memory has a bound: a server (or anything in between) that answers with an
/// oversized body gets a clear error naming the bound and how to raise it, and an oversized error body is read only
/// as far as the error message needs. The server is a loopback server that streams the body without holding it.
/// </summary>
public sealed class ResponseBoundTests
{
    private const int DefaultBound = 16 * 1024 * 1024;
    private static readonly InstanceId Instance = InstanceId.Parse("50006000/de000000-0000-4000-8000-000000000001");
    private static readonly string InstanceStart = """{"id":"50006000/de000000-0000-4000-8000-000000000001","appId":"ttd/demo-app","org":"ttd","padding":""" + "\"";

    public static TheoryData<string> WholeReads => new()
    {
        "storage get raw", "storage get", "storage query", "storage query raw", "apps get", "apps create with data", "events feed",
    };

    [Theory]
    [MemberData(nameof(WholeReads))]
    public async Task An_answer_over_the_default_bound_fails_with_an_error_naming_the_bound_and_how_to_raise_it(string call)
    {
        // Valid JSON a little over the bound: without a bound the client would read (and accept) all of it.
        await using var server = await LoopbackServer.StartAsync(context => call switch
        {
            "storage query" or "storage query raw" => Json(context, """{"count":1,"next":null,"instances":[""" + InstanceStart, DefaultBound + 1024, "\"}]}"),
            // The app's metadata is not found (so the checks before the upload are skipped); the instance it creates is huge.
            "apps create with data" when context.Request.Method == "GET" => NotFound(context),
            "events feed" => Json(context, """[{"specversion":"1.0","id":"1","source":"https://example.com","type":"t","padding":""" + "\"", DefaultBound + 1024, "\"}]"),
            _ => Json(context, InstanceStart, DefaultBound + 1024, "\"}"),
        });

        var thrown = (await FluentActions.Awaiting(() => Call(server.BaseUrl, call, configure: null)).Should().ThrowAsync<HttpRequestException>()).Which;

        thrown.Message.Should().Contain("larger than 16 MiB").And.Contain("Altinn:MaxResponseBytes").And.Contain("MaxResponseContentBufferSize");
    }

    [Fact]
    public async Task The_bound_is_configurable()
    {
        await using var server = await LoopbackServer.StartAsync(context => Json(context, InstanceStart, 2 * 1024 * 1024, "\"}"));

        (await FluentActions.Awaiting(() => Call(server.BaseUrl, "storage get raw", o => o.MaxResponseBytes = 1024 * 1024)).Should().ThrowAsync<HttpRequestException>())
            .WithMessage("*larger than 1 MiB*");
        await Call(server.BaseUrl, "storage get raw", o => o.MaxResponseBytes = 3 * 1024 * 1024);
        await Call(server.BaseUrl, "storage get", o => o.MaxResponseBytes = 3 * 1024 * 1024);
    }

    [Theory]
    [InlineData("storage get")]
    [InlineData("apps get")]
    [InlineData("storage get raw")]
    public async Task A_huge_error_body_is_read_only_as_far_as_the_error_needs(string call)
    {
        // 32 MiB, more than socket buffers hold. A client that reads it all waits for the end of the body (the server
        // holds it back for a few seconds); a client that stops reading closes the connection, which aborts the request.
        var readAll = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            try
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                context.Response.ContentType = "text/plain";
                await WriteAsync(context, "Not found. ", 32 * 1024 * 1024, string.Empty);
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
            }
            finally
            {
                readAll.TrySetResult(!context.RequestAborted.IsCancellationRequested);
            }
        });

        var thrown = (await FluentActions.Awaiting(() => Call(server.BaseUrl, call, configure: null)).Should().ThrowAsync<AltinnRequestFailedException>()).Which;

        thrown.Status.Should().Be(404);
        thrown.ResponseText.Should().StartWith("Not found. aaaa");
        (await readAll.Task.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeFalse("the client stops reading an error body after its first 64 KiB");
    }

    [Fact]
    public async Task A_long_query_error_body_is_still_read_as_a_timeout()
    {
        // Storage's 400 that says the query timed out, followed by more text than the error bound.
        var sizes = new List<string>();
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            string size = context.Request.Query["size"].ToString();
            lock (sizes) sizes.Add(size);
            if (size == "25") return Json(context, """{"count":0,"next":null,"instances":[]}""", 0, string.Empty);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return WriteAsync(context, "The query timed out. ", 200 * 1024, string.Empty);
        });
        StorageClient storage = StorageClient.Create(AltinnEnvironment.Local(server.BaseUrl), new StaticTokenCredential("t"), o => o.MaxRetries = 0, LeakWatch.LoggerFactory);

        await foreach (Instance _ in storage.Instances.QueryAsync(new InstanceQuery(AppId.Parse("ttd/demo-app")) { PageSize = 100 })) { }

        sizes.Should().Equal("100", "50", "25");
    }

    private static async Task Call(Uri baseUrl, string call, Action<AltinnOptions>? configure)
    {
        var environment = AltinnEnvironment.Local(baseUrl);
        var credential = new StaticTokenCredential("eyJhbGciOiJub25lIn0.eyJzdWIiOiJib3VuZC10ZXN0In0.c2lnbmF0dXJl");
        void Configure(AltinnOptions o)
        {
            o.MaxRetries = 0;
            configure?.Invoke(o);
        }

        switch (call)
        {
            case "storage get raw":
                await StorageClient.Create(environment, credential, Configure, LeakWatch.LoggerFactory).Instances.GetRawAsync(Instance);
                break;
            case "storage get":
                await StorageClient.Create(environment, credential, Configure, LeakWatch.LoggerFactory).Instances.GetAsync(Instance);
                break;
            case "storage query":
                await foreach (Instance _ in StorageClient.Create(environment, credential, Configure, LeakWatch.LoggerFactory).Instances.QueryAsync(new InstanceQuery(AppId.Parse("ttd/demo-app")))) { }
                break;
            case "storage query raw":
                await foreach (InstanceJson _ in StorageClient.Create(environment, credential, Configure, LeakWatch.LoggerFactory).Instances.QueryRawAsync(new InstanceQuery(AppId.Parse("ttd/demo-app")))) { }
                break;
            case "apps get":
                await AppsClient.Create(environment, credential, Configure, LeakWatch.LoggerFactory).GetAppClient(AppId.Parse("ttd/demo-app")).Instances.GetAsync(Instance);
                break;
            case "apps create with data":
                await AppsClient.Create(environment, credential, Configure, LeakWatch.LoggerFactory).GetAppClient(AppId.Parse("ttd/demo-app")).Instances
                    .CreateAsync(InstanceOwnerReference.Party(50006000), [InstanceDataPart.FormData("model", "<model/>", FormDataFormat.Xml)]);
                break;
            case "events feed":
                await foreach (CloudEvent _ in EventsClient.Create(environment, credential, Configure, LeakWatch.LoggerFactory).GetEventsAsync(new AppEventsQuery(AppId.Parse("ttd/demo-app")) { After = "0" })) { }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(call), call, null);
        }
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static Task Json(HttpContext context, string start, int padding, string end)
    {
        context.Response.ContentType = "application/json";
        return WriteAsync(context, start, padding, end);
    }

    /// <summary>Streams <paramref name="start"/>, <paramref name="padding"/> letters 'a' and <paramref name="end"/>, without a Content-Length.</summary>
    private static async Task WriteAsync(HttpContext context, string start, int padding, string end)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(start), context.RequestAborted);
        byte[] chunk = Enumerable.Repeat((byte)'a', 64 * 1024).ToArray();
        for (int left = padding; left > 0; left -= chunk.Length)
        {
            await context.Response.Body.WriteAsync(chunk.AsMemory(0, Math.Min(left, chunk.Length)), context.RequestAborted);
        }

        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(end), context.RequestAborted);
    }
}
