using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Altinn.Sdk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Altinn.Sdk.Tests.Authentication;

public class HandlerRedirectTests
{
    [Fact]
    public async Task A_redirect_to_another_loopback_server_carries_no_token()
    {
        await using var foreign = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        await using var altinn = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = foreign.Url("landing?x=1").AbsoluteUri;
            return Task.CompletedTask;
        });
        var credential = new CountingCredential();
        var logger = HandlerHarness.TraceLogger();
        using var client = HandlerHarness.Client(credential, HandlerHarness.LocalContext(altinn.BaseUri), logger);
        using var request = new HttpRequestMessage(HttpMethod.Get, altinn.Url("storage/api/v1/instances"));
        request.Headers.Add("person", "01017012345");
        request.Headers.Add("X-Ai-InstanceOwnerIdentifier", "person:01017012345");
        request.Headers.Add("X-Correlation", "abc");
        request.Headers.Add("Accept", "application/json");
        request.Headers.Add("User-Agent", "altinn-sdk-test/1.0");

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        altinn.Requests.Should().ContainSingle().Which.Header("X-Ai-InstanceOwnerIdentifier").Should().Be("person:01017012345");
        altinn.Requests[0].Authorization.Should().StartWith("Bearer ");
        ReceivedRequest landed = foreign.Requests.Should().ContainSingle().Subject;
        landed.PathAndQuery.Should().Be("/landing?x=1");
        landed.Authorization.Should().BeNull();

        // Only headers known to be harmless cross to another authority; anything else may be a secret or a national id.
        landed.Header("person").Should().BeNull();
        landed.Header("X-Ai-InstanceOwnerIdentifier").Should().BeNull();
        landed.Header("X-Correlation").Should().BeNull();
        landed.Header("Accept").Should().Be("application/json");
        landed.Header("User-Agent").Should().Be("altinn-sdk-test/1.0");
        response.RequestMessage!.RequestUri.Should().Be(foreign.Url("landing?x=1"));
        logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Name == "FollowingRedirect");
        logger.ShouldContainNoToken();
    }

    [Fact]
    public async Task A_redirect_on_the_configured_host_carries_the_token()
    {
        await using var altinn = await LoopbackServer.StartAsync(context =>
        {
            if (context.Request.Path == "/start")
            {
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = "/storage/api/v1/instances?page=2";
            }

            return Task.CompletedTask;
        });
        var credential = new CountingCredential();
        using var client = HandlerHarness.Client(credential, HandlerHarness.LocalContext(altinn.BaseUri));

        using var response = await client.GetAsync(altinn.Url("start"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        altinn.Requests.Should().HaveCount(2);
        altinn.Requests[1].PathAndQuery.Should().Be("/storage/api/v1/instances?page=2");
        altinn.Requests[1].Authorization.Should().StartWith("Bearer eyJ").And.Be(altinn.Requests[0].Authorization);
        credential.Calls.Should().Be(1);
    }

    [Fact]
    public async Task A_foreign_host_redirecting_to_the_configured_host_cannot_obtain_an_authenticated_request()
    {
        await using var altinn = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        await using var foreign = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = altinn.Url("storage/api/v1/instances/1/2").AbsoluteUri;
            return Task.CompletedTask;
        });
        var credential = new CountingCredential();
        var logger = HandlerHarness.TraceLogger();
        using var client = HandlerHarness.Client(credential, HandlerHarness.LocalContext(altinn.BaseUri), logger);

        using var response = await client.DeleteAsync(foreign.Url("innocent"));

        foreign.Requests.Should().ContainSingle().Which.Authorization.Should().BeNull();
        altinn.Requests.Should().ContainSingle().Which.Authorization.Should().BeNull();
        credential.Calls.Should().Be(0);
        logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Name == "TokenWithheldAfterForeignRedirect");
    }

    [Fact]
    public async Task A_user_supplied_Authorization_header_does_not_follow_a_redirect_to_another_host()
    {
        await using var foreign = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        await using var altinn = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = foreign.Url("elsewhere").AbsoluteUri;
            return Task.CompletedTask;
        });
        using var client = HandlerHarness.Client(new CountingCredential(), HandlerHarness.LocalContext(altinn.BaseUri));
        using var request = new HttpRequestMessage(HttpMethod.Get, altinn.Url("start"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "my-own-token");

        using var response = await client.SendAsync(request);

        altinn.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Bearer my-own-token");
        foreign.Requests.Should().ContainSingle().Which.Authorization.Should().BeNull();
    }

    [Fact]
    public async Task A_redirect_on_the_same_authority_keeps_every_header()
    {
        await using var altinn = await LoopbackServer.StartAsync(context =>
        {
            if (context.Request.Path == "/start")
            {
                context.Response.StatusCode = 307;
                context.Response.Headers.Location = "/next";
            }

            return Task.CompletedTask;
        });
        using var client = HandlerHarness.Client(new CountingCredential(), HandlerHarness.LocalContext(altinn.BaseUri));
        using var request = new HttpRequestMessage(HttpMethod.Get, altinn.Url("start"));
        request.Headers.Add("X-Ai-InstanceOwnerIdentifier", "person:01017012345");

        using var response = await client.SendAsync(request);

        altinn.Requests.Should().HaveCount(2);
        altinn.Requests[1].Header("X-Ai-InstanceOwnerIdentifier").Should().Be("person:01017012345");
    }

    [Fact]
    public async Task A_user_supplied_Authorization_header_is_not_reattached_when_the_chain_comes_back_to_its_host()
    {
        LoopbackServer? altinnServer = null;
        await using var foreign = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = altinnServer!.Url("back").AbsoluteUri;
            return Task.CompletedTask;
        });
        await using var altinn = await LoopbackServer.StartAsync(context =>
        {
            if (context.Request.Path == "/start")
            {
                context.Response.StatusCode = 307;
                context.Response.Headers.Location = foreign.Url("elsewhere").AbsoluteUri;
            }

            return Task.CompletedTask;
        });
        altinnServer = altinn;
        using var client = HandlerHarness.Client(new CountingCredential(), HandlerHarness.LocalContext(altinn.BaseUri));
        using var request = new HttpRequestMessage(HttpMethod.Get, altinn.Url("start"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "my-own-token");

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        foreign.Requests.Should().ContainSingle().Which.Authorization.Should().BeNull();
        altinn.Requests.Select(r => (r.PathAndQuery, r.Authorization)).Should().Equal(
            ("/start", "Bearer my-own-token"),
            ("/back", (string?)null));
    }

    [Fact]
    public async Task A_303_turns_a_POST_into_a_GET_without_body()
    {
        await using var altinn = await LoopbackServer.StartAsync(context =>
        {
            if (context.Request.Path == "/create")
            {
                context.Response.StatusCode = 303;
                context.Response.Headers.Location = "/created/1";
            }

            return Task.CompletedTask;
        });
        using var client = HandlerHarness.Client(new CountingCredential(), HandlerHarness.LocalContext(altinn.BaseUri));
        using var body = new StringContent("payload", Encoding.UTF8, "text/plain");

        using var response = await client.PostAsync(altinn.Url("create"), body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        altinn.Requests.Select(r => r.Method).Should().Equal("POST", "GET");
        altinn.Requests[1].Body.Should().BeEmpty();
        altinn.Requests[1].Header("Content-Type").Should().BeNull();
        altinn.Requests[1].Authorization.Should().StartWith("Bearer ");
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_307_or_308_keeps_the_method_and_a_buffered_body(int status)
    {
        await using var altinn = await LoopbackServer.StartAsync(context =>
        {
            if (context.Request.Path == "/old")
            {
                context.Response.StatusCode = status;
                context.Response.Headers.Location = "/new";
            }

            return Task.CompletedTask;
        });
        using var client = HandlerHarness.Client(new CountingCredential(), HandlerHarness.LocalContext(altinn.BaseUri));
        using var body = new ByteArrayContent([1, 2, 3]);

        using var response = await client.PutAsync(altinn.Url("old"), body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        altinn.Requests.Select(r => r.Method).Should().Equal("PUT", "PUT");
        altinn.Requests[1].Body.Should().Equal(1, 2, 3);
        altinn.Requests[1].Authorization.Should().StartWith("Bearer ");
    }

    [Fact]
    public async Task A_307_with_a_stream_body_is_returned_not_followed()
    {
        await using var altinn = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = "/new";
            return Task.CompletedTask;
        });
        using var client = HandlerHarness.Client(new CountingCredential(), HandlerHarness.LocalContext(altinn.BaseUri));
        using var body = new StreamContent(new MemoryStream([1, 2, 3]));

        using var response = await client.PostAsync(altinn.Url("old"), body);

        response.StatusCode.Should().Be(HttpStatusCode.TemporaryRedirect);
        altinn.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task At_most_five_redirects_are_followed()
    {
        int hops = 0;
        await using var altinn = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = $"/hop/{Interlocked.Increment(ref hops)}";
            return Task.CompletedTask;
        });
        var logger = HandlerHarness.TraceLogger();
        using var client = HandlerHarness.Client(new CountingCredential(), HandlerHarness.LocalContext(altinn.BaseUri), logger);

        using var response = await client.GetAsync(altinn.Url("hop/0"));

        response.StatusCode.Should().Be(HttpStatusCode.Found);
        altinn.Requests.Should().HaveCount(6);
        altinn.Requests.Select(r => r.PathAndQuery).Should().Equal("/hop/0", "/hop/1", "/hop/2", "/hop/3", "/hop/4", "/hop/5");
        logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Name == "RedirectNotFollowed" && r.Message.Contains("too many redirects"));
        logger.ShouldContainNoToken();
    }

    [Fact]
    public async Task A_401_after_a_redirect_is_retried_once_on_that_hop()
    {
        int landings = 0;
        await using var altinn = await LoopbackServer.StartAsync(context =>
        {
            if (context.Request.Path == "/start")
            {
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = "/target";
            }
            else if (Interlocked.Increment(ref landings) == 1)
            {
                context.Response.StatusCode = 401;
            }

            return Task.CompletedTask;
        });
        var credential = new CountingCredential();
        using var client = HandlerHarness.Client(credential, HandlerHarness.LocalContext(altinn.BaseUri));

        using var response = await client.GetAsync(altinn.Url("start"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        altinn.Requests.Select(r => r.PathAndQuery).Should().Equal("/start", "/target", "/target");
        altinn.Requests[2].Authorization.Should().NotBe(altinn.Requests[1].Authorization);
        credential.Requests[1].RejectedToken.Should().Be(TestJwt.FromHeader(altinn.Requests[1].Authorization));
    }
}
