using System.Net;
using Altinn.Sdk.Models;
using Microsoft.Extensions.Time.Testing;
using static Altinn.Sdk.Testing.Tests.Storage.StorageHost;

namespace Altinn.Sdk.Testing.Tests.Storage;

public class StorageInstanceTests
{
    [Fact]
    public async Task Create_makes_a_bare_instance_and_checks_app_party_and_access()
    {
        await using var host = await StartAsync();
        using (var r = await host.SendAsync(HttpMethod.Post, "instances?appId=ttd/apps-test", host.UserATok, Json($"{{\"instanceOwner\":{{\"partyId\":\"{PartyA}\"}}}}")))
        {
            r.StatusCode.Should().Be(HttpStatusCode.Created);
            var created = (await ReadAsync<Instance>(r))!;
            r.Headers.Location!.AbsoluteUri.Should().Be(host.Http.BaseAddress + $"instances/{created.Id}");
            created.Org.Should().Be("ttd");
            created.AppId!.ToString().Should().Be(StorageHost.AppId);
            created.CreatedBy.Should().Be(UserA.ToString(System.Globalization.CultureInfo.InvariantCulture));
            created.VisibleAfter.Should().Be(created.Created);
            created.Data.Should().BeEmpty();
        }

        using (var r = await host.SendAsync(HttpMethod.Post, "instances?appId=ttd/nope", host.Org, Json("""{"instanceOwner":{"partyId":"50001"}}"""))) r.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using (var r = await host.SendAsync(HttpMethod.Post, "instances?appId=ttd/apps-test", host.Org, Json("""{"instanceOwner":{}}"""))) r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var r = await host.SendAsync(HttpMethod.Post, "instances", host.Org, Json("""{"instanceOwner":{"partyId":"50001"}}"""))) r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var r = await host.SendAsync(HttpMethod.Post, "instances?appId=ttd/apps-test", host.UserATok, Json($"{{\"instanceOwner\":{{\"partyId\":\"{PartyB}\"}}}}"))) await ShouldBeAsync(r, HttpStatusCode.Forbidden, "");
    }

    [Fact]
    public async Task Get_by_party_and_guid_or_guid_only_and_404_or_403()
    {
        await using var host = await StartAsync();
        var instance = await host.CreateAsync(PartyA);

        (await host.GetInstanceAsync(instance, host.UserATok)).Id.Should().Be(instance.Id);
        using (var r = await host.GetAsync($"instances/{instance.Id!.InstanceGuid}", host.Org))
        {
            r.StatusCode.Should().Be(HttpStatusCode.OK);
            (await ReadAsync<Instance>(r))!.SelfLinks!.Platform.Should().Be(host.Http.BaseAddress + $"instances/{instance.Id}");
        }

        using (var r = await host.GetAsync($"instances/{PartyA}/{Guid.NewGuid()}", host.Org)) r.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using (var r = await host.GetAsync($"instances/{instance.Id}", host.UserBTok)) await ShouldBeAsync(r, HttpStatusCode.Forbidden, "");
        using (var r = await host.GetAsync($"instances/{instance.Id}", host.Emulator.CreateOrgToken("digdir"))) r.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using (var r = await host.GetAsync($"instances/{instance.Id}", null)) r.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Soft_delete_keeps_the_instance_visible_hard_delete_hides_it_from_users()
    {
        await using var host = await StartAsync();
        var soft = await host.CreateAsync(PartyA);
        var hard = await host.CreateAsync(PartyA);

        using (var r = await host.SendAsync(HttpMethod.Delete, $"instances/{soft.Id}", host.UserATok))
        {
            r.StatusCode.Should().Be(HttpStatusCode.OK);
            var deleted = (await ReadAsync<Instance>(r))!;
            deleted.Status!.IsSoftDeleted.Should().BeTrue();
            deleted.Status.IsHardDeleted.Should().BeFalse();
            deleted.LastChangedBy.Should().Be(UserA.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using (var r = await host.SendAsync(HttpMethod.Delete, $"instances/{hard.Id}?hard=true", host.Org))
        {
            var deleted = (await ReadAsync<Instance>(r))!;
            deleted.Status!.IsHardDeleted.Should().BeTrue();
            deleted.Status.HardDeleted.Should().NotBeNull();
            deleted.Status.SoftDeleted.Should().NotBeNull();
        }

        (await host.QueryAsync($"instanceOwner.partyId={PartyA}", host.UserATok)).Instances!.Select(i => i.Id).Should().Equal(soft.Id);
        (await host.QueryAsync("appId=ttd/apps-test&status.isSoftDeleted=true")).Count.Should().Be(2);
        var events = await EventsAsync(host, soft, "?eventTypes=Deleted");
        events.Should().ContainSingle().Which.User!.UserId.Should().Be(UserA);

        using (var r = await host.SendAsync(HttpMethod.Delete, $"instances/{PartyA}/{Guid.NewGuid()}", host.Org)) r.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using (var r = await host.SendAsync(HttpMethod.Delete, $"instances/{soft.Id}", host.UserBTok)) r.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Delete_is_refused_until_preventInstanceDeletionForDays_after_archiving()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 10, 0, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(clock);
        var archived = await host.CreateAsync(PartyA, appId: KeepAppId, extra: ""","status":{"isArchived":true,"archived":"2025-01-01T00:00:00Z"}""");

        using (var r = await host.SendAsync(HttpMethod.Delete, $"instances/{archived.Id}?hard=true", host.Org)) await ShouldBeAsync(r, HttpStatusCode.Forbidden, "");
        clock.SetUtcNow(new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.Zero));
        using (var r = await host.SendAsync(HttpMethod.Delete, $"instances/{archived.Id}?hard=true", host.Org)) r.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Complete_confirms_once_per_org_and_is_refused_to_users()
    {
        await using var host = await StartAsync();
        var instance = await host.CreateAsync(PartyA);

        Instance first, second;
        using (var r = await host.SendAsync(HttpMethod.Post, $"instances/{instance.Id}/complete", host.Org)) first = (await ReadAsync<Instance>(r))!;
        using (var r = await host.SendAsync(HttpMethod.Post, $"instances/{instance.Id}/complete", host.Org))
        {
            r.StatusCode.Should().Be(HttpStatusCode.OK);
            second = (await ReadAsync<Instance>(r))!;
        }

        first.CompleteConfirmations.Should().ContainSingle().Which.StakeholderId.Should().Be("ttd");
        second.CompleteConfirmations.Should().BeEquivalentTo(first.CompleteConfirmations);
        second.LastChanged.Should().Be(first.LastChanged);
        (await EventsAsync(host, instance, "?eventTypes=ConfirmedComplete")).Should().ContainSingle();
        using (var r = await host.SendAsync(HttpMethod.Post, $"instances/{instance.Id}/complete", host.UserATok)) r.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using (var r = await host.SendAsync(HttpMethod.Post, $"instances/{PartyA}/{Guid.NewGuid()}/complete", host.Org)) await ShouldBeAsync(r, HttpStatusCode.Forbidden, "");
    }

    [Fact]
    public async Task Read_status_is_set_case_insensitively_and_400_otherwise()
    {
        await using var host = await StartAsync();
        var instance = await host.CreateAsync(PartyA);
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/readstatus?status=updatedSinceLastReview", host.UserATok))
        {
            r.StatusCode.Should().Be(HttpStatusCode.OK);
            var updated = (await ReadAsync<Instance>(r))!;
            updated.Status!.ReadStatus.Should().Be(ReadStatus.UpdatedSinceLastReview);
            updated.LastChanged.Should().Be(instance.LastChanged);
        }

        using (var r = await host.GetAsync($"instances/{instance.Id}", host.Org)) (await r.Content.ReadAsStringAsync()).Should().Contain("\"readStatus\":\"UpdatedSinceLastReview\"");
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/readstatus?status=seen", host.UserATok)) r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_hard_deleted_instance_is_404_to_end_users_and_still_read_by_the_app_owner()
    {
        await using var host = await StartAsync();
        var instance = await host.CreateAsync(PartyA);
        using (var r = await host.SendAsync(HttpMethod.Delete, $"instances/{instance.Id}?hard=true", host.Org)) r.EnsureSuccessStatusCode();

        using (var r = await host.GetAsync($"instances/{instance.Id}", host.UserATok)) r.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using (var r = await host.GetAsync($"instances/{instance.Id!.InstanceGuid}", host.UserATok)) r.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using (var r = await host.GetAsync($"instances/{instance.Id}", host.Emulator.CreateSystemUserToken(OrgNumber))) r.StatusCode.Should().Be(HttpStatusCode.Forbidden, "not the system user's party");
        using (var r = await host.GetAsync($"instances/{instance.Id}/events", host.UserATok)) r.StatusCode.Should().Be(HttpStatusCode.Forbidden, "as for a missing instance");
        (await host.GetInstanceAsync(instance)).Status!.IsHardDeleted.Should().BeTrue("the app owner still reads it until it is purged");
    }

    [Fact]
    public async Task Substatus_of_a_missing_instance_is_a_500_and_the_app_owner_needs_no_write_scope()
    {
        await using var host = await StartAsync();
        var instance = await host.CreateAsync(PartyA);
        string readOnly = host.Emulator.CreateOrgToken("ttd", "altinn:serviceowner/instances.read");
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/substatus", readOnly, Json("""{"label":"Mottatt"}""")))
        {
            r.StatusCode.Should().Be(HttpStatusCode.OK, "Storage checks only that the caller is the instance's org");
        }

        foreach (string token in new[] { host.Org, host.UserATok })
        {
            using var r = await host.SendAsync(HttpMethod.Put, $"instances/{PartyA}/{Guid.NewGuid()}/substatus", token, Json("""{"label":"Mottatt"}"""));
            r.StatusCode.Should().Be(HttpStatusCode.InternalServerError, "Storage reads the missing instance's org without checking it exists");
            r.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            (await r.Content.ReadAsStringAsync()).Should().Contain("An error occurred while processing your request.");
        }
    }

    [Fact]
    public async Task Substatus_needs_a_label_and_the_instance_org()
    {
        await using var host = await StartAsync();
        var instance = await host.CreateAsync(PartyA);
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/substatus", host.Org, Json("""{"label":"Under behandling","description":"d"}""")))
        {
            r.StatusCode.Should().Be(HttpStatusCode.OK);
            var updated = (await ReadAsync<Instance>(r))!;
            updated.Status!.Substatus!.Label.Should().Be("Under behandling");
            updated.LastChangedBy.Should().Be("405003309");
        }

        (await EventsAsync(host, instance, "?eventTypes=SubstatusUpdated")).Should().ContainSingle();
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/substatus", host.Org, Json("""{"label":"","description":"d"}"""))) r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/substatus", host.Emulator.CreateOrgToken("digdir"), Json("""{"label":"x"}"""))) await ShouldBeAsync(r, HttpStatusCode.Forbidden, "");
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/substatus", host.UserATok, Json("""{"label":"x"}"""))) r.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Presentation_texts_and_data_values_merge_and_remove_empty_keys()
    {
        await using var host = await StartAsync();
        var instance = await host.CreateAsync(PartyA, extra: ""","presentationTexts":{"a":"1","b":"2"}""");
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/presentationtexts", host.Org, Json("""{"texts":{"b":"","c":"3"}}""")))
        {
            r.StatusCode.Should().Be(HttpStatusCode.OK);
            (await ReadAsync<Instance>(r))!.PresentationTexts.Should().BeEquivalentTo(new Dictionary<string, string> { ["a"] = "1", ["c"] = "3" });
        }

        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/datavalues", host.UserATok, Json("""{"values":{"caseId":"42","gone":null}}""")))
        {
            (await ReadAsync<Instance>(r))!.DataValues.Should().BeEquivalentTo(new Dictionary<string, string> { ["caseId"] = "42" });
        }

        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/presentationtexts", host.Org, Json("""{"other":{}}"""))) r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/datavalues", host.UserBTok, Json("""{"values":{}}"""))) r.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Events_filter_by_repeated_exact_types_and_only_by_a_complete_time_range()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 5, 1, 10, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(clock);
        var instance = await host.CreateAsync(PartyA);
        clock.Advance(TimeSpan.FromHours(1));
        await host.UploadAsync(instance);
        clock.Advance(TimeSpan.FromHours(1));
        using (var r = await host.SendAsync(HttpMethod.Post, $"instances/{instance.Id}/events", host.Org, Json($$"""{"instanceId":"{{instance.Id}}","eventType":"Submited"}""")))
        {
            r.StatusCode.Should().Be(HttpStatusCode.Created);
            var posted = (await ReadAsync<InstanceEvent>(r))!;
            posted.Created.Should().Be(clock.GetUtcNow());
            using var single = await host.GetAsync($"instances/{instance.Id}/events/{posted.Id}", host.Org);
            (await ReadAsync<InstanceEvent>(single))!.EventType.Should().Be("Submited");
        }

        (await EventsAsync(host, instance, "")).Select(e => e.EventType).Should().Equal("Created", "Created", "Submited");
        (await EventsAsync(host, instance, "?eventTypes=Created&eventTypes=Submited")).Should().HaveCount(3);
        (await EventsAsync(host, instance, "?eventTypes=created")).Should().BeEmpty("the match is case-sensitive");
        (await EventsAsync(host, instance, "?eventTypes=Created,Submited")).Should().BeEmpty("commas are not split");
        (await EventsAsync(host, instance, "?from=2025-05-01T10:30:00Z&to=2025-05-01T11:30:00")).Single().DataId.Should().NotBeNull();
        (await EventsAsync(host, instance, "?from=2025-05-01T10:30:00Z")).Should().HaveCount(3, "from alone is ignored");

        using (var r = await host.GetAsync($"instances/{instance.Id}/events?from=x&to=y", host.Org)) r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var r = await host.GetAsync($"instances/{instance.Id}/events/{Guid.NewGuid()}", host.Org)) r.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using (var r = await host.SendAsync(HttpMethod.Post, $"instances/{instance.Id}/events", host.Org, Json("""{"eventType":"Saved"}"""))) r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var r = await host.GetAsync($"instances/{instance.Id}/events", host.UserBTok)) r.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Process_put_stores_the_apps_new_state_and_the_first_end_archives_the_instance()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 10, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(clock);
        var instance = await host.CreateAsync(PartyA, extra: ""","process":{"started":"2025-06-01T09:00:00Z","currentTask":{"elementId":"Task_1","altinnTaskType":"data","flow":2}}""");
        var bare = await host.CreateAsync(PartyA);
        clock.Advance(TimeSpan.FromMinutes(5));

        const string Signing = """{"started":"2025-06-01T09:00:00Z","startEvent":"StartEvent_1","currentTask":{"flow":3,"started":"2025-06-01T10:05:00Z","elementId":"Task_2","name":"Signering","altinnTaskType":"signing","flowType":"CompleteCurrentMoveToNext"}}""";
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/process", host.UserATok, Json(Signing)))
        {
            r.StatusCode.Should().Be(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
            var updated = (await ReadAsync<Instance>(r))!;
            updated.Process!.CurrentTask!.Name.Should().Be("Signering");
            updated.LastChanged.Should().Be(clock.GetUtcNow());
            updated.LastChangedBy.Should().Be(UserA.ToString(System.Globalization.CultureInfo.InvariantCulture));
            updated.Status!.IsArchived.Should().BeFalse();
            updated.SelfLinks!.Platform.Should().EndWith($"instances/{instance.Id}");
        }

        (await EventsAsync(host, instance, "?eventTypes=SentToSign")).Should().ContainSingle();
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/process", host.Org, Json("""{"started":"2025-06-01T09:00:00Z","ended":"2025-06-01T10:06:00Z","endEvent":"EndEvent_1"}""")))
        {
            var ended = (await ReadAsync<Instance>(r))!;
            ended.Status!.IsArchived.Should().BeTrue();
            ended.Status.Archived.Should().Be(new DateTimeOffset(2025, 6, 1, 10, 6, 0, TimeSpan.Zero));
        }

        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{bare.Id}/process", host.Org, Json(Signing))) r.StatusCode.Should().Be(HttpStatusCode.Forbidden, "Storage authorizes against the current task, and there is none");
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{instance.Id}/process", host.UserBTok, Json(Signing))) r.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using (var r = await host.SendAsync(HttpMethod.Put, $"instances/{PartyA}/{Guid.NewGuid()}/process", host.Org, Json(Signing))) r.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Process_history_is_built_from_process_events()
    {
        await using var host = await StartAsync();
        var instance = await host.CreateAsync(PartyA);
        async Task PostAsync(string type, string process)
        {
            using var r = await host.SendAsync(HttpMethod.Post, $"instances/{instance.Id}/events", host.Org, Json($$"""{"instanceId":"{{instance.Id}}","eventType":"{{type}}","user":{"orgId":"ttd"},"processInfo":{{process}}}"""));
            r.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        await PostAsync("process_StartEvent", """{"started":"2025-01-01T10:00:00Z","startEvent":"StartEvent_1"}""");
        await PostAsync("process_StartTask", """{"currentTask":{"elementId":"Task_1","started":"2025-01-01T10:00:01Z"}}""");
        await PostAsync("process_EndTask", """{"currentTask":{"elementId":"Task_1","ended":"2025-01-01T11:00:00Z"}}""");
        await PostAsync("process_EndEvent", """{"ended":"2025-01-01T11:00:00Z","endEvent":"EndEvent_1"}""");

        using var response = await host.GetAsync($"instances/{instance.Id}/process/history", host.UserATok);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var history = (await ReadAsync<ProcessHistoryList>(response))!.ProcessHistory!;
        history.Select(h => h.ElementId).Should().Equal("StartEvent_1", "Task_1", "EndEvent_1");
        history[1].Started.Should().Be(new DateTimeOffset(2025, 1, 1, 10, 0, 1, TimeSpan.Zero));
        history[1].Ended.Should().Be(new DateTimeOffset(2025, 1, 1, 11, 0, 0, TimeSpan.Zero));
        history[2].Occurred.Should().NotBeNull();
        history[0].PerformedBy.Should().Be("ttd");

        using (var r = await host.GetAsync($"instances/{PartyA}/{Guid.NewGuid()}/process/history", host.Org)) r.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    internal static async Task<IReadOnlyList<InstanceEvent>> EventsAsync(StorageHost host, Instance instance, string query)
    {
        using var response = await host.GetAsync($"instances/{instance.Id}/events{query}", host.Org);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<InstanceEventList>(response))!.InstanceEvents!;
    }
}
