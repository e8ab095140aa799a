using System.Net;
using Altinn.Sdk.Models;
using Microsoft.Extensions.Time.Testing;

namespace Altinn.Sdk.Testing.Tests.Events;

public class WebhookDeliveryTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Events_are_delivered_only_after_the_validation_handshake_succeeds()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { TimeProvider = clock });
        await using var webhook = await WebhookReceiver.StartAsync();
        webhook.Respond = (request, before) => before == 0 ? 503 : 200; // the first validation attempt fails
        using var http = new HttpClient();
        string token = emulator.CreateOrgToken("ttd");

        int id = await SubscribeAsync(http, emulator, token, webhook.Url);
        await EventsTestSupport.EventuallyAsync(() => webhook.Received.Count == 1, "the first validation attempt");
        webhook.Received[0].Type.Should().Be(EventsTestSupport.ValidationType);
        webhook.Received[0].PathAndQuery.Should().Be(webhook.Url.PathAndQuery);

        var early = emulator.Publish(50001);
        await Task.Delay(200);
        webhook.Events.Should().BeEmpty("the subscription is not validated yet");
        (await IsValidatedAsync(http, emulator, token, id)).Should().BeFalse();

        clock.Advance(TimeSpan.FromSeconds(10));
        await EventsTestSupport.EventuallyAsync(() => webhook.Validations.Count == 2, "the validation retry after 10 s");
        await EventsTestSupport.EventuallyAsync(() => IsValidatedAsync(http, emulator, token, id).GetAwaiter().GetResult(), "validated after a 2xx");

        var late = emulator.Publish(50001);
        await EventsTestSupport.EventuallyAsync(() => webhook.Events.Count >= 1, "the event after validation");
        await Task.Delay(200);
        webhook.Events.Select(e => e.Id).Should().Equal([late.Id], "the event published before validation is never delivered");
        webhook.Events.Should().NotContain(e => e.Id == early.Id);
    }

    [Fact]
    public async Task A_delivered_event_is_one_CloudEvent_posted_as_application_json()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        await using var webhook = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();
        string token = emulator.CreateOrgToken("ttd");
        int id = await SubscribeAsync(http, emulator, token, webhook.Url);
        await EventsTestSupport.EventuallyAsync(() => IsValidatedAsync(http, emulator, token, id).GetAwaiter().GetResult(), "validation");

        var published = emulator.Publish(50001, "app.instance.process.completed", alternativeSubject: "/person/16035001577");
        await EventsTestSupport.EventuallyAsync(() => webhook.Events.Count == 1, "the event");

        var delivered = webhook.Events.Single();
        delivered.ContentType.Should().Be("application/json");
        delivered.Body.GetProperty("specversion").GetString().Should().Be("1.0");
        delivered.Body.GetProperty("id").GetString().Should().Be(published.Id);
        delivered.Body.GetProperty("type").GetString().Should().Be("app.instance.process.completed");
        delivered.Body.GetProperty("subject").GetString().Should().Be("/party/50001");
        delivered.Body.GetProperty("alternativesubject").GetString().Should().Be("/person/16035001577");
        delivered.Body.GetProperty("resource").GetString().Should().Be("urn:altinn:resource:app_ttd_apps-test");
    }

    [Fact]
    public async Task A_webhook_that_fails_twice_gets_the_event_on_the_third_attempt_after_10_and_30_seconds()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { TimeProvider = clock });
        await using var webhook = await WebhookReceiver.StartAsync();
        int eventAttempts = 0;
        webhook.Respond = (request, _) => request.Type == EventsTestSupport.ValidationType ? 200 : Interlocked.Increment(ref eventAttempts) <= 2 ? 500 : 200;
        using var http = new HttpClient();
        string token = emulator.CreateOrgToken("ttd");
        int id = await SubscribeAsync(http, emulator, token, webhook.Url);
        await EventsTestSupport.EventuallyAsync(() => IsValidatedAsync(http, emulator, token, id).GetAwaiter().GetResult(), "validation");

        var published = emulator.Publish(50001);
        await EventsTestSupport.EventuallyAsync(() => webhook.Events.Count == 1, "the first attempt");

        clock.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(200);
        webhook.Events.Should().HaveCount(1, "the first retry waits 10 s");
        clock.Advance(TimeSpan.FromSeconds(1));
        await EventsTestSupport.EventuallyAsync(() => webhook.Events.Count == 2, "the retry after 10 s");

        clock.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(200);
        webhook.Events.Should().HaveCount(2, "the second retry waits 30 s");
        clock.Advance(TimeSpan.FromSeconds(1));
        await EventsTestSupport.EventuallyAsync(() => webhook.Events.Count == 3, "the retry after 30 s");

        webhook.Events.Select(e => e.Id).Should().AllBe(published.Id);
        clock.Advance(TimeSpan.FromHours(2));
        await Task.Delay(200);
        webhook.Events.Should().HaveCount(3, "the third attempt succeeded");
        emulator.Context.State.DeadLetters().Should().BeEmpty();
    }

    [Fact]
    public async Task A_webhook_that_always_fails_gets_twelve_attempts_on_the_schedule_then_the_event_is_dead_lettered()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { TimeProvider = clock });
        await using var webhook = await WebhookReceiver.StartAsync();
        webhook.Respond = (request, _) => request.Type == EventsTestSupport.ValidationType ? 200 : 500;
        using var http = new HttpClient();
        string token = emulator.CreateOrgToken("ttd");
        int id = await SubscribeAsync(http, emulator, token, webhook.Url);
        await EventsTestSupport.EventuallyAsync(() => IsValidatedAsync(http, emulator, token, id).GetAwaiter().GetResult(), "validation");
        TimeSpan[] schedule =
        [
            TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5),
            TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(3),
            TimeSpan.FromHours(6), TimeSpan.FromHours(12), TimeSpan.FromHours(12),
        ];

        var published = emulator.Publish(50001);
        var attemptTimes = new List<DateTimeOffset> { clock.GetUtcNow() };
        await EventsTestSupport.EventuallyAsync(() => webhook.Events.Count == 1, "the first attempt");
        for (int i = 0; i < schedule.Length; i++)
        {
            clock.Advance(schedule[i]);
            attemptTimes.Add(clock.GetUtcNow());
            await EventsTestSupport.EventuallyAsync(() => webhook.Events.Count == i + 2, $"retry {i + 1}");
        }

        await EventsTestSupport.EventuallyAsync(() => emulator.Context.State.DeadLetters().Count == 1, "the dead letter");
        var dead = emulator.Context.State.DeadLetters().Single();
        dead.EventId.Should().Be(published.Id);
        dead.SubscriptionId.Should().Be(id);
        dead.Attempts.Should().Be(12);
        dead.LastError.Should().Be("500");
        (attemptTimes[^1] - attemptTimes[0]).Should().Be(TimeSpan.FromSeconds(10 + 30 + 60 + 300 + 600 + 1800 + 3600) + TimeSpan.FromHours(3 + 6 + 12 + 12));

        clock.Advance(TimeSpan.FromDays(2));
        await Task.Delay(200);
        webhook.Events.Should().HaveCount(12, "dead-lettered events are not retried");
    }

    [Fact]
    public async Task Deleting_a_subscription_stops_deliveries()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        await using var webhook = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();
        string token = emulator.CreateOrgToken("ttd");
        int id = await SubscribeAsync(http, emulator, token, webhook.Url);
        await EventsTestSupport.EventuallyAsync(() => IsValidatedAsync(http, emulator, token, id).GetAwaiter().GetResult(), "validation");

        var before = emulator.Publish(50001);
        await EventsTestSupport.EventuallyAsync(() => webhook.Events.Count == 1, "the event before the delete");

        using var deleted = await http.SendJsonAsync(HttpMethod.Delete, emulator.EventsUrl($"subscriptions/{id}"), token);
        deleted.StatusCode.Should().Be(HttpStatusCode.OK);
        emulator.Publish(50001);
        emulator.Publish(50002);
        await Task.Delay(300);

        webhook.Events.Select(e => e.Id).Should().Equal(before.Id);
    }

    [Fact]
    public async Task Deleting_a_subscription_cancels_its_pending_retries()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { TimeProvider = clock });
        await using var webhook = await WebhookReceiver.StartAsync();
        webhook.Respond = (request, _) => request.Type == EventsTestSupport.ValidationType ? 200 : 500;
        using var http = new HttpClient();
        string token = emulator.CreateOrgToken("ttd");
        int id = await SubscribeAsync(http, emulator, token, webhook.Url);
        await EventsTestSupport.EventuallyAsync(() => IsValidatedAsync(http, emulator, token, id).GetAwaiter().GetResult(), "validation");
        emulator.Publish(50001);
        await EventsTestSupport.EventuallyAsync(() => webhook.Events.Count == 1, "the first attempt");

        using var deleted = await http.SendJsonAsync(HttpMethod.Delete, emulator.EventsUrl($"subscriptions/{id}"), token);
        clock.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(300);

        webhook.Events.Should().HaveCount(1);
        emulator.Context.State.DeadLetters().Should().BeEmpty();
    }

    [Fact]
    public async Task Filters_and_authorisation_decide_which_events_a_subscription_gets()
    {
        await using var emulator = await AltinnEmulator.StartAsync();
        emulator.AddPersonParty(50001, "16035001577", "Ola Nordmann");
        emulator.AddPersonParty(50009, "01017012345", "Kari Nordmann");
        emulator.AddUser(1001, 50001);
        await using var orgHook = await WebhookReceiver.StartAsync();
        await using var userHook = await WebhookReceiver.StartAsync();
        using var http = new HttpClient();
        string org = emulator.CreateOrgToken("ttd");
        string user = emulator.CreateUserToken(1001);

        using var orgSubscription = await http.SendJsonAsync(HttpMethod.Post, emulator.EventsUrl("subscriptions"), org, new { endPoint = orgHook.Url, sourceFilter = emulator.BaseUrl.AbsoluteUri + "ttd/apps-test", typeFilter = "app.instance.process.completed" });
        using var userSubscription = await http.SendJsonAsync(HttpMethod.Post, emulator.EventsUrl("subscriptions"), user, new { endPoint = userHook.Url, resourceFilter = "urn:altinn:resource:app_ttd_apps-test", alternativeSubjectFilter = "/person/16035001577" });
        int orgId = (await orgSubscription.JsonAsync()).GetProperty("id").GetInt32();
        int userId = (await userSubscription.JsonAsync()).GetProperty("id").GetInt32();
        await EventsTestSupport.EventuallyAsync(() => IsValidatedAsync(http, emulator, org, orgId).GetAwaiter().GetResult(), "org validation");
        await EventsTestSupport.EventuallyAsync(() => IsValidatedAsync(http, emulator, user, userId).GetAwaiter().GetResult(), "user validation");

        emulator.Publish(50001, "app.instance.created");
        var completedOwn = emulator.Publish(50001, "app.instance.process.completed");
        var completedOther = emulator.Publish(50009, "app.instance.process.completed");
        emulator.Publish(50001, "app.instance.process.completed", app: AppId.Parse("ttd/other-app"));

        await EventsTestSupport.EventuallyAsync(() => orgHook.Events.Count == 2 && userHook.Events.Count == 2, "the matching events");
        await Task.Delay(200);
        orgHook.Events.Select(e => e.Id).Should().BeEquivalentTo([completedOwn.Id, completedOther.Id]);
        userHook.Events.Should().HaveCount(2).And.OnlyContain(e => e.Body.GetProperty("subject").GetString() == "/party/50001");
        userHook.Events.Should().NotContain(e => e.Id == completedOther.Id);
    }

    [Fact]
    public async Task Disposing_the_emulator_stops_pending_retries()
    {
        var clock = new FakeTimeProvider(Start);
        var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { TimeProvider = clock });
        await using var webhook = await WebhookReceiver.StartAsync();
        webhook.Respond = (request, _) => request.Type == EventsTestSupport.ValidationType ? 200 : 500;
        using var http = new HttpClient();
        string token = emulator.CreateOrgToken("ttd");
        int id = await SubscribeAsync(http, emulator, token, webhook.Url);
        await EventsTestSupport.EventuallyAsync(() => IsValidatedAsync(http, emulator, token, id).GetAwaiter().GetResult(), "validation");
        emulator.Publish(50001);
        await EventsTestSupport.EventuallyAsync(() => webhook.Events.Count == 1, "the first attempt");

        await emulator.DisposeAsync();
        clock.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(300);

        webhook.Events.Should().HaveCount(1, "delivery stops with the emulator");
    }

    private static async Task<int> SubscribeAsync(HttpClient http, AltinnEmulator emulator, string token, Uri endPoint)
    {
        using var response = await http.SendJsonAsync(HttpMethod.Post, emulator.EventsUrl("subscriptions"), token, new { endPoint, resourceFilter = "urn:altinn:resource:app_ttd_apps-test" });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await response.JsonAsync()).GetProperty("id").GetInt32();
    }

    private static async Task<bool> IsValidatedAsync(HttpClient http, AltinnEmulator emulator, string token, int id)
    {
        using var response = await http.GetAsync(emulator.EventsUrl($"subscriptions/{id}"), token);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.JsonAsync()).GetProperty("validated").GetBoolean();
    }
}
