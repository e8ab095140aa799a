using System.Text.Json;
using System.Text.Json.Nodes;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Tests.Models;

/// <summary>App API output: nulls emitted, enums as numbers, dates possibly with an offset or none.</summary>
public class AppDialectTests
{
    [Fact]
    public void Instance_response_values_are_read()
    {
        var instance = Fixture.Read("app-instance-response.json", AltinnJsonContext.Default.Instance);

        instance.Id!.PartyId.Should().Be(50019855);
        instance.Status!.ReadStatus.Should().Be(ReadStatus.UpdatedSinceLastReview, "the App API writes readStatus as the number 2");
        instance.Status.Substatus.Should().BeNull();
        instance.DueBefore.Should().BeNull();
        instance.CompleteConfirmations.Should().BeNull();
        instance.SelfLinks!.Apps.Should().StartWith("https://ttd.apps.tt02.altinn.no/");

        Party party = instance.InstanceOwner!.Party!;
        party.PartyId.Should().Be(50019855);
        party.PartyTypeName.Should().Be(PartyType.Person, "the App API writes partyTypeName as the number 1");
        party.PartyUuid.Should().Be(Guid.Parse("6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b"));
        party.Name.Should().Be("Ola Nordmann");
        instance.InstanceOwner.OrganisationNumber.Should().BeNull();

        instance.Data.Should().ContainSingle().Which.FileScanResult.Should().Be(FileScanResult.Pending);
        instance.Data![0].SelfLinks!.Platform.Should().BeNull();
    }

    [Fact]
    public void Dates_with_an_offset_are_converted_and_dates_without_one_are_utc()
    {
        var instance = Fixture.Read("app-instance-response.json", AltinnJsonContext.Default.Instance);

        // "2024-05-01T12:15:30.5+02:00" is the same moment as 10:15:30.5Z.
        instance.VisibleAfter.Should().Be(new DateTimeOffset(2024, 5, 1, 10, 15, 30, 500, TimeSpan.Zero));
        // "2024-05-01T10:15:31.0456" has no offset, so it is UTC.
        instance.Process!.Started.Should().Be(new DateTimeOffset(2024, 5, 1, 10, 15, 31, TimeSpan.Zero).AddTicks(456000));
        instance.Process.Started!.Value.Offset.Should().Be(TimeSpan.Zero);

        JsonNode written = JsonSerializer.SerializeToNode(instance, AltinnJsonContext.Default.Instance)!;
        written["visibleAfter"]!.GetValue<string>().Should().Be("2024-05-01T10:15:30.5Z");
        written["process"]!["started"]!.GetValue<string>().Should().Be("2024-05-01T10:15:31.0456Z");
    }

    [Fact]
    public void Instance_response_is_written_in_Storage_dialect_and_is_stable()
    {
        string first = Rewrite(Fixture.Text("app-instance-response.json"), AltinnJsonContext.Default.Instance);
        string second = Rewrite(first, AltinnJsonContext.Default.Instance);

        second.Should().Be(first);
        JsonNode node = Fixture.Node(first);
        node["status"]!["readStatus"]!.GetValue<string>().Should().Be("UpdatedSinceLastReview");
        node["instanceOwner"]!["party"]!["partyTypeName"]!.GetValue<string>().Should().Be("Person");
        node["dueBefore"].Should().BeNull("null known properties are left out");
        node.AsObject().ContainsKey("dueBefore").Should().BeFalse();
        node["instanceOwner"]!.AsObject().ContainsKey("organisationNumber").Should().BeFalse();
    }

    [Fact]
    public void Unknown_app_fields_are_kept_including_explicit_nulls()
    {
        JsonNode node = Fixture.Node(Rewrite(Fixture.Text("app-instance-response.json"), AltinnJsonContext.Default.Instance));

        node.AsObject().TryGetPropertyValue("futureAppField", out JsonNode? future).Should().BeTrue();
        future.Should().BeNull("an unknown null is written back as null");
        JsonObject party = node["instanceOwner"]!["party"]!.AsObject();
        party["onlyHierarchyElementWithNoAccess"]!.GetValue<bool>().Should().BeFalse();
        party.ContainsKey("childParties").Should().BeTrue();
    }

    [Fact]
    public void Application_metadata_values_are_read()
    {
        var app = Fixture.Read("app-applicationmetadata.json", AltinnJsonContext.Default.ApplicationMetadata);

        AppId.Parse(app.Id!).App.Should().Be("skjema-demo");
        app.VersionId.Should().BeNull();
        app.Features.Should().Contain("addInstanceIdentifierToLogTelemetry", true);
        app.Logo!.DisplayAppOwnerNameInHeader.Should().BeTrue();
        app.Logo.Size.Should().Be("small");
        app.AltinnNugetVersion.Should().Be("8.12.7.0");
        app.ExternalApiIds.Should().Equal("exchange-rates");
        app.OnEntry!.InstanceSelection!.RowsPerPageOptions.Should().Equal(10, 25, 50);
        app.OnEntry.InstanceSelection.DefaultSelectedOption.Should().BeNull();

        app.DataTypes.Should().HaveCount(3);
        DataType model = app.DataTypes![0];
        model.IsFormData.Should().BeTrue();
        model.AppLogic!.ClassRef.Should().Be("Altinn.App.Models.Skjema");
        model.AppLogic.ShadowFields!.Prefix.Should().Be("AltinnSF_");
        model.AllowedContentTypes.Should().Equal("application/xml");

        DataType temporary = app.DataTypes[1];
        temporary.IsFormData.Should().BeFalse("appLogic without classRef is still a binary type");
        temporary.AppLogic!.AutoDeleteOnProcessEnd.Should().BeTrue();
        temporary.MaxSize.Should().Be(10);
        temporary.MaxCount.Should().Be(3);

        DataType unbounded = app.DataTypes[2];
        unbounded.AppLogic.Should().BeNull();
        unbounded.MaxCount.Should().BeNull("an absent maxCount must stay distinguishable from 0 or 1");
        unbounded.MinCount.Should().BeNull();
        unbounded.EnablePdfCreation.Should().BeTrue();
    }

    [Fact]
    public void Application_metadata_unknown_top_level_fields_survive_and_writing_is_stable()
    {
        string first = Rewrite(Fixture.Text("app-applicationmetadata.json"), AltinnJsonContext.Default.ApplicationMetadata);
        string second = Rewrite(first, AltinnJsonContext.Default.ApplicationMetadata);

        second.Should().Be(first);
        JsonNode node = Fixture.Node(first);
        JsonNode.DeepEquals(node["customAppSetting"], JsonNode.Parse("""{"theme":"dark","limits":[1,2,3]}""")).Should().BeTrue();
        node["legacyFlag"]!.GetValue<bool>().Should().BeTrue();
        node.AsObject().ContainsKey("eFormidling").Should().BeFalse();
        node["dataTypes"]![2]!.AsObject().ContainsKey("maxCount").Should().BeFalse("absent stays absent");
    }

    [Fact]
    public void Numbers_may_be_read_from_strings()
    {
        const string Json = """{"count":"3","self":"s","next":null,"instances":[]}""";

        JsonSerializer.Deserialize(Json, AltinnJsonContext.Default.InstanceQueryResponse)!.Count.Should().Be(3);
    }

    [Fact]
    public void Property_names_are_read_case_insensitively()
    {
        const string Json = """{"Id":"ttd/app","DataTypes":[{"ID":"model","MaxCount":2}]}""";

        var app = JsonSerializer.Deserialize(Json, AltinnJsonContext.Default.ApplicationMetadata)!;

        app.Id.Should().Be("ttd/app");
        app.DataTypes![0].Id.Should().Be("model");
        app.DataTypes[0].MaxCount.Should().Be(2);
    }

    private static string Rewrite<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        => JsonSerializer.Serialize(JsonSerializer.Deserialize(json, typeInfo)!, typeInfo);
}
