namespace Altinn.Sdk.Testing.Events;

/// <summary>
/// The emulated Events endpoints under <c>{base}/events/api/v1/</c>: the app and generic event feeds, publishing
/// generic events, webhook subscriptions, and push delivery to them. Behaviour and differences from Altinn: <c>docs/events.md</c>.
/// </summary>
internal static class EventsApi
{
    private const string Prefix = "/events/api/v1/";

    /// <summary>Maps the endpoints and starts push delivery, which stops when the emulator stops.</summary>
    public static void Map(IEndpointRouteBuilder routes, EmulatorContext emulator)
    {
        var delivery = new WebhookDelivery(emulator);
        var lifetime = routes.ServiceProvider.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStopping.Register(delivery.Stop);
        lifetime.ApplicationStopped.Register(delivery.Dispose);

        var feeds = new EventFeeds(emulator);
        var subscriptions = new SubscriptionEndpoints(emulator, delivery);
        routes.MapGet(Prefix + "app/party", feeds.PartyEventsAsync);
        routes.MapGet(Prefix + "app/{org}/{app}", feeds.AppEventsAsync);
        routes.MapGet(Prefix + "events", feeds.GenericEventsAsync);
        routes.MapPost(Prefix + "events", new EventPublishing(emulator).PublishAsync);
        routes.MapPost(Prefix + "subscriptions", subscriptions.CreateAsync);
        routes.MapGet(Prefix + "subscriptions", subscriptions.ListAsync);
        routes.MapGet(Prefix + "subscriptions/{id}", subscriptions.GetAsync);
        routes.MapDelete(Prefix + "subscriptions/{id}", subscriptions.DeleteAsync);
    }
}
