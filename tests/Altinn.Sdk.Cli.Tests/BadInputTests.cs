using static Altinn.Sdk.Cli.Tests.EmulatorFixture;

namespace Altinn.Sdk.Cli.Tests;

/// <summary>Bad arguments and settings stop a command with exit code 2 and a message naming the problem, before anything is sent.</summary>
[Collection(SharedEmulator.Name)]
public sealed class BadInputTests(EmulatorFixture fixture)
{
    [Theory]
    [InlineData("instances list --app TTD/demo-app", "--app: 'TTD/demo-app' is not a valid app id")]
    [InlineData("instances list --app ttd", "expected exactly one '/'")]
    [InlineData("instances list", "--app")]
    [InlineData("instances get 123/abc", "INSTANCE_ID: '123/abc' is not a valid instance id")]
    [InlineData("instances get 0/de000000-0000-4000-8000-000000000001", "the party id '0' must be a positive whole number")]
    [InlineData("instances delete 50006000", "is not a valid instance id")]
    [InlineData("instances list --app ttd/demo-app --created before:2020-09-30", "'before' is not a date filter operator")]
    [InlineData("instances list --app ttd/demo-app --created lte:30.09.2020", "'30.09.2020' in 'lte:30.09.2020' is not a date")]
    [InlineData("instances list --app ttd/demo-app --complete maybe", "--complete: 'maybe' is neither true nor false")]
    [InlineData("instances list --app ttd/demo-app --max 0", "--max: '0' is not a count")]
    [InlineData("instances list --app ttd/demo-app --party -5", "--party")]
    [InlineData("instances list --app ttd/demo-app --exclude-confirmed-by TTD!", "'TTD!' is not a valid Altinn org code")]
    [InlineData("instances substatus 50006000/de000000-0000-4000-8000-000000000001", "--label")]
    [InlineData("instances bogus", "bogus")]
    [InlineData("instances substatus --app ttd/demo-app 50006000/de000000-0000-4000-8000-000000000001 --label x", "Give either an INSTANCE_ID or --app, not both.")]
    [InlineData("instances substatus 50006000/de000000-0000-4000-8000-000000000001 --task Task_1 --label x", "--task applies only with --app.")]
    [InlineData("instances substatus --label x", "Give the INSTANCE_ID, or --app ORG/APP")]
    [InlineData("instances substatus --app ttd/demo-app --complete maybe --label x", "--complete: 'maybe' is neither true nor false")]
    [InlineData("archive --app ttd/demo-app", "--out")]
    [InlineData("archive --out archive", "--app")]
    [InlineData("archive --app ttd/demo-app --out archive --concurrency 0", "--concurrency: '0' is not a whole number from 1 to 32")]
    [InlineData("archive --app ttd/demo-app --out archive --concurrency 33", "--concurrency: '33'")]
    [InlineData("drafts delete --app ttd/demo-app", "--created-before")]
    [InlineData("drafts delete --app ttd/demo-app --created-before 30.09.2020", "--created-before: '30.09.2020' is not a day as yyyy-MM-dd")]
    [InlineData("drafts delete --app ttd/demo-app --created-before 2020-09-30 --task Task_1 --any-task", "--task and --any-task contradict each other")]
    [InlineData("drafts delete --app ttd/demo-app --created-before 2020-09-30 --concurrency x", "--concurrency: 'x'")]
    [InlineData("undeploy-check --app demo-app", "--app: 'demo-app'")]
    [InlineData("events list --app ttd/demo-app --from 30.09.2020", "--from: '30.09.2020' is not a date or date and time")]
    [InlineData("events list --app ttd/demo-app --max 0", "--max: '0' is not a count")]
    [InlineData("events list --app ttd/demo-app --after a+b c", "c")]
    [InlineData("events tail --app ttd/demo-app --interval 0", "--interval: '0' is not a number of seconds")]
    [InlineData("events tail", "--app")]
    [InlineData("app show --app ttd", "--app: 'ttd'")]
    [InlineData("model generate --app TTD/demo-app --data-type model", "--app: 'TTD/demo-app' is not a valid app id")]
    public async Task Bad_arguments_exit_2_name_the_problem_and_send_nothing(string args, string message)
    {
        fixture.Emulator.ClearRequests();

        var run = await fixture.RunAsync(args.Split(' '));

        run.ExitCode.Should().Be(ExitCodes.UsageError, run.ToString());
        run.Error.Should().Contain(message).And.Contain("--help");
        run.Output.Should().BeEmpty();
        fixture.Emulator.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_checkpoint_folder_that_is_a_file_exits_2_and_sends_nothing()
    {
        string file = Path.GetTempFileName();
        try
        {
            fixture.Emulator.ClearRequests();

            var run = await fixture.RunAsync("events", "tail", "--app", "ttd/demo-app", "--checkpoint", file);

            run.ExitCode.Should().Be(ExitCodes.UsageError, run.ToString());
            run.Error.Should().Contain($"--checkpoint: the folder '{file}' cannot be used");
            fixture.Emulator.Requests.Should().BeEmpty();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_events_window_that_ends_before_it_starts_exits_2()
    {
        fixture.Emulator.ClearRequests();

        var run = await fixture.RunAsync("events", "list", "--app", "ttd/demo-app", "--from", "2024-02-01", "--to", "2024-01-01");

        run.ExitCode.Should().Be(ExitCodes.UsageError, run.ToString());
        run.Error.Should().Contain("--to is before --from.");
        fixture.Emulator.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task An_empty_label_exits_2()
    {
        fixture.Emulator.ClearRequests();

        var run = await fixture.RunAsync("instances", "substatus", Demo(1), "--label", " ");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--label is empty");
        fixture.Emulator.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("nowhere", "'nowhere' is not an Altinn environment")]
    [InlineData("http://example.com/", "plain HTTP to a host that is not loopback")]
    [InlineData("ftp://127.0.0.1/", "is not an Altinn environment")]
    public async Task An_unknown_environment_exits_2(string environment, string message)
    {
        var run = await Cli.RunAsync("instances", "list", "--app", DemoApp, "--env", environment, "--token", "abc");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Error.Should().Contain(message);
    }

    [Fact]
    public async Task An_unknown_environment_in_a_variable_is_named()
    {
        var run = await Cli.RunAsync(new Dictionary<string, string> { ["ALTINN__ENVIRONMENT"] = "http://example.com", ["ALTINN__TOKEN"] = "abc" }, "instances", "list", "--app", DemoApp);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Error.Should().Contain("ALTINN__ENVIRONMENT: 'http://example.com' is plain HTTP");
    }

    [Fact]
    public async Task Missing_credentials_exit_2_and_send_nothing()
    {
        fixture.Emulator.ClearRequests();

        var run = await Cli.RunAsync("instances", "get", Demo(1), "--env", fixture.Url);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Error.Should().Contain("No credentials").And.Contain("--token").And.Contain("ALTINN__MASKINPORTEN__CLIENTID");
        fixture.Emulator.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_missing_environment_exits_2()
    {
        var run = await Cli.RunAsync("instances", "get", Demo(1), "--token", "abc");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("No environment").And.Contain("--env").And.Contain("ALTINN__ENVIRONMENT");
    }

    [Fact]
    public async Task Contradictory_credentials_in_one_source_exit_2()
    {
        fixture.Emulator.ClearRequests();
        var variables = new Dictionary<string, string>
        {
            ["ALTINN__ENVIRONMENT"] = fixture.Url,
            ["ALTINN__TOKEN"] = fixture.Token,
            ["ALTINN__MASKINPORTEN__CLIENTID"] = "my-client",
        };

        var run = await Cli.RunAsync(variables, "instances", "get", Demo(1));

        run.ExitCode.Should().Be(2, run.ToString());
        run.Error.Should().Contain("Contradictory credentials: ALTINN__MASKINPORTEN__CLIENTID and ALTINN__TOKEN");
        fixture.Emulator.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("--env", "tt02", "--emulator and --env contradict each other")]
    [InlineData("--token", "abc", "--emulator and --token contradict each other")]
    public async Task Emulator_with_another_environment_or_token_exits_2(string flag, string value, string message)
    {
        var run = await Cli.RunAsync("instances", "list", "--app", DemoApp, "--emulator", flag, value);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain(message);
    }

    [Fact]
    public async Task A_Maskinporten_client_without_a_key_exits_2()
    {
        var run = await Cli.RunAsync(
            new Dictionary<string, string> { ["ALTINN__MASKINPORTEN__CLIENTID"] = "my-client" },
            "instances", "get", Demo(1), "--env", "tt02");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("needs exactly one key").And.Contain("ALTINN__MASKINPORTEN__JWKPATH");
    }

    [Fact]
    public async Task A_key_file_that_does_not_exist_exits_2()
    {
        var run = await Cli.RunAsync(
            new Dictionary<string, string> { ["ALTINN__MASKINPORTEN__CLIENTID"] = "my-client", ["ALTINN__MASKINPORTEN__JWKPATH"] = "/no/such/key.json" },
            "instances", "get", Demo(1), "--env", "tt02");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("ALTINN__MASKINPORTEN__JWKPATH: the file").And.Contain("does not exist");
    }

    [Fact]
    public async Task Maskinporten_with_a_URL_environment_needs_its_issuer()
    {
        string key = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(key, fixture.Emulator.CreateMaskinportenClient("issuer-test"));

            var run = await Cli.RunAsync(
                new Dictionary<string, string> { ["ALTINN__MASKINPORTEN__CLIENTID"] = "issuer-test", ["ALTINN__MASKINPORTEN__JWKPATH"] = key },
                "instances", "get", Demo(1), "--env", fixture.Url);

            run.ExitCode.Should().Be(2, run.ToString());
            run.Error.Should().Contain("set ALTINN__MASKINPORTEN__ISSUER").And.Contain("maskinporten/");
        }
        finally
        {
            File.Delete(key);
        }
    }

    [Fact]
    public async Task A_config_file_that_does_not_exist_exits_2()
    {
        var run = await Cli.RunAsync("instances", "list", "--app", DemoApp, "--config", "/no/such/config.json");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("config.json' (--config) does not exist");
    }

    [Theory]
    [InlineData("{\"environmnet\": \"tt02\"}", "'environmnet' in profile 'default' of the config file")]
    [InlineData("{\"environment\": ", "is not valid JSON")]
    [InlineData("[1]", "must hold a JSON object")]
    [InlineData("{\"scopes\": [1]}", "'scopes' in profile 'default' of the config file")]
    public async Task A_bad_config_file_exits_2_naming_the_problem(string content, string message)
    {
        string path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, content);

            var run = await Cli.RunAsync("instances", "list", "--app", DemoApp, "--config", path);

            run.ExitCode.Should().Be(2, run.ToString());
            run.Error.Should().Contain(message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
