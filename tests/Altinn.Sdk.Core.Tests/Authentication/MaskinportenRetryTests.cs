using System.Security.Cryptography;
using Altinn.Sdk.Authentication;
using Microsoft.Extensions.Time.Testing;

namespace Altinn.Sdk.Tests.Authentication;

/// <summary>
/// The back-off of Maskinporten token requests, read from the waits the credential asks its clock for: jittered (so
/// many clients that failed together do not come back together), bounded, and never for a refused client.
/// </summary>
public sealed class MaskinportenRetryTests : IAsyncLifetime
{
    private const string ClientId = "2f7a9c1e-0d3b-4a6f-9e8d-5c4b3a2f1e0d";
    private FakeMaskinporten _maskinporten = null!;
    private AltinnEnvironment _environment = null!;

    public async Task InitializeAsync()
    {
        _maskinporten = await FakeMaskinporten.StartAsync();
        _environment = AltinnEnvironment.Local(new Uri("http://127.0.0.1:1/"), _maskinporten.Issuer);
    }

    public async Task DisposeAsync() => await _maskinporten.DisposeAsync();

    [Fact]
    public async Task The_waits_between_attempts_are_jittered_and_bounded()
    {
        using RSA rsa = RSA.Create(2048);
        var clock = new WaitRecordingClock();
        var credential = new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromJwk(TestKeys.ToPrivateJwk(rsa, "k")), timeProvider: clock);

        // Eight token requests that each fail twice (503, then 429) and then get a token.
        for (int i = 0; i < 8; i++)
        {
            _maskinporten.NextAnswers.Enqueue((503, """{"error":"server_error"}"""));
            _maskinporten.NextAnswers.Enqueue((429, """{"error":"too_many_requests"}"""));
            Task<AltinnAccessToken> pending = credential.GetTokenAsync(new AltinnTokenRequest(new AltinnTokenContext(_environment, ["scope" + i])), CancellationToken.None).AsTask();
            await clock.AdvanceUntilDoneAsync(pending);
        }

        _maskinporten.Assertions.Should().HaveCount(8 * 3);
        List<TimeSpan> waits = clock.Waits;
        waits.Should().HaveCount(8 * 2);
        List<TimeSpan> first = waits.Where((_, i) => i % 2 == 0).ToList();
        List<TimeSpan> second = waits.Where((_, i) => i % 2 == 1).ToList();
        first.Should().OnlyContain(w => w > TimeSpan.Zero && w < TimeSpan.FromSeconds(2), "the first wait is about a second");
        first.Distinct().Should().HaveCountGreaterThan(1, "the waits are jittered, not the same second for every client");
        second.Should().OnlyContain(w => w > TimeSpan.Zero && w < TimeSpan.FromSeconds(3), "the second wait is about two seconds");
        second.Distinct().Should().HaveCountGreaterThan(1);
    }

    [Fact]
    public async Task An_invalid_client_is_not_tried_again()
    {
        using RSA rsa = RSA.Create(2048);
        var clock = new WaitRecordingClock();
        var credential = new MaskinportenCredential(ClientId, MaskinportenSigningKey.FromJwk(TestKeys.ToPrivateJwk(rsa, "k")), timeProvider: clock);
        _maskinporten.Error = (400, """{"error":"invalid_client","error_description":"Client not found"}""");

        // Bounded: were the refusal retried, its back-off would wait on the fake clock for ever.
        var thrown = await FluentActions.Awaiting(() => credential.GetTokenAsync(new AltinnTokenRequest(new AltinnTokenContext(_environment, ["s"])), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30)))
            .Should().ThrowAsync<AltinnAuthenticationException>();

        thrown.Which.Error.Should().Be("invalid_client");
        _maskinporten.Assertions.Should().ContainSingle();
        clock.Waits.Should().BeEmpty();
    }

    /// <summary>A fake clock that records the waits asked of it.</summary>
    private sealed class WaitRecordingClock() : FakeTimeProvider(DateTimeOffset.UtcNow)
    {
        private readonly List<TimeSpan> _waits = [];

        public List<TimeSpan> Waits
        {
            get
            {
                lock (_waits) return [.. _waits];
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                lock (_waits) _waits.Add(dueTime);
            }

            return base.CreateTimer(callback, state, dueTime, period);
        }

        /// <summary>Moves the clock 100 ms at a time (the back-off waits on it) until the task ends.</summary>
        public async Task<T> AdvanceUntilDoneAsync<T>(Task<T> task)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (!task.IsCompleted)
            {
                await Task.Delay(5, timeout.Token);
                Advance(TimeSpan.FromMilliseconds(100));
            }

            return await task;
        }
    }
}
