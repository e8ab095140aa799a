using System.Security.Cryptography;
using System.Text.Json;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Altinn.Sdk.Cli.Tests.EmulatorFixture;

namespace Altinn.Sdk.Cli.Tests;

/// <summary>
/// One configuration for the library and the tool: the same environment variables, or the same profile of the config
/// file, configure <c>AddAltinn</c> on the Generic Host and <c>altinn</c>, and both reach the emulator with them.
/// </summary>
[Collection(SharedEmulator.Name)]
public sealed class SharedConfigurationTests(EmulatorFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("altinn-config-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A Maskinporten client at the emulator with its key as a PEM file: the variables an operator sets.</summary>
    private Dictionary<string, string> PemClientVariables(string clientId)
    {
        string jwk = fixture.Emulator.CreateMaskinportenClient(clientId, "405003309");
        using var document = JsonDocument.Parse(jwk);
        var key = document.RootElement;
        byte[] Part(string name) => Convert.FromBase64String(Base64(key.GetProperty(name).GetString()!));
        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters
        {
            Modulus = Part("n"), Exponent = Part("e"), D = Part("d"), P = Part("p"), Q = Part("q"), DP = Part("dp"), DQ = Part("dq"), InverseQ = Part("qi"),
        });
        string pem = Path.Combine(_folder, clientId + ".pem");
        File.WriteAllText(pem, rsa.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(pem, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new Dictionary<string, string>
        {
            ["ALTINN__ENVIRONMENT"] = fixture.Url,
            ["ALTINN__SCOPES"] = "altinn:serviceowner/instances.read altinn:serviceowner/instances.write",
            ["ALTINN__MASKINPORTEN__CLIENTID"] = clientId,
            ["ALTINN__MASKINPORTEN__KEYPATH"] = pem,
            ["ALTINN__MASKINPORTEN__KEYID"] = key.GetProperty("kid").GetString()!,
            ["ALTINN__MASKINPORTEN__ISSUER"] = fixture.Emulator.MaskinportenIssuer.AbsoluteUri,
        };

        static string Base64(string base64Url) => base64Url.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (base64Url.Length % 4)) % 4);
    }

    /// <summary>
    /// A Generic Host whose configuration holds the variables as the environment variables provider gives them
    /// (<c>__</c> becomes <c>:</c>), with <c>AddAltinn(builder.Configuration.GetSection("Altinn"))</c>.
    /// </summary>
    private static IHost Host(IReadOnlyDictionary<string, string> variables, string? home = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(variables.Select(v => new KeyValuePair<string, string?>(v.Key.Replace("__", ":", StringComparison.Ordinal), v.Value)));
        builder.Services.AddSingleton(new AltinnSettingsChain(name => variables.TryGetValue(name, out string? value) ? value : null, home));
        builder.Services.AddAltinn(builder.Configuration.GetSection("Altinn"));
        builder.Services.AddAltinnStorage();
        return builder.Build();
    }

    private static async Task<int> ListWithLibraryAsync(IReadOnlyDictionary<string, string> variables, string? home = null)
    {
        using var host = Host(variables, home);
        await host.StartAsync();
        var storage = host.Services.GetRequiredService<StorageClient>();
        int count = 0;
        await foreach (var _ in storage.Instances.QueryAsync(new InstanceQuery(AppId.Parse(DemoApp)))) count++;
        await host.StopAsync();
        return count;
    }

    [Fact]
    public async Task The_same_environment_variables_configure_the_library_on_the_Generic_Host_and_the_tool()
    {
        var variables = PemClientVariables("shared-config-pem");

        int listed = await ListWithLibraryAsync(variables);
        var run = await Cli.RunAsync(variables, "instances", "list", "--app", DemoApp, "--json");

        listed.Should().BePositive();
        run.ExitCode.Should().Be(0, run.ToString());
        run.JsonLines().Should().HaveCount(listed, "the tool and the library list the same instances with the same settings");
    }

    [Fact]
    public async Task The_same_system_user_settings_act_for_the_customer_in_the_library_and_the_tool()
    {
        var variables = PemClientVariables("shared-config-system-user");
        variables["ALTINN__SCOPES"] = "altinn:instances.read";
        variables["ALTINN__SYSTEMUSER__ORGANISATIONNUMBER"] = "312345676";

        using var host = Host(variables);
        await host.StartAsync();
        var storage = host.Services.GetRequiredService<StorageClient>();
        var own = await storage.Instances.GetAsync(InstanceId.Parse(Demo(1)));
        var other = async () => await storage.Instances.GetAsync(InstanceId.Parse(Demo(2)));
        var run = await Cli.RunAsync(variables, "instances", "get", Demo(1), "--json");

        own.InstanceOwner?.OrganisationNumber.Should().Be("312345676");
        await other.Should().ThrowAsync<AltinnRequestFailedException>("the system user does not act for the person");
        run.ExitCode.Should().Be(0, run.ToString());
        run.JsonLines().Single().GetProperty("instanceOwner").GetProperty("organisationNumber").GetString().Should().Be("312345676");
    }

    [Fact]
    public async Task A_profile_of_the_config_file_configures_the_library_and_the_tool()
    {
        var variables = PemClientVariables("shared-config-profile");
        var profile = variables.ToDictionary(v => v.Key["ALTINN__".Length..].Replace("__", ":", StringComparison.Ordinal), v => v.Value);
        string home = Path.Combine(_folder, "home");
        Directory.CreateDirectory(Path.Combine(home, ".altinn"));
        string file = Path.Combine(home, ".altinn", "config.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { environment = "tt02", profiles = new Dictionary<string, object> { ["emulator-archive"] = Nested(profile) } }));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        int listed = await ListWithLibraryAsync(new Dictionary<string, string> { ["ALTINN__PROFILE"] = "emulator-archive" }, home);
        var run = await Cli.RunInHomeAsync(null, home, "instances", "list", "--app", DemoApp, "--json", "--profile", "emulator-archive");

        listed.Should().BePositive();
        run.ExitCode.Should().Be(0, run.ToString());
        run.JsonLines().Should().HaveCount(listed);
    }

    [Fact]
    public async Task Without_credentials_the_error_says_where_it_looked()
    {
        var variables = new Dictionary<string, string> { ["ALTINN__ENVIRONMENT"] = "tt02", ["ALTINN__SCOPES"] = "altinn:serviceowner/instances.read" };
        string home = Path.Combine(_folder, "empty-home");

        var start = async () => { using var host = Host(variables, home); await host.StartAsync(); };
        var run = await Cli.RunInHomeAsync(variables, home, "instances", "list", "--app", DemoApp);

        (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>()).Which.Message
            .Should().Contain("Looked for Altinn:Token or Altinn:Maskinporten:ClientId in the given settings")
            .And.Contain("ALTINN__TOKEN or ALTINN__MASKINPORTEN__CLIENTID in the environment variables")
            .And.Contain("profile 'default' of the config file");
        run.ExitCode.Should().Be(2, run.ToString());
        run.Error.Should().Contain("--token on the command line").And.Contain("ALTINN__TOKEN or ALTINN__MASKINPORTEN__CLIENTID in the environment variables").And.Contain("(it does not exist)");
    }

    [Fact]
    public async Task A_credential_registered_after_AddAltinn_is_used()
    {
        var variables = new Dictionary<string, string> { ["ALTINN__ENVIRONMENT"] = fixture.Url };
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("Altinn:Environment", fixture.Url)]);
        builder.Services.AddSingleton(new AltinnSettingsChain(_ => null, homeFolder: null));
        builder.Services.AddAltinn(builder.Configuration); // the root: its Altinn section is read
        builder.Services.AddAltinnStorage();
        builder.Services.AddSingleton<AltinnCredential>(fixture.Emulator.CreateOrgCredential("ttd", ["altinn:serviceowner/instances.read"]));
        using var host = builder.Build();

        await host.StartAsync();
        var instance = await host.Services.GetRequiredService<StorageClient>().Instances.GetAsync(InstanceId.Parse(Demo(1)));

        instance.Id?.ToString().Should().Be(Demo(1));
    }

    [Fact]
    public async Task A_misspelled_key_in_the_Altinn_section_is_reported_at_start()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("Altinn:Environment", "tt02"), new("Altinn:Token", "a.b.c"), new("Altinn:Maskinporten:ClientSecret", "x"), new("Altinn:Scope", "x")]);
        builder.Services.AddSingleton(new AltinnSettingsChain(_ => null, homeFolder: null));
        builder.Services.AddAltinn(builder.Configuration.GetSection("Altinn"));
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>()).Which.Failures
            .Should().Contain(f => f.StartsWith("Altinn:Maskinporten:ClientSecret is not a setting", StringComparison.Ordinal))
            .And.Contain(f => f.StartsWith("Altinn:Scope is not a setting (did you mean Scopes?)", StringComparison.Ordinal));
    }

    /// <summary>Flat keys (<c>Maskinporten:ClientId</c>) as nested JSON objects.</summary>
    private static Dictionary<string, object> Nested(Dictionary<string, string> flat)
    {
        var root = new Dictionary<string, object>();
        foreach (var (key, value) in flat)
        {
            string[] parts = key.Split(':');
            var node = root;
            foreach (string part in parts[..^1])
            {
                if (!node.TryGetValue(part, out object? child)) node[part] = child = new Dictionary<string, object>();
                node = (Dictionary<string, object>)child;
            }

            node[parts[^1]] = value;
        }

        return root;
    }
}
