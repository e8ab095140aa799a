using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Tests.Authentication;
using Altinn.Sdk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Xunit.Abstractions;

namespace Altinn.Sdk.Tests.DependencyInjection;

/// <summary>The whole pipeline as an integrator gets it from AddAltinn + AddAltinnPipeline, over loopback.</summary>
public class AltinnPipelineTests(ITestOutputHelper output)
{
    private static readonly Regex s_jwt = new(@"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*");
    private const string StaticToken = "static.test.token";

    private static ServiceProvider Build(AltinnEnvironment environment, Action<AltinnOptions> configure, TimeProvider? clock = null, FakeLoggerProvider? logs = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(environment);
        if (clock is not null) services.AddSingleton(clock);
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Trace).AddLeakWatch();
            if (logs is not null) b.AddProvider(logs);
        });
        services.AddAltinn(configure);
        services.AddHttpClient("api").AddAltinnPipeline();
        return services.BuildServiceProvider();
    }

    private static HttpClient Client(ServiceProvider provider) => provider.GetRequiredService<IHttpClientFactory>().CreateClient("api");

    [Fact]
    public async Task Thousand_concurrent_requests_with_a_cold_cache_cause_one_grant_and_one_exchange()
    {
        using var rsa = RSA.Create(2048);
        await using var maskinporten = await FakeMaskinporten.StartAsync();
        await using var altinn = await FakeAltinnAuthentication.StartAsync();
        var seen = new ConcurrentBag<string>();
        altinn.Api = context =>
        {
            seen.Add(context.Request.Headers.Authorization.ToString());
            return context.Response.WriteAsync("{}");
        };
        var logs = new FakeLoggerProvider();
        await using var provider = Build(altinn.Environment(maskinporten), o =>
        {
            o.Maskinporten.ClientId = "client-1";
            o.Maskinporten.Jwk = TestKeys.ToPrivateJwk(rsa, "kid-1");
            o.Scopes.Add("altinn:serviceowner/instances.read");
        }, logs: logs);
        var client = Client(provider);
        var url = new Uri(altinn.BaseUri, "storage/api/v1/instances?appId=ttd/apps-test");

        var clock = Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, 1000).Select(async _ =>
        {
            using var response = await client.GetAsync(url);
            return response.StatusCode;
        }));
        clock.Stop();
        output.WriteLine($"1,000 concurrent requests through the pipeline, cold cache: {clock.ElapsedMilliseconds} ms, {maskinporten.Grants} grant(s), {altinn.Exchanges} exchange(s).");

        responses.Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.OK));
        maskinporten.Grants.Should().Be(1);
        altinn.Exchanges.Should().Be(1);
        altinn.ExchangedTokens.Should().ContainSingle().Which.Should().Be(maskinporten.IssuedTokens.Single(), "the Maskinporten token is what gets exchanged");
        seen.Should().HaveCount(1000);
        seen.Distinct().Should().ContainSingle().Which.Should().StartWith("Bearer eyJ", "the APIs get the exchanged Altinn token, not the Maskinporten token");
        logs.Collector.GetSnapshot().Select(r => r.Message + " " + r.Exception).Should().NotContain(m => s_jwt.IsMatch(m));
    }

    [Fact]
    public async Task Tokens_are_refreshed_ahead_of_expiry_and_never_sent_expired()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        using var rsa = RSA.Create(2048);
        await using var maskinporten = await FakeMaskinporten.StartAsync();

        // One Maskinporten token for the whole run, so the Altinn token's own lifetime decides (a renewed Maskinporten
        // token is exchanged anew).
        maskinporten.ExpiresIn = 3 * 3600;
        await using var altinn = await FakeAltinnAuthentication.StartAsync(clock);
        var sent = new ConcurrentQueue<(DateTimeOffset At, DateTimeOffset Expires, string Token)>();
        altinn.Api = context =>
        {
            string token = context.Request.Headers.Authorization.ToString().Substring("Bearer ".Length);
            sent.Enqueue((clock.GetUtcNow(), new JsonWebToken(token).ValidTo, token));
            return Task.CompletedTask;
        };
        await using var provider = Build(altinn.Environment(maskinporten), o =>
        {
            o.Maskinporten.ClientId = "client-1";
            o.Maskinporten.Jwk = TestKeys.ToPrivateJwk(rsa, "kid-1");
            o.Scopes.Add("altinn:serviceowner/instances.read");
        }, clock);
        var client = Client(provider);
        var url = new Uri(altinn.BaseUri, "storage/api/v1/instances?appId=ttd/apps-test");

        // Every 3 minutes for 2 hours: the 30-minute Altinn token must be replaced before it runs out.
        for (int minute = 0; minute <= 120; minute += 3)
        {
            (await client.GetAsync(url)).EnsureSuccessStatusCode();
            clock.Advance(TimeSpan.FromMinutes(3));
        }

        sent.Should().HaveCount(41);
        sent.Should().AllSatisfy(s => (s.Expires - s.At).Should().BeGreaterThan(TimeSpan.FromSeconds(30), "a token is never sent within 30 s of its expiry"));
        int tokens = sent.Select(s => s.Token).Distinct().Count();
        tokens.Should().BeInRange(5, 6, "a 30-minute token is refreshed at 80 % of its lifetime, about every 24 minutes");
        altinn.Exchanges.Should().Be(tokens);
        output.WriteLine($"2 hours, 41 requests: {altinn.Exchanges} exchanges, {maskinporten.Grants} grants.");
    }

    [Fact]
    public async Task Safe_requests_are_retried_on_transient_failures_and_unsafe_ones_are_not()
    {
        int calls = 0;
        await using var api = await LoopbackServer.StartAsync(context =>
        {
            // Two 503s, then success, per request path.
            bool fail = Interlocked.Increment(ref calls) % 3 != 0;
            context.Response.StatusCode = fail ? 503 : 200;
            return Task.CompletedTask;
        });
        await using var provider = Build(AltinnEnvironment.Local(api.BaseUri), o => o.Token = StaticToken);
        var client = Client(provider);

        using (var get = await client.GetAsync(api.Url("storage/api/v1/instances/1/2")))
        {
            get.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        api.Requests.Should().HaveCount(3).And.AllSatisfy(r => r.Authorization.Should().Be("Bearer " + StaticToken));

        Interlocked.Exchange(ref calls, 0);
        using (var post = await client.PostAsync(api.Url("ttd/app/instances/1/2/process/next"), new StringContent("{}")))
        {
            post.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "a POST may have been applied; it is not sent twice");
        }

        api.Requests.Should().HaveCount(4);

        Interlocked.Exchange(ref calls, 0);
        using (var marked = new HttpRequestMessage(HttpMethod.Put, api.Url("storage/api/v1/instances/1/2/substatus")) { Content = new StringContent("""{"label":"x"}""") })
        {
            using var response = await client.SendAsync(marked.MarkRetrySafe());
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        api.Requests.Should().HaveCount(7);
        api.Requests.Skip(4).Should().AllSatisfy(r => System.Text.Encoding.UTF8.GetString(r.Body).Should().Be("""{"label":"x"}"""));

        Interlocked.Exchange(ref calls, 0);
        using (var stream = new HttpRequestMessage(HttpMethod.Put, api.Url("storage/api/v1/instances/1/2/data/3")) { Content = new StreamContent(new MemoryStream([1, 2, 3])) })
        {
            using var response = await client.SendAsync(stream.MarkRetrySafe());
            response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "a stream body cannot be read twice");
        }

        api.Requests.Should().HaveCount(8);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Retry_After_is_honoured_on_the_injected_clock(bool asDate)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        int calls = 0;
        await using var api = await LoopbackServer.StartAsync(context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = asDate ? clock.GetUtcNow().AddSeconds(20).ToString("r", CultureInfo.InvariantCulture) : "20";
            }

            return Task.CompletedTask;
        });
        await using var provider = Build(AltinnEnvironment.Local(api.BaseUri), o => o.Token = StaticToken, clock);
        var pending = Client(provider).GetAsync(api.Url("storage/api/v1/instances/1/2"));

        await WaitUntil(() => api.Requests.Count == 1);
        await Task.Delay(300);
        pending.IsCompleted.Should().BeFalse("the retry waits for Retry-After on the injected clock");
        clock.Advance(TimeSpan.FromSeconds(19));
        await Task.Delay(300);
        pending.IsCompleted.Should().BeFalse();
        clock.Advance(TimeSpan.FromSeconds(1));

        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        api.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_Retry_After_past_the_total_timeout_returns_the_answer_at_once()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await using var api = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 503;
            context.Response.Headers.RetryAfter = "3600";
            return Task.CompletedTask;
        });
        await using var provider = Build(AltinnEnvironment.Local(api.BaseUri), o => o.Token = StaticToken, clock);

        // Waiting an hour would only end in the total timeout (5 minutes); the fake clock never gets there on its own.
        using var response = await Client(provider).GetAsync(api.Url("storage/api/v1/instances/1/2")).WaitAsync(TimeSpan.FromSeconds(10));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromHours(1), "the caller gets the answer saying when to come back");
        api.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_body_that_goes_silent_fails_its_read_after_the_idle_timeout_while_a_slow_steady_one_is_read_whole()
    {
        await using var api = await LoopbackServer.StartAsync(async context =>
        {
            bool stall = context.Request.Path.Value!.EndsWith("/stall", StringComparison.Ordinal);
            context.Response.ContentLength = 100;
            for (int chunk = 0; chunk < 10; chunk++)
            {
                await context.Response.Body.WriteAsync(new byte[10]);
                await context.Response.Body.FlushAsync();
                if (stall && chunk == 1)
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    return;
                }

                await Task.Delay(300);
            }
        });
        await using var provider = Build(AltinnEnvironment.Local(api.BaseUri), o =>
        {
            o.Token = StaticToken;
            o.ReadIdleTimeout = TimeSpan.FromSeconds(2);
        });
        HttpClient http = Client(provider);

        // 10 chunks 300 ms apart: longer than the idle timeout in all, never silent for as long as it (loopback TCP
        // sometimes holds a small write back for up to a second, hence the wide margin).
        using (HttpResponseMessage steady = await http.GetAsync(api.Url("storage/api/v1/steady"), HttpCompletionOption.ResponseHeadersRead))
        {
            steady.Content.Headers.ContentLength.Should().Be(100, "the response's own headers are kept");
            (await steady.Content.ReadAsByteArrayAsync()).Should().HaveCount(100);
        }

        using HttpResponseMessage stalled = await http.GetAsync(api.Url("storage/api/v1/stall"), HttpCompletionOption.ResponseHeadersRead);
        await using Stream body = await stalled.Content.ReadAsStreamAsync();
        byte[] buffer = new byte[100];
        var watch = Stopwatch.StartNew();
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(20)); // without the idle timeout the read would never end
        Func<Task> readAll = async () =>
        {
            while (await body.ReadAsync(buffer, giveUp.Token) > 0)
            {
            }
        };
        IOException failure = (await readAll.Should().ThrowAsync<IOException>()).Which;
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
        failure.Message.Should().Contain("GET").And.Contain("/stall").And.Contain("Altinn:ReadIdleTimeout");
        failure.InnerException.Should().BeOfType<TimeoutException>();
    }

    [Fact]
    public async Task A_dropped_connection_on_a_get_is_retried_and_max_retries_zero_turns_retries_off()
    {
        int calls = 0;
        await using var api = await LoopbackServer.StartAsync(context =>
        {
            if (Interlocked.Increment(ref calls) == 1) context.Abort();
            return Task.CompletedTask;
        });
        await using (var provider = Build(AltinnEnvironment.Local(api.BaseUri), o => o.Token = StaticToken))
        {
            using var response = await Client(provider).GetAsync(api.Url("storage/api/v1/instances/1/2"));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            calls.Should().Be(2);
        }

        Interlocked.Exchange(ref calls, 0);
        await using (var provider = Build(AltinnEnvironment.Local(api.BaseUri), o => { o.Token = StaticToken; o.MaxRetries = 0; }))
        {
            var act = () => Client(provider).GetAsync(api.Url("storage/api/v1/instances/1/2"));
            await act.Should().ThrowAsync<HttpRequestException>();
            calls.Should().Be(1);
        }
    }

    [Fact]
    public async Task A_redirect_off_the_environment_carries_no_token_through_the_pipeline()
    {
        await using var foreign = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        await using var api = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = foreign.Url("collect").AbsoluteUri;
            return Task.CompletedTask;
        });
        await using var provider = Build(AltinnEnvironment.Local(api.BaseUri), o => o.Token = StaticToken);

        using var response = await Client(provider).GetAsync(api.Url("storage/api/v1/instances/1/2/data/3"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        api.Requests.Single().Authorization.Should().Be("Bearer " + StaticToken);
        foreign.Requests.Single().Authorization.Should().BeNull();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not become true in 10 seconds.");
            await Task.Delay(20);
        }
    }
}
