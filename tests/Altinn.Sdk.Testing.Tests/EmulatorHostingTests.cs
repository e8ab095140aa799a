using System.Net;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Testing.Tests;

public class EmulatorHostingTests
{
    [Fact]
    public async Task Starts_on_a_free_loopback_port_and_exposes_an_environment()
    {
        await using var emulator = await AltinnEmulator.StartAsync();

        emulator.BaseUrl.Host.Should().Be("127.0.0.1");
        emulator.BaseUrl.Port.Should().BePositive();
        emulator.PlatformBaseUrl.Should().Be(emulator.BaseUrl);
        emulator.AppBaseUrl(AppId.Parse("ttd/demo-app")).AbsoluteUri.Should().Be(emulator.BaseUrl.AbsoluteUri + "ttd/demo-app/");
        emulator.Environment.StorageBaseUrl.AbsoluteUri.Should().Be(emulator.BaseUrl.AbsoluteUri + "storage/api/v1/");
        emulator.Environment.MaskinportenIssuer.Should().Be(emulator.MaskinportenIssuer);
        emulator.Environment.IsAltinnHost(emulator.BaseUrl).Should().BeTrue();
    }

    [Fact]
    public async Task A_request_naming_another_host_is_refused_and_changes_nothing()
    {
        // DNS rebinding: a web page on evil.example points its name at 127.0.0.1 and calls the emulator; the browser
        // sends the page's own host name, which the emulator must refuse before minting a token or changing state.
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        int port = emulator.BaseUrl.Port;
        using var http = new HttpClient();
        string user = emulator.CreateUserToken(1337);
        string org = emulator.CreateOrgToken("ttd", "altinn:serviceowner/instances.read");

        async Task<HttpResponseMessage> SendAsync(string host, HttpMethod method, string path, string? token = null)
        {
            using var request = new HttpRequestMessage(method, new Uri(emulator.BaseUrl, path));
            request.Headers.Host = host;
            if (token is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return await http.SendAsync(request);
        }

        async Task<int> CountInstancesAsync()
        {
            using var response = await SendAsync($"127.0.0.1:{port}", HttpMethod.Get, "storage/api/v1/instances?appId=ttd/demo-app&size=1000", org);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return document.RootElement.GetProperty("instances").GetArrayLength();
        }

        int before = await CountInstancesAsync();
        foreach (string evil in new[] { "evil.example:5000", "evil.example", $"evil.example:{port}", $"127.0.0.1.evil.example:{port}", "localhost.evil.example", "127.0.0.2" })
        {
            using (var minted = await SendAsync(evil, HttpMethod.Get, "Home/GetTestUserToken/1337"))
            {
                minted.StatusCode.Should().Be(HttpStatusCode.BadRequest, evil);
                (await minted.Content.ReadAsStringAsync()).Should().NotContain("eyJ", "no token is minted");
            }

            using var created = await SendAsync(evil, HttpMethod.Post, "ttd/demo-app/instances?instanceOwnerPartyId=50001337", user);
            created.StatusCode.Should().Be(HttpStatusCode.BadRequest, evil);
        }

        (await CountInstancesAsync()).Should().Be(before, "a refused request changes nothing");

        foreach (string local in new[] { $"127.0.0.1:{port}", $"localhost:{port}", $"[::1]:{port}", "localhost", "LocalHost:8080" })
        {
            using var minted = await SendAsync(local, HttpMethod.Get, "Home/GetTestUserToken/1337");
            minted.StatusCode.Should().Be(HttpStatusCode.OK, local);
        }

        using (var created = await SendAsync($"localhost:{port}", HttpMethod.Post, "ttd/demo-app/instances?instanceOwnerPartyId=50001337", user))
        {
            created.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        (await CountInstancesAsync()).Should().Be(before + 1);
    }

    [Fact]
    public async Task Two_emulators_run_side_by_side()
    {
        await using var first = await AltinnEmulator.StartAsync();
        await using var second = await AltinnEmulator.StartAsync();
        first.BaseUrl.Port.Should().NotBe(second.BaseUrl.Port);
    }

    [Fact]
    public async Task Every_request_is_logged_with_its_status()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(emulator.BaseUrl, "no/such/route?x=1"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var logged = emulator.Requests.Should().ContainSingle().Subject;
        logged.Method.Should().Be("GET");
        logged.PathAndQuery.Should().Be("/no/such/route?x=1");
        logged.Status.Should().Be(404);
        logged.IsWrite.Should().BeFalse();
        emulator.ClearRequests();
        emulator.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Requests_are_listed_in_order_of_arrival_not_of_completion()
    {
        var faults = new EmulatorFaultOptions { Rate = 1, Kinds = EmulatorFaultKinds.Latency, Latency = TimeSpan.FromSeconds(2) };
        faults.ExcludedPaths.Add("/fast");
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { Faults = faults });
        using var http = new HttpClient();

        // The slow request waits 2 s in its latency; the fast one is sent well after it arrived and is answered first.
        Task<HttpResponseMessage> slow = http.GetAsync(new Uri(emulator.BaseUrl, "slow"));
        await Task.Delay(300);
        using (var fast = await http.GetAsync(new Uri(emulator.BaseUrl, "fast"))) emulator.Requests.Select(r => r.PathAndQuery).Should().Equal("/fast");

        using var slowResponse = await slow;
        emulator.Requests.Select(r => r.PathAndQuery).Should().Equal(["/slow", "/fast"], "the slow request arrived first, though it was answered last");
    }

    [Fact]
    public async Task Faults_are_injected_at_the_chosen_rate_and_repeat_with_the_seed()
    {
        async Task<int[]> RunAsync()
        {
            await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions
            {
                Faults = new EmulatorFaultOptions { Rate = 0.5, Seed = 42, Kinds = EmulatorFaultKinds.TooManyRequests | EmulatorFaultKinds.ServiceUnavailable, RetryAfter = TimeSpan.FromSeconds(3) },
            });
            using var http = new HttpClient();
            var statuses = new List<int>();
            for (int i = 0; i < 200; i++)
            {
                using var response = await http.GetAsync(new Uri(emulator.BaseUrl, "x"));
                statuses.Add((int)response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests) response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3));
            }

            emulator.Requests.Count(r => r.Fault != EmulatorFaultKinds.None).Should().Be(statuses.Count(s => s != 404));
            return [.. statuses];
        }

        int[] first = await RunAsync();
        int[] second = await RunAsync();

        first.Should().Equal(second, "the same seed gives the same faults");
        first.Count(s => s is 429 or 503).Should().BeInRange(70, 130, "about half of 200 requests");
        first.Should().Contain(429).And.Contain(503);
    }

    [Fact]
    public async Task A_dropped_connection_is_a_network_error_for_the_client()
    {
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions
        {
            Faults = new EmulatorFaultOptions { Rate = 1, Kinds = EmulatorFaultKinds.DropConnection },
        });
        using var http = new HttpClient();

        var act = () => http.GetAsync(new Uri(emulator.BaseUrl, "storage/api/v1/instances"));

        await act.Should().ThrowAsync<HttpRequestException>();

        // The server logs the request after it drops the connection, which may be after the client has seen it drop.
        for (int i = 0; i < 100 && emulator.Requests.Count == 0; i++) await Task.Delay(20);
        emulator.Requests.Should().ContainSingle().Which.Status.Should().Be(0);
    }

    [Fact]
    public async Task Adding_an_app_validates_its_id()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        var act = () => emulator.AddApp(new ApplicationMetadata { Id = "TTD/Bad" });
        act.Should().Throw<ArgumentException>().WithMessage("*'TTD/Bad' is not a valid app id*");
        emulator.AddApp(new ApplicationMetadata { Id = "ttd/good-app" });
    }

    [Fact]
    public async Task Tokens_name_the_caller_and_unknown_orgs_and_users_are_refused()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        emulator.CreateOrgToken("ttd").Should().StartWith("eyJ").And.Contain(".");
        FluentActions.Invoking(() => emulator.CreateOrgToken("nope")).Should().Throw<ArgumentException>().WithMessage("*does not know the org 'nope'*");
        FluentActions.Invoking(() => emulator.CreateUserToken(12345)).Should().Throw<ArgumentException>().WithMessage("*does not know user 12345*");
        emulator.AddPersonParty(50001337, "01017012345", "Sophie Salt");
        emulator.AddUser(1337, 50001337);
        emulator.CreateUserToken(1337).Should().StartWith("eyJ");
        emulator.CreateSystemUserToken("312345678").Should().StartWith("eyJ");
    }
}
