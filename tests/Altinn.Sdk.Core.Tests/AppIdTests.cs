namespace Altinn.Sdk.Tests;

public class AppIdTests
{
    [Theory]
    [InlineData("ttd/apps-test")]
    [InlineData("skd/mva-melding")]
    [InlineData("ttd/a")]
    [InlineData("digdir/app2")]
    [InlineData("nav/søknad-om-støtte")]
    public void Parse_round_trips_exactly(string text)
    {
        AppId id = AppId.Parse(text);
        id.ToString().Should().Be(text);
        AppId.TryParse(text, out var again).Should().BeTrue();
        again.Should().Be(id);
    }

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("ttd", "exactly one '/'")]
    [InlineData("ttd/apps/test", "exactly one '/'")]
    [InlineData("TTD/apps-test", "org 'TTD'")]
    [InlineData("t-d/apps-test", "org 't-d'")]
    [InlineData("1ttd/apps-test", "org '1ttd'")]
    [InlineData("ttd/Apps-test", "app name 'Apps-test'")]
    [InlineData("ttd/-apps", "app name '-apps'")]
    [InlineData("ttd/apps test", "app name 'apps test'")]
    [InlineData("/apps-test", "org ''")]
    [InlineData("ttd/", "app name ''")]
    public void Parse_rejects_invalid_ids_with_a_reason(string text, string reason)
    {
        var act = () => AppId.Parse(text);
        act.Should().Throw<FormatException>().WithMessage($"*{reason}*");
        AppId.TryParse(text, out var result).Should().BeFalse();
        result.Should().BeNull();
    }

    [Fact]
    public void Constructor_validates_parts()
    {
        var act = () => new AppId("ttd", "Bad");
        act.Should().Throw<ArgumentException>().WithParameterName("app");
        new AppId("ttd", "apps-test").Should().Be(AppId.Parse("ttd/apps-test"));
    }
}
