using System.Text.Json;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Tests.Models;

/// <summary>Bad input fails with a <see cref="JsonException"/> whose message says what was wrong.</summary>
public class ErrorTests
{
    [Theory]
    [InlineData("""{"status":{"readStatus":1.5}}""", "1.5 is not a known ReadStatus value")]
    [InlineData("""{"status":{"readStatus":true}}""", "Expected a name or number for ReadStatus")]
    public void Enum_values_that_are_neither_names_nor_integers_name_the_enum_and_the_value(string json, string expected)
    {
        Action act = () => JsonSerializer.Deserialize(json, AltinnJsonContext.Default.Instance);

        act.Should().Throw<JsonException>().WithMessage("*" + expected + "*");
    }

    [Fact]
    public void The_enum_message_lists_the_known_values()
    {
        Action act = () => JsonSerializer.Deserialize("2.5", AltinnJsonContext.Default.FileScanResult);

        act.Should().Throw<JsonException>()
            .WithMessage("*expected one of NotApplicable (0), Pending (1), Clean (2), Infected (3)*");
    }

    [Theory]
    [InlineData("""{"id":"not-an-id"}""", "'not-an-id' is not a valid instance id")]
    [InlineData("""{"id":"0/f21e5a3c-0e1c-4c6c-9d5b-3a2d1b0c9e8f"}""", "party id '0'")]
    [InlineData("""{"id":"50019855/not-a-guid"}""", "'not-a-guid' is not a non-empty guid")]
    [InlineData("""{"id":50019855}""", "Expected an instance id as a JSON string but found a JSON Number")]
    [InlineData("""{"appId":"ttd"}""", "'ttd' is not a valid app id")]
    [InlineData("""{"appId":"TTD/App"}""", "is not a valid app id")]
    [InlineData("""{"appId":["ttd/app"]}""", "Expected an app id as a JSON string")]
    public void Malformed_ids_give_a_json_exception_with_the_reason(string json, string expected)
    {
        Action act = () => JsonSerializer.Deserialize(json, AltinnJsonContext.Default.Instance);

        act.Should().Throw<JsonException>().WithMessage("*" + expected + "*");
    }

    [Fact]
    public void A_malformed_id_keeps_the_format_exception_as_the_inner_exception()
    {
        Action act = () => JsonSerializer.Deserialize("""{"id":"x/y"}""", AltinnJsonContext.Default.Instance);

        act.Should().Throw<JsonException>().WithInnerException<FormatException>();
    }

    [Theory]
    [InlineData("""{"created":"yesterday"}""", "'yesterday' is not a valid ISO 8601 date-time")]
    [InlineData("""{"created":"01.05.2024 10:15"}""", "'01.05.2024 10:15' is not a valid ISO 8601 date-time")]
    [InlineData("""{"created":"2024-13-01T00:00:00Z"}""", "'2024-13-01T00:00:00Z' is not a valid ISO 8601 date-time")]
    [InlineData("""{"created":1714558530}""", "Expected an ISO 8601 date-time string but found a JSON Number")]
    [InlineData("""{"status":{"archived":""}}""", "'' is not a valid ISO 8601 date-time")]
    public void Malformed_dates_give_a_json_exception_with_the_value(string json, string expected)
    {
        Action act = () => JsonSerializer.Deserialize(json, AltinnJsonContext.Default.Instance);

        act.Should().Throw<JsonException>().WithMessage("*" + expected + "*");
    }

    [Fact]
    public void A_malformed_data_element_guid_gives_a_json_exception()
    {
        Action act = () => JsonSerializer.Deserialize("""{"id":"nope"}""", AltinnJsonContext.Default.DataElement);

        act.Should().Throw<JsonException>();
    }

    [Fact]
    public void An_undefined_enum_value_is_written_as_its_number()
    {
        JsonSerializer.Serialize((ReadStatus)9, AltinnJsonContext.Default.ReadStatus).Should().Be("9");
    }
}
