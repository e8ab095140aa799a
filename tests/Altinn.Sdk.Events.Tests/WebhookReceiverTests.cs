using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Altinn.Sdk.Events.Tests;

/// <summary>The framework-agnostic webhook side: parsing, validation, duplicates, bad requests, and the dedup window.</summary>
public sealed class WebhookReceiverTests
{
    private const string Event = """
        {"specversion":"1.0","id":"e-1","time":"2023-02-16T18:02:12.86Z","source":"https://ttd.apps.tt02.altinn.no/ttd/apps-test/instances/50019855/f21e1f4c-55f3-4b45-9a0b-2b1f4bbb52c4",
         "subject":"/party/50019855","type":"app.instance.process.completed","alternativesubject":"/person/16035001577",
         "resource":"urn:altinn:resource:app_ttd_apps-test","resourceinstance":"50019855/f21e1f4c-55f3-4b45-9a0b-2b1f4bbb52c4",
         "datacontenttype":"application/json","data":{"a":1},"traceparent":"00-abc"}
        """;

    private static Stream Body(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task An_event_is_parsed_with_every_attribute_and_unknown_ones_kept()
    {
        EventWebhookResult result = await new EventWebhookReceiver().ReceiveAsync(Body(Event), "application/json; charset=utf-8");

        result.Kind.Should().Be(EventWebhookResultKind.Event);
        result.ShouldHandle.Should().BeTrue();
        result.StatusCode.Should().Be(200);
        CloudEvent e = result.Event!;
        e.Id.Should().Be("e-1");
        e.Type.Should().Be("app.instance.process.completed");
        e.Subject.Should().Be("/party/50019855");
        e.AlternativeSubject.Should().Be("/person/16035001577");
        e.Resource.Should().Be("urn:altinn:resource:app_ttd_apps-test");
        e.Time.Should().Be(new DateTimeOffset(2023, 2, 16, 18, 2, 12, 860, TimeSpan.Zero));
        e.DataContentType.Should().Be("application/json");
        e.Data!.Value.GetProperty("a").GetInt32().Should().Be(1);
        e.AdditionalProperties.Should().ContainKey("traceparent");
        e.TryGetInstanceId(out InstanceId? id).Should().BeTrue();
        id.Should().Be(InstanceId.Parse("50019855/f21e1f4c-55f3-4b45-9a0b-2b1f4bbb52c4"));

        string written = JsonSerializer.Serialize(e, EventsJsonContext.Default.CloudEvent);
        written.Should().Contain("\"traceparent\":\"00-abc\"").And.Contain("\"resourceinstance\":").And.Contain("\"specversion\":\"1.0\"");
    }

    [Fact]
    public async Task The_subscription_validation_is_recognised_and_answered_with_200()
    {
        const string Validation = """{"id":"v-1","source":"https://platform.tt02.altinn.no/events/api/v1/subscriptions/7","type":"platform.events.validatesubscription","specversion":"1.0"}""";
        var receiver = new EventWebhookReceiver();
        EventWebhookResult first = await receiver.ReceiveAsync(Body(Validation), "application/json");
        EventWebhookResult again = await receiver.ReceiveAsync(Body(Validation), "application/json");

        first.Kind.Should().Be(EventWebhookResultKind.SubscriptionValidation);
        first.ShouldHandle.Should().BeFalse();
        first.StatusCode.Should().Be(200);
        first.Event!.IsSubscriptionValidation.Should().BeTrue();
        again.Kind.Should().Be(EventWebhookResultKind.SubscriptionValidation, "a repeated validation is still answered");
    }

    [Fact]
    public async Task A_receiver_with_a_secret_refuses_a_request_without_it_before_reading_the_body()
    {
        const string Secret = "0123456789abcdef0123456789abcdef";
        const string Validation = """{"id":"v-1","source":"https://platform.tt02.altinn.no/events/api/v1/subscriptions/7","type":"platform.events.validatesubscription","specversion":"1.0"}""";
        var receiver = new EventWebhookReceiver(Secret);

        foreach (string? presented in new[] { null, string.Empty, "wrong", Secret[..^1], Secret + "0", Secret.ToUpperInvariant() })
        {
            foreach (string json in new[] { Event, Validation })
            {
                Stream body = Body(json);
                EventWebhookResult refused = await receiver.ReceiveAsync(body, "application/json", presented);
                refused.Kind.Should().Be(EventWebhookResultKind.Invalid);
                refused.StatusCode.Should().Be(403);
                refused.Event.Should().BeNull();
                refused.Error.Should().NotContain(Secret[..8]);
                body.Position.Should().Be(0, "a request without the secret is not read");
            }
        }

        (await receiver.ReceiveAsync(Body(Event), "application/json")).StatusCode.Should().Be(403, "the overload without a secret presents none");
        (await receiver.ReceiveAsync(Body(Validation), "application/json", Secret)).Kind.Should().Be(EventWebhookResultKind.SubscriptionValidation);
        (await receiver.ReceiveAsync(Body(Event), "application/json", Secret)).Kind.Should().Be(EventWebhookResultKind.Event);
        (await new EventWebhookReceiver().ReceiveAsync(Body(Event), "application/json", "anything")).Kind.Should().Be(EventWebhookResultKind.Event, "a receiver without a secret ignores one");
    }

    [Fact]
    public async Task A_repeated_push_is_a_duplicate_until_it_is_forgotten()
    {
        var receiver = new EventWebhookReceiver();
        (await receiver.ReceiveAsync(Body(Event), "application/cloudevents+json")).Kind.Should().Be(EventWebhookResultKind.Event);
        EventWebhookResult repeat = await receiver.ReceiveAsync(Body(Event), "application/json");
        repeat.Kind.Should().Be(EventWebhookResultKind.Duplicate);
        repeat.StatusCode.Should().Be(200, "Altinn must stop retrying");

        receiver.Forget("e-1").Should().BeTrue();
        (await receiver.ReceiveAsync(Body(Event), null)).Kind.Should().Be(EventWebhookResultKind.Event, "a failed handling lets the retry through");
    }

    [Theory]
    [InlineData("not json", "application/json", 400)]
    [InlineData("[]", "application/json", 400)]
    [InlineData("null", "application/json", 400)]
    [InlineData("""{"type":"x","source":"s","specversion":"1.0"}""", "application/json", 400)]
    [InlineData("""{"id":"1","source":"s","specversion":"1.0"}""", "application/json", 400)]
    [InlineData("""{"id":"1","type":"x","specversion":"1.0"}""", "application/json", 400)]
    [InlineData("""{"id":"1","type":"x","source":"s"}""", "application/json", 400)]
    [InlineData("""{"id":"1","type":"x","source":"s","specversion":"1.0"}""", "text/plain", 415)]
    [InlineData("""[{"id":"1","type":"x","source":"s"}]""", "application/cloudevents-batch+json", 415)]
    public async Task A_request_that_is_not_one_cloud_event_is_invalid(string body, string contentType, int status)
    {
        EventWebhookResult result = await new EventWebhookReceiver().ReceiveAsync(Body(body), contentType);
        result.Kind.Should().Be(EventWebhookResultKind.Invalid);
        result.StatusCode.Should().Be(status);
        result.Event.Should().BeNull();
        result.Error.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_without_reading_it_all()
    {
        var receiver = new EventWebhookReceiver(new EventDeduplicator(), maxBodyBytes: 100);
        var body = new MemoryStream(Encoding.UTF8.GetBytes("{\"id\":\"" + new string('x', 100_000) + "\"}"));
        EventWebhookResult result = await receiver.ReceiveAsync(body, "application/json");
        result.StatusCode.Should().Be(413);
        body.Position.Should().BeLessThan(100_000);
    }

    [Fact]
    public async Task An_id_longer_than_256_characters_is_refused_with_400_and_not_remembered()
    {
        var window = new EventDeduplicator();
        var receiver = new EventWebhookReceiver(window);
        string Json(string id) => $$"""{"id":"{{id}}","type":"t","source":"s","specversion":"1.0"}""";

        EventWebhookResult tooLong = await receiver.ReceiveAsync(Body(Json(new string('x', 10 * 1024))), "application/json");
        tooLong.Kind.Should().Be(EventWebhookResultKind.Invalid);
        tooLong.StatusCode.Should().Be(400);
        tooLong.Error.Should().Contain("256");
        window.Count.Should().Be(0);

        (await receiver.ReceiveAsync(Body(Json(new string('y', 257))), "application/json")).StatusCode.Should().Be(400);
        (await receiver.ReceiveAsync(Body(Json(new string('y', 256))), "application/json")).Kind.Should().Be(EventWebhookResultKind.Event);
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_refused_by_default()
    {
        string json = $$"""{"id":"big","type":"t","source":"s","specversion":"1.0","data":"{{new string('d', 64 * 1024)}}"}""";
        EventWebhookResult result = await new EventWebhookReceiver().ReceiveAsync(Body(json), "application/json");
        result.StatusCode.Should().Be(413);
        EventWebhookReceiver.DefaultMaxBodyBytes.Should().Be(64 * 1024);
    }

    [Fact]
    public void The_dedup_window_is_bounded_by_count_and_by_age()
    {
        var clock = new FakeTimeProvider();
        var window = new EventDeduplicator(capacity: 3, window: TimeSpan.FromHours(1), clock);
        window.TryAdd("a").Should().BeTrue();
        window.TryAdd("b").Should().BeTrue();
        window.TryAdd("c").Should().BeTrue();
        window.TryAdd("a").Should().BeFalse();
        window.TryAdd("d").Should().BeTrue();
        window.Count.Should().Be(3);
        window.TryAdd("a").Should().BeTrue("the oldest id was forgotten to make room");

        clock.Advance(TimeSpan.FromMinutes(59));
        window.TryAdd("d").Should().BeFalse();
        clock.Advance(TimeSpan.FromMinutes(2));
        window.Count.Should().Be(0);
        window.TryAdd("d").Should().BeTrue("ids older than the window are forgotten");
    }

    [Fact]
    public async Task Concurrent_deliveries_of_the_same_events_are_handled_once()
    {
        var receiver = new EventWebhookReceiver();
        var ids = Enumerable.Range(0, 200).Select(i => $"id-{i}").ToArray();
        var handled = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Parallel.ForEachAsync(ids.Concat(ids).Concat(ids), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
        {
            string json = $$"""{"id":"{{id}}","type":"t","source":"s","specversion":"1.0"}""";
            EventWebhookResult result = await receiver.ReceiveAsync(Body(json), "application/json", ct);
            if (result.ShouldHandle) handled.Add(id);
        });

        handled.Should().BeEquivalentTo(ids);
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        FluentActions.Invoking(() => new EventDeduplicator(0, TimeSpan.FromHours(1))).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new EventDeduplicator(1, TimeSpan.Zero)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new EventWebhookReceiver(new EventDeduplicator(), 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new EventWebhookReceiver((string)null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => new EventWebhookReceiver("short")).Should().Throw<ArgumentException>().WithMessage("*16*");
        FluentActions.Invoking(() => new EventWebhookReceiver(new EventDeduplicator(), secret: new string('s', 15))).Should().Throw<ArgumentException>();
    }
}
