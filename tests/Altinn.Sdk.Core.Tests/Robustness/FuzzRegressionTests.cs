using System.Text.Json;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Tests.Robustness;

/// <summary>Inputs the fuzz suites found, kept as plain tests so they stay fixed whatever the seed.</summary>
[Collection(Models.UnknownEnumRegistry.Name)]
public class FuzzRegressionTests
{
    [Theory]
    [InlineData("ttd/demo-app\n")]
    [InlineData("ttd\n/demo-app")]
    public void AppId_refuses_a_trailing_line_break(string text)
    {
        AppId.TryParse(text, out _).Should().BeFalse();
        ((Action)(() => AppId.Parse(text))).Should().Throw<FormatException>();
    }

    [Fact]
    public void AppId_ValidateOrg_refuses_a_trailing_line_break()
    {
        ((Action)(() => AppId.ValidateOrg("ttd\n"))).Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("1700903514/7bba8e37-7041-2389-f2c7-1a7ee093aa9b\n")]
    [InlineData("1700903514/ 7bba8e37-7041-2389-f2c7-1a7ee093aa9b")]
    [InlineData("1700903514/7bba8e37-7041-2389-f2c7-1a7ee093aa9b ")]
    [InlineData("335513416/6241ae73-+efd-c2b7-0d64-47d1585d7f2d")]
    public void InstanceId_refuses_a_guid_that_would_not_round_trip(string text)
    {
        InstanceId.TryParse(text, out _).Should().BeFalse();
        ((Action)(() => InstanceId.Parse(text))).Should().Throw<FormatException>();
        ((Action)(() => JsonSerializer.Deserialize(JsonSerializer.Serialize(text), AltinnJsonContext.Default.InstanceId)))
            .Should().Throw<JsonException>();
    }

    [Theory]
    [InlineData("https://x.test/#top")]
    [InlineData("HTTPS://X.TEST/?q=1")]
    public void AltinnEnvironment_TryParse_refuses_a_url_with_query_or_fragment_instead_of_throwing(string text)
    {
        AltinnEnvironment.TryParse(text, out var environment).Should().BeFalse();
        environment.Should().BeNull();
        ((Action)(() => AltinnEnvironment.Parse(text))).Should().Throw<FormatException>();
    }

    [Fact]
    public void A_party_without_a_party_type_writes_and_reads_back()
    {
        // The App API always sends partyTypeName; a party built in code or read without it holds the unset default.
        var party = new Party { PartyId = 50001337, Name = "Test" };

        string json = JsonSerializer.Serialize(party, AltinnJsonContext.Default.Party);

        json.Should().Contain("\"partyTypeName\":0");
        Party again = JsonSerializer.Deserialize(json, AltinnJsonContext.Default.Party)!;
        again.PartyTypeName.Should().Be(default(PartyType));
        again.Should().Be(party);
        JsonSerializer.Deserialize("""{"partyId":1}""", AltinnJsonContext.Default.Party)!.PartyTypeName.Should().Be(default(PartyType));
    }

    [Fact]
    public void Other_undefined_party_types_are_kept_as_their_number()
    {
        // A party type Altinn adds later must not fail a page: it is read and written back as the number.
        PartyType six = JsonSerializer.Deserialize("6", AltinnJsonContext.Default.PartyType);
        ((int)six).Should().Be(6);
        JsonSerializer.Serialize(six, AltinnJsonContext.Default.PartyType).Should().Be("6");
    }
}
