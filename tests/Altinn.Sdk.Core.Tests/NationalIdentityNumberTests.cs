namespace Altinn.Sdk.Tests;

public class NationalIdentityNumberTests
{
    [Theory]
    [InlineData("01017012343")]   // the emulator's demo person
    [InlineData("41017012337")]   // a d-number (day + 40) with valid check digits
    public void Well_formed_numbers_are_valid(string number)
    {
        NationalIdentityNumber.IsValid(number).Should().BeTrue();
        NationalIdentityNumber.Validate(number).Should().Be(number);
    }

    [Theory]
    [InlineData("01017012344", "check digits")]
    [InlineData("01017012353", "check digits")]
    [InlineData("0101701234", "exactly 11 digits")]
    [InlineData("0101701234a", "but not only digits")]
    [InlineData("", "exactly 11 digits")]
    public void Mistyped_numbers_are_refused_with_the_reason_but_never_the_number(string number, string reason)
    {
        NationalIdentityNumber.IsValid(number).Should().BeFalse();
        var thrown = FluentActions.Invoking(() => NationalIdentityNumber.Validate(number, "person")).Should().Throw<ArgumentException>()
            .WithParameterName("person").WithMessage($"*{reason}*").Which;
        if (number.Length > 0) thrown.Message.Should().NotContain(number);
    }

    [Fact]
    public void Null_is_refused_by_name()
    {
        NationalIdentityNumber.IsValid(null).Should().BeFalse();
        FluentActions.Invoking(() => NationalIdentityNumber.Validate(null!, "person")).Should().Throw<ArgumentNullException>().WithParameterName("person");
    }
}
