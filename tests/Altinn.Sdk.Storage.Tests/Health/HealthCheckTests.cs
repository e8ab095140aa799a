using System.Net;
using System.Net.Sockets;
using Altinn.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Altinn.Sdk.Storage.Tests.Health;

/// <summary><c>AddHealthChecks().AddAltinn(org)</c> against the emulator over loopback: Maskinporten, the exchange and Storage.</summary>
public sealed class HealthCheckTests
{
    private const string ClientId = "health-check-client";

    [Fact]
    public async Task Both_checks_are_healthy_when_the_key_is_accepted_and_storage_answers()
    {
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        string jwk = emulator.CreateMaskinportenClient(ClientId);
        LeakWatch.AddPrivateJwk(jwk);

        HealthReport report = await CheckAsync(emulator.Environment, jwk);

        report.Entries[AltinnHealthChecksBuilderExtensions.TokenCheckName].Status.Should().Be(HealthStatus.Healthy, report.Entries[AltinnHealthChecksBuilderExtensions.TokenCheckName].Description);
        report.Entries[AltinnHealthChecksBuilderExtensions.StorageCheckName].Status.Should().Be(HealthStatus.Healthy, report.Entries[AltinnHealthChecksBuilderExtensions.StorageCheckName].Description);
        report.Status.Should().Be(HealthStatus.Healthy);
        emulator.Requests.Should().Contain(r => r.Method == "GET" && r.PathAndQuery.StartsWith("/storage/api/v1/instances?", StringComparison.Ordinal) && r.PathAndQuery.Contains("org=ttd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_maskinporten_does_not_know_makes_both_checks_unhealthy_with_messages_that_name_no_secret()
    {
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        string registered = emulator.CreateMaskinportenClient(ClientId);
        string wrong = emulator.CreateMaskinportenClient("another-client");
        LeakWatch.AddPrivateJwk(registered);
        LeakWatch.AddPrivateJwk(wrong);

        HealthReport report = await CheckAsync(emulator.Environment, wrong);

        HealthReportEntry token = report.Entries[AltinnHealthChecksBuilderExtensions.TokenCheckName];
        token.Status.Should().Be(HealthStatus.Unhealthy);
        token.Description.Should().StartWith("No token could be acquired for local: ");
        report.Entries[AltinnHealthChecksBuilderExtensions.StorageCheckName].Status.Should().Be(HealthStatus.Unhealthy);
        report.Status.Should().Be(HealthStatus.Unhealthy);
        foreach (HealthReportEntry entry in report.Entries.Values)
        {
            LeakWatch.Scan("health check", entry.Description).Should().Be(0);
            entry.Description.Should().NotContain("\"d\"").And.NotContain("eyJ");
        }
    }

    [Fact]
    public async Task Storage_out_of_reach_makes_the_storage_check_unhealthy_without_naming_the_token()
    {
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true });
        string token = emulator.CreateOrgToken("ttd");
        LeakWatch.AddSecret(token);
        AltinnEnvironment unreachable = AltinnEnvironment.Local(new Uri($"http://127.0.0.1:{FreePort()}/"));

        var services = new ServiceCollection();
        services.AddSingleton(LeakWatch.LoggerFactory);
        services.AddSingleton(unreachable);
        services.AddAltinn(o =>
        {
            o.Token = token;
            o.MaxRetries = 0;
        });
        services.AddHealthChecks().AddAltinn("ttd");
        await using ServiceProvider provider = services.BuildServiceProvider();
        HealthReport report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries[AltinnHealthChecksBuilderExtensions.TokenCheckName].Status.Should().Be(HealthStatus.Healthy, "a static token needs no service");
        HealthReportEntry storage = report.Entries[AltinnHealthChecksBuilderExtensions.StorageCheckName];
        storage.Status.Should().Be(HealthStatus.Unhealthy);
        storage.Description.Should().StartWith("Storage did not answer a query of ttd's instances: ");
        storage.Description.Should().NotContain(token);
        LeakWatch.Scan("health check", storage.Description).Should().Be(0);
    }

    private static async Task<HealthReport> CheckAsync(AltinnEnvironment environment, string jwk)
    {
        var services = new ServiceCollection();
        services.AddSingleton(LeakWatch.LoggerFactory);
        services.AddSingleton(environment);
        services.AddAltinn(o =>
        {
            o.Maskinporten.ClientId = ClientId;
            o.Maskinporten.Jwk = jwk;
            o.Scopes.Add("altinn:serviceowner/instances.read");
            o.MaxRetries = 0;
        });
        services.AddHealthChecks().AddAltinn("ttd");
        await using ServiceProvider provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
