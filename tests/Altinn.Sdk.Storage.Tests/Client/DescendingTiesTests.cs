using System.Net.Http.Headers;
using System.Net.Http.Json;
using Altinn.Sdk.Models;
using Microsoft.Extensions.Time.Testing;
using static Altinn.Sdk.Storage.Tests.Client.EmulatorStorage;

namespace Altinn.Sdk.Storage.Tests.Client;

/// <summary>
/// Storage continues a descending instance query below the last row's (lastChanged, id) although it sorts ties by id
/// ascending, so instances sharing a lastChanged at a page boundary repeat or are skipped (the emulator pages the same way).
/// </summary>
public sealed class DescendingTiesTests
{
    [Fact]
    public async Task A_descending_query_leaves_out_Storage_repeats_and_an_ascending_one_sees_every_instance_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var storage = await StartAsync(seed: false, clock: clock);
        storage.Emulator.AddApp(new ApplicationMetadata { Id = "ttd/tie-app" });
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", storage.Emulator.CreateOrgToken("ttd"));
        var all = new List<Guid>();
        for (int i = 0; i < 40; i++)
        {
            // 10 apart in time, then 20 created at one instant, then 10 more.
            if (i is < 10 or >= 30) clock.Advance(TimeSpan.FromSeconds(1));
            using var response = await http.PostAsJsonAsync(new Uri(storage.Emulator.Environment.StorageBaseUrl, "instances?appId=ttd/tie-app"), new { instanceOwner = new { partyId = "50006000" } });
            response.EnsureSuccessStatusCode();
            all.Add((await response.Content.ReadFromJsonAsync(AltinnJsonContext.Default.Instance))!.Id!.InstanceGuid);
        }

        var descending = new List<Guid>();
        await foreach (Instance instance in storage.Client.Instances.QueryAsync(new InstanceQuery(AppId.Parse("ttd/tie-app")) { PageSize = 7 }))
        {
            descending.Add(instance.Id!.InstanceGuid);
        }

        descending.Should().OnlyHaveUniqueItems("the repeats Storage sends are left out");
        descending.Should().BeSubsetOf(all);
        descending.Should().HaveCountLessThan(all.Count, "Storage skips tied instances after the page boundary: the gap the SDK documents");
        storage.Logger.Collector.GetSnapshot().Should().Contain(r => r.Id.Id == 3003);

        var ascending = new List<Guid>();
        await foreach (InstanceJson instance in storage.Client.Instances.QueryRawAsync(new InstanceQuery(AppId.Parse("ttd/tie-app")) { PageSize = 7, Order = InstanceQueryOrder.LastChangedAscending }))
        {
            ascending.Add(instance.Instance.Id!.InstanceGuid);
        }

        ascending.Should().Equal(all, "ascending order pages correctly, oldest first");
    }
}
