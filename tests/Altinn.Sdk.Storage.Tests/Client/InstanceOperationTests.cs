using Altinn.Sdk.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Altinn.Sdk.Storage.Tests.Client.EmulatorStorage;

namespace Altinn.Sdk.Storage.Tests.Client;

/// <summary>The single-instance operations against the demo seed, their errors, and argument checks before any request.</summary>
public sealed class InstanceOperationTests : IAsyncLifetime
{
    private EmulatorStorage _storage = null!;

    private StorageInstancesClient Instances => _storage.Client.Instances;

    public async Task InitializeAsync() => _storage = await StartAsync();

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Get_returns_the_instance_and_raw_get_the_exact_json()
    {
        Instance instance = await Instances.GetAsync(DemoId(4));
        instance.Id.Should().Be(DemoId(4));
        instance.Status!.Substatus!.Label.Should().Be("Mottatt");

        InstanceJson raw = await Instances.GetRawAsync(DemoId(4));
        raw.Instance.Id.Should().Be(DemoId(4));
        using var document = raw.ToJsonDocument();
        document.RootElement.GetProperty("status").GetProperty("readStatus").ValueKind.Should().Be(System.Text.Json.JsonValueKind.String, "Storage writes enum names, and the raw JSON keeps them");
        raw.ToString().Should().NotContain(":null", "Storage omits nulls and nothing was re-serialized");
        _storage.StorageRequests().Select(r => r.PathAndQuery).Should().Equal(
            StoragePath + "instances/50001337/de000000-0000-4000-8000-000000000004",
            StoragePath + "instances/50001337/de000000-0000-4000-8000-000000000004");
    }

    [Fact]
    public async Task Confirm_complete_adds_the_confirmation_once()
    {
        Instance confirmed = await Instances.ConfirmCompleteAsync(DemoId(4));
        confirmed.CompleteConfirmations.Should().ContainSingle(c => c.StakeholderId == "ttd");

        confirmed = await Instances.ConfirmCompleteAsync(DemoId(4));
        confirmed.CompleteConfirmations.Should().ContainSingle();
        _storage.StorageRequests().Should().OnlyContain(r => r.Method == "POST" && r.PathAndQuery == StoragePath + "instances/50001337/de000000-0000-4000-8000-000000000004/complete");
    }

    [Fact]
    public async Task Substatus_is_set_and_a_long_label_logs_a_warning()
    {
        Instance changed = await Instances.SetSubstatusAsync(DemoId(3), new Substatus { Label = "Under behandling", Description = "Vi ser på saken." });
        changed.Status!.Substatus!.Label.Should().Be("Under behandling");
        _storage.Logger.Collector.Count.Should().Be(0);

        const string Long = "Søknaden er mottatt og under behandling";
        changed = await Instances.SetSubstatusAsync(DemoId(3), new Substatus { Label = Long });
        changed.Status!.Substatus!.Label.Should().Be(Long, "a long label is still sent");

        var record = _storage.Logger.Collector.LatestRecord;
        record.Level.Should().Be(LogLevel.Warning);
        record.Id.Id.Should().Be(3000);
        record.Message.Should().Contain(DemoId(3).ToString()).And.Contain(Long.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("22");
    }

    [Fact]
    public async Task Read_status_presentation_texts_and_data_values_are_written()
    {
        (await Instances.SetReadStatusAsync(DemoId(3), ReadStatus.UpdatedSinceLastReview)).Status!.ReadStatus.Should().Be(ReadStatus.UpdatedSinceLastReview);

        Instance texts = await Instances.SetPresentationTextsAsync(DemoId(3), new Dictionary<string, string?> { ["Tittel"] = "Ny tittel", ["Ekstra"] = "x" });
        texts.PresentationTexts.Should().Contain("Tittel", "Ny tittel").And.Contain("Ekstra", "x");
        texts = await Instances.SetPresentationTextsAsync(DemoId(3), new Dictionary<string, string?> { ["Ekstra"] = null });
        texts.PresentationTexts.Should().NotContainKey("Ekstra");

        Instance values = await Instances.SetDataValuesAsync(DemoId(3), new Dictionary<string, string?> { ["saksnummer"] = "2024/17" });
        values.DataValues.Should().Contain("saksnummer", "2024/17");

        _storage.StorageRequests().Select(r => r.Method + " " + r.PathAndQuery).Should().Equal(
            "PUT " + StoragePath + "instances/50006000/de000000-0000-4000-8000-000000000003/readstatus?status=UpdatedSinceLastReview",
            "PUT " + StoragePath + "instances/50006000/de000000-0000-4000-8000-000000000003/presentationtexts",
            "PUT " + StoragePath + "instances/50006000/de000000-0000-4000-8000-000000000003/presentationtexts",
            "PUT " + StoragePath + "instances/50006000/de000000-0000-4000-8000-000000000003/datavalues");
    }

    [Fact]
    public async Task Delete_soft_then_hard()
    {
        Instance soft = await Instances.DeleteAsync(DemoId(1), hard: false);
        soft.Status!.IsSoftDeleted.Should().BeTrue();
        soft.Status.IsHardDeleted.Should().BeFalse();

        Instance hard = await Instances.DeleteAsync(DemoId(1), hard: true);
        hard.Status!.IsHardDeleted.Should().BeTrue();
        _storage.StorageRequests().Select(r => r.Method + " " + r.PathAndQuery).Should().Equal(
            "DELETE " + StoragePath + "instances/50006000/de000000-0000-4000-8000-000000000001?hard=false",
            "DELETE " + StoragePath + "instances/50006000/de000000-0000-4000-8000-000000000001?hard=true");
    }

    [Fact]
    public async Task Events_filter_by_type_and_time_range()
    {
        IReadOnlyList<InstanceEvent> all = await Instances.GetEventsAsync(DemoId(4));
        all.Select(e => e.EventType).Should().Contain(["Created", "Submited"]);

        IReadOnlyList<InstanceEvent> submitted = await Instances.GetEventsAsync(DemoId(4), ["Submited"]);
        submitted.Should().NotBeEmpty().And.OnlyContain(e => e.EventType == "Submited");

        var from = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.FromHours(2));
        var until = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);
        (await Instances.GetEventsAsync(DemoId(4), null, from, until)).Should().BeEmpty();
        (await Instances.GetEventsAsync(DemoId(4), ["Created", "Submited"], DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddMinutes(1)))
            .Select(e => e.EventType).Should().BeEquivalentTo(all.Where(e => e.EventType is "Created" or "Submited").Select(e => e.EventType));

        var sent = _storage.StorageRequests().Select(r => r.PathAndQuery).ToList();
        sent[1].Should().EndWith("/events?eventTypes=Submited");
        sent[2].Should().EndWith("/events?from=1999-12-31T22%3A00%3A00.0000000%2B00%3A00&to=2001-01-01T00%3A00%3A00.0000000%2B00%3A00", "sent in UTC");
        sent[3].Should().Contain("/events?eventTypes=Created&eventTypes=Submited&from=");
    }

    [Fact]
    public async Task Process_history_lists_the_tasks()
    {
        // The seed has no process events; add them as an app would (Storage's E3).
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", _storage.Emulator.CreateOrgToken("ttd"));
        var events = new Uri(_storage.Emulator.Environment.StorageBaseUrl, "instances/50006000/de000000-0000-4000-8000-000000000003/events");
        foreach (string body in new[]
        {
            """{"instanceId":"50006000/de000000-0000-4000-8000-000000000003","eventType":"process_StartEvent"}""",
            """{"instanceId":"50006000/de000000-0000-4000-8000-000000000003","eventType":"process_StartTask","processInfo":{"currentTask":{"elementId":"Task_1","flow":2}}}""",
        })
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(events, content);
            response.EnsureSuccessStatusCode();
        }

        _storage.Emulator.ClearRequests();
        IReadOnlyList<ProcessHistoryItem> history = await Instances.GetProcessHistoryAsync(DemoId(3));

        history.Should().HaveCount(2);
        history[1].ElementId.Should().Be("Task_1");
        _storage.StorageRequests().Single().PathAndQuery.Should().Be(StoragePath + "instances/50006000/de000000-0000-4000-8000-000000000003/process/history");
    }

    [Fact]
    public async Task Missing_instance_is_404_with_the_service_text()
    {
        var missing = new InstanceId(OrganisationParty, Guid.Parse("de000000-0000-4000-8000-0000000000ff"));

        var get = await Instances.Invoking(i => i.GetAsync(missing)).Should().ThrowAsync<AltinnRequestFailedException>();
        get.Which.Status.Should().Be(404);
        get.Which.ResponseText.Should().NotBeNullOrEmpty();
        get.Which.Method.Should().Be("GET");
        get.Which.RequestUri.Should().Contain("/storage/api/v1/instances/50006000/");
        get.Which.Message.Should().Contain("404").And.Contain("The service said:").And.Contain("purged");

        var raw = await Instances.Invoking(i => i.GetRawAsync(missing)).Should().ThrowAsync<AltinnRequestFailedException>();
        raw.Which.Status.Should().Be(404);
        raw.Which.ResponseText.Should().Be(get.Which.ResponseText);

        (await Instances.Invoking(i => i.DeleteAsync(missing, hard: true)).Should().ThrowAsync<AltinnRequestFailedException>()).Which.Status.Should().Be(404);
    }

    [Fact]
    public async Task Purged_instance_is_404()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var storage = await StartAsync(clock: clock);

        // Storage's clean-up purges hard-deleted instances that were never archived (1), and archived ones once the hard
        // delete and the app owner's own complete confirmation are both 7 days old (7 was hard-deleted 30 days ago).
        await storage.Client.Instances.DeleteAsync(DemoId(1), hard: true);
        await storage.Client.Instances.ConfirmCompleteAsync(DemoId(7));
        clock.Advance(TimeSpan.FromMinutes(61));
        (await storage.Client.Instances.GetAsync(DemoId(7))).Status!.IsHardDeleted.Should().BeTrue("the confirmation is not 7 days old yet");

        clock.Advance(TimeSpan.FromDays(7));

        foreach (int n in new[] { 1, 7 })
        {
            var failure = await storage.Client.Instances.Invoking(i => i.GetAsync(DemoId(n))).Should().ThrowAsync<AltinnRequestFailedException>();
            failure.Which.Status.Should().Be(404);
            failure.Which.ResponseText.Should().NotBeNullOrEmpty();
            failure.Which.Message.Should().Contain("purged");
        }

        (await storage.Client.Data.Invoking(d => d.DownloadAsync(DemoId(7), DemoData(7, 1))).Should().ThrowAsync<AltinnRequestFailedException>())
            .Which.Status.Should().Be(404);
    }

    [Fact]
    public async Task Substatus_of_a_missing_instance_is_404_after_one_attempt_though_Storage_answers_500()
    {
        var missing = new InstanceId(OrganisationParty, Guid.Parse("de000000-0000-4000-8000-0000000000fe"));
        _storage.Emulator.ClearRequests();

        var failure = await Instances.Invoking(i => i.SetSubstatusAsync(missing, new Substatus { Label = "Mottatt" })).Should().ThrowAsync<AltinnRequestFailedException>();

        failure.Which.Status.Should().Be(404);
        failure.Which.Message.Should().Contain("does not exist").And.Contain("500");
        _storage.StorageRequests().Select(r => r.Method).Should().Equal(["PUT", "GET"], "the 500 is not retried: the instance is looked up once");

        _storage.Emulator.ClearRequests();
        (await Instances.SetSubstatusAsync(DemoId(5), new Substatus { Label = "Arkivert" })).Status!.Substatus!.Label.Should().Be("Arkivert");
        _storage.StorageRequests().Should().ContainSingle("an existing instance costs one request");
    }

    [Fact]
    public async Task Forbidden_is_403_with_a_hint()
    {
        await using var other = await StartAsync(e => e.CreateOrgCredential("digdir"));

        var get = await other.Client.Instances.Invoking(i => i.GetAsync(DemoId(1))).Should().ThrowAsync<AltinnRequestFailedException>();
        get.Which.Status.Should().Be(403);
        get.Which.Message.Should().Contain("403").And.Contain("policy.xml");

        var substatus = await other.Client.Instances.Invoking(i => i.SetSubstatusAsync(DemoId(1), new Substatus { Label = "x" })).Should().ThrowAsync<AltinnRequestFailedException>();
        substatus.Which.Status.Should().Be(403);
        substatus.Which.Message.Should().Contain("Only the app owner");

        var delete = await other.Client.Instances.Invoking(i => i.DeleteAsync(DemoId(1), hard: true)).Should().ThrowAsync<AltinnRequestFailedException>();
        delete.Which.Status.Should().Be(403);
        delete.Which.Message.Should().Contain("preventInstanceDeletionForDays");

        var query = await other.Client.Instances.Invoking(i => i.QueryAsync(new InstanceQuery(AppId.Parse(DemoApp))).ToListAsync().AsTask())
            .Should().ThrowAsync<AltinnRequestFailedException>();
        query.Which.Status.Should().Be(403);

        await using var readOnly = await StartAsync(e => e.CreateOrgCredential("ttd", "altinn:serviceowner/instances.read"));
        (await readOnly.Client.Instances.Invoking(i => i.ConfirmCompleteAsync(DemoId(4))).Should().ThrowAsync<AltinnRequestFailedException>())
            .Which.Status.Should().Be(403);
    }

    [Fact]
    public async Task Request_options_change_the_identity_of_one_call()
    {
        var other = new AltinnRequestOptions { Credential = _storage.Emulator.CreateOrgCredential("digdir") };

        (await Instances.Invoking(i => i.GetAsync(DemoId(1), other)).Should().ThrowAsync<AltinnRequestFailedException>()).Which.Status.Should().Be(403);
        (await Instances.Invoking(i => i.QueryAsync(new InstanceQuery(AppId.Parse(DemoApp)), other).ToListAsync().AsTask()).Should().ThrowAsync<AltinnRequestFailedException>())
            .Which.Status.Should().Be(403);
        (await _storage.Client.Data.Invoking(d => d.DownloadAsync(DemoId(1), DemoData(1, 1), other)).Should().ThrowAsync<AltinnRequestFailedException>())
            .Which.Status.Should().Be(403);
        (await Instances.Invoking(i => i.ConfirmCompleteAsync(DemoId(4), other)).Should().ThrowAsync<AltinnRequestFailedException>()).Which.Status.Should().Be(403);

        // The client's own identity is untouched.
        (await Instances.GetAsync(DemoId(1))).Id.Should().Be(DemoId(1));
    }

    [Fact]
    public async Task Bad_arguments_throw_before_any_request()
    {
        InstanceId id = DemoId(1);
        await Instances.Invoking(i => i.GetAsync(null!)).Should().ThrowAsync<ArgumentNullException>();
        await Instances.Invoking(i => i.GetRawAsync(null!)).Should().ThrowAsync<ArgumentNullException>();
        await Instances.Invoking(i => i.ConfirmCompleteAsync(null!)).Should().ThrowAsync<ArgumentNullException>();
        await Instances.Invoking(i => i.DeleteAsync(null!, true)).Should().ThrowAsync<ArgumentNullException>();
        await Instances.Invoking(i => i.SetSubstatusAsync(id, null!)).Should().ThrowAsync<ArgumentNullException>();
        await Instances.Invoking(i => i.SetSubstatusAsync(id, new Substatus { Label = " " })).Should().ThrowAsync<ArgumentException>().WithParameterName("substatus");
        await Instances.Invoking(i => i.SetSubstatusAsync(id, new Substatus { Description = "no label" })).Should().ThrowAsync<ArgumentException>();
        await Instances.Invoking(i => i.SetReadStatusAsync(id, (ReadStatus)7)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await Instances.Invoking(i => i.SetPresentationTextsAsync(id, null!)).Should().ThrowAsync<ArgumentNullException>();
        await Instances.Invoking(i => i.SetDataValuesAsync(id, new Dictionary<string, string?> { [""] = "x" })).Should().ThrowAsync<ArgumentException>();
        await Instances.Invoking(i => i.GetEventsAsync(id, null, DateTimeOffset.UtcNow, null)).Should().ThrowAsync<ArgumentException>().WithParameterName("until");
        await Instances.Invoking(i => i.GetEventsAsync(id, null, null, DateTimeOffset.UtcNow)).Should().ThrowAsync<ArgumentException>().WithParameterName("from");
        await Instances.Invoking(i => i.GetEventsAsync(id, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(-1))).Should().ThrowAsync<ArgumentException>();
        await Instances.Invoking(i => i.GetEventsAsync(id, [""])).Should().ThrowAsync<ArgumentException>();
        Instances.Invoking(i => i.QueryAsync(null!)).Should().Throw<ArgumentNullException>();
        Instances.Invoking(i => i.QueryAsync(new InstanceQuery(AppId.Parse(DemoApp)) { Reference = "xyz" })).Should().Throw<ArgumentException>();
        Instances.Invoking(i => i.QueryRawAsync(new InstanceQuery(AppId.Parse(DemoApp)) { IsComplete = true, CurrentTask = "Task_1" })).Should().Throw<ArgumentException>();
        Instances.Invoking(i => i.QueryAsync(new InstanceQuery(AppId.Parse(DemoApp))).AsPages(pageSizeHint: 0)).Should().Throw<ArgumentOutOfRangeException>();
        await _storage.Client.Data.Invoking(d => d.DownloadAsync(id, Guid.Empty)).Should().ThrowAsync<ArgumentException>();
        await _storage.Client.Data.Invoking(d => d.DownloadToAsync(id, DemoData(1, 1), (string)null!)).Should().ThrowAsync<ArgumentNullException>();
        await _storage.Client.Data.Invoking(d => d.DownloadToAsync(id, DemoData(1, 1), Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid(), "f.bin"))).Should().ThrowAsync<DirectoryNotFoundException>();
        await _storage.Client.Data.Invoking(d => d.DownloadToAsync(id, DemoData(1, 1), new MemoryStream([], writable: false))).Should().ThrowAsync<ArgumentException>();
        await _storage.Client.Data.Invoking(d => d.ListAsync(null!)).Should().ThrowAsync<ArgumentNullException>();
        await _storage.Client.Applications.Invoking(a => a.GetAsync(null!)).Should().ThrowAsync<ArgumentNullException>();
        await _storage.Client.Applications.Invoking(a => a.ListAsync("not an org")).Should().ThrowAsync<ArgumentException>();

        _storage.Emulator.Requests.Should().BeEmpty("nothing may be sent for a bad argument");
    }
}
