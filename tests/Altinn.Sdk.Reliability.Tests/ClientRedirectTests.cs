using System.Collections.Concurrent;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Events;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Altinn.Sdk.Reliability.Tests;

/// <summary>
/// A redirect from the Altinn host to another host never carries the Authorization header, through each client's public
/// API (the handler and the bare pipeline are covered by the Core tests). The "foreign" host is a second loopback server
/// on another port; it reports what it received.
/// </summary>
public sealed class ClientRedirectTests
{
    private const string Token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJyZWRpcmVjdC10ZXN0In0.c2lnbmF0dXJl";
    private static readonly InstanceId Instance = InstanceId.Parse("50006000/de000000-0000-4000-8000-000000000001");
    private static readonly Guid Element = Guid.Parse("da000000-0000-4000-8000-000000000011");

    public static TheoryData<string> Calls => new() { "storage download", "storage instance", "apps download", "apps instance", "events feed" };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task A_redirect_to_another_host_reaches_it_without_the_token(string call)
    {
        await using var foreign = await Server.StartAsync(context =>
        {
            context.Response.ContentType = call == "events feed" ? "application/cloudevents+json" : "application/octet-stream";
            return context.Response.WriteAsync(call == "events feed" ? "[]" : "content");
        });
        await using var altinn = await Server.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = new Uri(foreign.BaseUrl, "landing" + context.Request.Path).AbsoluteUri;
            return Task.CompletedTask;
        });
        var environment = AltinnEnvironment.Local(altinn.BaseUrl);
        var credential = new StaticTokenCredential(Token);
        AppClient app = AppsClient.Create(environment, credential, o => o.MaxRetries = 0, loggerFactory: LeakWatch.LoggerFactory).GetAppClient(AppId.Parse("ttd/demo-app"));
        StorageClient storage = StorageClient.Create(environment, credential, o => o.MaxRetries = 0, loggerFactory: LeakWatch.LoggerFactory);
        EventsClient events = EventsClient.Create(environment, credential, o => o.MaxRetries = 0, loggerFactory: LeakWatch.LoggerFactory);

        // Whether the client then accepts the foreign answer does not matter here; what the foreign host received does.
        _ = await Record.ExceptionAsync(async () =>
        {
            switch (call)
            {
                case "storage download":
                    await using (DataStream s = await storage.Data.DownloadAsync(Instance, Element)) await s.CopyToAsync(Stream.Null);
                    break;
                case "storage instance":
                    await storage.Instances.GetAsync(Instance);
                    break;
                case "apps download":
                    await using (DataStream s = await app.Data.DownloadAsync(Instance, Element)) await s.CopyToAsync(Stream.Null);
                    break;
                case "apps instance":
                    await app.Instances.GetAsync(Instance);
                    break;
                case "events feed":
                    await foreach (CloudEvent _ in events.GetEventsAsync(new AppEventsQuery(AppId.Parse("ttd/demo-app")) { After = "0" })) { }
                    break;
            }
        });

        altinn.Received.Should().NotBeEmpty().And.AllSatisfy(r => r.Authorization.Should().Be("Bearer " + Token, "the Altinn host gets the token"));
        foreign.Received.Should().NotBeEmpty($"the client followed the redirect ({call})")
            .And.AllSatisfy(r => r.Authorization.Should().BeNull("a foreign host never gets the token"));
    }

    [Fact]
    public async Task A_query_for_a_person_redirected_to_another_host_does_not_carry_the_national_identity_number()
    {
        await using var foreign = await Server.StartAsync(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("""{"count":0,"instances":[]}""");
        });
        await using var altinn = await Server.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = new Uri(foreign.BaseUrl, "landing" + context.Request.Path).AbsoluteUri;
            return Task.CompletedTask;
        });
        StorageClient storage = StorageClient.Create(AltinnEnvironment.Local(altinn.BaseUrl), new StaticTokenCredential(Token), o => o.MaxRetries = 0, loggerFactory: LeakWatch.LoggerFactory);

        await foreach (Instance _ in storage.Instances.QueryAsync(InstanceQuery.ForInstanceOwner(InstanceOwnerIdentifier.Person("03037010048")))) { }

        altinn.Received.Should().ContainSingle().Which.OwnerIdentifier.Should().Be("person:03037010048");
        foreign.Received.Should().ContainSingle("the client followed the redirect").Which.OwnerIdentifier.Should().BeNull(
            "a national identity number never goes to another host");
    }

    private sealed record Received(string Path, string? Authorization, string? OwnerIdentifier = null);

    /// <summary>A loopback HTTP server that records each request's path and Authorization header.</summary>
    private sealed class Server : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<Received> _received = new();

        private Server(WebApplication app) => _app = app;

        public Uri BaseUrl { get; private set; } = null!;

        public IReadOnlyList<Received> Received => _received.ToArray();

        public static async Task<Server> StartAsync(RequestDelegate handler)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var server = new Server(app);
            app.Run(context =>
            {
                string? authorization = context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null;
                string? owner = context.Request.Headers.TryGetValue(InstanceOwnerIdentifier.HeaderName, out var values) ? values.ToString() : null;
                server._received.Enqueue(new Received(context.Request.Path, authorization, owner));
                return handler(context);
            });
            await app.StartAsync();
            server.BaseUrl = new Uri(app.Urls.First().TrimEnd('/') + "/");
            return server;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
