namespace Altinn.Sdk.Tests;

public class InstanceIdTests
{
    [Theory]
    [InlineData("50019855/f21e5a3c-0e1c-4c6c-9d5b-3a2d1b0c9e8f")]
    [InlineData("1/00000000-0000-0000-0000-000000000001")]
    [InlineData("2147483647/abcdefab-cdef-abcd-efab-cdefabcdefab")]
    public void Parse_round_trips_exactly(string text)
    {
        InstanceId id = InstanceId.Parse(text);
        id.ToString().Should().Be(text);
        InstanceId.TryParse(text, out var again).Should().BeTrue();
        again.Should().Be(id);
    }

    [Fact]
    public void Parts_and_reference()
    {
        var id = InstanceId.Parse("50019855/f21e5a3c-0e1c-4c6c-9d5b-3a2d1b0c9e8f");
        id.PartyId.Should().Be(50019855);
        id.InstanceGuid.Should().Be(Guid.Parse("f21e5a3c-0e1c-4c6c-9d5b-3a2d1b0c9e8f"));
        id.Reference.Should().Be("3a2d1b0c9e8f").And.HaveLength(12);
    }

    [Fact]
    public void Upper_case_guid_is_accepted_and_written_in_lower_case()
    {
        InstanceId.Parse("5/F21E5A3C-0E1C-4C6C-9D5B-3A2D1B0C9E8F").ToString()
            .Should().Be("5/f21e5a3c-0e1c-4c6c-9d5b-3a2d1b0c9e8f");
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("f21e5a3c-0e1c-4c6c-9d5b-3a2d1b0c9e8f", "expected '{partyId}/{instanceGuid}'")]
    [InlineData("/f21e5a3c-0e1c-4c6c-9d5b-3a2d1b0c9e8f", "expected '{partyId}/{instanceGuid}'")]
    [InlineData("0/f21e5a3c-0e1c-4c6c-9d5b-3a2d1b0c9e8f", "party id '0'")]
    [InlineData("-5/f21e5a3c-0e1c-4c6c-9d5b-3a2d1b0c9e8f", "party id '-5'")]
    [InlineData("007/f21e5a3c-0e1c-4c6c-9d5b-3a2d1b0c9e8f", "party id '007'")]
    [InlineData("2147483648/f21e5a3c-0e1c-4c6c-9d5b-3a2d1b0c9e8f", "party id '2147483648'")]
    [InlineData("12a/f21e5a3c-0e1c-4c6c-9d5b-3a2d1b0c9e8f", "party id '12a'")]
    [InlineData("5/not-a-guid", "'not-a-guid' is not")]
    [InlineData("5/f21e5a3c0e1c4c6c9d5b3a2d1b0c9e8f", "is not a non-empty guid with dashes")]
    [InlineData("5/00000000-0000-0000-0000-000000000000", "non-empty guid")]
    [InlineData("5/f21e5a3c-0e1c-4c6c-9d5b-3a2d1b0c9e8f/x", "expected '{partyId}/{instanceGuid}'")]
    public void Parse_rejects_invalid_ids_with_a_reason(string text, string reason)
    {
        var act = () => InstanceId.Parse(text);
        act.Should().Throw<FormatException>().WithMessage($"*{reason}*");
        InstanceId.TryParse(text, out var result).Should().BeFalse();
        result.Should().BeNull();
    }

    [Fact]
    public void Constructor_validates_parts()
    {
        FluentActions.Invoking(() => new InstanceId(0, Guid.NewGuid())).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("partyId");
        FluentActions.Invoking(() => new InstanceId(5, Guid.Empty)).Should().Throw<ArgumentException>().WithParameterName("instanceGuid");
    }
}
