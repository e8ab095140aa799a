using System.Text.Json;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Tests.Models;

public class ConverterTests
{
    [Theory]
    [InlineData("\"Unread\"", ReadStatus.Unread)]
    [InlineData("\"read\"", ReadStatus.Read)]
    [InlineData("\"UPDATEDSINCELASTREVIEW\"", ReadStatus.UpdatedSinceLastReview)]
    [InlineData("0", ReadStatus.Unread)]
    [InlineData("1", ReadStatus.Read)]
    [InlineData("2", ReadStatus.UpdatedSinceLastReview)]
    [InlineData("\"2\"", ReadStatus.UpdatedSinceLastReview)]
    public void ReadStatus_is_read_from_names_and_numbers(string json, ReadStatus expected)
    {
        JsonSerializer.Deserialize(json, AltinnJsonContext.Default.ReadStatus).Should().Be(expected);
    }

    [Theory]
    [InlineData(ReadStatus.Unread, "\"Unread\"")]
    [InlineData(ReadStatus.Read, "\"Read\"")]
    [InlineData(ReadStatus.UpdatedSinceLastReview, "\"UpdatedSinceLastReview\"")]
    public void ReadStatus_is_written_as_its_name(ReadStatus value, string expected)
    {
        JsonSerializer.Serialize(value, AltinnJsonContext.Default.ReadStatus).Should().Be(expected);
    }

    [Theory]
    [InlineData("1", PartyType.Person)]
    [InlineData("2", PartyType.Organisation)]
    [InlineData("3", PartyType.SelfIdentified)]
    [InlineData("4", PartyType.SubUnit)]
    [InlineData("5", PartyType.BankruptcyEstate)]
    [InlineData("\"bankruptcyEstate\"", PartyType.BankruptcyEstate)]
    public void PartyType_is_read_from_numbers_and_names(string json, PartyType expected)
    {
        JsonSerializer.Deserialize(json, AltinnJsonContext.Default.PartyType).Should().Be(expected);
    }

    [Theory]
    [InlineData("0", FileScanResult.NotApplicable)]
    [InlineData("3", FileScanResult.Infected)]
    [InlineData("\"clean\"", FileScanResult.Clean)]
    public void FileScanResult_is_read_from_numbers_and_names(string json, FileScanResult expected)
    {
        JsonSerializer.Deserialize(json, AltinnJsonContext.Default.FileScanResult).Should().Be(expected);
    }

    [Fact]
    public void Nullable_reference_enums_accept_numbers_and_are_written_as_names()
    {
        var reference = JsonSerializer.Deserialize("""{"value":"Task_1","relation":0,"valueType":1}""", AltinnJsonContext.Default.Reference)!;

        reference.Relation.Should().Be(ReferenceRelation.GeneratedFrom);
        reference.ValueType.Should().Be(ReferenceValueType.Task);
        JsonSerializer.Serialize(reference, AltinnJsonContext.Default.Reference)
            .Should().Be("""{"value":"Task_1","relation":"GeneratedFrom","valueType":"Task"}""");
        JsonSerializer.Serialize(new Reference { Value = "x" }, AltinnJsonContext.Default.Reference).Should().Be("""{"value":"x"}""");
    }

    [Theory]
    [InlineData("\"2024-05-01T10:15:30.1234567Z\"", "2024-05-01T10:15:30.1234567Z")]
    [InlineData("\"2024-05-01T10:15:30.1200000Z\"", "2024-05-01T10:15:30.12Z")]
    [InlineData("\"2024-05-01T10:15:30.0000000Z\"", "2024-05-01T10:15:30Z")]
    [InlineData("\"2024-05-01T10:15:30Z\"", "2024-05-01T10:15:30Z")]
    [InlineData("\"2024-05-01T10:15:30\"", "2024-05-01T10:15:30Z")]
    [InlineData("\"2024-05-01T10:15:30.5\"", "2024-05-01T10:15:30.5Z")]
    [InlineData("\"2024-05-01T12:15:30+02:00\"", "2024-05-01T10:15:30Z")]
    [InlineData("\"2024-05-01T00:30:00-01:00\"", "2024-05-01T01:30:00Z")]
    [InlineData("\"2024-05-01\"", "2024-05-01T00:00:00Z")]
    public void Dates_are_read_as_ISO_8601_and_written_as_UTC_with_trimmed_fractions(string json, string expected)
    {
        var options = AltinnJsonContext.Default.Options;
        DateTimeOffset value = JsonSerializer.Deserialize<DateTimeOffset>(json, options);

        value.UtcDateTime.Should().Be(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal));
        JsonSerializer.Serialize(value, options).Should().Be("\"" + expected + "\"");
    }

    [Fact]
    public void A_local_offset_is_written_as_the_same_moment_in_UTC()
    {
        var status = new InstanceStatus { Archived = new DateTimeOffset(2024, 12, 24, 18, 0, 0, TimeSpan.FromHours(1)) };

        JsonSerializer.Serialize(status, AltinnJsonContext.Default.InstanceStatus)
            .Should().Contain("\"archived\":\"2024-12-24T17:00:00Z\"");
    }

    [Fact]
    public void Ids_are_written_as_text()
    {
        var instance = new Instance
        {
            Id = new InstanceId(50019855, Guid.Parse("F21E5A3C-0E1C-4C6C-9D5B-3A2D1B0C9E8F")),
            AppId = new AppId("ttd", "skjema-demo"),
        };

        JsonSerializer.Serialize(instance, AltinnJsonContext.Default.Instance).Should().Be(
            """{"id":"50019855/f21e5a3c-0e1c-4c6c-9d5b-3a2d1b0c9e8f","appId":"ttd/skjema-demo"}""");
    }

    [Fact]
    public void Computed_members_are_not_written()
    {
        var dataType = new DataType { Id = "model", AppLogic = new ApplicationLogic { ClassRef = "X" } };

        string json = JsonSerializer.Serialize(dataType, AltinnJsonContext.Default.DataType);

        dataType.IsFormData.Should().BeTrue();
        json.Should().NotContain("isFormData");
        JsonSerializer.Serialize(new Instance(), AltinnJsonContext.Default.Instance).Should().Be("{}");
    }

    [Fact]
    public void Defaults_follow_Altinn()
    {
        new DataElement().IsRead.Should().BeTrue();
        new DataType().EnablePdfCreation.Should().BeTrue();
        JsonSerializer.Deserialize("{}", AltinnJsonContext.Default.DataElement)!.IsRead.Should().BeTrue();
        JsonSerializer.Deserialize("{}", AltinnJsonContext.Default.DataType)!.EnablePdfCreation.Should().BeTrue();
    }
}
