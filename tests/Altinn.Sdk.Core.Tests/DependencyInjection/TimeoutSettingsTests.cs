using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Altinn.Sdk.Tests.DependencyInjection;

/// <summary>The attempt and total timeouts: their defaults, their keys in configuration, and their checks at start.</summary>
public sealed class TimeoutSettingsTests
{
    private static AltinnOptions Options(Dictionary<string, string?> settings)
    {
        settings["Altinn:Environment"] = "tt02";
        settings["Altinn:Token"] = "x.y.z";
        var services = new ServiceCollection();
        services.AddAltinn(new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Altinn"));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<AltinnOptions>>().Value;
    }

    [Fact]
    public void The_timeouts_have_documented_defaults_and_bind_from_configuration()
    {
        AltinnOptions defaults = Options([]);
        defaults.AttemptTimeout.Should().Be(TimeSpan.FromSeconds(100));
        defaults.TotalTimeout.Should().Be(TimeSpan.FromMinutes(5));
        defaults.ReadIdleTimeout.Should().Be(TimeSpan.FromSeconds(100));

        AltinnOptions set = Options(new() { ["Altinn:AttemptTimeout"] = "00:00:20", ["Altinn:TotalTimeout"] = "00:02:00", ["Altinn:ReadIdleTimeout"] = "00:00:30" });
        set.AttemptTimeout.Should().Be(TimeSpan.FromSeconds(20));
        set.TotalTimeout.Should().Be(TimeSpan.FromMinutes(2));
        set.ReadIdleTimeout.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("later", "Altinn:ReadIdleTimeout must be a duration such as 00:01:40")]
    [InlineData("00:00:00", "Altinn:ReadIdleTimeout must be between 10 milliseconds and 24 hours")]
    public void A_wrong_read_idle_timeout_is_named_at_start(string idle, string message) =>
        FluentActions.Invoking(() => Options(new() { ["Altinn:ReadIdleTimeout"] = idle }))
            .Should().Throw<OptionsValidationException>().Which.Failures.Should().Contain(f => f.StartsWith(message, StringComparison.Ordinal));

    [Theory]
    [InlineData("soon", "00:05:00", "Altinn:AttemptTimeout must be a duration such as 00:01:40")]
    [InlineData("00:00:00", "00:05:00", "Altinn:AttemptTimeout must be between 10 milliseconds and 24 hours")]
    [InlineData("00:01:00", "00:00:30", "Altinn:TotalTimeout must be at least Altinn:AttemptTimeout")]
    [InlineData("00:01:00", "2.00:00:00", "Altinn:TotalTimeout must be at least Altinn:AttemptTimeout (00:01:00) and at most 24 hours")]
    public void A_wrong_timeout_is_named_at_start(string attempt, string total, string message)
    {
        FluentActions.Invoking(() => Options(new() { ["Altinn:AttemptTimeout"] = attempt, ["Altinn:TotalTimeout"] = total }))
            .Should().Throw<OptionsValidationException>().Which.Failures.Should().Contain(f => f.StartsWith(message, StringComparison.Ordinal));
    }
}
