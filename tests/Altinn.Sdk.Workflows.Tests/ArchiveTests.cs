using System.Text.Json;
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using static Altinn.Sdk.Workflows.Tests.WorkflowEmulator;

namespace Altinn.Sdk.Workflows.Tests;

/// <summary>Archive and confirm against the emulator: the demo seed has two completed, unconfirmed instances (4 and 7).</summary>
public sealed class ArchiveTests : IAsyncLifetime
{
    private WorkflowEmulator _env = null!;

    public async Task InitializeAsync() => _env = await StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task Archive_writes_what_Storage_holds_byte_for_byte_then_confirms()
    {
        // What Storage sends for the archive query, before anything changes.
        var query = new InstanceQuery(DemoApp) { IsComplete = true, ExcludeConfirmedBy = "ttd" };
        var expected = new Dictionary<InstanceId, InstanceJson>();
        await foreach (InstanceJson item in _env.Storage.Instances.QueryRawAsync(query)) expected[item.Instance.Id!] = item;
        expected.Keys.Should().BeEquivalentTo([DemoId(4), DemoId(7)]);
        _env.Emulator.ClearRequests();

        ArchiveResult result = await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder);
        var log = _env.StorageRequests().ToList();

        result.Done.Select(i => i.InstanceId).Should().BeEquivalentTo(expected.Keys);
        result.Failed.Should().BeEmpty();
        result.Done.Should().AllSatisfy(i => i.Reason.Should().Contain("confirmed complete"));
        result.AppDirectory.Should().Be(_env.AppFolder);
        result.Warnings.Should().ContainSingle(w => w.Contains("vedleggA", StringComparison.Ordinal) && w.Contains("autoDeleteOnProcessEnd", StringComparison.Ordinal));
        _env.Logger.Collector.GetSnapshot().Should().Contain(r => r.Level == Microsoft.Extensions.Logging.LogLevel.Warning && r.Message.Contains("vedleggA", StringComparison.Ordinal));

        foreach ((InstanceId id, InstanceJson raw) in expected)
        {
            string folder = _env.InstanceFolder(id);
            (await File.ReadAllBytesAsync(Path.Combine(folder, "instance.json"))).Should().Equal(raw.Utf8Json.ToArray(), "instance.json is the JSON Storage sent");

            using JsonDocument manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "manifest.json")));
            manifest.RootElement.GetProperty("instanceId").GetString().Should().Be(id.ToString());
            manifest.RootElement.GetProperty("archived").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
            var files = manifest.RootElement.GetProperty("files").EnumerateArray().ToList();
            files.Should().HaveCount(raw.Instance.Data!.Count + 1);
            foreach (JsonElement file in files)
            {
                byte[] onDisk = await File.ReadAllBytesAsync(Path.Combine(folder, file.GetProperty("name").GetString()!));
                file.GetProperty("size").GetInt64().Should().Be(onDisk.Length);
                file.GetProperty("sha256").GetString().Should().Be(Sha256(onDisk));
            }

            foreach (DataElement element in raw.Instance.Data!)
            {
                JsonElement entry = files.Single(f => f.TryGetProperty("dataElementId", out var e) && e.GetGuid() == element.Id);
                byte[] onDisk = await File.ReadAllBytesAsync(Path.Combine(folder, entry.GetProperty("name").GetString()!));
                onDisk.Should().Equal(await _env.StoredContentAsync(id, element.Id), $"data element {element.Id} ({element.DataType}) is archived as stored");
                entry.GetProperty("dataType").GetString().Should().Be(element.DataType);
            }

            raw.Instance.Data!.Should().Contain(e => e.DeleteStatus != null && e.DeleteStatus.IsHardDeleted, "elements deleted at process end are archived too");
            Directory.GetFiles(folder, "*.partial", SearchOption.AllDirectories).Should().BeEmpty();
            Instance after = await _env.Storage.Instances.GetAsync(id);
            after.CompleteConfirmations.Should().ContainSingle(c => c.StakeholderId == "ttd");
        }

        // Every confirmation was sent while the instance's manifest and files were on disk and verified,
        // and after the last download of that instance.
        _env.ConfirmationsSeen.Select(c => c.Instance).Should().BeEquivalentTo(expected.Keys);
        _env.ConfirmationsSeen.Should().OnlyContain(c => c.Verified);
        foreach (InstanceId id in expected.Keys)
        {
            int confirm = log.FindIndex(r => r.Method == "POST" && r.PathAndQuery.Contains(id.InstanceGuid.ToString(), StringComparison.Ordinal));
            int lastDownload = log.FindLastIndex(r => r.Method == "GET" && r.PathAndQuery.Contains(id.InstanceGuid + "/data/", StringComparison.Ordinal));
            confirm.Should().BeGreaterThan(lastDownload);
        }
    }

    [Fact]
    public async Task Re_run_is_a_no_op()
    {
        await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder);
        _env.Emulator.ClearRequests();

        ArchiveResult again = await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder);

        again.Items.Should().BeEmpty("confirmed instances are no longer listed");
        _env.DataDownloads().Should().BeEmpty();
        _env.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task Re_run_without_confirming_skips_verified_archives_without_downloading()
    {
        var options = new ArchiveOptions { ConfirmComplete = false };
        ArchiveResult first = await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder, options);
        first.Done.Should().HaveCount(2);
        _env.Writes().Should().BeEmpty("nothing is confirmed");
        _env.Emulator.ClearRequests();

        ArchiveResult again = await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder, options);

        again.Skipped.Select(i => i.InstanceId).Should().BeEquivalentTo([DemoId(4), DemoId(7)]);
        again.Skipped.Should().AllSatisfy(i => i.Reason.Should().Contain("verified"));
        _env.DataDownloads().Should().BeEmpty();
        _env.Writes().Should().BeEmpty();
    }

    [Fact]
    public async Task Failed_confirmation_keeps_the_files_and_the_next_run_confirms_without_downloading()
    {
        // A token without the write scope: Storage refuses the confirmation with 403, reads still work.
        WorkflowClient readOnly = _env.CreateWorkflows(_env.Emulator.CreateOrgCredential("ttd", "altinn:serviceowner/instances.read"));

        ArchiveResult first = await readOnly.ArchiveAsync(DemoApp, _env.Folder);

        first.Failed.Select(i => i.InstanceId).Should().BeEquivalentTo([DemoId(4), DemoId(7)]);
        first.Failed.Should().AllSatisfy(i =>
        {
            i.Status.Should().Be(403);
            i.Reason.Should().Contain("confirming complete").And.Contain(i.Exception!.Message);
        });
        foreach (int n in new[] { 4, 7 })
        {
            (await ConfirmationObserver.VerifiedAsync(_env.InstanceFolder(DemoId(n)))).Should().BeTrue();
            (await _env.Storage.Instances.GetAsync(DemoId(n))).CompleteConfirmations.Should().BeNullOrEmpty();
        }

        _env.Emulator.ClearRequests();
        ArchiveResult second = await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder);

        second.Done.Select(i => i.InstanceId).Should().BeEquivalentTo([DemoId(4), DemoId(7)]);
        second.Done.Should().AllSatisfy(i => i.Reason.Should().Contain("already archived and verified"));
        _env.DataDownloads().Should().BeEmpty("the verified files are not downloaded again");
        _env.Confirmations().Should().HaveCount(2);
        _env.ConfirmationsSeen.Should().HaveCount(2).And.OnlyContain(c => c.Verified);
    }

    [Fact]
    public async Task A_corrupted_file_is_downloaded_again_before_confirming()
    {
        await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder, new ArchiveOptions { ConfirmComplete = false });
        Guid attachment = Guid.Parse("da000000-0000-4000-8000-000000000042");
        string path = Path.Combine(_env.InstanceFolder(DemoId(4)), attachment + ".pdf");
        byte[] original = await File.ReadAllBytesAsync(path);
        byte[] corrupted = (byte[])original.Clone();
        corrupted[10] ^= 0xFF;
        await File.WriteAllBytesAsync(path, corrupted);
        _env.Emulator.ClearRequests();

        ArchiveResult result = await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder);

        result.Done.Should().HaveCount(2);
        _env.DataDownloads().Select(r => r.PathAndQuery).Should().Equal(StoragePath + $"instances/{DemoId(4)}/data/{attachment}");
        (await File.ReadAllBytesAsync(path)).Should().Equal(original);
        _env.ConfirmationsSeen.Should().HaveCount(2).And.OnlyContain(c => c.Verified);
    }

    [Fact]
    public async Task A_file_that_cannot_be_written_fails_that_instance_only_and_it_is_not_confirmed()
    {
        // A folder where instance 4's form file should go: the rename onto it fails.
        string blocked = Path.Combine(_env.InstanceFolder(DemoId(4)), "da000000-0000-4000-8000-000000000041");
        Directory.CreateDirectory(blocked);

        ArchiveResult result = await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder);

        result.Failed.Should().ContainSingle().Which.InstanceId.Should().Be(DemoId(4));
        result.Failed[0].Reason.Should().Contain("da000000-0000-4000-8000-000000000041").And.Contain("nothing was confirmed");
        result.Failed[0].Status.Should().BeNull("a local failure has no HTTP status");
        result.Done.Should().ContainSingle().Which.InstanceId.Should().Be(DemoId(7));
        _env.Confirmations().Should().ContainSingle().Which.PathAndQuery.Should().Contain(DemoId(7).InstanceGuid.ToString());
        File.Exists(Path.Combine(_env.InstanceFolder(DemoId(4)), "manifest.json")).Should().BeFalse();
        Directory.GetFiles(_env.InstanceFolder(DemoId(4)), "*.partial").Should().BeEmpty();

        Directory.Delete(blocked);
        ArchiveResult next = await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder);
        next.Done.Should().ContainSingle().Which.InstanceId.Should().Be(DemoId(4));
        _env.ConfirmationsSeen.Should().HaveCount(2).And.OnlyContain(c => c.Verified);
    }

    [Fact]
    public async Task Dry_run_sends_no_writes_and_writes_no_files()
    {
        ArchiveResult result = await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder, new ArchiveOptions { DryRun = true });

        result.DryRun.Should().BeTrue();
        result.Done.Select(i => i.InstanceId).Should().BeEquivalentTo([DemoId(4), DemoId(7)]);
        result.Done.Should().AllSatisfy(i => i.Reason.Should().StartWith("dry run: would archive 3 data element(s)").And.Contain("confirm"));
        _env.Writes().Should().BeEmpty();
        _env.DataDownloads().Should().BeEmpty();
        Directory.EnumerateFileSystemEntries(_env.Folder).Should().BeEmpty();
    }

    [Fact]
    public async Task At_most_MaxConcurrency_instances_are_worked_on_at_once()
    {
        for (int i = 0; i < 10; i++) await _env.SeedCompletedAsync(seed: i);
        var recorder = new ConcurrencyRecorder();

        ArchiveResult result = await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder, new ArchiveOptions { MaxConcurrency = 3, Progress = recorder });

        result.Done.Should().HaveCount(12);
        recorder.Peak.Should().BeLessThanOrEqualTo(3).And.BeGreaterThan(1, "instances are archived in parallel");
        recorder.Finished.Should().Be(12);
        _env.ConfirmationsSeen.Should().HaveCount(12).And.OnlyContain(c => c.Verified);
    }

    [Fact]
    public async Task Cancellation_leaves_no_half_written_file_under_a_final_name_and_a_new_run_finishes()
    {
        var seeded = new List<InstanceId>();
        for (int i = 0; i < 6; i++) seeded.Add(await _env.SeedCompletedAsync(attachmentBytes: 4 * 1024 * 1024, seed: i));
        using var cancel = new CancellationTokenSource();
        var progress = new CallbackProgress(p =>
        {
            if (p.Step == WorkflowStep.Done) cancel.Cancel();
        });

        var thrown = await _env.Workflows.Invoking(w => w.ArchiveAsync(DemoApp, _env.Folder, new ArchiveOptions { MaxConcurrency = 2, Progress = progress }, cancel.Token))
            .Should().ThrowAsync<WorkflowCanceledException>();

        thrown.Which.Result.Done.Should().NotBeEmpty();
        thrown.Which.Result.Items.Count.Should().BeLessThan(8);
        Directory.GetFiles(_env.Folder, "*.partial", SearchOption.AllDirectories).Should().BeEmpty();
        foreach (InstanceId id in seeded.Append(DemoId(4)).Append(DemoId(7)))
        {
            string folder = _env.InstanceFolder(id);
            bool archived = await ConfirmationObserver.VerifiedAsync(folder);
            Instance instance = await _env.Storage.Instances.GetAsync(id);
            if (!archived) instance.CompleteConfirmations.Should().BeNullOrEmpty("an instance without verified files is never confirmed");
            if (!Directory.Exists(folder)) continue;
            foreach (DataElement element in instance.Data!)
            {
                string file = Path.Combine(folder, element.Id + (element.Filename is null ? string.Empty : ".pdf"));
                if (File.Exists(file)) (await File.ReadAllBytesAsync(file)).Should().Equal(await _env.StoredContentAsync(id, element.Id), "a file under its final name is whole");
            }
        }

        ArchiveResult rest = await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder);
        rest.Failed.Should().BeEmpty();
        (thrown.Which.Result.Done.Count + rest.Done.Count).Should().Be(8);
        _env.ConfirmationsSeen.Should().HaveCount(8).And.OnlyContain(c => c.Verified);
    }

    [Fact]
    public async Task Bad_arguments_throw_before_any_request()
    {
        await _env.Workflows.Invoking(w => w.ArchiveAsync(null!, _env.Folder)).Should().ThrowAsync<ArgumentNullException>();
        await _env.Workflows.Invoking(w => w.ArchiveAsync(DemoApp, (string)null!)).Should().ThrowAsync<ArgumentNullException>();
        await _env.Workflows.Invoking(w => w.ArchiveAsync(DemoApp, "  ")).Should().ThrowAsync<ArgumentException>();
        await _env.Workflows.Invoking(w => w.ArchiveAsync(DemoApp, "bad\0path")).Should().ThrowAsync<ArgumentException>();
        FluentActions.Invoking(() => new ArchiveOptions { MaxConcurrency = 0 }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new ArchiveOptions { MaxConcurrency = WorkflowOptions.MaxAllowedConcurrency + 1 }).Should().Throw<ArgumentOutOfRangeException>();

        _env.StorageRequests().Should().BeEmpty();
    }

    [Fact]
    public async Task An_app_that_deletes_instances_at_process_end_is_warned_about()
    {
        _env.Emulator.AddApp(new ApplicationMetadata { Id = "ttd/auto-delete-app", Org = "ttd", AutoDeleteOnProcessEnd = true, DataTypes = [new DataType { Id = "model" }] });

        ArchiveResult result = await _env.Workflows.ArchiveAsync(AppId.Parse("ttd/auto-delete-app"), _env.Folder);

        result.Items.Should().BeEmpty();
        result.Warnings.Should().ContainSingle().Which.Should().Contain("purge").And.Contain("7 days");
        _env.Logger.Collector.GetSnapshot().Should().Contain(r => r.Message.Contains("ttd/auto-delete-app has autoDeleteOnProcessEnd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_app_stops_the_workflow_with_the_status()
    {
        var stopped = await _env.Workflows.Invoking(w => w.ArchiveAsync(AppId.Parse("ttd/no-such-app"), _env.Folder)).Should().ThrowAsync<WorkflowStoppedException>();

        stopped.Which.Status.Should().Be(404);
        stopped.Which.Result.Items.Should().BeEmpty();
        _env.Writes().Should().BeEmpty();
        Directory.Exists(Path.Combine(_env.Folder, "ttd", "no-such-app")).Should().BeFalse("no folder for an app that does not exist");
    }
}

/// <summary>A synchronous progress sink that tracks how many instances are under way at once.</summary>
internal sealed class ConcurrencyRecorder : IProgress<WorkflowProgress>
{
    private int _running;
    private int _peak;
    private int _finished;

    public int Peak => Volatile.Read(ref _peak);

    public int Finished => Volatile.Read(ref _finished);

    public void Report(WorkflowProgress value)
    {
        if (value.Step == WorkflowStep.Started)
        {
            int now = Interlocked.Increment(ref _running);
            int peak;
            while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
            {
            }
        }
        else
        {
            Interlocked.Decrement(ref _running);
            Interlocked.Increment(ref _finished);
        }
    }
}

internal sealed class CallbackProgress(Action<WorkflowProgress> callback) : IProgress<WorkflowProgress>
{
    public void Report(WorkflowProgress value) => callback(value);
}

/// <summary>Archive cases that change the instance between runs.</summary>
public sealed class ArchiveChangeTests : IAsyncLifetime
{
    private WorkflowEmulator _env = null!;

    public async Task InitializeAsync() => _env = await StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task A_new_data_element_is_downloaded_alone_and_the_instance_json_and_manifest_are_renewed()
    {
        await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder, new ArchiveOptions { ConfirmComplete = false });
        await _env.AddElementAsync(DemoId(4), 5000, seed: 9);

        InstanceJson current = await _env.Storage.Instances.GetRawAsync(DemoId(4));
        _env.Emulator.ClearRequests();

        ArchiveResult result = await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder);

        result.Done.Should().HaveCount(2);
        DataElement added = current.Instance.Data!.Single(d => d.Id != Guid.Parse("da000000-0000-4000-8000-000000000041") && d.Id != Guid.Parse("da000000-0000-4000-8000-000000000042") && d.Id != Guid.Parse("da000000-0000-4000-8000-000000000043"));
        _env.DataDownloads().Select(r => r.PathAndQuery).Should().Equal(StoragePath + $"instances/{DemoId(4)}/data/{added.Id}");
        string folder = _env.InstanceFolder(DemoId(4));
        (await File.ReadAllBytesAsync(Path.Combine(folder, added.Id.ToString()))).Should().Equal(Pattern(5000, 9));
        using JsonDocument manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "manifest.json")));
        manifest.RootElement.GetProperty("files").GetArrayLength().Should().Be(5);
        using JsonDocument archivedJson = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(folder, "instance.json")));
        archivedJson.RootElement.GetProperty("data").GetArrayLength().Should().Be(4, "instance.json is renewed with the new element");
        _env.ConfirmationsSeen.Should().HaveCount(2).And.OnlyContain(c => c.Verified);
    }
}

/// <summary>Archiving while the emulator injects server errors and latency into a share of the requests.</summary>
public sealed class ArchiveFaultTests : IAsyncLifetime
{
    private WorkflowEmulator _env = null!;

    public async Task InitializeAsync()
    {
        var faults = new Testing.EmulatorFaultOptions { Rate = 0.3, Seed = 7, Kinds = Testing.EmulatorFaultKinds.InternalServerError | Testing.EmulatorFaultKinds.Latency, Latency = TimeSpan.FromMilliseconds(20) };
        _env = await StartAsync(faults: faults, maxRetries: 3);
    }

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task Under_faults_every_confirmation_still_follows_verified_files()
    {
        // The demo seed's two completed instances (seeding through a faulty emulator would itself fail).
        ArchiveResult result;
        try
        {
            result = await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder);
        }
        catch (WorkflowStoppedException stopped)
        {
            // Even the retried listing can fail under faults; what was finished is still reported.
            result = (ArchiveResult)stopped.Result;
        }

        _env.Emulator.Requests.Should().Contain(r => r.Fault != Testing.EmulatorFaultKinds.None, "faults were injected");
        _env.ConfirmationsSeen.Should().OnlyContain(c => c.Verified);
        foreach (WorkflowItemResult done in result.Done)
        {
            (await ConfirmationObserver.VerifiedAsync(_env.InstanceFolder(done.InstanceId))).Should().BeTrue();
        }

        foreach (WorkflowItemResult failed in result.Failed)
        {
            failed.Reason.Should().NotBeNullOrWhiteSpace();
            if (!failed.Reason.Contains("confirming complete", StringComparison.Ordinal))
            {
                _env.Emulator.Requests.Should().NotContain(
                    r => r.Method == "POST" && r.Status == 200 && r.PathAndQuery.Contains(failed.InstanceId.InstanceGuid.ToString(), StringComparison.Ordinal),
                    "an instance whose files failed is never confirmed");
            }
        }
    }
}
