using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Testing;
using static Altinn.Sdk.Cli.Tests.EmulatorFixture;

namespace Altinn.Sdk.Cli.Tests;

/// <summary><c>instances delete</c> and <c>instances substatus</c>: dry runs send no write; real runs change Storage.</summary>
public sealed class InstanceWriteTests : IAsyncLifetime
{
    private readonly EmulatorFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    private IEnumerable<EmulatorRequest> Writes() => _fixture.Emulator.Requests.Where(r => r.IsWrite);

    [Fact]
    public async Task Delete_dry_run_reads_the_instance_and_sends_no_write()
    {
        var text = await _fixture.RunAsync("instances", "delete", Demo(1), "--hard", "--dry-run");
        var json = await _fixture.RunAsync("instances", "delete", Demo(1), "--dry-run", "--json");

        text.ExitCode.Should().Be(0, text.ToString());
        text.Output.Should().Contain($"Dry run: would hard-delete {Demo(1)} (active, task Task_1). Nothing was changed.");
        var result = json.JsonLines().Single();
        result.GetProperty("action").GetString().Should().Be("delete");
        result.GetProperty("dryRun").GetBoolean().Should().BeTrue();
        result.GetProperty("hard").GetBoolean().Should().BeFalse();
        result.GetProperty("instance").GetProperty("id").GetString().Should().Be(Demo(1));
        Writes().Should().BeEmpty();
        _fixture.Emulator.Requests.Should().OnlyContain(r => r.Method == "GET");
    }

    [Fact]
    public async Task Delete_soft_then_hard_changes_the_instance_in_Storage()
    {
        var soft = await _fixture.RunAsync("instances", "delete", Demo(3));
        var hard = await _fixture.RunAsync("instances", "delete", Demo(3), "--hard", "--json");

        soft.ExitCode.Should().Be(0, soft.ToString());
        soft.Output.Should().Contain($"Soft-deleted {Demo(3)} (soft-deleted, active).");
        hard.ExitCode.Should().Be(0, hard.ToString());
        var status = hard.JsonLines().Single().GetProperty("instance").GetProperty("status");
        status.GetProperty("isHardDeleted").GetBoolean().Should().BeTrue();
        Writes().Select(r => r.Method + " " + r.PathAndQuery).Should().Equal(
            $"DELETE /storage/api/v1/instances/{Demo(3)}?hard=false",
            $"DELETE /storage/api/v1/instances/{Demo(3)}?hard=true");
    }

    [Fact]
    public async Task Delete_refused_by_the_app_s_policy_exits_4_with_the_policy_xml_hint()
    {
        var storage = StorageClient.Create(_fixture.Emulator.Environment, _fixture.Emulator.CreateOrgCredential("ttd"), loggerFactory: LeakWatch.LoggerFactory);
        ApplicationMetadata metadata = await storage.Applications.GetAsync(AppId.Parse(DemoApp));
        _fixture.Emulator.AddApp(metadata, orgMayDelete: false);

        var run = await _fixture.RunAsync("instances", "delete", Demo(1));

        run.ExitCode.Should().Be(ExitCodes.RequestFailed, run.ToString());
        run.Error.Should().Contain("403").And.Contain("policy.xml");
        run.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task Substatus_dry_run_previews_the_inbox_and_sends_no_write()
    {
        const string Label = "Behandles av saksbehandler";   // 26 characters: one too many for the inbox

        var text = await _fixture.RunAsync("instances", "substatus", Demo(4), "--label", Label, "--dry-run");
        var json = await _fixture.RunAsync("instances", "substatus", Demo(4), "--label", "Godkjent", "--description", "Din søknad er godkjent av kongen.", "--dry-run", "--json");

        text.ExitCode.Should().Be(0, text.ToString());
        text.Output.Should().Contain($"would set the substatus of {Demo(4)} to \"{Label}\" (now \"Mottatt\"). Inbox preview: \"Behandles av saksbehan...\"");
        text.Error.Should().Contain("the label has 26 characters; the inbox shows only the first 22");
        var result = json.JsonLines().Single();
        result.GetProperty("inboxPreview").GetString().Should().Be("Godkjent");
        result.GetProperty("labelCut").GetBoolean().Should().BeFalse();
        result.GetProperty("substatus").GetProperty("description").GetString().Should().Be("Din søknad er godkjent av kongen.");
        result.GetProperty("dryRun").GetBoolean().Should().BeTrue();
        Writes().Should().BeEmpty();
    }

    [Theory]
    [InlineData("Godkjent", "Godkjent")]
    [InlineData("Tjuefem tegn akkurat her", "Tjuefem tegn akkurat her")]
    [InlineData("Søknaden er under behandling", "Søknaden er under beha...")]
    public async Task Substatus_sets_the_label_and_shows_the_inbox_preview(string label, string preview)
    {
        var run = await _fixture.RunAsync("instances", "substatus", Demo(5), "--label", label, "--description", "Din søknad er godkjent av kongen.", "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        var result = run.JsonLines().Single();
        result.GetProperty("inboxPreview").GetString().Should().Be(preview);
        result.GetProperty("instance").GetProperty("status").GetProperty("substatus").GetProperty("label").GetString().Should().Be(label);
        var stored = (await _fixture.RunAsync("instances", "get", Demo(5), "--json")).JsonLines().Single();
        stored.GetProperty("status").GetProperty("substatus").GetProperty("description").GetString().Should().Be("Din søknad er godkjent av kongen.");
        Writes().Should().ContainSingle().Which.PathAndQuery.Should().Be($"/storage/api/v1/instances/{Demo(5)}/substatus");
    }

    [Fact]
    public async Task Substatus_as_a_table_says_what_was_set()
    {
        var run = await _fixture.RunAsync("instances", "substatus", Demo(1), "--label", "Venter på vedlegg");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Output.Trim().Should().Be($"Set the substatus of {Demo(1)} to \"Venter på vedlegg\". Inbox preview: \"Venter på vedlegg\".");
        run.Error.Should().BeEmpty();
    }

    [Fact]
    public async Task The_embedded_emulator_serves_a_command_without_settings()
    {
        var run = await Cli.RunAsync("instances", "list", "--app", DemoApp, "--emulator", "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        run.JsonLines().Should().HaveCount(7);
        run.Error.Should().BeEmpty("--json keeps notes off standard error");
    }
}
