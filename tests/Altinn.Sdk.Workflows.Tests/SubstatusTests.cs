using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using static Altinn.Sdk.Workflows.Tests.WorkflowEmulator;

namespace Altinn.Sdk.Workflows.Tests;

public sealed class SubstatusTests : IAsyncLifetime
{
    private WorkflowEmulator _env = null!;

    public async Task InitializeAsync() => _env = await StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Theory]
    [InlineData("Godkjent", "Godkjent")]
    [InlineData("Søknaden er godkjent nå", "Søknaden er godkjent nå")]
    [InlineData("1234567890123456789012345", "1234567890123456789012345")]
    [InlineData("12345678901234567890123456", "1234567890123456789012...")]
    [InlineData("", "")]
    public void Preview_shows_25_characters_whole_and_cuts_longer_labels_to_22_and_dots(string label, string shown) =>
        SubstatusLabel.Preview(label).Should().Be(shown);

    [Fact]
    public async Task Substatus_over_a_query_sets_every_match_and_a_re_run_skips_them()
    {
        var query = new InstanceQuery(DemoApp) { IsComplete = true };
        var substatus = new Substatus { Label = "Godkjent", Description = "Din søknad er godkjent av kongen." };

        SubstatusResult result = await _env.Workflows.SetSubstatusAsync(query, substatus);

        var matches = new[] { DemoId(4), DemoId(5), DemoId(7) };
        result.Done.Select(i => i.InstanceId).Should().BeEquivalentTo(matches);
        result.LabelPreview.Should().Be("Godkjent");
        result.Warnings.Should().BeEmpty();
        _env.Writes().Select(r => r.Method).Should().Equal("PUT", "PUT", "PUT");
        foreach (InstanceId id in matches)
        {
            Substatus set = (await _env.Storage.Instances.GetAsync(id)).Status!.Substatus!;
            set.Label.Should().Be("Godkjent");
            set.Description.Should().Be("Din søknad er godkjent av kongen.");
        }

        _env.Emulator.ClearRequests();
        SubstatusResult again = await _env.Workflows.SetSubstatusAsync(query, substatus);
        again.Skipped.Select(i => i.InstanceId).Should().BeEquivalentTo(matches);
        _env.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task A_long_label_is_set_with_its_preview_and_a_warning()
    {
        const string Label = "12345678901234567890123456";

        SubstatusResult result = await _env.Workflows.SetSubstatusAsync(DemoId(3), new Substatus { Label = Label });

        result.Done.Should().ContainSingle().Which.Reason.Should().Contain("\"1234567890123456789012...\"");
        result.LabelPreview.Should().Be("1234567890123456789012...");
        result.Warnings.Should().ContainSingle().Which.Should().Contain("26 characters");
        (await _env.Storage.Instances.GetAsync(DemoId(3))).Status!.Substatus!.Label.Should().Be(Label, "the whole label is stored; only the inbox cuts it");
    }

    [Fact]
    public async Task Dry_run_sends_no_writes()
    {
        SubstatusResult result = await _env.Workflows.SetSubstatusAsync(new InstanceQuery(DemoApp), new Substatus { Label = "Under behandling" }, new WorkflowOptions { DryRun = true });

        result.Done.Should().HaveCount(7);
        result.Done.Should().AllSatisfy(i => i.Reason.Should().StartWith("dry run"));
        _env.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task One_instance_failing_is_reported_with_its_status()
    {
        var missing = new InstanceId(OrganisationParty, Guid.NewGuid());

        SubstatusResult result = await _env.Workflows.SetSubstatusAsync(missing, new Substatus { Label = "Mottatt" });

        result.Failed.Should().ContainSingle().Which.Status.Should().Be(404);
        result.Succeeded.Should().BeFalse();
        _env.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task A_refused_listing_stops_the_workflow_with_the_status()
    {
        // digdir may not read ttd's instances: the listing itself is refused, which stops the workflow with the status.
        WorkflowClient digdir = _env.CreateWorkflows(_env.Emulator.CreateOrgCredential("digdir"));

        var stopped = await digdir.Invoking(w => w.SetSubstatusAsync(new InstanceQuery(DemoApp), new Substatus { Label = "X" })).Should().ThrowAsync<WorkflowStoppedException>();

        stopped.Which.Status.Should().Be(403);
        _env.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task Bad_arguments_throw_before_any_request()
    {
        await _env.Workflows.Invoking(w => w.SetSubstatusAsync(DemoId(3), new Substatus { Label = " " })).Should().ThrowAsync<ArgumentException>();
        await _env.Workflows.Invoking(w => w.SetSubstatusAsync(DemoId(3), null!)).Should().ThrowAsync<ArgumentNullException>();
        await _env.Workflows.Invoking(w => w.SetSubstatusAsync((InstanceId)null!, new Substatus { Label = "A" })).Should().ThrowAsync<ArgumentNullException>();
        await _env.Workflows.Invoking(w => w.SetSubstatusAsync((InstanceQuery)null!, new Substatus { Label = "A" })).Should().ThrowAsync<ArgumentNullException>();
        await _env.Workflows.Invoking(w => w.SetSubstatusAsync(new InstanceQuery(DemoApp) { PageSize = 0 }, new Substatus { Label = "A" })).Should().ThrowAsync<ArgumentException>();

        _env.StorageRequests().Should().BeEmpty();
    }
}
