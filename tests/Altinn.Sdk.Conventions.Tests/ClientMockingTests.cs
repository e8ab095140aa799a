using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Events;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Workflows;

namespace Altinn.Sdk.Conventions.Tests;

/// <summary>
/// What the convention is for: code that takes a client can be tested with a hand-written subclass, no HTTP and no
/// mocking library. One client of each package.
/// </summary>
public sealed class ClientMockingTests
{
    private static readonly InstanceId s_instanceId = InstanceId.Parse("50006000/de000000-0000-4000-8000-000000000001");

    [Fact]
    public async Task A_storage_client_subclass_answers_for_its_sub_client()
    {
        StorageClient storage = new FakeStorageClient();

        Instance instance = await storage.Instances.GetAsync(s_instanceId);

        instance.Id.Should().Be(s_instanceId);
        storage.Environment.Should().Be(AltinnEnvironment.Tt02);
    }

    [Fact]
    public async Task An_apps_client_subclass_hands_out_app_clients_of_its_own()
    {
        AppsClient apps = new FakeAppsClient();
        AppId appId = AppId.Parse("ttd/demo-app");

        AppClient app = apps.GetAppClient(appId);
        ApplicationMetadata metadata = await app.Metadata.GetAsync();

        app.AppId.Should().Be(appId);
        metadata.Id.Should().Be("ttd/demo-app");
    }

    [Fact]
    public async Task An_events_client_subclass_returns_pages_it_makes_up()
    {
        EventsClient events = new FakeEventsClient();

        var ids = new List<string>();
        await foreach (CloudEvent cloudEvent in events.GetEventsAsync(new AppEventsQuery(AppId.Parse("ttd/demo-app"))))
        {
            ids.Add(cloudEvent.Id);
        }

        ids.Should().Equal("1", "2");
    }

    [Fact]
    public async Task An_authentication_client_subclass_replaces_the_token_service()
    {
        AuthenticationClient authentication = new FakeAuthenticationClient();

        AltinnOpenIdConfiguration configuration = await authentication.GetOpenIdConfigurationAsync();

        configuration.Issuer.Should().Be("https://platform.tt02.altinn.no/authentication/api/v1/openid/");
    }

    [Fact]
    public async Task A_workflow_client_subclass_reports_what_a_test_wants()
    {
        WorkflowClient workflows = new FakeWorkflowClient();

        WorkflowResult result = await workflows.DeleteDraftsAsync(AppId.Parse("ttd/demo-app"), new DeleteDraftsOptions { Created = DateFilter.OnOrBefore(2020, 9, 30) });

        result.DryRun.Should().BeTrue();
        result.Items.Should().ContainSingle().Which.InstanceId.Should().Be(s_instanceId);
    }

    [Fact]
    public void The_convention_check_reports_every_violation_of_a_client_that_breaks_it()
    {
        // Guards the check itself: a sealed client without a protected constructor and with a non-virtual method.
        List<string> violations = ClientConventionTests.Violations(typeof(BrokenClient)).ToList();

        violations.Should().HaveCount(4);
        violations.Should().Contain(v => v.Contains("is sealed", StringComparison.Ordinal))
            .And.Contain(v => v.Contains("protected parameterless constructor", StringComparison.Ordinal))
            .And.Contain(v => v.Contains("GetAsync", StringComparison.Ordinal))
            .And.Contain(v => v.Contains("Name", StringComparison.Ordinal));
    }

    private sealed class FakeStorageClient : StorageClient
    {
        public override AltinnEnvironment Environment => AltinnEnvironment.Tt02;

        public override StorageInstancesClient Instances { get; } = new FakeInstances();

        private sealed class FakeInstances : StorageInstancesClient
        {
            public override Task<Instance> GetAsync(InstanceId instanceId, AltinnRequestOptions? options, CancellationToken cancellationToken = default) =>
                Task.FromResult(new Instance { Id = instanceId });

            public override Task<Instance> GetAsync(InstanceId instanceId, CancellationToken cancellationToken = default) =>
                GetAsync(instanceId, null, cancellationToken);
        }
    }

    private sealed class FakeAppsClient : AppsClient
    {
        public override AppClient GetAppClient(AppId appId) => new FakeAppClient(appId);

        private sealed class FakeAppClient(AppId appId) : AppClient
        {
            public override AppId AppId => appId;

            public override AppMetadataClient Metadata { get; } = new FakeMetadata(appId);
        }

        private sealed class FakeMetadata(AppId appId) : AppMetadataClient
        {
            public override Task<ApplicationMetadata> GetAsync(CancellationToken cancellationToken = default) =>
                Task.FromResult(new ApplicationMetadata { Id = appId.ToString() });
        }
    }

    private sealed class FakeEventsClient : EventsClient
    {
        public override AsyncPageable<CloudEvent> GetEventsAsync(EventsQuery query, CancellationToken cancellationToken = default) =>
            AsyncPageable<CloudEvent>.Create(
                (token, _, _) => Task.FromResult(token is null
                    ? Page<CloudEvent>.FromValues([new CloudEvent { Id = "1" }], "next")
                    : Page<CloudEvent>.FromValues([new CloudEvent { Id = "2" }], null)),
                cancellationToken);
    }

    private sealed class FakeAuthenticationClient : AuthenticationClient
    {
        public override Task<AltinnOpenIdConfiguration> GetOpenIdConfigurationAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult(new AltinnOpenIdConfiguration("https://platform.tt02.altinn.no/authentication/api/v1/openid/", null, null, null, null, []));
    }

    private sealed class FakeWorkflowClient : WorkflowClient
    {
        public override Task<WorkflowResult> DeleteDraftsAsync(AppId appId, DeleteDraftsOptions options, CancellationToken cancellationToken = default) =>
            Task.FromResult(new WorkflowResult(dryRun: true, [new WorkflowItemResult(s_instanceId, WorkflowOutcome.Skipped, "dry run")], []));
    }

    private sealed class BrokenClient
    {
        public BrokenClient(string name) => Name = name;

        public string Name { get; }

        public Task<int> GetAsync(CancellationToken cancellationToken) => Task.FromResult(Name.Length);
    }
}
