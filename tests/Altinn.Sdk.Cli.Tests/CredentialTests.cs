using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using static Altinn.Sdk.Cli.Tests.EmulatorFixture;

namespace Altinn.Sdk.Cli.Tests;

/// <summary>Where credentials come from (Maskinporten keys, tokens, the config file), their precedence, and the <c>token</c> command.</summary>
[Collection(SharedEmulator.Name)]
public sealed class CredentialTests(EmulatorFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("altinn-cli-tests-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A Maskinporten client registered at the emulator, its private JWK in a file, as environment variables.</summary>
    private Dictionary<string, string> MaskinportenVariables(string clientId, out string jwk)
    {
        jwk = fixture.Emulator.CreateMaskinportenClient(clientId, "405003309");
        string path = Path.Combine(_folder, clientId + ".json");
        File.WriteAllText(path, jwk);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite); // as a key should be: no warning
        return new Dictionary<string, string>
        {
            ["ALTINN__ENVIRONMENT"] = fixture.Url,
            ["ALTINN__MASKINPORTEN__CLIENTID"] = clientId,
            ["ALTINN__MASKINPORTEN__JWKPATH"] = path,
            ["ALTINN__MASKINPORTEN__ISSUER"] = fixture.Emulator.MaskinportenIssuer.AbsoluteUri,
        };
    }

    private async Task<HttpStatusCode> GetInstanceWithAsync(string token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Emulator.Environment.StorageBaseUrl, "instances/" + Demo(1)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Token_prints_an_exchanged_Altinn_token_the_emulator_accepts_and_nothing_else()
    {
        var variables = MaskinportenVariables("cli-token", out _);

        var run = await Cli.RunAsync(variables, "token");

        run.ExitCode.Should().Be(0, run.ToString());
        string token = run.Output.TrimEnd('\n');
        token.Should().MatchRegex(Cli.JwtPattern().ToString()).And.NotContain("\n", "one line, for $(altinn token)");
        run.Error.Should().StartWith("Expires ");
        (await GetInstanceWithAsync(token)).Should().Be(HttpStatusCode.OK);
        fixture.Emulator.Requests.Should().Contain(r => r.PathAndQuery.StartsWith("/authentication/api/v1/exchange/maskinporten", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_asks_for_the_given_scopes_and_writes_JSON_with_json()
    {
        var variables = MaskinportenVariables("cli-token-scopes", out _);

        var run = await Cli.RunAsync(variables, "token", "--scope", "altinn:serviceowner/instances.read", "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        var result = run.JsonLines().Single();
        result.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Should().Equal("altinn:serviceowner/instances.read");
        result.GetProperty("environment").GetString().Should().Be("local");
        result.GetProperty("expiresOn").GetDateTimeOffset().Should().BeAfter(DateTimeOffset.UtcNow);
        string token = result.GetProperty("token").GetString()!;
        string payload = token.Split('.')[1];
        var claims = JsonDocument.Parse(Convert.FromBase64String(payload.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (payload.Length % 4)) % 4))).RootElement;
        claims.GetProperty("scope").GetString().Should().Be("altinn:serviceowner/instances.read");
        (await GetInstanceWithAsync(token)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_system_user_reads_the_instances_of_the_party_it_acts_for()
    {
        var variables = MaskinportenVariables("cli-system-user", out _);
        variables["ALTINN__SCOPES"] = "altinn:instances.read";
        variables["ALTINN__SYSTEMUSER__ORGANISATIONNUMBER"] = "312345676";

        var own = await Cli.RunAsync(variables, "instances", "get", Demo(1), "--json");
        var other = await Cli.RunAsync(variables, "instances", "get", Demo(2), "--json");
        var token = await Cli.RunAsync(variables, "token", "--json");

        own.ExitCode.Should().Be(0, own.ToString());
        own.JsonLines().Single().GetProperty("instanceOwner").GetProperty("organisationNumber").GetString().Should().Be("312345676");
        other.ExitCode.Should().Be(ExitCodes.RequestFailed, "the system user does not act for the person: " + other);
        string payload = token.JsonLines().Single().GetProperty("token").GetString()!.Split('.')[1];
        Encoding.UTF8.GetString(Base64UrlDecode(payload)).Should().Contain("312345676").And.Contain("systemuser");
    }

    [Fact]
    public async Task A_PEM_key_with_its_key_id_signs_in_too()
    {
        var variables = MaskinportenVariables("cli-pem", out string jwk);
        using var document = JsonDocument.Parse(jwk);
        var key = document.RootElement;
        byte[] Part(string name) => Base64UrlDecode(key.GetProperty(name).GetString()!);
        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters
        {
            Modulus = Part("n"), Exponent = Part("e"), D = Part("d"), P = Part("p"), Q = Part("q"), DP = Part("dp"), DQ = Part("dq"), InverseQ = Part("qi"),
        });
        string pem = Path.Combine(_folder, "key.pem");
        await File.WriteAllTextAsync(pem, rsa.ExportPkcs8PrivateKeyPem());
        variables.Remove("ALTINN__MASKINPORTEN__JWKPATH");
        variables["ALTINN__MASKINPORTEN__KEYPATH"] = pem;

        var withoutKeyId = await Cli.RunAsync(variables, "instances", "get", Demo(1), "--json");
        variables["ALTINN__MASKINPORTEN__KEYID"] = key.GetProperty("kid").GetString()!;
        var run = await Cli.RunAsync(variables, "instances", "get", Demo(1), "--json");

        withoutKeyId.ExitCode.Should().Be(2);
        withoutKeyId.Error.Should().Contain("set ALTINN__MASKINPORTEN__KEYID");
        run.ExitCode.Should().Be(0, run.ToString());
        run.JsonLines().Single().GetProperty("id").GetString().Should().Be(Demo(1));
    }

    [Theory]
    [InlineData("client.p12")]
    [InlineData("client.pem")]
    public async Task An_enterprise_certificate_signs_in_with_x5c(string fileName)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=cli-test, O=TTD", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        string clientId = "cli-cert-" + Path.GetExtension(fileName).TrimStart('.');
        fixture.Emulator.RegisterMaskinportenClient(clientId, "405003309", certificate);
        string path = Path.Combine(_folder, fileName);
        if (fileName.EndsWith(".p12", StringComparison.Ordinal))
        {
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pkcs12, "secret"));
        }
        else
        {
            await File.WriteAllTextAsync(path, certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem());
        }

        var variables = new Dictionary<string, string>
        {
            ["ALTINN__ENVIRONMENT"] = fixture.Url,
            ["ALTINN__MASKINPORTEN__CLIENTID"] = clientId,
            ["ALTINN__MASKINPORTEN__CERTIFICATEPATH"] = path,
            ["ALTINN__MASKINPORTEN__CERTIFICATEPASSWORD"] = "secret",
            ["ALTINN__MASKINPORTEN__SENDCERTIFICATECHAIN"] = "true",
            ["ALTINN__MASKINPORTEN__ISSUER"] = fixture.Emulator.MaskinportenIssuer.AbsoluteUri,
        };

        var run = await Cli.RunAsync(variables, "instances", "get", Demo(1), "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        run.JsonLines().Single().GetProperty("id").GetString().Should().Be(Demo(1));
    }

    [Fact]
    public async Task A_wrong_certificate_password_exits_2()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=cli-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        string path = Path.Combine(_folder, "client.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pkcs12, "secret"));
        var variables = new Dictionary<string, string>
        {
            ["ALTINN__MASKINPORTEN__CLIENTID"] = "cli-cert",
            ["ALTINN__MASKINPORTEN__CERTIFICATEPATH"] = path,
            ["ALTINN__MASKINPORTEN__CERTIFICATEPASSWORD"] = "not-the-password-42",
            ["ALTINN__MASKINPORTEN__SENDCERTIFICATECHAIN"] = "true",
        };

        var run = await Cli.RunAsync(variables, "instances", "get", Demo(1), "--env", "tt02");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Error.Should().Contain("ALTINN__MASKINPORTEN__CERTIFICATEPATH").And.Contain("is not a usable key").And.NotContain("not-the-password-42", "a password is never echoed");
    }

    [Fact]
    public async Task A_Maskinporten_client_the_emulator_does_not_know_exits_3()
    {
        var variables = MaskinportenVariables("cli-known", out _);
        variables["ALTINN__MASKINPORTEN__CLIENTID"] = "cli-unknown";
        fixture.Emulator.ClearRequests();

        var run = await Cli.RunAsync(variables, "instances", "get", Demo(1));

        run.ExitCode.Should().Be(ExitCodes.AuthenticationFailed, run.ToString());
        run.Error.Should().Contain("invalid_client");
        fixture.StorageRequests().Should().BeEmpty("no token, no Storage request");
    }

    [Fact]
    public async Task The_config_file_gives_environment_and_credentials()
    {
        string key = Path.Combine(_folder, "client.json");
        await File.WriteAllTextAsync(key, fixture.Emulator.CreateMaskinportenClient("cli-config"));
        string config = Path.Combine(_folder, "config.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              // comments are allowed
              "environment": "{{fixture.Url}}",
              "scopes": ["altinn:serviceowner/instances.read"],
              "maskinporten": { "clientId": "cli-config", "jwkPath": "client.json", "issuer": "{{fixture.Emulator.MaskinportenIssuer}}" }
            }
            """);

        var run = await Cli.RunAsync("instances", "get", Demo(1), "--json", "--config", config);

        run.ExitCode.Should().Be(0, run.ToString());
        run.JsonLines().Single().GetProperty("id").GetString().Should().Be(Demo(1));
    }

    [Fact]
    public async Task The_default_config_file_is_read_from_the_user_profile()
    {
        Directory.CreateDirectory(Path.Combine(_folder, ".altinn"));
        await File.WriteAllTextAsync(Path.Combine(_folder, ".altinn", "config.json"), $$"""{"environment": "{{fixture.Url}}", "token": "{{fixture.Token}}"}""");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new Hosting.CliHost(output, error) { GetEnvironmentVariable = _ => null, UserProfileFolder = _folder };

        string[] args = ["instances", "get", Demo(1), "--json"];
        int code = await AltinnCli.RunAsync(args, host, CancellationToken.None);
        Cli.Watched(args, new CliRun(code, output.ToString(), error.ToString()));

        code.Should().Be(0, error.ToString());
        output.ToString().Should().Contain(Demo(1));
    }

    [Fact]
    public async Task The_command_line_beats_the_variables_which_beat_the_config_file()
    {
        string config = Path.Combine(_folder, "config.json");
        await File.WriteAllTextAsync(config, """{"environment": "tt02", "token": "from-the-file"}""");
        var variables = new Dictionary<string, string> { ["ALTINN__ENVIRONMENT"] = fixture.Url, ["ALTINN__TOKEN"] = fixture.Token };
        await using var other = await Testing.AltinnEmulator.StartAsync();

        var fromVariables = await Cli.RunAsync(variables, "instances", "get", Demo(1), "--json", "--config", config);
        var fromFlag = await Cli.RunAsync(variables, "instances", "get", Demo(1), "--json", "--config", config, "--token", other.CreateOrgToken("ttd"));

        fromVariables.ExitCode.Should().Be(0, "the variables' environment and token win over the file's: " + fromVariables);
        fromFlag.ExitCode.Should().Be(ExitCodes.AuthenticationFailed, "--token wins over ALTINN__TOKEN, and this one is another emulator's: " + fromFlag);
    }

    [Fact]
    public async Task No_command_but_token_prints_a_token()
    {
        var variables = MaskinportenVariables("cli-no-token", out _);
        string[][] commands =
        [
            ["instances", "list", "--app", DemoApp],
            ["instances", "list", "--app", DemoApp, "--json"],
            ["instances", "get", Demo(2)],
            ["instances", "get", Demo(2), "--json"],
            ["instances", "delete", Demo(2), "--dry-run"],
            ["instances", "delete", Demo(2), "--dry-run", "--json"],
            ["instances", "substatus", Demo(2), "--label", "Til behandling hos etaten nå", "--dry-run"],
            ["instances", "get", "50006000/0b000000-0000-4000-8000-000000000000"],
            ["instances", "get", "50006000/0b000000-0000-4000-8000-000000000000", "--json"],
            ["instances", "get", "bad"],
        ];

        var runs = new List<CliRun>();
        foreach (string[] args in commands)
        {
            runs.Add(await Cli.RunAsync(variables, args));
            runs.Add(await fixture.RunAsync(args));
        }

        runs.Where(r => r.ExitCode == 0).Should().HaveCount(14, "seven of the commands succeed, with either credential");
        foreach (var run in runs)
        {
            Cli.JwtPattern().IsMatch(run.Output).Should().BeFalse(run.ToString());
            Cli.JwtPattern().IsMatch(run.Error).Should().BeFalse(run.ToString());
        }

        var token = await Cli.RunAsync(variables, "token");
        Cli.JwtPattern().IsMatch(token.Output).Should().BeTrue("the scan finds a token where there is one");
    }

    [Fact]
    public async Task Token_from_the_embedded_emulator_warns_that_it_stops()
    {
        var run = await Cli.RunAsync("token", "--emulator");

        run.ExitCode.Should().Be(0, run.ToString());
        Cli.JwtPattern().IsMatch(run.Output).Should().BeTrue();
        run.Error.Should().Contain("stops when this command ends");
    }

    private static byte[] Base64UrlDecode(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (text.Length % 4)) % 4));
}
