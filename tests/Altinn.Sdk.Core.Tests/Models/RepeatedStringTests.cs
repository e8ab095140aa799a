using System.Text.Json;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Tests.Models;

/// <summary>Strings that repeat across a page are read once and shared; reading is otherwise unchanged.</summary>
public class RepeatedStringTests
{
    [Fact]
    public void Repeated_values_in_a_page_are_one_string()
    {
        var page = JsonSerializer.Deserialize(
            """{"instances":[{"org":"ttd","createdBy":"1337","data":[{"contentType":"application/pdf"}]},{"org":"ttd","createdBy":"1337","data":[{"contentType":"application/pdf"}]}]}""",
            AltinnJsonContext.Default.InstanceQueryResponse)!;

        Instance first = page.Instances![0], second = page.Instances[1];
        second.Org.Should().Be("ttd").And.BeSameAs(first.Org);
        second.CreatedBy.Should().Be("1337").And.BeSameAs(first.CreatedBy);
        second.Data![0].ContentType.Should().Be("application/pdf").And.BeSameAs(first.Data![0].ContentType);
    }

    [Theory]
    [InlineData("\"tt\\u0064\"", "ttd")]
    [InlineData("\"\"", "")]
    [InlineData("\"Søknaden er mottatt og blir behandlet av saksbehandler hos Ærlig Øl AS i løpet av uken\"", "Søknaden er mottatt og blir behandlet av saksbehandler hos Ærlig Øl AS i løpet av uken")]
    [InlineData("null", null)]
    public void Escaped_empty_long_and_null_values_read_as_before(string json, string? expected)
    {
        for (int i = 0; i < 2; i++)
        {
            var instance = JsonSerializer.Deserialize("{\"org\":" + json + ",\"process\":{\"endEvent\":" + json + "}}", AltinnJsonContext.Default.Instance)!;
            instance.Org.Should().Be(expected);
            instance.Process!.EndEvent.Should().Be(expected);
        }
    }

    [Fact]
    public void Values_that_share_a_cache_slot_are_not_mixed_up()
    {
        // Same length and same first, middle and last byte: the same slot, different text.
        var a = JsonSerializer.Deserialize("""{"org":"abcxe"}""", AltinnJsonContext.Default.Instance)!;
        var b = JsonSerializer.Deserialize("""{"org":"abcye"}""", AltinnJsonContext.Default.Instance)!;
        var c = JsonSerializer.Deserialize("""{"org":"abcxe"}""", AltinnJsonContext.Default.Instance)!;

        (a.Org, b.Org, c.Org).Should().Be(("abcxe", "abcye", "abcxe"));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[]")]
    public void Other_tokens_fail_as_for_any_string(string json)
    {
        Action act = () => JsonSerializer.Deserialize("{\"org\":" + json + "}", AltinnJsonContext.Default.Instance);
        act.Should().Throw<JsonException>().Which.Path.Should().Be("$.org");
    }
}
