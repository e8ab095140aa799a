using System.Text;
using Altinn.Sdk.Models;
using static Altinn.Sdk.Apps.Tests.AppsHarness;

namespace Altinn.Sdk.Apps.Tests;

/// <summary>The whole life of an instance through the App API, for the app owner and for end users.</summary>
public sealed class LifecycleTests : IAsyncLifetime
{
    private const string Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
    private AppsHarness _h = null!;

    public async Task InitializeAsync() => _h = await StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task App_owner_creates_fills_moves_to_the_end_confirms_and_deletes()
    {
        AppClient app = _h.Demo;

        Instance created = await app.Instances.CreateAsync(InstanceOwnerReference.Organisation(DemoOrgNumber));
        created.Id!.PartyId.Should().Be(OrganisationParty);
        created.InstanceOwner!.Party!.OrgNumber.Should().Be(DemoOrgNumber);
        created.Process!.CurrentTask!.ElementId.Should().Be("Task_1");
        DataElement model = created.Data!.Single(d => d.DataType == "model");

        string xml = "<Skjema><Tittel>Fra app-eier</Tittel></Skjema>";
        DataElement written = await app.Data.WriteFormDataAsync(created.Id, model.Id, xml, FormDataFormat.Xml);
        written.Id.Should().Be(model.Id);
        (await app.Data.ReadFormDataAsync(created.Id, model.Id, FormDataFormat.Xml)).Should().Be(xml);

        DataElement attachment = await app.Data.UploadAsync(created.Id, "vedleggA", new MemoryStream(Encoding.ASCII.GetBytes(Pdf)), "application/pdf", "vedlegg.pdf");
        attachment.DataType.Should().Be("vedleggA");
        attachment.Filename.Should().Be("vedlegg.pdf");
        await using (DataStream download = await app.Data.DownloadAsync(created.Id, attachment.Id))
        {
            download.ContentType.Should().Be("application/pdf");
            download.FileName.Should().Be("vedlegg.pdf");
            (await new StreamReader(download).ReadToEndAsync()).Should().Be(Pdf);
        }

        Instance withSubstatus = await app.Instances.SetSubstatusAsync(created.Id, new Substatus { Label = "Mottatt", Description = "Søknaden er mottatt." });
        withSubstatus.Status!.Substatus!.Label.Should().Be("Mottatt");

        Instance inConfirmation = await app.Process.NextAndGetInstanceAsync(created.Id);
        inConfirmation.Process!.CurrentTask!.ElementId.Should().Be("Task_2");
        inConfirmation.Data!.Single(d => d.Id == attachment.Id).Locked.Should().BeTrue("the elements of an ended task are locked");

        ProcessState ended = await app.Process.NextAsync(created.Id, "confirm");
        ended.Ended.Should().NotBeNull();
        ended.CurrentTask.Should().BeNull();
        (await app.Process.GetAsync(created.Id)).EndEvent.Should().Be("EndEvent_1");
        ProcessHistoryList history = await app.Process.GetHistoryAsync(created.Id);
        history.ProcessHistory!.Select(s => s.ElementId).Should().ContainInOrder("StartEvent_1", "Task_1", "Task_2", "EndEvent_1");

        Instance confirmed = await app.Instances.ConfirmCompleteAsync(created.Id);
        confirmed.CompleteConfirmations.Should().ContainSingle(c => c.StakeholderId == "ttd");
        confirmed.Status!.IsArchived.Should().BeTrue();

        Instance deleted = await app.Instances.DeleteAsync(created.Id, hard: true, CancellationToken.None);
        deleted.Status!.IsHardDeleted.Should().BeTrue();
        _h.AppRequests().Should().Contain(r => r.Method == "DELETE" && r.PathAndQuery == $"/ttd/demo-app/instances/{created.Id}?hard=true" && r.Status == 200);
    }

    [Fact]
    public async Task System_user_creates_with_data_for_its_organisation_and_reads_the_status_at_the_end()
    {
        AppClient app = _h.Demo;
        AltinnRequestOptions systemUser = _h.AsSystemUser(DemoOrgNumber);
        byte[] pdf = Encoding.ASCII.GetBytes(Pdf);

        Instance created = await app.Instances.CreateAsync(
            InstanceOwnerReference.Organisation(DemoOrgNumber),
            [
                InstanceDataPart.FormData("model", "<Skjema><Tittel>Fra systemet</Tittel></Skjema>", FormDataFormat.Xml),
                new InstanceDataPart("vedleggA", new MemoryStream(pdf), "application/pdf", "bilag 1.pdf"),
            ],
            systemUser);

        created.CreatedBy.Should().Be(DemoOrgNumber, "a system user acts as its organisation");
        created.Data.Should().HaveCount(2);
        DataElement model = created.Data!.Single(d => d.DataType == "model");
        (await app.Data.ReadFormDataAsync(created.Id!, model.Id, FormDataFormat.Xml, systemUser)).Should().Contain("Fra systemet");
        created.Data!.Single(d => d.DataType == "vedleggA").Filename.Should().Be("bilag 1.pdf");

        DataElement second = await app.Data.UploadAsync(created.Id!, "vedleggA", new MemoryStream(pdf), "application/pdf", "bilag 2.pdf", systemUser);
        (await app.Data.DeleteAsync(created.Id!, second.Id, systemUser)).Data.Should().NotContain(d => d.Id == second.Id);

        (await app.Instances.GetActiveAsync(OrganisationParty, systemUser)).Select(i => i.Id).Should().Contain(created.Id);

        await app.Process.NextAsync(created.Id!, null, systemUser);
        Instance atEnd = await app.Process.NextAndGetInstanceAsync(created.Id!, null, systemUser);
        atEnd.Process!.Ended.Should().NotBeNull();
        atEnd.Status!.IsArchived.Should().BeTrue();
        atEnd.Status.ReadStatus.Should().Be(ReadStatus.Read);
        (await app.Instances.GetActiveAsync(OrganisationParty, systemUser)).Select(i => i.Id).Should().NotContain(created.Id);

        // The system user's customer is the only party it may act for.
        var refused = await app.Instances.Invoking(i => i.CreateAsync(InstanceOwnerReference.Party(PersonParty), systemUser)).Should().ThrowAsync<AltinnRequestFailedException>();
        refused.Which.Status.Should().Be(403);
    }

    [Fact]
    public async Task A_user_creates_with_prefill_by_national_identity_number_and_an_auto_delete_app_hides_the_ended_instance()
    {
        AppClient app = _h.AddApp(DemoMetadata("ttd/auto-delete") with { AutoDeleteOnProcessEnd = true });
        AltinnRequestOptions user = _h.AsUser(UserId);

        Instance created = await app.Instances.CreateWithPrefillAsync(
            InstanceOwnerReference.Person(PersonNumber), new Dictionary<string, string> { ["Skjema.Tittel"] = "Forhåndsutfylt" }, user);
        created.Id!.PartyId.Should().Be(PersonParty);
        created.Data.Should().ContainSingle(d => d.DataType == "model");

        ProcessState state = await app.Process.NextAsync(created.Id, null, user);
        state.Ended.Should().NotBeNull();

        var hidden = await app.Instances.Invoking(i => i.GetAsync(created.Id, user)).Should().ThrowAsync<AltinnRequestFailedException>();
        hidden.Which.Status.Should().Be(404);
        hidden.Which.Message.Should().Contain("autoDeleteOnProcessEnd");
        (await app.Instances.GetActiveAsync(PersonParty, user)).Should().BeEmpty();

        Instance asOwner = await app.Instances.GetAsync(created.Id);
        asOwner.Status!.IsHardDeleted.Should().BeTrue("the app owner still reads an auto-deleted instance until it is purged");
        await app.Instances.ConfirmCompleteAsync(created.Id);
    }

    [Fact]
    public async Task Metadata_data_types_and_texts()
    {
        ApplicationMetadata metadata = await _h.Demo.Metadata.GetAsync();
        metadata.Id.Should().Be("ttd/demo-app");
        IReadOnlyList<DataType> types = await _h.Demo.Metadata.GetDataTypesAsync();
        types.Select(t => t.Id).Should().BeEquivalentTo(["ref-data-as-pdf", "model", "vedleggA"]);
        _h.AppRequests().Should().ContainSingle(r => r.PathAndQuery == "/ttd/demo-app/api/v1/applicationmetadata", "the data types come from the metadata already read");

        // The demo app has texts in nb and en; other languages fall back to nb.
        TextResource english = await _h.Demo.Metadata.GetTextsAsync("EN");
        english.Language.Should().Be("en");
        english.Resources.Should().Contain(t => t.Id == "appName" && t.Value == "Demo app");
        TextResource fallback = await _h.Demo.Metadata.GetTextsAsync("nn");
        fallback.Language.Should().Be("nb");
        fallback.Resources.Should().Contain(t => t.Id == "substatus.received" && t.Value == "Mottatt");
        _h.AppRequests().Should().Contain(r => r.PathAndQuery == "/ttd/demo-app/api/v1/texts/en", "the language is sent in lower case");

        // An app without texts: the 404 arrives as the app's answer.
        var texts = await _h.AddApp(DemoMetadata("ttd/no-texts")).Metadata.Invoking(m => m.GetTextsAsync("nb")).Should().ThrowAsync<AltinnRequestFailedException>();
        texts.Which.Status.Should().Be(404);

        var missing = await _h.Client.GetAppClient(AppId.Parse("ttd/no-such-app")).Metadata.Invoking(m => m.GetAsync()).Should().ThrowAsync<AltinnRequestFailedException>();
        missing.Which.Status.Should().Be(404);
        missing.Which.Message.Should().Contain("No app answers at this address");
    }

    internal static ApplicationMetadata DemoMetadata(string id) => new()
    {
        Id = id,
        Org = "ttd",
        Title = new Dictionary<string, string> { ["nb"] = "Testapp" },
        DataTypes =
        [
            new DataType { Id = "model", AllowedContentTypes = ["application/xml"], AppLogic = new ApplicationLogic { AutoCreate = true, ClassRef = "Altinn.App.Models.Skjema" }, TaskId = "Task_1", MaxCount = 1, MinCount = 1 },
            new DataType { Id = "vedleggA", AllowedContentTypes = ["application/pdf"], TaskId = "Task_1", MaxSize = 1, MaxCount = 2, MinCount = 0 },
        ],
    };
}
