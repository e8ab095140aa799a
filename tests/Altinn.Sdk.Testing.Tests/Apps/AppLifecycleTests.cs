using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using static Altinn.Sdk.Testing.Tests.Apps.AppHarness;

namespace Altinn.Sdk.Testing.Tests.Apps;

public class AppLifecycleTests
{
    [Fact]
    public async Task App_owner_creates_fills_in_moves_to_the_end_and_confirms_complete()
    {
        await using var h = await StartAsync();
        string token = h.OrgToken;

        using var created = await h.SendAsync(HttpMethod.Post, $"{App}/instances?instanceOwnerPartyId={OrgParty}", token);
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var instance = await JsonAsync(created);
        created.Headers.Location!.AbsoluteUri.Should().Be(new Uri(h.Emulator.BaseUrl, PathOf(instance)).AbsoluteUri);
        instance.GetProperty("selfLinks").GetProperty("apps").GetString().Should().Be(created.Headers.Location.AbsoluteUri);
        instance.GetProperty("status").GetProperty("readStatus").GetInt32().Should().Be(0, "instances the app owner creates stay unread");
        instance.GetProperty("instanceOwner").GetProperty("party").GetProperty("name").GetString().Should().Be("Testbedrift AS");
        instance.GetProperty("instanceOwner").GetProperty("party").GetProperty("partyTypeName").GetInt32().Should().Be(2);
        instance.GetProperty("process").GetProperty("currentTask").GetProperty("elementId").GetString().Should().Be("Task_1");
        instance.GetProperty("dueBefore").ValueKind.Should().Be(JsonValueKind.Null, "the App API writes nulls");
        var model = instance.GetProperty("data").EnumerateArray().Should().ContainSingle("the model is created automatically").Subject;
        model.GetProperty("dataType").GetString().Should().Be("model");
        model.GetProperty("isRead").GetBoolean().Should().BeFalse();
        string modelId = model.GetProperty("id").GetString()!;

        using (var put = await h.SendAsync(HttpMethod.Put, $"{PathOf(instance)}/data/{modelId}", token, Xml(ModelXml)))
        {
            put.StatusCode.Should().Be(HttpStatusCode.Created);
            (await JsonAsync(put)).GetProperty("size").GetInt64().Should().Be(Encoding.UTF8.GetByteCount(ModelXml));
        }

        var posted = await h.UploadAsync(instance, token, "attachment", Binary([1, 2, 3], "application/pdf", "attachment; filename=\"vedlegg.pdf\""));
        posted.GetProperty("validationIssues").GetArrayLength().Should().Be(0);
        posted.GetProperty("newDataModels").GetArrayLength().Should().Be(0);
        string attachmentId = posted.GetProperty("newDataElementId").GetString()!;
        posted.GetProperty("instance").GetProperty("data").EnumerateArray().Select(d => d.GetProperty("id").GetString()).Should().Contain(attachmentId);

        var moved = await h.NextAsync(instance, token);
        moved.GetProperty("currentTask").GetProperty("elementId").GetString().Should().Be("Task_2");
        moved.GetProperty("currentTask").GetProperty("altinnTaskType").GetString().Should().Be("confirmation");
        moved.GetProperty("currentTask").GetProperty("actions").GetProperty("confirm").GetBoolean().Should().BeTrue();
        moved.GetProperty("processTasks").EnumerateArray().Select(t => t.GetProperty("elementId").GetString()).Should().Equal("Task_1", "Task_2");

        var ended = await h.NextAsync(instance, token);
        ended.GetProperty("currentTask").ValueKind.Should().Be(JsonValueKind.Null);
        ended.GetProperty("endEvent").GetString().Should().Be("EndEvent_1");

        var final = await h.GetAsync(instance, token);
        final.GetProperty("status").GetProperty("isArchived").GetBoolean().Should().BeTrue();
        final.GetProperty("status").GetProperty("archived").GetString().Should().NotBeNull();
        final.GetProperty("process").GetProperty("ended").GetString().Should().NotBeNull();
        final.GetProperty("data").EnumerateArray().Should().OnlyContain(d => d.GetProperty("locked").GetBoolean(), "the data of an ended task is locked");

        using (var download = await h.SendAsync(HttpMethod.Get, $"{PathOf(instance)}/data/{modelId}", token, accept: "application/xml"))
        {
            download.StatusCode.Should().Be(HttpStatusCode.OK);
            (await download.Content.ReadAsStringAsync()).Should().Be(ModelXml);
        }

        using (var complete = await h.SendAsync(HttpMethod.Post, $"{PathOf(instance)}/complete", token))
        {
            complete.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var again = await h.SendAsync(HttpMethod.Post, $"{PathOf(instance)}/complete", token))
        {
            var confirmations = (await JsonAsync(again)).GetProperty("completeConfirmations");
            confirmations.GetArrayLength().Should().Be(1, "confirming twice is idempotent per org");
            confirmations[0].GetProperty("stakeholderId").GetString().Should().Be("ttd");
        }

        h.InstanceEventTypes(instance).Should().Equal(
            "Created", "Created", "process_StartEvent", "process_StartTask", "Saved", "Created",
            "process_EndTask", "process_StartTask", "process_EndTask", "process_EndEvent", "Submited", "ConfirmedComplete");
        h.CloudEventTypes().Should().Equal(
            "app.instance.process.movedTo.Task_1", "app.instance.created", "app.instance.process.movedTo.Task_2", "app.instance.process.completed");
        var cloudEvent = h.Emulator.Context.State.CloudEvents()[1];
        cloudEvent.Subject.Should().Be($"/party/{OrgParty}");
        cloudEvent.AlternativeSubject.Should().Be($"/org/{OrgNumber}");
        cloudEvent.Resource.Should().Be("urn:altinn:resource:app_ttd_test-app");

        using var history = await h.SendAsync(HttpMethod.Get, $"{PathOf(instance)}/process/history", token);
        var items = (await JsonAsync(history)).GetProperty("processHistory").EnumerateArray().ToArray();
        items.Select(i => $"{i.GetProperty("eventType").GetString()}:{i.GetProperty("elementId").GetString()}").Should().Equal(
            "process_StartEvent:StartEvent_1", "process_StartTask:Task_1", "process_StartTask:Task_2", "process_EndEvent:EndEvent_1");
        items[1].GetProperty("ended").GetString().Should().NotBeNull();
        items[0].GetProperty("performedBy").GetString().Should().Be("ttd");
    }

    [Fact]
    public async Task End_user_creates_with_multipart_uploads_moves_to_the_end_and_sees_the_status()
    {
        await using var h = await StartAsync();
        string token = h.UserToken;
        using var multipart = new MultipartFormDataContent
        {
            { new StringContent($"{{\"instanceOwner\":{{\"personNumber\":\"{PersonNumber}\"}},\"dueBefore\":\"2030-01-01T00:00:00Z\"}}", Encoding.UTF8, "application/json"), "instance" },
            { new StringContent("{}", Encoding.UTF8, "application/json"), "notification" },
            { Xml(ModelXml), "model" },
        };
        var pdf = Binary([37, 80, 68, 70], "application/pdf", null);
        multipart.Add(pdf, "attachment", "søknad.pdf");

        using var created = await h.SendAsync(HttpMethod.Post, $"{App}/instances", token, multipart);
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var instance = await JsonAsync(created);
        instance.GetProperty("instanceOwner").GetProperty("partyId").GetString().Should().Be(PersonParty.ToString(System.Globalization.CultureInfo.InvariantCulture));
        instance.GetProperty("status").GetProperty("readStatus").GetInt32().Should().Be(1, "instances end users create are read");
        instance.GetProperty("dueBefore").GetString().Should().Be("2030-01-01T00:00:00Z");
        var data = instance.GetProperty("data").EnumerateArray().ToArray();
        data.Select(d => d.GetProperty("dataType").GetString()).Should().BeEquivalentTo(["model", "attachment"], "a model part replaces the automatic one");
        data.Single(d => d.GetProperty("dataType").GetString() == "attachment").GetProperty("filename").GetString().Should().Be("søknad.pdf");
        data.Should().OnlyContain(d => d.GetProperty("createdBy").GetString() == "1001");

        var extra = await h.UploadAsync(instance, token, "attachment", Binary([9, 9], "image/png", "attachment; filename=bilde.png"));
        extra.GetProperty("instance").GetProperty("data").GetArrayLength().Should().Be(3);

        using (var active = await h.SendAsync(HttpMethod.Get, $"{App}/instances/{PersonParty}/active", token))
        {
            var list = (await JsonAsync(active)).EnumerateArray().ToArray();
            list.Should().ContainSingle().Which.GetProperty("lastChangedBy").GetString().Should().Be("Kari Nordmann");
        }

        (await h.NextAsync(instance, token)).GetProperty("currentTask").GetProperty("elementId").GetString().Should().Be("Task_2");
        (await h.NextAsync(instance, token)).GetProperty("ended").GetString().Should().NotBeNull();

        var final = await h.GetAsync(instance, token);
        final.GetProperty("status").GetProperty("isArchived").GetBoolean().Should().BeTrue();
        final.GetProperty("process").GetProperty("currentTask").ValueKind.Should().Be(JsonValueKind.Null);
        using (var active = await h.SendAsync(HttpMethod.Get, $"{App}/instances/{PersonParty}/active", token))
        {
            (await JsonAsync(active)).GetArrayLength().Should().Be(0, "archived instances are not active");
        }

        h.CloudEvents().Should().Contain("app.instance.process.completed");
        h.Emulator.Context.State.CloudEvents()[1].AlternativeSubject.Should().Be($"/person/{PersonNumber}");
        h.Emulator.Context.State.InstanceEvents(GuidOf(instance)).Should().OnlyContain(e => e.User!.UserId == UserId && e.User.NationalIdentityNumber == PersonNumber);
    }

    [Fact]
    public async Task Complete_process_runs_next_to_the_end_and_a_finished_process_cannot_move()
    {
        await using var h = await StartAsync();
        var instance = await h.CreateAsync(h.UserToken, PersonParty);

        using (var complete = await h.SendAsync(HttpMethod.Put, $"{PathOf(instance)}/process/completeProcess", h.UserToken))
        {
            complete.StatusCode.Should().Be(HttpStatusCode.OK);
            (await JsonAsync(complete)).GetProperty("ended").GetString().Should().NotBeNull();
        }

        using var next = await h.SendAsync(HttpMethod.Put, $"{PathOf(instance)}/process/next", h.UserToken);
        next.StatusCode.Should().Be(HttpStatusCode.Conflict);
        next.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var upload = await h.SendAsync(HttpMethod.Post, $"{PathOf(instance)}/data/type/attachment", h.UserToken, Binary([1], "application/pdf", "attachment; filename=a.pdf"));
        upload.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await JsonAsync(upload)).GetProperty("detail").GetString().Should().Be("Instance Not Active");
    }

    [Fact]
    public async Task Process_next_answers_409_with_validation_issues_when_a_required_element_is_missing()
    {
        var required = new Models.DataType { Id = "required-doc", TaskId = "Task_1", MinCount = 1, MaxCount = 1, AllowedContentTypes = ["application/pdf"] };
        await using var h = await StartAsync(Metadata(false, required));
        var instance = await h.CreateAsync(h.UserToken, PersonParty);

        using var next = await h.SendAsync(HttpMethod.Put, $"{PathOf(instance)}/process/next", h.UserToken, new StringContent("{\"action\":\"write\"}", Encoding.UTF8, "application/json"));

        next.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await JsonAsync(next);
        problem.GetProperty("title").GetString().Should().Be("Validation failed for task");
        var issue = problem.GetProperty("validationIssues").EnumerateArray().Should().ContainSingle().Subject;
        issue.GetProperty("code").GetString().Should().Be("TooFewDataElementsOfType");
        issue.GetProperty("severity").GetInt32().Should().Be(1);
        (await h.GetAsync(instance, h.UserToken)).GetProperty("process").GetProperty("currentTask").GetProperty("elementId").GetString().Should().Be("Task_1");

        await h.UploadAsync(instance, h.UserToken, "required-doc", Binary([1], "application/pdf", "attachment; filename=doc.pdf"));
        (await h.NextAsync(instance, h.UserToken)).GetProperty("currentTask").GetProperty("elementId").GetString().Should().Be("Task_2");
    }

    [Fact]
    public async Task Process_state_lists_the_tasks_and_the_callers_actions()
    {
        await using var h = await StartAsync();
        var instance = await h.CreateAsync(h.UserToken, PersonParty);

        using var response = await h.SendAsync(HttpMethod.Get, $"{PathOf(instance)}/process", h.UserToken);
        var state = await JsonAsync(response);
        state.GetProperty("startEvent").GetString().Should().Be("StartEvent_1");
        var task = state.GetProperty("currentTask");
        task.GetProperty("flow").GetInt32().Should().Be(2);
        task.GetProperty("write").GetBoolean().Should().BeTrue();
        task.GetProperty("userActions")[0].GetProperty("id").GetString().Should().Be("write");
        task.GetProperty("elementType").GetString().Should().Be("Task");
        state.GetProperty("processTasks").GetArrayLength().Should().Be(2);

        using var start = await h.SendAsync(HttpMethod.Post, $"{PathOf(instance)}/process/start", h.UserToken);
        start.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Substatus_is_set_by_the_app_owner_only_and_published()
    {
        await using var h = await StartAsync();
        var instance = await h.CreateAsync(h.UserToken, PersonParty);
        string path = $"{PathOf(instance)}/substatus";
        static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

        using (var user = await h.SendAsync(HttpMethod.Put, path, h.UserToken, Body("{\"label\":\"x\"}"))) user.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using (var empty = await h.SendAsync(HttpMethod.Put, path, h.OrgToken, Body("{\"label\":\"\"}"))) empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var ok = await h.SendAsync(HttpMethod.Put, path, h.OrgToken, Body("{\"label\":\"Godkjent\",\"description\":\"Din søknad er godkjent.\"}")))
        {
            ok.StatusCode.Should().Be(HttpStatusCode.OK);
            var status = (await JsonAsync(ok)).GetProperty("status").GetProperty("substatus");
            status.GetProperty("label").GetString().Should().Be("Godkjent");
            status.GetProperty("description").GetString().Should().Be("Din søknad er godkjent.");
        }

        h.CloudEventTypes().Last().Should().Be("app.instance.substatus.changed");
        h.InstanceEventTypes(instance).Last().Should().Be("SubstatusUpdated");
    }

    [Fact]
    public async Task A_system_user_acts_for_its_customer_organisation_only()
    {
        await using var h = await StartAsync();
        string token = h.Emulator.CreateSystemUserToken(OrgNumber);

        var instance = await h.CreateAsync(token, OrgParty);
        instance.GetProperty("createdBy").GetString().Should().Be(OrgNumber);
        (await h.GetAsync(instance, token)).GetProperty("id").GetString().Should().Be(instance.GetProperty("id").GetString());

        using var other = await h.SendAsync(HttpMethod.Post, $"{App}/instances?instanceOwnerPartyId={PersonParty}", token);
        other.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var read = await h.SendAsync(HttpMethod.Get, PathOf(await h.CreateAsync(h.UserToken, PersonParty)), token);
        read.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Simplified_instantiation_creates_for_the_owner_and_rejects_copies()
    {
        await using var h = await StartAsync();
        using var created = await h.SendAsync(HttpMethod.Post, $"{App}/instances/create", h.UserToken,
            new StringContent($"{{\"instanceOwner\":{{\"partyId\":\"{OrgParty}\"}},\"prefill\":{{\"Navn\":\"Kari\"}}}}", Encoding.UTF8, "application/json"));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        (await JsonAsync(created)).GetProperty("instanceOwner").GetProperty("organisationNumber").GetString().Should().Be(OrgNumber);

        using var copy = await h.SendAsync(HttpMethod.Post, $"{App}/instances/create", h.UserToken,
            new StringContent($"{{\"instanceOwner\":{{\"partyId\":\"{OrgParty}\"}},\"sourceInstanceId\":\"{OrgParty}/{Guid.NewGuid()}\"}}", Encoding.UTF8, "application/json"));
        copy.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Requests_without_a_token_get_401_and_other_users_get_403()
    {
        await using var h = await StartAsync();
        var instance = await h.CreateAsync(h.UserToken, PersonParty);

        using (var anonymous = await h.SendAsync(HttpMethod.Get, PathOf(instance), null)) anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using (var other = await h.SendAsync(HttpMethod.Get, PathOf(instance), h.OtherUserToken)) other.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using (var wrongParty = await h.SendAsync(HttpMethod.Get, $"{App}/instances/{OrgParty}/{GuidOf(instance)}", h.UserToken)) wrongParty.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using (var otherOrg = await h.SendAsync(HttpMethod.Get, PathOf(instance), h.Emulator.CreateOrgToken("digdir"))) otherOrg.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

internal static class HarnessExtensions
{
    public static IReadOnlyList<string> CloudEvents(this AppHarness h) => h.CloudEventTypes();
}
