using System.Text.Json;
using System.Text.Json.Nodes;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Tests.Models;

/// <summary>Unknown properties must survive reading, changing a known field with <c>with</c>, and writing.</summary>
public class ReadModifyWriteTests
{
    [Fact]
    public void Instance_unknown_fields_survive_a_change_at_every_level()
    {
        var page = Fixture.Read("storage-instances-page.json", AltinnJsonContext.Default.InstanceQueryResponse);
        Instance instance = page.Instances![0];
        DataElement attachment = instance.Data![1];

        Instance changed = instance with
        {
            DueBefore = new DateTimeOffset(2025, 1, 31, 23, 0, 0, TimeSpan.Zero),
            Status = instance.Status! with { ReadStatus = ReadStatus.Read },
            Data = [instance.Data[0], attachment with { Tags = ["endret"] }],
        };
        JsonNode node = JsonSerializer.SerializeToNode(changed, AltinnJsonContext.Default.Instance)!;

        node["dueBefore"]!.GetValue<string>().Should().Be("2025-01-31T23:00:00Z");
        node["status"]!["readStatus"]!.GetValue<string>().Should().Be("Read");
        node["data"]![1]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).Should().Equal("endret");
        node["futureInstanceField"]!.GetValue<string>().Should().Be("kept");
        JsonNode.DeepEquals(node["data"]![1]!["futureElementField"], JsonNode.Parse("""{"level":2,"flags":[true,false]}"""))
            .Should().BeTrue();
        page.Instances[0].Data![1].Tags.Should().Equal(["kvittering", "ekstra-vedlegg"], "the original record is unchanged");
    }

    [Fact]
    public void Nested_status_unknown_field_survives_a_change_of_the_status()
    {
        var page = Fixture.Read("storage-instances-page.json", AltinnJsonContext.Default.InstanceQueryResponse);
        Instance archived = page.Instances![1];

        InstanceStatus status = archived.Status! with { ReadStatus = ReadStatus.Unread };
        JsonNode node = JsonSerializer.SerializeToNode(status, AltinnJsonContext.Default.InstanceStatus)!;

        node["readStatus"]!.GetValue<string>().Should().Be("Unread");
        node["futureStatusField"]!.GetValue<int>().Should().Be(42);
    }

    [Fact]
    public void Data_type_and_app_logic_unknown_fields_survive_a_change_of_the_application()
    {
        var app = Fixture.Read("storage-application.json", AltinnJsonContext.Default.ApplicationMetadata);
        DataType model = app.DataTypes![1];

        ApplicationMetadata changed = app with
        {
            Title = new Dictionary<string, string> { ["nb"] = "Ny tittel" },
            DataTypes = [app.DataTypes[0], model with { MaxCount = 2, AppLogic = model.AppLogic! with { DisallowUserDelete = false } }, app.DataTypes[2], app.DataTypes[3]],
        };
        JsonNode node = JsonSerializer.SerializeToNode(changed, AltinnJsonContext.Default.ApplicationMetadata)!;

        node["title"]!["nb"]!.GetValue<string>().Should().Be("Ny tittel");
        node["futureApplicationField"]!["enabled"]!.GetValue<bool>().Should().BeTrue();
        node["dataTypes"]![1]!["maxCount"]!.GetValue<int>().Should().Be(2);
        node["dataTypes"]![1]!["appLogic"]!["disallowUserDelete"]!.GetValue<bool>().Should().BeFalse();
        node["dataTypes"]![1]!["appLogic"]!["allowInSubform"]!.GetValue<bool>().Should().BeTrue();
        node["dataTypes"]![2]!["futureDataTypeField"]!.GetValue<string>().Should().Be("kept");
    }

    [Fact]
    public void App_metadata_unknown_top_level_fields_survive_a_change()
    {
        var app = Fixture.Read("app-applicationmetadata.json", AltinnJsonContext.Default.ApplicationMetadata);

        JsonNode node = JsonSerializer.SerializeToNode(app with { AutoDeleteOnProcessEnd = true }, AltinnJsonContext.Default.ApplicationMetadata)!;

        node["autoDeleteOnProcessEnd"]!.GetValue<bool>().Should().BeTrue();
        node["legacyFlag"]!.GetValue<bool>().Should().BeTrue();
        node["customAppSetting"]!["theme"]!.GetValue<string>().Should().Be("dark");
    }

    [Fact]
    public void A_model_built_in_code_has_no_unknown_fields()
    {
        var owner = new InstanceOwner { PartyId = "50019855" };

        JsonSerializer.Serialize(owner, AltinnJsonContext.Default.InstanceOwner).Should().Be("""{"partyId":"50019855"}""");
    }
}
