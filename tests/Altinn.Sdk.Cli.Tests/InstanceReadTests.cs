using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using static Altinn.Sdk.Cli.Tests.EmulatorFixture;

namespace Altinn.Sdk.Cli.Tests;

/// <summary><c>instances list</c> and <c>instances get</c> against the emulator, as tables and as JSON.</summary>
[Collection(SharedEmulator.Name)]
public sealed class InstanceReadTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task List_writes_a_table_of_every_instance_of_the_app()
    {
        var run = await fixture.RunAsync("instances", "list", "--app", DemoApp);

        run.ExitCode.Should().Be(0, run.ToString());
        string[] lines = run.Output.Split('\n');
        lines[0].Should().StartWith("Instance").And.Contain("Owner").And.Contain("State").And.Contain("Substatus");
        for (int n = 1; n <= 7; n++) run.Output.Should().Contain(Demo(n));
        lines.Should().Contain(l => l.Contains(Demo(4), StringComparison.Ordinal) && l.Contains("completed", StringComparison.Ordinal) && l.Contains("Mottatt", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains(Demo(5), StringComparison.Ordinal) && l.Contains("confirmed by ttd", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains(Demo(6), StringComparison.Ordinal) && l.Contains("soft-deleted", StringComparison.Ordinal));
        run.Output.Should().Contain("7 instances of ttd/demo-app.").And.NotContain("01017012343", "national identity numbers are not shown");
        run.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task List_sends_the_documented_clean_up_query_and_writes_one_JSON_line_per_instance()
    {
        fixture.Emulator.ClearRequests();

        var run = await fixture.RunAsync("instances", "list", "--app", DemoApp, "--created", "lte:2020-09-30", "--task", "Task_1", "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        var instances = run.JsonLines();
        instances.Select(i => i.GetProperty("id").GetString()).Should().Equal(Demo(1));
        instances[0].GetProperty("process").GetProperty("currentTask").GetProperty("elementId").GetString().Should().Be("Task_1");
        fixture.StorageRequests().Should().ContainSingle().Which.PathAndQuery.Should()
            .StartWith("/storage/api/v1/instances?").And.Contain("appId=ttd/demo-app").And.Contain("created=lte:2020-09-30").And.Contain("process.currentTask=Task_1");
    }

    [Fact]
    public async Task List_filters_on_completion_confirmation_and_party()
    {
        var backlog = await fixture.RunAsync("instances", "list", "--app", DemoApp, "--complete", "true", "--exclude-confirmed-by", "ttd", "--json");
        var person = await fixture.RunAsync("instances", "list", "--app", DemoApp, "--party", "50001337", "--json");

        backlog.ExitCode.Should().Be(0, backlog.ToString());
        var ids = backlog.JsonLines().Select(i => i.GetProperty("id").GetString()).ToList();
        ids.Should().Contain(Demo(4)).And.NotContain(Demo(5), "ttd confirmed it").And.NotContain(Demo(1), "it is a draft");
        person.JsonLines().Select(i => i.GetProperty("instanceOwner").GetProperty("partyId").GetString()).Should().OnlyContain(p => p == "50001337").And.NotBeEmpty();
    }

    [Fact]
    public async Task List_with_max_asks_for_a_small_page_and_stops()
    {
        fixture.Emulator.ClearRequests();

        var json = await fixture.RunAsync("instances", "list", "--app", DemoApp, "--max", "2", "--json");
        var table = await fixture.RunAsync("instances", "list", "--app", DemoApp, "--max", "2");

        json.JsonLines().Should().HaveCount(2);
        table.Output.Should().Contain("Stopped after 2 instances (--max); more may remain.");
        fixture.StorageRequests().Should().HaveCount(2, "one page each, never the whole list")
            .And.OnlyContain(r => r.PathAndQuery.Contains("size=2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task At_a_terminal_the_list_runs_under_a_progress_bar_and_still_writes_every_row()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new Hosting.CliHost(output, error) { GetEnvironmentVariable = _ => null, UserProfileFolder = null, IsTerminal = true };

        string[] args = ["instances", "list", "--app", DemoApp, "--max", "3", .. fixture.Connection];
        int code = await AltinnCli.RunAsync(args, host, CancellationToken.None);
        Cli.Watched(args, new CliRun(code, output.ToString(), error.ToString()));

        code.Should().Be(0, error.ToString());
        // Other tests on the shared emulator change instances, so which three are the most recently changed varies.
        output.ToString().Split('\n').Count(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\d+/[0-9a-f-]{36}\b")).Should().Be(3);
        output.ToString().Should().Contain("Stopped after 3 instances");
    }

    [Fact]
    public async Task List_of_nothing_says_so()
    {
        var run = await fixture.RunAsync("instances", "list", "--app", DemoApp, "--created", "lte:2001-01-01");

        run.ExitCode.Should().Be(0);
        run.Output.Trim().Should().Be("0 instances of ttd/demo-app match.");
    }

    [Fact]
    public async Task Get_json_is_Storage_s_JSON_byte_for_byte()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Emulator.Environment.StorageBaseUrl, "instances/" + Demo(4)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Token);
        using var response = await http.SendAsync(request);
        string storageJson = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

        var run = await fixture.RunAsync("instances", "get", Demo(4), "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Be(storageJson + Environment.NewLine);
    }

    [Fact]
    public async Task Get_shows_state_substatus_and_data_elements()
    {
        var run = await fixture.RunAsync("instances", "get", Demo(4));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Should().Contain(Demo(4)).And.Contain("ttd/demo-app").And.Contain("50001337 (person)").And.Contain("completed")
            .And.Contain("Mottatt (inbox: \"Mottatt\")").And.Contain("Søknaden er mottatt og blir behandlet.")
            .And.Contain("da000000-0000-4000-8000-000000000042").And.Contain("vedlegg.pdf").And.Contain("ref-data-as-pdf");
    }

    [Fact]
    public async Task A_failed_request_exits_4_with_Storage_s_status_and_a_JSON_error_with_json()
    {
        string missing = "50006000/0b000000-0000-4000-8000-000000000000";

        var text = await fixture.RunAsync("instances", "get", missing);
        var json = await fixture.RunAsync("instances", "get", missing, "--json");

        text.ExitCode.Should().Be(ExitCodes.RequestFailed, text.ToString());
        text.Output.Should().BeEmpty();
        text.Error.Should().StartWith("altinn: GET ").And.Contain("404");
        json.ExitCode.Should().Be(ExitCodes.RequestFailed);
        json.Output.Should().BeEmpty();
        var error = JsonDocument.Parse(json.Error).RootElement;
        error.GetProperty("exitCode").GetInt32().Should().Be(4);
        error.GetProperty("status").GetInt32().Should().Be(404);
        error.GetProperty("error").GetString().Should().Contain("404");
    }

    [Fact]
    public async Task A_refused_token_exits_3()
    {
        await using var other = await Testing.AltinnEmulator.StartAsync();
        string foreignToken = other.CreateOrgToken("ttd");

        var run = await Cli.RunAsync("instances", "get", Demo(1), "--env", fixture.Url, "--token", foreignToken);

        run.ExitCode.Should().Be(ExitCodes.AuthenticationFailed, run.ToString());
        run.Error.Should().Contain("401");
        Cli.JwtPattern().IsMatch(run.Output + run.Error).Should().BeFalse("a token is never printed, not even a refused one");
    }
}
