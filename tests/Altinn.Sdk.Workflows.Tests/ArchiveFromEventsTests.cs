using System.Collections.Concurrent;
using System.Text;
using Altinn.Sdk.Apps;
using Altinn.Sdk.Authentication;
using Altinn.Sdk.Events;
using Altinn.Sdk.Models;
using static Altinn.Sdk.Workflows.Tests.WorkflowEmulator;

namespace Altinn.Sdk.Workflows.Tests;

/// <summary>Archiving from the app's events feed: instances submitted through the app are archived once, from a checkpoint.</summary>
public sealed class ArchiveFromEventsTests : IAsyncLifetime
{
    private const string FeedKey = "archive:ttd/demo-app";
    private WorkflowEmulator _env = null!;
    private AppClient _customerApp = null!;
    private readonly MemoryCheckpoints _checkpoints = new();

    public async Task InitializeAsync()
    {
        _env = await StartAsync();
        _customerApp = AppsClient.Create(_env.Emulator.Environment, _env.Emulator.CreateSystemUserCredential(), o => o.MaxRetries = 0, loggerFactory: LeakWatch.LoggerFactory).GetAppClient(DemoApp);
    }

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task Archives_each_submitted_instance_once_and_moves_the_checkpoint()
    {
        InstanceId first = await SubmitAsync("Første");
        InstanceId second = await SubmitAsync("Andre");
        _env.Emulator.ClearRequests();

        ArchiveResult result = await _env.Workflows.ArchiveFromEventsAsync(DemoApp, _env.Folder, _checkpoints);

        result.Failed.Should().BeEmpty();
        result.Done.Select(i => i.InstanceId).Should().BeEquivalentTo([first, second], "only the instances the feed reports; not the seeded ones Storage would list");
        _env.ConfirmationsSeen.Should().HaveCount(2).And.OnlyContain(c => c.Verified, "confirmed only with every file on disk and verified");
        foreach (InstanceId id in new[] { first, second })
        {
            (await ConfirmationObserver.VerifiedAsync(_env.InstanceFolder(id))).Should().BeTrue();
        }

        _env.StorageRequests().Should().NotContain(r => r.PathAndQuery.StartsWith(StoragePath + "instances?", StringComparison.Ordinal), "the instances come from the feed, not a Storage query");
        _checkpoints.Saved.Should().ContainKey(FeedKey);

        // A re-run starts after the checkpoint: nothing new.
        _env.Emulator.ClearRequests();
        (await _env.Workflows.ArchiveFromEventsAsync(DemoApp, _env.Folder, _checkpoints)).Items.Should().BeEmpty();
        _env.Writes().Should().BeEmpty();

        InstanceId third = await SubmitAsync("Tredje");
        ArchiveResult next = await _env.Workflows.ArchiveFromEventsAsync(DemoApp, _env.Folder, _checkpoints);
        next.Done.Select(i => i.InstanceId).Should().Equal(third);
    }

    [Fact]
    public async Task A_failure_keeps_the_checkpoint_so_the_next_run_sees_the_instance_again()
    {
        InstanceId first = await SubmitAsync("Første");

        // The instance's folder cannot be created: a file stands where its party's folder should be.
        string blocked = Path.Combine(_env.AppFolder, first.PartyId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(_env.AppFolder);
        await File.WriteAllTextAsync(blocked, "not a folder");

        ArchiveResult failed = await _env.Workflows.ArchiveFromEventsAsync(DemoApp, _env.Folder, _checkpoints);

        failed.Failed.Select(i => i.InstanceId).Should().Equal(first);
        _checkpoints.Saved.Should().NotContainKey(FeedKey);
        _env.Confirmations().Should().BeEmpty();

        File.Delete(blocked);
        ArchiveResult retried = await _env.Workflows.ArchiveFromEventsAsync(DemoApp, _env.Folder, _checkpoints);
        retried.Done.Select(i => i.InstanceId).Should().Equal(first);
        _checkpoints.Saved.Should().ContainKey(FeedKey);
    }

    [Fact]
    public async Task Dry_run_writes_nothing_and_keeps_the_checkpoint_and_bad_arguments_send_nothing()
    {
        InstanceId first = await SubmitAsync("Første");
        _env.Emulator.ClearRequests();

        ArchiveResult dry = await _env.Workflows.ArchiveFromEventsAsync(DemoApp, _env.Folder, _checkpoints, new ArchiveOptions { DryRun = true });

        dry.Done.Select(i => i.InstanceId).Should().Equal(first);
        _env.Writes().Should().BeEmpty();
        _checkpoints.Saved.Should().BeEmpty();
        Directory.Exists(_env.AppFolder).Should().BeFalse();

        _env.Emulator.ClearRequests();
        await _env.Workflows.Invoking(w => w.ArchiveFromEventsAsync(DemoApp, _env.Folder, null!)).Should().ThrowAsync<ArgumentNullException>();
        await _env.Workflows.Invoking(w => w.ArchiveFromEventsAsync(DemoApp, " ", _checkpoints)).Should().ThrowAsync<ArgumentException>();
        var withoutEvents = new WorkflowClient(_env.Storage, _env.Apps, LeakWatch.Logger<WorkflowClient>());
        await withoutEvents.Invoking(w => w.ArchiveFromEventsAsync(DemoApp, _env.Folder, _checkpoints)).Should().ThrowAsync<InvalidOperationException>();
        _env.Emulator.Requests.Should().BeEmpty();
    }

    /// <summary>An end-user system submits an instance for the demo organisation: form data, an attachment, process to the end.</summary>
    private async Task<InstanceId> SubmitAsync(string title)
    {
        var asCustomer = new AltinnRequestOptions { SystemUser = new SystemUserContext("312345676") };
        Instance instance = await _customerApp.Instances.CreateAsync(InstanceOwnerReference.Organisation("312345676"), asCustomer);
        Guid form = instance.Data!.Single(d => d.DataType == "model").Id;
        await _customerApp.Data.WriteFormDataAsync(instance.Id!, form, $"<Skjema><Tittel>{title}</Tittel></Skjema>", FormDataFormat.Xml, asCustomer);
        using (var pdf = new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n")))
        {
            await _customerApp.Data.UploadAsync(instance.Id!, "vedleggA", pdf, "application/pdf", "vedlegg.pdf", asCustomer);
        }

        ProcessState process = await _customerApp.Process.GetAsync(instance.Id!, asCustomer);
        while (process.Ended is null) process = await _customerApp.Process.NextAsync(instance.Id!, null, asCustomer);
        return instance.Id!;
    }

    private sealed class MemoryCheckpoints : EventCheckpointStore
    {
        public ConcurrentDictionary<string, string> Saved { get; } = new();

        public override Task<string?> GetCheckpointAsync(string feedKey, CancellationToken cancellationToken = default) =>
            Task.FromResult(Saved.TryGetValue(feedKey, out string? id) ? id : null);

        public override Task SaveCheckpointAsync(string feedKey, string eventId, CancellationToken cancellationToken = default)
        {
            Saved[feedKey] = eventId;
            return Task.CompletedTask;
        }
    }
}
