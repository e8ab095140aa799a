using System.Net;
using System.Text;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Diagnostics;
using Altinn.Sdk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Altinn.Sdk.Tests.Authentication;

public class HandlerRetryTests
{
    [Fact]
    public async Task A_401_is_retried_once_with_a_fresh_token_and_the_credential_learns_which_token_was_rejected()
    {
        int calls = 0;
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref calls) == 1 ? 401 : 200;
            return Task.CompletedTask;
        });
        using var retries = new MetricCollector<long>(AltinnTelemetry.UnauthorizedRetries);
        var credential = new CountingCredential();
        var logger = HandlerHarness.TraceLogger();
        using var client = HandlerHarness.Client(credential, HandlerHarness.LocalContext(server.BaseUri), logger);

        using var response = await client.GetAsync(server.Url("storage/api/v1/instances"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        server.Requests.Should().HaveCount(2);
        string first = TestJwt.FromHeader(server.Requests[0].Authorization);
        string second = TestJwt.FromHeader(server.Requests[1].Authorization);
        second.Should().NotBe(first);
        credential.Calls.Should().Be(2);
        credential.Requests[0].RejectedToken.Should().BeNull();
        credential.Requests[1].RejectedToken.Should().Be(first);
        credential.Requests[1].Context.Should().Be(credential.Requests[0].Context);
        retries.GetMeasurementSnapshot()
            .Where(m => Equals(m.Tags["server.port"], server.BaseUri.Port))
            .Sum(m => m.Value).Should().Be(1);
        logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Name == "UnauthorizedRetrying");
        logger.Collector.GetSnapshot().Where(r => r.Level == Microsoft.Extensions.Logging.LogLevel.Trace && r.Id.Name == "TokenAttached")
            .Should().HaveCount(2, "Trace records are captured, so the token check below covers them");
        logger.ShouldContainNoToken();
    }

    [Fact]
    public async Task A_second_401_is_returned_to_the_caller_without_another_retry()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Task.CompletedTask;
        });
        var credential = new CountingCredential();
        var logger = HandlerHarness.TraceLogger();
        using var client = HandlerHarness.Client(credential, HandlerHarness.LocalContext(server.BaseUri), logger);

        using var response = await client.GetAsync(server.Url("events/api/v1/events"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
        server.Requests.Should().HaveCount(2);
        server.Requests[0].Authorization.Should().NotBe(server.Requests[1].Authorization);
        credential.Calls.Should().Be(2);
        logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Name == "UnauthorizedAfterRetry");
        logger.ShouldContainNoToken();
    }

    [Fact]
    public async Task A_401_to_a_stream_body_is_not_retried()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 401;
            return Task.CompletedTask;
        });
        var credential = new CountingCredential();
        var logger = HandlerHarness.TraceLogger();
        using var client = HandlerHarness.Client(credential, HandlerHarness.LocalContext(server.BaseUri), logger);
        using var body = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("pdf bytes")));

        using var response = await client.PostAsync(server.Url("ttd/app/instances/1/data"), body);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        server.Requests.Should().ContainSingle();
        server.Requests[0].Authorization.Should().StartWith("Bearer ");
        credential.Calls.Should().Be(1);
        logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Name == "UnauthorizedNotReplayable");
        logger.ShouldContainNoToken();
    }

    [Fact]
    public async Task A_401_to_a_buffered_body_is_retried_with_the_same_body()
    {
        int calls = 0;
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref calls) == 1 ? 401 : 201;
            return Task.CompletedTask;
        });
        var credential = new CountingCredential();
        using var client = HandlerHarness.Client(credential, HandlerHarness.LocalContext(server.BaseUri));
        using var body = new StringContent("""{"type":"app.instance.created"}""", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(server.Url("events/api/v1/subscriptions"), body);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        server.Requests.Should().HaveCount(2);
        server.Requests.Select(r => Encoding.UTF8.GetString(r.Body)).Should().AllBe("""{"type":"app.instance.created"}""");
        server.Requests.Select(r => r.Method).Should().AllBe("POST");
        server.Requests[1].Header("Content-Type").Should().StartWith("application/json");
    }

    [Fact]
    public async Task A_403_is_not_retried()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 403;
            return Task.CompletedTask;
        });
        var credential = new CountingCredential();
        using var client = HandlerHarness.Client(credential, HandlerHarness.LocalContext(server.BaseUri));

        using var response = await client.DeleteAsync(server.Url("ttd/app/instances/1/2"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        server.Requests.Should().ContainSingle();
        credential.Calls.Should().Be(1);
    }

    [Fact]
    public async Task An_expired_token_from_the_credential_is_not_sent_and_the_error_does_not_contain_it()
    {
        await using var server = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var credential = new CountingCredential(timeProvider: time) { Lifetime = TimeSpan.FromSeconds(-1) };
        var logger = HandlerHarness.TraceLogger();
        using var client = HandlerHarness.Client(credential, HandlerHarness.LocalContext(server.BaseUri), logger, time);

        Func<Task> send = () => client.GetAsync(server.Url("storage/api/v1/instances"));

        var error = (await send.Should().ThrowAsync<InvalidOperationException>()).Which;
        error.Message.Should().Contain("expired");
        TestJwt.Pattern.IsMatch(error.ToString()).Should().BeFalse();
        server.Requests.Should().BeEmpty();
        logger.ShouldContainNoToken();
    }

    [Fact]
    public async Task Cancellation_reaches_the_credential()
    {
        await using var server = await LoopbackServer.StartAsync(_ => Task.CompletedTask);
        var credential = new WaitingCredential();
        using var client = HandlerHarness.Client(credential, HandlerHarness.LocalContext(server.BaseUri));
        using var cancellation = new CancellationTokenSource();

        Task<HttpResponseMessage> send = client.GetAsync(server.Url("storage/api/v1/instances"), cancellation.Token);
        await credential.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        await send.Awaiting(t => t).Should().ThrowAsync<OperationCanceledException>();
        credential.SawCancellation.Should().BeTrue();
        server.Requests.Should().BeEmpty();
    }

    private sealed class WaitingCredential : AltinnCredential
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool SawCancellation { get; private set; }

        public override async ValueTask<AltinnAccessToken> GetTokenAsync(AltinnTokenRequest request, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                SawCancellation = true;
                throw;
            }

            throw new InvalidOperationException("unreachable");
        }
    }
}
