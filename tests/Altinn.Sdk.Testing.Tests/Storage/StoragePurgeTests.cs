using System.Net;
using Altinn.Sdk.Models;
using Microsoft.Extensions.Time.Testing;
using static Altinn.Sdk.Testing.Tests.Storage.StorageHost;

namespace Altinn.Sdk.Testing.Tests.Storage;

/// <summary>Storage's hourly clean-up: what is purged, and when (altinn-storage CleanupController and its repository queries).</summary>
public sealed class StoragePurgeTests
{
    private const string Archived = ""","process":{"started":"2025-01-01T00:00:00Z","ended":"2025-01-02T00:00:00Z","endEvent":"EndEvent_1"},"status":{"isArchived":true,"archived":"2025-01-02T00:00:00Z"}""";

    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_delay_deleted_data_element_is_purged_only_when_the_delete_and_the_app_owners_confirmation_are_both_7_days_old()
    {
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartAsync(clock);
        var instance = await host.CreateAsync(PartyA, extra: Archived);
        var element = await host.UploadAsync(instance, "temp");
        using (var deleted = await host.SendAsync(HttpMethod.Delete, $"instances/{instance.Id}/data/{element.Id}?delay=true", host.Org)) deleted.EnsureSuccessStatusCode();

        clock.Advance(TimeSpan.FromDays(8));
        (await ElementsAsync(host, instance)).Should().Contain(element.Id, "the instance is not confirmed by its app owner");

        using (var confirmed = await host.SendAsync(HttpMethod.Post, $"instances/{instance.Id}/complete", host.Org)) confirmed.EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromHours(1));
        (await ElementsAsync(host, instance)).Should().Contain(element.Id, "the confirmation is not 7 days old yet");

        clock.Advance(TimeSpan.FromHours(2));
        (await ElementsAsync(host, instance)).Should().NotContain(element.Id);
        host.Emulator.Context.State.Blobs.Exists(instance.Id!.InstanceGuid, element.Id).Should().BeFalse();
    }

    [Fact]
    public async Task A_hard_deleted_archived_instance_is_purged_7_days_after_both_the_hard_delete_and_the_app_owners_own_confirmation()
    {
        var clock = new FakeTimeProvider(Start);
        await using var host = await StartAsync(clock);
        string byOther = Archived + $$""","completeConfirmations":[{"stakeholderId":"digdir","confirmedOn":"{{Start.AddDays(-30):O}}"}]""";
        var confirmedByOther = await host.CreateAsync(PartyA, extra: byOther);
        var confirmedLater = await host.CreateAsync(PartyA, extra: Archived);
        foreach (var instance in new[] { confirmedByOther, confirmedLater })
        {
            using var deleted = await host.SendAsync(HttpMethod.Delete, $"instances/{instance.Id}?hard=true", host.Org);
            deleted.EnsureSuccessStatusCode();
        }

        clock.Advance(TimeSpan.FromDays(6));
        using (var confirmed = await host.SendAsync(HttpMethod.Post, $"instances/{confirmedLater.Id}/complete", host.Org)) confirmed.EnsureSuccessStatusCode();

        clock.Advance(TimeSpan.FromDays(2));
        (await StatusAsync(host, confirmedLater)).Should().Be(HttpStatusCode.OK, "the hard delete is 8 days old, but the confirmation only 2");
        (await StatusAsync(host, confirmedByOther)).Should().Be(HttpStatusCode.OK, "a confirmation by another stakeholder does not let Storage purge");

        clock.Advance(TimeSpan.FromDays(5) + TimeSpan.FromHours(1));
        (await StatusAsync(host, confirmedLater)).Should().Be(HttpStatusCode.NotFound);
        (await StatusAsync(host, confirmedByOther)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_purge_removes_the_instance_events_only_of_apps_with_autoDeleteOnProcessEnd()
    {
        string folder = Directory.CreateTempSubdirectory("emulator-purge-").FullName;
        try
        {
            var clock = new FakeTimeProvider(Start);
            await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { TimeProvider = clock, DataDirectory = folder });
            emulator.AddApp(new ApplicationMetadata { Id = "ttd/auto-app", AutoDeleteOnProcessEnd = true });
            emulator.AddApp(new ApplicationMetadata { Id = "ttd/keep-app" });
            using var http = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl, "storage/api/v1/") };
            http.DefaultRequestHeaders.Authorization = new("Bearer", emulator.CreateOrgToken("ttd"));
            var ids = new Dictionary<string, InstanceId>();
            foreach (string app in new[] { "auto-app", "keep-app" })
            {
                using var created = await http.PostAsync($"instances?appId=ttd/{app}", Json("""{"instanceOwner":{"partyId":"50001"}}"""));
                created.StatusCode.Should().Be(HttpStatusCode.Created);
                ids[app] = (await ReadAsync<Instance>(created))!.Id!;
                using var deleted = await http.DeleteAsync($"instances/{ids[app]}?hard=true");
                deleted.EnsureSuccessStatusCode();
            }

            string File(InstanceId id, string suffix) => Path.Combine(folder, "instances", id.PartyId.ToString(System.Globalization.CultureInfo.InvariantCulture), id.InstanceGuid + suffix);
            System.IO.File.Exists(File(ids["keep-app"], ".events.json")).Should().BeTrue();

            clock.Advance(TimeSpan.FromHours(1));

            emulator.Context.State.Find(ids["auto-app"].InstanceGuid).Should().BeNull("a hard-deleted draft is purged at the next run");
            emulator.Context.State.Find(ids["keep-app"].InstanceGuid).Should().BeNull();
            System.IO.File.Exists(File(ids["auto-app"], ".json")).Should().BeFalse();
            System.IO.File.Exists(File(ids["keep-app"], ".json")).Should().BeFalse();
            System.IO.File.Exists(File(ids["auto-app"], ".events.json")).Should().BeFalse("Storage removes the events of apps with autoDeleteOnProcessEnd");
            System.IO.File.Exists(File(ids["keep-app"], ".events.json")).Should().BeTrue("other apps' instance events stay in Storage");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<IEnumerable<Guid>> ElementsAsync(StorageHost host, Instance instance) =>
        (await host.GetInstanceAsync(instance)).Data!.Select(d => d.Id);

    private static async Task<HttpStatusCode> StatusAsync(StorageHost host, Instance instance)
    {
        using var response = await host.GetAsync($"instances/{instance.Id}", host.Org);
        return response.StatusCode;
    }
}
