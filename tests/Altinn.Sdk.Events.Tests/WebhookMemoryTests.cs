using System.Text;

namespace Altinn.Sdk.Events.Tests;

/// <summary>Runs alone (no other test class in parallel), so the process-wide retained memory measures only the receiver.</summary>
[CollectionDefinition(nameof(WebhookMemoryTests), DisableParallelization = true)]
public sealed class WebhookMemoryCollection;

/// <summary>What an unauthenticated sender can make the webhook receiver hold: bounded in bytes, not only in count.</summary>
[Collection(nameof(WebhookMemoryTests))]
public sealed class WebhookMemoryTests
{
    [Fact]
    public async Task Ten_thousand_events_with_200_character_ids_retain_under_2_MiB()
    {
        var receiver = new EventWebhookReceiver();
        await Receive(new EventWebhookReceiver(), "warm-up"); // the JSON metadata and the like, allocated once per process
        long before = GC.GetTotalMemory(forceFullCollection: true);

        for (int i = 0; i < EventDeduplicator.DefaultCapacity; i++)
        {
            string id = i.ToString("D10", System.Globalization.CultureInfo.InvariantCulture) + new string('x', 190);
            (await Receive(receiver, id)).ShouldHandle.Should().BeTrue();
        }

        long retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(receiver);

        // 200-character ids alone are 4 MB as strings; a fixed-size hash per id keeps the window under 2 MiB.
        retained.Should().BeLessThan(2 * 1024 * 1024, "the window keeps a fixed-size hash of each id, not the id");
    }

    private static Task<EventWebhookResult> Receive(EventWebhookReceiver receiver, string id)
    {
        string json = $$"""{"id":"{{id}}","type":"t","source":"s","specversion":"1.0"}""";
        return receiver.ReceiveAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), "application/json");
    }
}
