using System.Net.Http.Headers;
using System.Net.Http.Json;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Microsoft.Extensions.Time.Testing;
using static Altinn.Sdk.Workflows.Tests.WorkflowEmulator;

namespace Altinn.Sdk.Workflows.Tests;

/// <summary>
/// Storage continues a descending instance query below the last row's (lastChanged, id) although it sorts ties by id
/// ascending, so instances that share a lastChanged at a page boundary repeat or are never listed. The emulator pages
/// the same way; every workflow that must see every instance lists them oldest-changed first.
/// </summary>
public sealed class ListingTiesTests
{
    [Fact]
    public async Task Every_workflow_sees_each_of_500_instances_once_when_60_share_a_lastChanged_and_pages_hold_7()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var env = await StartAsync(clock: clock, queryPageSize: 7);
        var (completed, drafts) = await CreateAsync(env, clock);

        // The demo seed's instances of the same app: 4 and 7 completed and not confirmed; 1, 2 (and soft-deleted 6) in Task_1; 3 in Task_2.
        var all = completed.Concat(drafts).Concat(Enumerable.Range(1, 7).Select(DemoId)).ToHashSet();
        var toArchive = completed.Concat([DemoId(4), DemoId(7)]).ToHashSet();
        var staleDrafts = drafts.Concat([DemoId(1), DemoId(2)]).ToHashSet();
        var active = drafts.Concat([DemoId(1), DemoId(2), DemoId(3), DemoId(6)]).ToHashSet();

        var report = await env.Workflows.GetUndeployReadinessAsync(DemoApp, new UndeployReadinessOptions { ExportDirectory = env.Folder, DryRun = true });
        report.TotalInstances.Should().Be(all.Count);
        OnceEach(report.Export!, all, "export");

        var deleteDrafts = await env.Workflows.DeleteDraftsAsync(DemoApp, new DeleteDraftsOptions { Created = DateFilter.OnOrBefore(clock.GetUtcNow().AddDays(1)), DryRun = true });
        OnceEach(deleteDrafts, staleDrafts, "draft clean-up");

        // Setting the substatus changes lastChanged: oldest-first, each changed instance is listed again at the end.
        var query = new InstanceQuery(DemoApp) { IsComplete = false, Order = InstanceQueryOrder.LastChangedAscending };
        var substatus = await env.Workflows.SetSubstatusAsync(query, new Substatus { Label = "Mottatt" });
        OnceEach(substatus, active, "substatus");
        substatus.Done.Should().HaveCount(active.Count);

        // Confirming changes lastChanged too, and moves the instance out of the listing.
        var archive = await env.Workflows.ArchiveAsync(DemoApp, env.Folder);
        OnceEach(archive, toArchive, "archive");
        archive.Done.Should().HaveCount(toArchive.Count);
        env.Confirmations().Should().HaveCount(toArchive.Count);
    }

    private static void OnceEach(WorkflowResult result, IReadOnlySet<InstanceId> expected, string workflow)
    {
        result.Failed.Should().BeEmpty(workflow);
        var seen = result.Items.Select(i => i.InstanceId).ToList();
        seen.Should().OnlyHaveUniqueItems($"{workflow} must see no instance twice");
        expected.SetEquals(seen).Should().BeTrue($"{workflow} must see every instance: {expected.Except(seen).Count()} missing, {seen.Except(expected).Count()} unexpected");
    }

    /// <summary>250 completed and 250 draft instances, created oldest to newest; 60 of them (30 of each) at one instant.</summary>
    private static async Task<(List<InstanceId> Completed, List<InstanceId> Drafts)> CreateAsync(WorkflowEmulator env, FakeTimeProvider clock)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", env.Emulator.CreateOrgToken("ttd"));
        var url = new Uri(env.Emulator.Environment.StorageBaseUrl, "instances?appId=ttd/demo-app");
        DateTimeOffset started = clock.GetUtcNow().AddDays(-1);
        var completed = new List<InstanceId>();
        var drafts = new List<InstanceId>();
        for (int i = 0; i < 500; i++)
        {
            if (i is < 220 or >= 280) clock.Advance(TimeSpan.FromSeconds(1));
            bool done = i % 2 == 0;
            object process = done
                ? new { started, startEvent = "StartEvent_1", ended = started.AddHours(1), endEvent = "EndEvent_1" }
                : new { started, startEvent = "StartEvent_1", currentTask = new { elementId = "Task_1", altinnTaskType = "data", flow = 2, started } };
            object template = done
                ? new { instanceOwner = new { partyId = "50006000" }, process, status = new { isArchived = true, archived = started.AddHours(1) } }
                : new { instanceOwner = new { partyId = "50006000" }, process };
            using var response = await http.PostAsJsonAsync(url, template);
            response.EnsureSuccessStatusCode();
            InstanceId id = (await response.Content.ReadFromJsonAsync(AltinnJsonContext.Default.Instance))!.Id!;
            (done ? completed : drafts).Add(id);
        }

        return (completed, drafts);
    }
}
