using Altinn.Sdk.Authentication;

namespace Altinn.Sdk.Tests;

public class OrganisationNumberTests
{
    [Theory]
    [InlineData("405003309")]
    [InlineData("991825827")]
    [InlineData("312345676")]
    [InlineData("310000000")]
    public void Real_and_well_formed_numbers_are_valid(string number)
    {
        OrganisationNumber.IsValid(number).Should().BeTrue();
        OrganisationNumber.Validate(number).Should().Be(number);
        OrganisationNumber.Validate("0192:" + number).Should().Be(number);
    }

    [Theory]
    [InlineData("312345678", "check digit")]
    [InlineData("405003308", "check digit")]
    [InlineData("12345", "exactly 9 digits")]
    [InlineData("4050033090", "exactly 9 digits")]
    [InlineData("40500330a", "exactly 9 digits")]
    [InlineData("0192:12345", "exactly 9 digits")]
    public void Mistyped_numbers_are_refused_with_the_reason(string number, string reason)
    {
        OrganisationNumber.IsValid(number).Should().BeFalse();
        FluentActions.Invoking(() => OrganisationNumber.Validate(number, "org")).Should().Throw<ArgumentException>()
            .WithParameterName("org").WithMessage($"*{reason}*");
    }

    [Fact]
    public void Every_place_that_takes_an_organisation_number_uses_the_same_rule()
    {
        FluentActions.Invoking(() => new SystemUserContext("312345678")).Should().Throw<ArgumentException>().WithMessage("*check digit*");
        FluentActions.Invoking(() => new AltinnTokenContext(AltinnEnvironment.Tt02, ["altinn:instances.read"], consumerOrganisation: "312345678"))
            .Should().Throw<ArgumentException>().WithMessage("*check digit*");
        new SystemUserContext("0192:312345676").OrganisationNumber.Should().Be("312345676");
    }
}
