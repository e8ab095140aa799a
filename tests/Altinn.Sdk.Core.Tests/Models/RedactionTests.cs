using Altinn.Sdk.Models;

namespace Altinn.Sdk.Tests.Models;

/// <summary>National identity numbers must not reach logs through a record's <c>ToString</c>.</summary>
public class RedactionTests
{
    private const string Ssn = "01017012345";

    [Fact]
    public void InstanceOwner_hides_the_person_number_but_shows_the_rest()
    {
        var owner = new InstanceOwner { PartyId = "50019855", PersonNumber = Ssn, Username = "ola" };

        string text = owner.ToString();

        text.Should().NotContain(Ssn).And.NotContain("010170");
        text.Should().Contain("PartyId = 50019855").And.Contain("PersonNumber = ***").And.Contain("Username = ola");
        text.Should().StartWith("InstanceOwner {");
    }

    [Fact]
    public void Party_hides_the_ssn()
    {
        var party = new Party { PartyId = 50019855, PartyTypeName = PartyType.Person, Ssn = Ssn, Name = "Ola Nordmann" };

        string text = party.ToString();

        text.Should().NotContain(Ssn);
        text.Should().Contain("Ssn = ***").And.Contain("Name = Ola Nordmann").And.Contain("PartyTypeName = Person");
    }

    [Fact]
    public void PlatformUser_hides_the_national_identity_number()
    {
        var user = new PlatformUser { UserId = 1337, AuthenticationLevel = 2, NationalIdentityNumber = Ssn };

        string text = user.ToString();

        text.Should().NotContain(Ssn);
        text.Should().Contain("UserId = 1337").And.Contain("NationalIdentityNumber = ***");
    }

    [Fact]
    public void Parsed_models_do_not_leak_the_number_through_nested_ToString()
    {
        var instance = Fixture.Read("app-instance-response.json", AltinnJsonContext.Default.Instance);
        var events = Fixture.Read("storage-instance-events.json", AltinnJsonContext.Default.InstanceEventList);
        var history = Fixture.Read("storage-process-history.json", AltinnJsonContext.Default.ProcessHistoryList);

        instance.InstanceOwner!.PersonNumber.Should().Be(Ssn, "the value itself is still available");
        instance.ToString().Should().NotContain(Ssn).And.Contain("Ola Nordmann");
        events.InstanceEvents![0].ToString().Should().NotContain(Ssn).And.Contain("UserId = 1337");
        history.ProcessHistory![0].ToString().Should().NotContain(Ssn).And.Contain("PerformedBy = ***");
    }

    [Fact]
    public void Null_numbers_print_as_empty()
    {
        new InstanceOwner { OrganisationNumber = "910123456" }.ToString()
            .Should().Contain("PersonNumber = ,").And.Contain("OrganisationNumber = 910123456");
    }
}
