using System.Collections.Concurrent;
using System.Text;
using Altinn.Sdk.Models;
using static Altinn.Sdk.Apps.Tests.AppsHarness;

namespace Altinn.Sdk.Apps.Tests;

/// <summary>Bad arguments send nothing; the app's 403 and 409 explain themselves; per-call identities never mix.</summary>
public sealed class ErrorAndIdentityTests : IAsyncLifetime
{
    private AppsHarness _h = null!;

    public async Task InitializeAsync() => _h = await StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Bad_arguments_send_nothing()
    {
        AppClient app = _h.Demo;
        await app.Metadata.GetAsync();
        _h.Emulator.ClearRequests();
        var id = new InstanceId(OrganisationParty, Guid.NewGuid());

        FluentActions.Invoking(() => InstanceOwnerReference.Organisation("312345677")).Should().Throw<ArgumentException>().WithMessage("*check digit*");
        FluentActions.Invoking(() => InstanceOwnerReference.Organisation("12345")).Should().Throw<ArgumentException>().WithMessage("*9 digits*");
        FluentActions.Invoking(() => InstanceOwnerReference.Person("01017012344")).Should().Throw<ArgumentException>()
            .Which.Message.Should().NotContain("01017012344", "a national identity number is never repeated in a message");
        FluentActions.Invoking(() => InstanceOwnerReference.Party(0)).Should().Throw<ArgumentOutOfRangeException>();
        InstanceOwnerReference.Person(PersonNumber).ToString().Should().Be("person:***");

        await app.Instances.Invoking(i => i.CreateAsync(null!)).Should().ThrowAsync<ArgumentNullException>();
        await app.Instances.Invoking(i => i.CreateAsync(InstanceOwnerReference.Party(OrganisationParty), [null!])).Should().ThrowAsync<ArgumentException>();
        await app.Instances.Invoking(i => i.CreateWithPrefillAsync(InstanceOwnerReference.Party(OrganisationParty), new Dictionary<string, string> { [" "] = "x" })).Should().ThrowAsync<ArgumentException>();
        await app.Instances.Invoking(i => i.GetAsync(null!)).Should().ThrowAsync<ArgumentNullException>();
        await app.Instances.Invoking(i => i.DeleteAsync(null!, true, CancellationToken.None)).Should().ThrowAsync<ArgumentNullException>();
        await app.Instances.Invoking(i => i.GetActiveAsync(-1)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await app.Instances.Invoking(i => i.SetSubstatusAsync(id, new Substatus { Label = " " })).Should().ThrowAsync<ArgumentException>().WithMessage("*label*");
        await app.Data.Invoking(d => d.DownloadAsync(id, Guid.Empty)).Should().ThrowAsync<ArgumentException>();
        await app.Data.Invoking(d => d.UploadAsync(id, "", new MemoryStream([1]), "application/pdf", "a.pdf")).Should().ThrowAsync<ArgumentException>();
        await app.Data.Invoking(d => d.UploadAsync(id, "vedleggA", new MemoryStream([1]), "not a type", "a.pdf")).Should().ThrowAsync<ArgumentException>().WithMessage("*MIME type*");
        await app.Data.Invoking(d => d.UploadAsync(id, "vedleggA", new MemoryStream([1]), "application/pdf", "../a.pdf")).Should().ThrowAsync<ArgumentException>().WithMessage("*folder separator*");
        await app.Data.Invoking(d => d.WriteFormDataAsync(id, Guid.NewGuid(), "", FormDataFormat.Xml)).Should().ThrowAsync<ArgumentException>();
        await app.Data.Invoking(d => d.ReadFormDataAsync(id, Guid.NewGuid(), (FormDataFormat)7)).Should().ThrowAsync<ArgumentException>();
        await app.Process.Invoking(p => p.NextAsync(id, " ")).Should().ThrowAsync<ArgumentException>();
        await app.Metadata.Invoking(m => m.GetTextsAsync("nob")).Should().ThrowAsync<ArgumentException>();
        await app.Metadata.Invoking(m => m.GetTextsAsync("nø")).Should().ThrowAsync<ArgumentException>();
        FluentActions.Invoking(() => new InstanceDataPart("mo\"del", new MemoryStream([1]), "application/xml")).Should().Throw<ArgumentException>();

        _h.Emulator.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Forbidden_delete_names_the_policy_rule_the_app_needs()
    {
        AppClient app = _h.AddApp(LifecycleTests.DemoMetadata("ttd/no-delete"), orgMayDelete: false);
        Instance created = await app.Instances.CreateAsync(InstanceOwnerReference.Party(OrganisationParty));

        var e = await app.Instances.Invoking(i => i.DeleteAsync(created.Id!, hard: true, CancellationToken.None)).Should().ThrowAsync<AltinnRequestFailedException>();

        e.Which.Status.Should().Be(403);
        e.Which.Message.Should().Contain("policy.xml").And.Contain("\"org can delete an instance of org/app regardless of process state\"");
        e.Which.Method.Should().Be("DELETE");
        e.Which.Problem!.Title.Should().Be("Forbidden");
    }

    [Fact]
    public async Task Conflict_on_process_next_carries_the_validation_issues()
    {
        ApplicationMetadata metadata = LifecycleTests.DemoMetadata("ttd/needs-attachment");
        metadata = metadata with { DataTypes = [metadata.DataTypes![0], metadata.DataTypes[1] with { MinCount = 1 }] };
        AppClient app = _h.AddApp(metadata);
        Instance created = await app.Instances.CreateAsync(InstanceOwnerReference.Party(OrganisationParty));

        var e = await app.Process.Invoking(p => p.NextAsync(created.Id!)).Should().ThrowAsync<AltinnRequestFailedException>();

        e.Which.Status.Should().Be(409);
        e.Which.Problem!.Title.Should().Be("Validation failed for task");
        e.Which.Problem.ValidationIssues.Should().ContainSingle(i => i.Code == "TooFewDataElementsOfType" && i.IsError);
        e.Which.Message.Should().Contain("Validation issues (1)").And.Contain("validation fails");
        (await app.Process.GetAsync(created.Id!)).CurrentTask!.ElementId.Should().Be("Task_1");
    }

    [Fact]
    public async Task Concurrent_requests_as_two_parties_never_mix_tokens()
    {
        const int SecondParty = 50007000;
        const string SecondOrgNumber = "910000004";
        _h.Emulator.AddOrganisationParty(SecondParty, SecondOrgNumber, "Andre AS");
        AppClient app = _h.Demo;
        var parties = new[] { (Party: OrganisationParty, Org: DemoOrgNumber), (Party: SecondParty, Org: SecondOrgNumber) };
        var created = new ConcurrentBag<(int Party, Instance Instance)>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 24), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, ct) =>
        {
            var (party, org) = parties[n % 2];
            AltinnRequestOptions options = _h.AsSystemUser(org);
            Instance instance = await app.Instances.CreateAsync(InstanceOwnerReference.Organisation(org), options, ct);
            Instance read = await app.Instances.GetAsync(instance.Id!, options, ct);
            read.CreatedBy.Should().Be(org);
            created.Add((party, read));
        });

        created.Should().HaveCount(24);
        created.Should().OnlyContain(c => c.Instance.Id!.PartyId == c.Party && c.Instance.InstanceOwner!.OrganisationNumber == parties.Single(p => p.Party == c.Party).Org);

        // Each system user may act only for its own organisation, so a token sent for the wrong party would be a 403.
        var appRequests = _h.AppRequests().Where(r => r.PathAndQuery.StartsWith("/ttd/demo-app/instances", StringComparison.Ordinal)).ToList();
        appRequests.Should().HaveCount(48).And.OnlyContain(r => r.Status == 200 || r.Status == 201);
        appRequests.Where(r => r.Method == "GET").Select(r => r.PathAndQuery.Split('/')[4]).Should().OnlyContain(p => p == OrganisationParty.ToString() || p == SecondParty.ToString());
    }

    [Fact]
    public async Task Substatus_with_a_long_label_is_set_and_logged_as_cut_in_the_inbox()
    {
        Instance created = await _h.Demo.Instances.CreateAsync(InstanceOwnerReference.Party(OrganisationParty));

        Instance updated = await _h.Demo.Instances.SetSubstatusAsync(created.Id!, new Substatus { Label = "Behandles av saksbehandler nå" });

        updated.Status!.Substatus!.Label.Should().Be("Behandles av saksbehandler nå");
        _h.Logger.Collector.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 4001 && r.Message.Contains("29 characters"));

        var userRefused = await _h.Demo.Instances.Invoking(i => i.SetSubstatusAsync(created.Id!, new Substatus { Label = "x" }, _h.AsSystemUser(DemoOrgNumber)))
            .Should().ThrowAsync<AltinnRequestFailedException>();
        userRefused.Which.Status.Should().Be(403);
        userRefused.Which.Message.Should().Contain("Only the app owner org");
    }
}
