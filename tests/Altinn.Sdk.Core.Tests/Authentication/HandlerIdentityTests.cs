using System.Net;
using System.Text.Json;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Altinn.Sdk.Tests.Authentication;

public class HandlerIdentityTests
{
    private static Task<LoopbackServer> StartEchoServerAsync() =>
        LoopbackServer.StartAsync(context => context.Response.WriteAsync(context.Request.Headers.Authorization.ToString()));

    [Fact]
    public async Task Concurrent_requests_for_two_system_users_each_carry_their_own_system_users_token()
    {
        await using var server = await StartEchoServerAsync();
        var credential = new CountingCredential();
        var logger = HandlerHarness.TraceLogger();
        using var client = HandlerHarness.Client(credential, HandlerHarness.LocalContext(server.BaseUri), logger);
        string[] organisations = ["310000000", "310000019"];

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            string organisation = organisations[i % 2];
            using var request = new HttpRequestMessage(HttpMethod.Get, server.Url($"ttd/app/instances?i={i}"))
                .SetAltinnRequestOptions(new AltinnRequestOptions { SystemUser = new SystemUserContext(organisation) });
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return (Expected: organisation, Echoed: await response.Content.ReadAsStringAsync());
        }));

        server.Requests.Should().HaveCount(200);
        results.Should().AllSatisfy(result =>
        {
            JsonElement payload = TestJwt.Payload(TestJwt.FromHeader(result.Echoed));
            payload.GetProperty("org").GetString().Should().Be(result.Expected);
        });
        results.Select(r => r.Echoed).Should().OnlyHaveUniqueItems("the test credential mints a token per call");
        credential.Requests.Should().HaveCount(200);
        credential.Requests.Count(r => r.Context.SystemUser!.OrganisationNumber == "310000000").Should().Be(100);
        credential.Requests.Count(r => r.Context.SystemUser!.OrganisationNumber == "310000019").Should().Be(100);
        logger.ShouldContainNoToken();
    }

    [Fact]
    public async Task A_per_call_credential_and_scopes_replace_the_defaults_for_that_request_only()
    {
        await using var server = await StartEchoServerAsync();
        var defaultCredential = new CountingCredential("default");
        var otherCredential = new CountingCredential("other");
        using var client = HandlerHarness.Client(defaultCredential, HandlerHarness.LocalContext(server.BaseUri));

        using var first = new HttpRequestMessage(HttpMethod.Get, server.Url("a"))
            .SetAltinnRequestOptions(new AltinnRequestOptions { Credential = otherCredential, Scopes = ["altinn:events.subscribe"] });
        using var firstResponse = await client.SendAsync(first);
        using var secondResponse = await client.GetAsync(server.Url("b"));

        JsonElement firstToken = TestJwt.Payload(TestJwt.FromHeader(await firstResponse.Content.ReadAsStringAsync()));
        JsonElement secondToken = TestJwt.Payload(TestJwt.FromHeader(await secondResponse.Content.ReadAsStringAsync()));
        firstToken.GetProperty("iss").GetString().Should().Be("other");
        firstToken.GetProperty("scope").GetString().Should().Be("altinn:events.subscribe");
        secondToken.GetProperty("iss").GetString().Should().Be("default");
        secondToken.GetProperty("scope").GetString().Should().Be(HandlerHarness.Scope);
        otherCredential.Requests.Should().ContainSingle().Which.Context.Environment.Should().Be(AltinnEnvironment.Local(server.BaseUri));
        defaultCredential.Calls.Should().Be(1);
    }

    [Fact]
    public void Request_options_round_trip_on_a_request_and_null_removes_them()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://platform.tt02.altinn.no/");
        var options = new AltinnRequestOptions { SystemUser = new SystemUserContext("0192:310000000", "ref-1") };

        request.GetAltinnRequestOptions().Should().BeNull();
        request.SetAltinnRequestOptions(options).Should().BeSameAs(request);
        request.GetAltinnRequestOptions().Should().BeSameAs(options);
        request.SetAltinnRequestOptions(null);
        request.GetAltinnRequestOptions().Should().BeNull();
    }

    [Fact]
    public async Task Invalid_per_call_scopes_fail_before_any_request_is_sent()
    {
        await using var server = await StartEchoServerAsync();
        using var client = HandlerHarness.Client(new CountingCredential(), HandlerHarness.LocalContext(server.BaseUri));
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Url("a"))
            .SetAltinnRequestOptions(new AltinnRequestOptions { Scopes = ["two words"] });

        Func<Task> send = () => client.SendAsync(request);

        await send.Should().ThrowAsync<ArgumentException>();
        server.Requests.Should().BeEmpty();
    }
}
