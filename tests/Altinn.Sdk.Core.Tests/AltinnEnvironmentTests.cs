namespace Altinn.Sdk.Tests;

public class AltinnEnvironmentTests
{
    private static readonly AppId s_app = AppId.Parse("ttd/apps-test");

    [Theory]
    [InlineData("prod", "https://platform.altinn.no/", "https://ttd.apps.altinn.no/ttd/apps-test/", "https://maskinporten.no/")]
    [InlineData("tt02", "https://platform.tt02.altinn.no/", "https://ttd.apps.tt02.altinn.no/ttd/apps-test/", "https://test.maskinporten.no/")]
    [InlineData("at22", "https://platform.at22.altinn.cloud/", "https://ttd.apps.at22.altinn.cloud/ttd/apps-test/", "https://test.maskinporten.no/")]
    [InlineData("at23", "https://platform.at23.altinn.cloud/", "https://ttd.apps.at23.altinn.cloud/ttd/apps-test/", "https://test.maskinporten.no/")]
    [InlineData("at24", "https://platform.at24.altinn.cloud/", "https://ttd.apps.at24.altinn.cloud/ttd/apps-test/", "https://test.maskinporten.no/")]
    [InlineData("yt01", "https://platform.yt01.altinn.cloud/", "https://ttd.apps.yt01.altinn.cloud/ttd/apps-test/", "https://test.maskinporten.no/")]
    public void Known_environments_give_documented_urls(string name, string platform, string app, string maskinporten)
    {
        var environment = AltinnEnvironment.Parse(name);
        environment.Name.Should().Be(name);
        environment.PlatformBaseUrl.AbsoluteUri.Should().Be(platform);
        environment.GetAppBaseUrl(s_app).AbsoluteUri.Should().Be(app);
        environment.MaskinportenIssuer!.AbsoluteUri.Should().Be(maskinporten);
        environment.StorageBaseUrl.AbsoluteUri.Should().Be(platform + "storage/api/v1/");
        environment.AuthenticationBaseUrl.AbsoluteUri.Should().Be(platform + "authentication/api/v1/");
        environment.EventsBaseUrl.AbsoluteUri.Should().Be(platform + "events/api/v1/");
    }

    [Fact]
    public void Names_are_case_insensitive_and_production_has_an_alias()
    {
        AltinnEnvironment.Parse("PRODUCTION").Should().BeSameAs(AltinnEnvironment.Production);
        AltinnEnvironment.Parse("Tt02").Should().BeSameAs(AltinnEnvironment.Tt02);
    }

    [Fact]
    public void Documented_storage_query_url_is_built_from_the_environment()
    {
        var url = new Uri(AltinnEnvironment.Production.StorageBaseUrl, "instances?appId=ttd/apps-test&created=lte:2020-09-30&process.currentTask=Task_1");
        url.AbsoluteUri.Should().Be("https://platform.altinn.no/storage/api/v1/instances?appId=ttd/apps-test&created=lte:2020-09-30&process.currentTask=Task_1");
    }

    [Fact]
    public void Local_environment_serves_platform_and_apps_from_one_base()
    {
        var local = AltinnEnvironment.Parse("http://127.0.0.1:5199");
        local.Name.Should().Be("local");
        local.PlatformBaseUrl.AbsoluteUri.Should().Be("http://127.0.0.1:5199/");
        local.GetAppBaseUrl(s_app).AbsoluteUri.Should().Be("http://127.0.0.1:5199/ttd/apps-test/");
        local.MaskinportenIssuer.Should().BeNull();
        local.IsAltinnHost(new Uri("http://127.0.0.1:5199/storage/api/v1/instances")).Should().BeTrue();
        local.IsAltinnHost(new Uri("http://127.0.0.1:5200/storage/api/v1/instances")).Should().BeFalse("another port is another host");
    }

    [Theory]
    [InlineData("https://platform.tt02.altinn.no/storage/api/v1/instances", true)]
    [InlineData("https://ttd.apps.tt02.altinn.no/ttd/apps-test/instances", true)]
    [InlineData("https://skd.apps.tt02.altinn.no/skd/mva/instances", true)]
    [InlineData("http://platform.tt02.altinn.no/storage/api/v1/instances", false)]
    [InlineData("https://platform.altinn.no/storage/api/v1/instances", false)]
    [InlineData("https://ttd.apps.altinn.no/ttd/apps-test/instances", false)]
    [InlineData("https://evil.example/ttd.apps.tt02.altinn.no", false)]
    [InlineData("https://ttd.apps.tt02.altinn.no.evil.example/x", false)]
    [InlineData("https://a.b.apps.tt02.altinn.no/x", false)]
    [InlineData("https://test.maskinporten.no/token", false)]
    [InlineData("https://platform.tt02.altinn.no:8443/x", false)]
    public void Tokens_go_only_to_this_environments_hosts_over_https(string url, bool allowed)
    {
        AltinnEnvironment.Tt02.IsAltinnHost(new Uri(url)).Should().Be(allowed);
    }

    [Fact]
    public void Custom_environment_uses_its_template()
    {
        var custom = AltinnEnvironment.Custom("staging", new Uri("https://platform.example.no"), "https://{org}.apps.example.no/{org}/{app}", new Uri("https://mp.example.no"));
        custom.PlatformBaseUrl.AbsoluteUri.Should().Be("https://platform.example.no/");
        custom.GetAppBaseUrl(s_app).AbsoluteUri.Should().Be("https://ttd.apps.example.no/ttd/apps-test/");
        custom.MaskinportenIssuer!.AbsoluteUri.Should().Be("https://mp.example.no/");
        custom.IsAltinnHost(new Uri("https://digdir.apps.example.no/digdir/x")).Should().BeTrue();
        custom.Should().Be(AltinnEnvironment.Custom("staging", new Uri("https://platform.example.no/"), "https://{org}.apps.example.no/{org}/{app}/", new Uri("https://mp.example.no/")));
    }

    [Theory]
    [InlineData("http://platform.example.no/", "https://{org}.apps.example.no/{org}/{app}/", "must use HTTPS")]
    [InlineData("https://platform.example.no/", "http://{org}.apps.example.no/{org}/{app}/", "must use HTTPS")]
    [InlineData("https://platform.example.no/", "https://apps.example.no/{app}/", "must contain both")]
    [InlineData("https://platform.example.no/?x=1", "https://{org}.apps.example.no/{org}/{app}/", "no query")]
    public void Custom_environment_rejects_unsafe_or_incomplete_urls(string platform, string template, string reason)
    {
        FluentActions.Invoking(() => AltinnEnvironment.Custom("x", new Uri(platform), template))
            .Should().Throw<ArgumentException>().WithMessage($"*{reason}*");
    }

    [Theory]
    [InlineData("")]
    [InlineData("test")]
    [InlineData("at21")]
    [InlineData("http://platform.example.no")]
    [InlineData("ftp://127.0.0.1/")]
    public void Unknown_environments_are_refused_with_the_list_of_names(string value)
    {
        FluentActions.Invoking(() => AltinnEnvironment.Parse(value)).Should().Throw<FormatException>()
            .WithMessage("*prod, tt02, at22, at23, at24, yt01*");
        AltinnEnvironment.TryParse(value, out var environment).Should().BeFalse();
        environment.Should().BeNull();
    }
}
