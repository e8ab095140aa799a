using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using static Altinn.Sdk.Events.Tests.EmulatorEvents;

namespace Altinn.Sdk.Events.Tests;

/// <summary>Subscriptions against the emulator with a loopback webhook: handshake, deliveries, repeats, lifecycle and argument checks.</summary>
public sealed class SubscriptionTests : IAsyncLifetime
{
    private const string AppResource = "urn:altinn:resource:app_ttd_demo-app";
    private EmulatorEvents _events = null!;
    private WebhookHost _webhook = null!;

    public async Task InitializeAsync()
    {
        _events = await StartAsync();
        _webhook = await WebhookHost.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _events.DisposeAsync();
        await _webhook.DisposeAsync();
    }

    [Fact]
    public async Task Create_triggers_the_validation_handshake_and_then_deliveries()
    {
        EventSubscription created = await _events.Client.Subscriptions.CreateAsync(new EventSubscriptionRequest(_webhook.Endpoint) { ResourceFilter = AppResource });
        created.Id.Should().BePositive();
        created.ResourceFilter.Should().Be(AppResource);
        created.Consumer.Should().Be("/org/ttd");
        created.EndPoint.Should().Be(_webhook.Endpoint);

        await WaitUntil(async () => (await _events.Client.Subscriptions.GetAsync(created.Id)).Validated);
        _webhook.Received.Should().ContainSingle(r => r.Kind == EventWebhookResultKind.SubscriptionValidation);
        _webhook.Handled.Should().BeEmpty("the handshake is not an event to handle");

        InstanceId id = await _events.CreateCompletedInstanceAsync();
        await WaitUntil(() => Task.FromResult(_webhook.Handled.Count == 4));
        _webhook.Handled.Select(e => e.Type).Should().BeEquivalentTo(
            "app.instance.process.movedTo.Task_1", "app.instance.created", "app.instance.process.movedTo.Task_2", "app.instance.process.completed");
        _webhook.Handled.Select(e => e.TryGetInstanceId(out InstanceId? i) ? i : null).Should().OnlyContain(i => i == id);
    }

    [Fact]
    public async Task The_webhook_takes_only_requests_with_its_secret_the_validation_handshake_included()
    {
        // Altinn's handshake to an endpoint with another secret is refused, so that subscription is never validated.
        EventSubscription wrong = await _events.Client.Subscriptions.CreateAsync(
            new EventSubscriptionRequest(_webhook.EndpointWith("not-the-secret-0123456789")) { ResourceFilter = AppResource });
        await WaitUntil(() => Task.FromResult(_webhook.Received.Any(r => r.StatusCode == 403)));
        (await _events.Client.Subscriptions.GetAsync(wrong.Id)).Validated.Should().BeFalse();
        _webhook.Received.Should().NotContain(r => r.Kind == EventWebhookResultKind.SubscriptionValidation);

        // A push with a wrong or no secret is refused before it is read; with the secret it is handled.
        const string Body = """{"id":"raw-1","type":"app.instance.created","source":"https://ttd.apps.tt02.altinn.no/ttd/demo-app/instances/50001337/0f4e9d3c-1b2a-4c5d-8e7f-0a1b2c3d4e5f","specversion":"1.0"}""";
        using var http = new HttpClient();
        foreach (Uri refusedEndpoint in new[] { _webhook.EndpointWith(WebhookHost.Secret[..^1]), _webhook.EndpointWith(WebhookHost.Secret + "0"), _webhook.EndpointWith("x") })
        {
            using HttpResponseMessage refused = await http.PostAsync(refusedEndpoint, new StringContent(Body, Encoding.UTF8, "application/json"));
            refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        _webhook.Handled.Should().BeEmpty();
        using HttpResponseMessage accepted = await http.PostAsync(_webhook.Endpoint, new StringContent(Body, Encoding.UTF8, "application/json"));
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        _webhook.Handled.Should().ContainSingle().Which.Id.Should().Be("raw-1");

        // The endpoint with the secret is validated.
        EventSubscription right = await _events.Client.Subscriptions.CreateAsync(new EventSubscriptionRequest(_webhook.Endpoint) { ResourceFilter = AppResource });
        await WaitUntil(async () => (await _events.Client.Subscriptions.GetAsync(right.Id)).Validated);
    }

    [Fact]
    public async Task A_filtered_subscription_gets_only_its_type_and_a_list_get_delete_round_trip_works()
    {
        var request = new EventSubscriptionRequest(_webhook.Endpoint)
        {
            SourceFilter = new Uri(_events.Emulator.AppBaseUrl(App).AbsoluteUri.TrimEnd('/')),
            TypeFilter = "app.instance.process.completed",
        };
        EventSubscription created = await _events.Client.Subscriptions.CreateAsync(request);
        EventSubscription same = await _events.Client.Subscriptions.CreateAsync(request);
        same.Id.Should().Be(created.Id, "an identical request returns the existing subscription");
        await WaitUntil(async () => (await _events.Client.Subscriptions.GetAsync(created.Id)).Validated);

        await _events.CreateCompletedInstanceAsync();
        await WaitUntil(() => Task.FromResult(!_webhook.Handled.IsEmpty));
        await Task.Delay(200);
        _webhook.Handled.Should().ContainSingle().Which.Type.Should().Be("app.instance.process.completed");

        IReadOnlyList<EventSubscription> all = await _events.Client.Subscriptions.ListAsync();
        all.Should().ContainSingle().Which.Id.Should().Be(created.Id);

        await _events.Client.Subscriptions.DeleteAsync(created.Id);
        (await _events.Client.Subscriptions.ListAsync()).Should().BeEmpty();
        Func<Task> get = () => _events.Client.Subscriptions.GetAsync(created.Id);
        (await get.Should().ThrowAsync<AltinnRequestFailedException>()).Which.Status.Should().Be(404);
    }

    [Fact]
    public async Task Another_identity_cannot_read_the_subscription_and_is_told_why()
    {
        EventSubscription created = await _events.Client.Subscriptions.CreateAsync(new EventSubscriptionRequest(_webhook.Endpoint) { ResourceFilter = AppResource });
        var asUser = EventsClient.Create(_events.Emulator.Environment, _events.Emulator.CreateUserCredential(1337), loggerFactory: LeakWatch.LoggerFactory);
        Func<Task> get = () => asUser.Subscriptions.GetAsync(created.Id);
        (await get.Should().ThrowAsync<AltinnRequestFailedException>())
            .Where(e => e.Status == 403 && e.Message.Contains("another identity", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Repeated_pushes_of_an_event_are_handled_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var events = await StartAsync(clock: clock);
        _webhook.LoseFirstAnswer = true;
        EventSubscription created = await events.Client.Subscriptions.CreateAsync(new EventSubscriptionRequest(_webhook.Endpoint)
        {
            ResourceFilter = AppResource,
            TypeFilter = "app.instance.created",
        });
        await WaitUntil(async () => (await events.Client.Subscriptions.GetAsync(created.Id)).Validated);

        await events.CreateInstanceAsync();
        await WaitUntil(() => Task.FromResult(_webhook.Handled.Count == 1));

        // The answer was lost (500), so Events retries after 10 seconds on its clock.
        clock.Advance(TimeSpan.FromSeconds(10));
        await WaitUntil(() => Task.FromResult(_webhook.Received.Any(r => r.Kind == EventWebhookResultKind.Duplicate)));

        // And a stray repeat of the same body, as a retry after a timeout would be.
        CloudEvent handled = _webhook.Handled.Single();
        using var http = new HttpClient();
        string body = System.Text.Json.JsonSerializer.Serialize(handled, EventsJsonContext.Default.CloudEvent);
        using HttpResponseMessage again = await http.PostAsync(_webhook.Endpoint, new StringContent(body, Encoding.UTF8, "application/json"));
        again.StatusCode.Should().Be(HttpStatusCode.OK);

        _webhook.Handled.Should().ContainSingle("every repeat was recognised by its id");
        _webhook.Received.Count(r => r.Kind == EventWebhookResultKind.Duplicate).Should().Be(2);
    }

    [Fact]
    public async Task A_refusal_Events_writes_as_a_json_string_is_read_into_the_message_unescaped()
    {
        // Events answers its own validation errors with the message as a JSON string ("…", `'` written as \u0027),
        // not as problem details; the SDK reads both.
        var request = new EventSubscriptionRequest(_webhook.Endpoint) { ResourceFilter = AppResource, AlternativeSubjectFilter = "/org/999999999" };

        Func<Task> create = () => _events.Client.Subscriptions.CreateAsync(request);

        var failure = (await create.Should().ThrowAsync<AltinnRequestFailedException>()).Which;
        failure.Status.Should().Be(400);
        failure.Problem.Should().BeNull();
        failure.ResponseText.Should().StartWith("'alternativeSubjectFilter'");
        failure.Message.Should().Contain("The service said: 'alternativeSubjectFilter'").And.NotContain("\\u0027").And.NotContain("\"");
    }

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not become true.");
            await Task.Delay(20);
        }
    }
}
