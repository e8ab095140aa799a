using System.Net;
using System.Net.Http.Headers;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage.Transport;
using Altinn.Sdk.Testing;

namespace Altinn.Sdk.Storage.Tests.Transport;

/// <summary>The generated Storage transport against the emulator's demo seed (see Altinn.Sdk.Testing's README).</summary>
public sealed class StorageTransportTests : IAsyncLifetime
{
    private const int DemoOrganisationParty = 50006000;
    private const string DemoApp = "ttd/demo-app";

    private AltinnEmulator _emulator = null!;
    private HttpClient _http = null!;
    private StorageTransport _transport = null!;

    private static Guid Demo(int n) => Guid.Parse($"de000000-0000-4000-8000-00000000000{n}");

    public async Task InitializeAsync()
    {
        _emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        _http = new HttpClient();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _emulator.CreateOrgToken("ttd"));
        _transport = new StorageTransport(_emulator.Environment.StorageBaseUrl.AbsoluteUri, _http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Generated_query_returns_the_demo_instances_of_a_party()
    {
        InstanceQueryResponse page = await _transport.QueryInstancesAsync(appId: DemoApp, instanceOwner_partyId: DemoOrganisationParty);

        // The app owner also sees the hard-deleted instance 7.
        page.Instances!.Select(i => i.Id!.InstanceGuid).Should().BeEquivalentTo(new[] { Demo(1), Demo(3), Demo(5), Demo(7) });
        page.Count.Should().Be(4);
        page.Next.Should().BeNull();
        page.Instances!.Should().OnlyContain(i => i.AppId!.ToString() == DemoApp && i.Org == "ttd");
    }

    [Fact]
    public async Task Generated_query_sends_repeated_date_filters_and_dotted_keys()
    {
        // Altinn's clean-up query: stale drafts. The demo seed documents that it finds exactly instance 1.
        InstanceQueryResponse page = await _transport.QueryInstancesAsync(
            org: "ttd",
            process_currentTask: "Task_1",
            created: new[] { "gte:2020-01-01T00:00:00Z", "lte:2020-09-30" });

        page.Instances!.Select(i => i.Id!.InstanceGuid).Should().Equal(Demo(1));
    }

    [Fact]
    public async Task Generated_query_pages_with_the_continuation_token()
    {
        InstanceQueryResponse first = await _transport.QueryInstancesAsync(appId: DemoApp, size: 4, includeDataElements: false);
        first.Instances.Should().HaveCount(4).And.OnlyContain(i => i.Data!.Count == 0);
        first.Next.Should().NotBeNull();

        string token = Uri.UnescapeDataString(first.Next!.Split("continuationToken=")[1].Split('&')[0]);
        InstanceQueryResponse second = await _transport.QueryInstancesAsync(appId: DemoApp, size: 4, continuationToken: token);

        first.Instances!.Concat(second.Instances!).Select(i => i.Id!.InstanceGuid)
            .Should().BeEquivalentTo(Enumerable.Range(1, 7).Select(Demo));
    }

    [Fact]
    public async Task Generated_get_instance_returns_the_seeded_instance()
    {
        Instance instance = await _transport.GetInstanceAsync(DemoOrganisationParty, Demo(1));

        instance.Id!.InstanceGuid.Should().Be(Demo(1));
        instance.InstanceOwner!.PartyId.Should().Be("50006000");
        instance.AppId!.ToString().Should().Be(DemoApp);
        instance.Process!.CurrentTask!.ElementId.Should().Be("Task_1");
        instance.Created.Should().Be(new DateTimeOffset(2020, 6, 15, 10, 0, 0, TimeSpan.Zero));
        instance.Data!.Select(d => d.DataType).Should().BeEquivalentTo("model", "vedleggA");
        instance.SelfLinks!.Platform.Should().StartWith(_emulator.Environment.StorageBaseUrl.AbsoluteUri);
    }

    [Fact]
    public async Task Base_url_can_come_from_the_HttpClient()
    {
        using var http = new HttpClient { BaseAddress = _emulator.Environment.StorageBaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _emulator.CreateOrgToken("ttd"));
        var transport = new StorageTransport(string.Empty, http);

        Instance instance = await transport.GetInstanceAsync(DemoOrganisationParty, Demo(3));

        instance.Process!.CurrentTask!.ElementId.Should().Be("Task_2");
    }

    [Fact]
    public async Task Errors_surface_as_the_generated_exception_with_status_and_text()
    {
        Func<Task> missing = () => _transport.GetInstanceAsync(DemoOrganisationParty, Guid.NewGuid());
        var notFound = (await missing.Should().ThrowAsync<StorageTransportException>()).Which;
        notFound.StatusCode.Should().Be((int)HttpStatusCode.NotFound);
        notFound.Response.Should().NotBeNullOrEmpty();

        Func<Task> noScope = () => _transport.QueryInstancesAsync(instanceOwner_partyId: DemoOrganisationParty);
        var badRequest = (await noScope.Should().ThrowAsync<StorageTransportException<string>>()).Which;
        badRequest.StatusCode.Should().Be((int)HttpStatusCode.BadRequest);
        badRequest.Result.Should().Be("Org or AppId must be defined.");
    }

    [Fact]
    public async Task Generated_json_bodies_are_sent_through_the_source_generated_metadata()
    {
        Instance withSubstatus = await _transport.UpdateSubstatusAsync(
            DemoOrganisationParty, Demo(3), new Substatus { Label = "Behandles", Description = "Under behandling" });
        withSubstatus.Status!.Substatus.Should().Be(new Substatus { Label = "Behandles", Description = "Under behandling" });

        Instance withTexts = await _transport.UpdatePresentationTextsAsync(
            DemoOrganisationParty, Demo(3), new PresentationTexts { Texts = new Dictionary<string, string?> { ["Saksnummer"] = "2024/17" } });
        withTexts.PresentationTexts.Should().Contain("Saksnummer", "2024/17");

        Instance withValues = await _transport.UpdateDataValuesAsync(
            DemoOrganisationParty, Demo(3), new DataValues { Values = new Dictionary<string, string?> { ["kommune"] = "0301" } });
        withValues.DataValues.Should().Contain("kommune", "0301");
    }

    [Fact]
    public async Task Generated_enum_and_date_query_values_are_understood()
    {
        Instance updated = await _transport.UpdateReadStatusAsync(DemoOrganisationParty, Demo(5), ReadStatus.UpdatedSinceLastReview);
        updated.Status!.ReadStatus.Should().Be(ReadStatus.UpdatedSinceLastReview);

        InstanceEventList events = await _transport.GetInstanceEventsAsync(
            DemoOrganisationParty, Demo(3), eventTypes: new[] { "Created", "Submited" },
            from: DateTimeOffset.UtcNow.AddYears(-1), to: DateTimeOffset.UtcNow.AddDays(1).ToOffset(TimeSpan.FromHours(2)));
        events.InstanceEvents!.Select(e => e.EventType).Should().Equal("Created", "Submited");

        InstanceEventList none = await _transport.GetInstanceEventsAsync(
            DemoOrganisationParty, Demo(3), from: DateTimeOffset.UtcNow.AddYears(-30), to: DateTimeOffset.UtcNow.AddYears(-29));
        none.InstanceEvents.Should().BeEmpty();
    }

    [Fact]
    public async Task Generated_download_streams_the_content_as_a_FileResponse()
    {
        DataElementList elements = await _transport.GetDataElementsAsync(DemoOrganisationParty, Demo(1));
        DataElement attachment = elements.DataElements!.Single(d => d.DataType == "vedleggA");

        using FileResponse file = await _transport.DownloadDataAsync(DemoOrganisationParty, Demo(1), attachment.Id);
        using var copy = new MemoryStream();
        await file.Stream.CopyToAsync(copy);

        file.StatusCode.Should().Be(200);
        file.Headers["Content-Type"].Single().Should().Be("application/pdf");
        copy.Length.Should().Be(attachment.Size);
    }

    [Fact]
    public async Task Generated_process_history_complete_and_delete_work()
    {
        ProcessHistoryList history = await _transport.GetProcessHistoryAsync(DemoOrganisationParty, Demo(5));
        history.ProcessHistory.Should().NotBeNull();

        Instance confirmed = await _transport.CompleteInstanceAsync(DemoOrganisationParty, Demo(3));
        confirmed.CompleteConfirmations!.Select(c => c.StakeholderId).Should().Contain("ttd");

        Instance deleted = await _transport.DeleteInstanceAsync(DemoOrganisationParty, Demo(1), hard: true);
        deleted.Status!.IsHardDeleted.Should().BeTrue();
        deleted.Status.IsSoftDeleted.Should().BeTrue();
    }

    [Fact]
    public async Task Generated_application_calls_return_Core_models()
    {
        using var anonymous = new HttpClient();
        var transport = new StorageTransport(_emulator.Environment.StorageBaseUrl.AbsoluteUri, anonymous);

        ApplicationList list = await transport.GetApplicationsAsync("ttd");
        list.Applications!.Select(a => a.Id).Should().Contain(DemoApp);

        ApplicationMetadata app = await transport.GetApplicationAsync("ttd", "demo-app");
        app.Id.Should().Be(DemoApp);
        app.DataTypes!.Select(d => d.Id).Should().Contain(new[] { "model", "vedleggA", "ref-data-as-pdf" });
    }
}
