using System.Text.Json;
using System.Text.Json.Nodes;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Tests.Models;

/// <summary>Storage output (nulls omitted, enum names, UTC dates) must come back unchanged after parse and write.</summary>
public class StorageDialectRoundTripTests
{
    public static TheoryData<string> StorageFixtures => new()
    {
        "storage-instances-page.json",
        "storage-application.json",
        "storage-instance-events.json",
        "storage-process-history.json",
        "storage-data-elements.json",
    };

    [Theory]
    [MemberData(nameof(StorageFixtures))]
    public void Parse_then_write_gives_the_same_document(string fixture)
    {
        string original = Fixture.Text(fixture);

        string written = RoundTrip(fixture, original);

        JsonNode.DeepEquals(Fixture.Node(original), Fixture.Node(written)).Should().BeTrue(
            "nothing may be lost, added or changed; wrote:\n{0}", written);
    }

    [Theory]
    [MemberData(nameof(StorageFixtures))]
    public void Parse_then_write_keeps_the_property_order_and_the_exact_text(string fixture)
    {
        // The fixtures are in Storage's field order with unknown fields last, so even the text must match.
        string original = Fixture.Text(fixture);

        RoundTrip(fixture, original).Should().Be(Fixture.Minified(original));
    }

    [Fact]
    public void Last_page_writes_next_as_null_like_Storage()
    {
        const string LastPage = """{"count":0,"self":"https://platform.altinn.no/storage/api/v1/instances?org=ttd","next":null,"instances":[]}""";

        var page = JsonSerializer.Deserialize(LastPage, AltinnJsonContext.Default.InstanceQueryResponse)!;

        page.Next.Should().BeNull();
        page.Instances.Should().BeEmpty();
        JsonSerializer.Serialize(page, AltinnJsonContext.Default.InstanceQueryResponse).Should().Be(LastPage);
    }

    [Fact]
    public void Instance_page_values_are_read()
    {
        var page = Fixture.Read("storage-instances-page.json", AltinnJsonContext.Default.InstanceQueryResponse);

        page.Count.Should().Be(2);
        page.Next.Should().EndWith("continuationToken=638512345678901234%3B4711");
        page.Instances.Should().HaveCount(2);

        Instance first = page.Instances![0];
        first.Id.Should().Be(InstanceId.Parse("50019855/f21e5a3c-0e1c-4c6c-9d5b-3a2d1b0c9e8f"));
        first.AppId.Should().Be(new AppId("ttd", "skjema-demo"));
        first.InstanceOwner!.PartyId.Should().Be("50019855");
        first.VisibleAfter.Should().Be(new DateTimeOffset(2024, 5, 1, 10, 15, 30, TimeSpan.Zero).AddTicks(1234567));
        first.Process!.CurrentTask!.ElementId.Should().Be("Task_1");
        first.Process.CurrentTask.Flow.Should().Be(2);
        first.IsComplete.Should().BeFalse();
        first.Status!.ReadStatus.Should().Be(ReadStatus.UpdatedSinceLastReview);
        first.Status.Substatus!.Label.Should().Be("substatus.awaiting");
        first.PresentationTexts.Should().ContainKey("Navn").WhoseValue.Should().Be("Ola Nordmann");

        DataElement attachment = first.Data![1];
        attachment.Id.Should().Be(Guid.Parse("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"));
        attachment.InstanceGuid.Should().Be(first.Id!.InstanceGuid);
        attachment.Size.Should().Be(204800);
        attachment.Locked.Should().BeTrue();
        attachment.IsRead.Should().BeFalse();
        attachment.FileScanResult.Should().Be(FileScanResult.Clean);
        attachment.Tags.Should().Equal("kvittering", "ekstra-vedlegg");
        attachment.Refs.Should().Equal(Guid.Parse("3b5f7c1e-8d2a-4e6f-9a0b-1c2d3e4f5a6b"));
        attachment.UserDefinedMetadata.Should().ContainSingle().Which.Should().Be(new KeyValueEntry { Key = "beskrivelse", Value = "Kvittering for mai" });
        attachment.References.Should().ContainSingle().Which.Should().Be(
            new Reference { Value = "3b5f7c1e-8d2a-4e6f-9a0b-1c2d3e4f5a6b", Relation = ReferenceRelation.GeneratedFrom, ValueType = ReferenceValueType.DataElement });

        Instance second = page.Instances[1];
        second.IsComplete.Should().BeTrue();
        second.Status!.IsHardDeleted.Should().BeTrue();
        second.Status.ReadStatus.Should().Be(ReadStatus.Read);
        second.CompleteConfirmations.Should().ContainSingle().Which.ConfirmedOn
            .Should().Be(new DateTimeOffset(2024, 4, 4, 7, 0, 0, 250, TimeSpan.Zero));
        second.Data![0].References![0].ValueType.Should().Be(ReferenceValueType.Task);
        second.Data[1].DeleteStatus!.IsHardDeleted.Should().BeTrue();
        second.Data[1].FileScanResult.Should().Be(FileScanResult.Infected);
        second.Data[1].BlobStoragePath.Should().BeNull();
    }

    [Fact]
    public void Application_values_are_read()
    {
        var app = Fixture.Read("storage-application.json", AltinnJsonContext.Default.ApplicationMetadata);

        app.Id.Should().Be("ttd/skjema-demo");
        app.Title.Should().Contain("en", "Form demo");
        app.PreventInstanceDeletionForDays.Should().Be(30);
        app.PartyTypesAllowed!.Person.Should().BeTrue();
        app.EFormidling!.SecurityLevel.Should().Be(3);
        app.MessageBoxConfig!.SyncAdapterSettings!.DisableSyncAttachments.Should().BeTrue();
        app.ApiScopes!.Users!.Read.Should().Be("ttd:[app]/instances.read");
        app.CopyInstanceSettings!.ExcludedDataTypes.Should().Equal("vedlegg");

        DataType pdf = app.DataTypes![0];
        pdf.IsFormData.Should().BeFalse();
        pdf.MaxCount.Should().Be(0, "0 means unbounded and must stay distinguishable from absent");

        DataType model = app.DataTypes[1];
        model.IsFormData.Should().BeTrue();
        model.AppLogic!.ShadowFields!.SaveToDataType.Should().Be("model-clean");
        model.AppLogic.DisallowUserDelete.Should().BeTrue();

        DataType attachment = app.DataTypes[2];
        attachment.MaxSize.Should().Be(25);
        attachment.EnableFileScan.Should().BeTrue();
        attachment.EnablePdfCreation.Should().BeFalse();
        attachment.AllowedContributors.Should().Equal("org:ttd");

        app.DataTypes[3].AppLogic!.AutoDeleteOnProcessEnd.Should().BeTrue();
    }

    [Fact]
    public void Application_list_with_a_legacy_app_name_is_still_readable()
    {
        const string Json = """{"applications":[{"id":"ttd/skjema-demo","org":"ttd"},{"id":"ttd/Old_App","org":"ttd"}]}""";

        var list = JsonSerializer.Deserialize(Json, AltinnJsonContext.Default.ApplicationList)!;

        list.Applications!.Select(a => a.Id).Should().Equal("ttd/skjema-demo", "ttd/Old_App");
        AppId.TryParse(list.Applications![1].Id, out _).Should().BeFalse();
        JsonSerializer.Serialize(list, AltinnJsonContext.Default.ApplicationList).Should().Contain("\"id\":\"ttd/Old_App\"");
    }

    [Fact]
    public void Events_and_history_values_are_read()
    {
        var events = Fixture.Read("storage-instance-events.json", AltinnJsonContext.Default.InstanceEventList);
        events.InstanceEvents.Should().HaveCount(3);
        events.InstanceEvents![1].ProcessInfo!.CurrentTask!.AltinnTaskType.Should().Be("data");
        events.InstanceEvents[2].User!.SystemUserId.Should().Be(Guid.Parse("7d8e9f00-1a2b-4c3d-8e4f-5a6b7c8d9e0f"));
        events.InstanceEvents[2].RelatedUser!.EndUserSystemId.Should().Be(17);

        var history = Fixture.Read("storage-process-history.json", AltinnJsonContext.Default.ProcessHistoryList);
        history.ProcessHistory![0].Occurred.Should().Be(new DateTimeOffset(2024, 5, 1, 10, 15, 31, TimeSpan.Zero).AddTicks(456000));
        history.ProcessHistory[1].Occurred.Should().BeNull();
        history.ProcessHistory[1].Ended.Should().Be(new DateTimeOffset(2024, 5, 2, 8, 1, 3, TimeSpan.Zero));
    }

    private static string RoundTrip(string fixture, string json) => fixture switch
    {
        "storage-instances-page.json" => Write(json, AltinnJsonContext.Default.InstanceQueryResponse),
        "storage-application.json" => Write(json, AltinnJsonContext.Default.ApplicationMetadata),
        "storage-instance-events.json" => Write(json, AltinnJsonContext.Default.InstanceEventList),
        "storage-process-history.json" => Write(json, AltinnJsonContext.Default.ProcessHistoryList),
        "storage-data-elements.json" => Write(json, AltinnJsonContext.Default.DataElementList),
        _ => throw new ArgumentOutOfRangeException(nameof(fixture), fixture, "No model for this fixture."),
    };

    private static string Write<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        => JsonSerializer.Serialize(JsonSerializer.Deserialize(json, typeInfo)!, typeInfo);
}
