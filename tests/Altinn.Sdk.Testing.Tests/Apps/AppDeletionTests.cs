using System.Net;
using System.Text.Json;
using Altinn.Sdk.Models;
using Microsoft.Extensions.Time.Testing;
using static Altinn.Sdk.Testing.Tests.Apps.AppHarness;

namespace Altinn.Sdk.Testing.Tests.Apps;

public class AppDeletionTests
{
    [Fact]
    public async Task The_app_owner_gets_403_without_the_policy_rule_and_200_with_it()
    {
        await using (var h = await StartAsync(orgMayDelete: false))
        {
            var instance = await h.CreateAsync(h.UserToken, PersonParty);
            using var denied = await h.SendAsync(HttpMethod.Delete, $"{PathOf(instance)}?hard=true", h.OrgToken);
            denied.StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await JsonAsync(denied)).GetProperty("detail").GetString().Should().Contain("policy");
            (await h.GetAsync(instance, h.UserToken)).GetProperty("status").GetProperty("isSoftDeleted").GetBoolean().Should().BeFalse();
        }

        await using (var h = await StartAsync(orgMayDelete: true))
        {
            var instance = await h.CreateAsync(h.UserToken, PersonParty);
            using var deleted = await h.SendAsync(HttpMethod.Delete, $"{PathOf(instance)}?hard=true", h.OrgToken);
            deleted.StatusCode.Should().Be(HttpStatusCode.OK);
            var status = (await JsonAsync(deleted)).GetProperty("status");
            status.GetProperty("isHardDeleted").GetBoolean().Should().BeTrue();
            status.GetProperty("isSoftDeleted").GetBoolean().Should().BeTrue();
            using var userRead = await h.SendAsync(HttpMethod.Get, PathOf(instance), h.UserToken);
            userRead.StatusCode.Should().Be(HttpStatusCode.NotFound);
            h.InstanceEventTypes(instance).Last().Should().Be("Deleted");
        }
    }

    [Fact]
    public async Task End_users_may_soft_delete_their_drafts_but_not_archived_instances()
    {
        await using var h = await StartAsync();
        var draft = await h.CreateAsync(h.UserToken, PersonParty);
        using (var deleted = await h.SendAsync(HttpMethod.Delete, PathOf(draft), h.UserToken))
        {
            deleted.StatusCode.Should().Be(HttpStatusCode.OK);
            var status = (await JsonAsync(deleted)).GetProperty("status");
            status.GetProperty("isSoftDeleted").GetBoolean().Should().BeTrue();
            status.GetProperty("isHardDeleted").GetBoolean().Should().BeFalse();
        }

        var archived = await h.CreateAsync(h.UserToken, PersonParty);
        using (var complete = await h.SendAsync(HttpMethod.Put, $"{PathOf(archived)}/process/completeProcess", h.UserToken)) complete.EnsureSuccessStatusCode();
        using var denied = await h.SendAsync(HttpMethod.Delete, PathOf(archived), h.UserToken);
        denied.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Auto_delete_app_hides_the_instance_from_its_owner_at_process_end_and_purges_it_7_days_after_complete_confirm()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var h = await StartAsync(Metadata(autoDelete: true), clock: clock);
        var instance = await h.CreateAsync(h.UserToken, PersonParty);
        using (var complete = await h.SendAsync(HttpMethod.Put, $"{PathOf(instance)}/process/completeProcess", h.UserToken)) complete.EnsureSuccessStatusCode();

        using (var userRead = await h.SendAsync(HttpMethod.Get, PathOf(instance), h.UserToken)) userRead.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using (var userData = await h.SendAsync(HttpMethod.Get, $"{PathOf(instance)}/process", h.UserToken)) userData.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var seenByOrg = await h.GetAsync(instance, h.OrgToken);
        var status = seenByOrg.GetProperty("status");
        status.GetProperty("isArchived").GetBoolean().Should().BeTrue();
        status.GetProperty("isHardDeleted").GetBoolean().Should().BeTrue();
        status.GetProperty("isSoftDeleted").GetBoolean().Should().BeTrue();
        status.GetProperty("hardDeleted").GetString().Should().Be("2025-03-01T08:00:00Z");
        h.InstanceEventTypes(instance).TakeLast(3).Should().Equal("process_EndEvent", "Submited", "Deleted");

        // Not confirmed: the archived instance stays however long we wait.
        clock.Advance(TimeSpan.FromDays(8));
        (await h.GetAsync(instance, h.OrgToken)).GetProperty("id").GetString().Should().Be(instance.GetProperty("id").GetString());

        using (var confirm = await h.SendAsync(HttpMethod.Post, $"{PathOf(instance)}/complete", h.OrgToken)) confirm.EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromHours(1));
        (await h.GetAsync(instance, h.OrgToken)).GetProperty("completeConfirmations").GetArrayLength().Should().Be(1, "the confirmation is not 7 days old yet");
        clock.Advance(TimeSpan.FromHours(2));
        using (var afterConfirm = await h.SendAsync(HttpMethod.Get, PathOf(instance), h.OrgToken))
        {
            afterConfirm.StatusCode.Should().Be(HttpStatusCode.NotFound, "the hard delete and the app owner's confirmation are both 7 days old");
        }

        h.Emulator.Context.State.Find(GuidOf(instance)).Should().BeNull();
        Directory.Exists(Path.Combine(h.Emulator.Context.State.Blobs.Root, GuidOf(instance).ToString())).Should().BeFalse();
    }

    [Fact]
    public async Task A_confirmed_auto_delete_instance_is_purged_7_days_after_the_hard_delete_but_not_before()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var h = await StartAsync(Metadata(autoDelete: true), clock: clock);
        var instance = await h.CreateAsync(h.UserToken, PersonParty);
        using (var complete = await h.SendAsync(HttpMethod.Put, $"{PathOf(instance)}/process/completeProcess", h.UserToken)) complete.EnsureSuccessStatusCode();
        using (var confirm = await h.SendAsync(HttpMethod.Post, $"{PathOf(instance)}/complete", h.OrgToken)) confirm.EnsureSuccessStatusCode();

        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        (await h.GetAsync(instance, h.OrgToken)).GetProperty("completeConfirmations").GetArrayLength().Should().Be(1, "7 days have not passed");

        clock.Advance(TimeSpan.FromHours(1));
        using var purged = await h.SendAsync(HttpMethod.Get, PathOf(instance), h.OrgToken);
        purged.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Data_types_with_auto_delete_get_a_delete_status_at_process_end_and_are_purged_7_days_after_the_app_owner_confirms()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var temporary = new DataType { Id = "temporary", TaskId = "Task_1", MaxCount = 0, AppLogic = new ApplicationLogic { AutoDeleteOnProcessEnd = true } };
        await using var h = await StartAsync(Metadata(false, temporary), clock: clock);
        var instance = await h.CreateAsync(h.UserToken, PersonParty);
        string id = (await h.UploadAsync(instance, h.UserToken, "temporary", Binary([1, 2], "text/plain", "attachment; filename=t.txt"))).GetProperty("newDataElementId").GetString()!;
        using (var complete = await h.SendAsync(HttpMethod.Put, $"{PathOf(instance)}/process/completeProcess", h.UserToken)) complete.EnsureSuccessStatusCode();

        var forOrg = (await h.GetAsync(instance, h.OrgToken)).GetProperty("data").EnumerateArray().ToArray();
        var element = forOrg.Single(d => d.GetProperty("id").GetString() == id);
        element.GetProperty("deleteStatus").GetProperty("isHardDeleted").GetBoolean().Should().BeTrue();
        element.GetProperty("deleteStatus").GetProperty("hardDeleted").GetString().Should().Be("2025-03-01T08:00:00Z");
        forOrg.Single(d => d.GetProperty("dataType").GetString() == "model").GetProperty("deleteStatus").ValueKind.Should().Be(JsonValueKind.Null);
        (await h.GetAsync(instance, h.UserToken)).GetProperty("data").EnumerateArray().Select(d => d.GetProperty("id").GetString()).Should().NotContain(id);
        using (var userDownload = await h.SendAsync(HttpMethod.Get, $"{PathOf(instance)}/data/{id}", h.UserToken)) userDownload.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using (var orgDownload = await h.SendAsync(HttpMethod.Get, $"{PathOf(instance)}/data/{id}", h.OrgToken)) orgDownload.StatusCode.Should().Be(HttpStatusCode.OK);

        clock.Advance(TimeSpan.FromDays(8));
        (await h.GetAsync(instance, h.OrgToken)).GetProperty("data").GetArrayLength().Should().Be(2, "the instance is not confirmed by its app owner");

        using (var confirm = await h.SendAsync(HttpMethod.Post, $"{PathOf(instance)}/complete", h.OrgToken)) confirm.EnsureSuccessStatusCode();
        clock.Advance(TimeSpan.FromDays(6));
        (await h.GetAsync(instance, h.OrgToken)).GetProperty("data").GetArrayLength().Should().Be(2);

        clock.Advance(TimeSpan.FromDays(1));
        var after = await h.GetAsync(instance, h.OrgToken);
        after.GetProperty("data").EnumerateArray().Select(d => d.GetProperty("dataType").GetString()).Should().Equal("model");
        after.GetProperty("status").GetProperty("isHardDeleted").GetBoolean().Should().BeFalse("only the data type is auto-deleted");
        h.Emulator.Context.State.Blobs.Exists(GuidOf(instance), Guid.Parse(id)).Should().BeFalse();
    }

    [Fact]
    public async Task A_hard_deleted_draft_is_purged_on_the_next_run()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var h = await StartAsync(clock: clock);
        var instance = await h.CreateAsync(h.UserToken, PersonParty);
        using (var deleted = await h.SendAsync(HttpMethod.Delete, $"{PathOf(instance)}?hard=true", h.OrgToken)) deleted.EnsureSuccessStatusCode();
        (await h.GetAsync(instance, h.OrgToken)).GetProperty("status").GetProperty("isHardDeleted").GetBoolean().Should().BeTrue();

        clock.Advance(TimeSpan.FromHours(1));

        h.Emulator.Context.State.Find(GuidOf(instance)).Should().BeNull("hard-deleted instances that were never archived are purged at once");
    }
}
