using System.Text.Json;
using System.Text.Json.Nodes;
using static Altinn.Sdk.Workflows.Tests.WorkflowEmulator;

namespace Altinn.Sdk.Workflows.Tests;

/// <summary>Every archived instance's folder is a BagIt bag (RFC 8493), checked by <see cref="BagItValidator"/>.</summary>
public sealed class BagItTests : IAsyncLifetime
{
    private WorkflowEmulator _env = null!;

    public async Task InitializeAsync() => _env = await StartAsync();

    public async Task DisposeAsync() => await _env.DisposeAsync();

    [Fact]
    public async Task An_archived_instance_folder_is_a_complete_and_valid_bag()
    {
        ArchiveResult result = await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder);

        result.Done.Should().HaveCount(2);
        foreach (int n in new[] { 4, 7 })
        {
            string bag = _env.InstanceFolder(DemoId(n));
            BagItValidator.Validate(bag).Should().BeEmpty();
            File.ReadAllText(Path.Combine(bag, "bagit.txt")).Should().Be("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
            Directory.GetFileSystemEntries(bag).Select(Path.GetFileName).Should().BeEquivalentTo(
                ["data", "bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt", "manifest.json"], "the payload is in data/, the tag files beside it");
            BagItValidator.Info(bag)["External-Identifier"].Should().Be(DemoId(n).ToString());
            File.ReadAllLines(Path.Combine(bag, "tagmanifest-sha256.txt")).Should().Contain(l => l.EndsWith("  manifest.json", StringComparison.Ordinal));

            // The payload is instance.json and one file per data element, exactly the files manifest.json lists.
            using JsonDocument manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(bag, "manifest.json")));
            Directory.GetFiles(Path.Combine(bag, "data")).Select(f => "data/" + Path.GetFileName(f)).Should().BeEquivalentTo(
                manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        }

        _env.ConfirmationsSeen.Should().HaveCount(2).And.OnlyContain(c => c.Verified);
    }

    [Fact]
    public async Task The_validator_fails_a_bag_with_a_corrupted_payload_byte_or_an_unlisted_payload_file()
    {
        await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder, new ArchiveOptions { ConfirmComplete = false });
        string bag = _env.InstanceFolder(DemoId(4));
        BagItValidator.Validate(bag).Should().BeEmpty();

        string attachment = Path.Combine(bag, "data", "da000000-0000-4000-8000-000000000042.pdf");
        byte[] bytes = await File.ReadAllBytesAsync(attachment);
        bytes[100] ^= 0x01;
        await File.WriteAllBytesAsync(attachment, bytes);
        BagItValidator.Validate(bag).Should().ContainSingle().Which.Should().Contain("da000000-0000-4000-8000-000000000042.pdf").And.Contain("sha256");

        string other = _env.InstanceFolder(DemoId(7));
        await File.WriteAllTextAsync(Path.Combine(other, "data", "extra.txt"), "x");
        BagItValidator.Validate(other).Should().Contain(p => p.Contains("does not list the payload file 'data/extra.txt'", StringComparison.Ordinal))
            .And.Contain(p => p.StartsWith("Payload-Oxum", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_damaged_tag_file_is_rewritten_by_the_next_run_without_downloading()
    {
        await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder, new ArchiveOptions { ConfirmComplete = false });
        string bag = _env.InstanceFolder(DemoId(4));
        File.Delete(Path.Combine(bag, "bag-info.txt"));
        await File.AppendAllTextAsync(Path.Combine(_env.InstanceFolder(DemoId(7)), "manifest-sha256.txt"), "00  data/nothing\n");
        _env.Emulator.ClearRequests();

        ArchiveResult result = await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder);

        result.Done.Should().HaveCount(2);
        _env.DataDownloads().Should().BeEmpty("the payload still verifies; only the bag's tag files are written again");
        BagItValidator.Validate(bag).Should().BeEmpty();
        BagItValidator.Validate(_env.InstanceFolder(DemoId(7))).Should().BeEmpty();
        _env.ConfirmationsSeen.Should().HaveCount(2).And.OnlyContain(c => c.Verified);
    }

    [Fact]
    public async Task A_folder_in_the_layout_before_the_bag_is_archived_again_as_a_bag_without_stray_files()
    {
        await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder, new ArchiveOptions { ConfirmComplete = false });

        // Instance 4: the old layout complete (files beside a format 1 manifest). Instance 7: an old run stopped before
        // its manifest (instance.json and one element beside nothing else).
        foreach (int n in new[] { 4, 7 })
        {
            string folder = _env.InstanceFolder(DemoId(n));
            foreach (string file in Directory.GetFiles(Path.Combine(folder, "data"))) File.Move(file, Path.Combine(folder, Path.GetFileName(file)));
            Directory.Delete(Path.Combine(folder, "data"));
            foreach (string tag in new[] { "bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt" }) File.Delete(Path.Combine(folder, tag));
        }

        string old = _env.InstanceFolder(DemoId(4));
        JsonNode manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(old, "manifest.json")))!;
        manifest["formatVersion"] = 1;
        foreach (JsonNode? file in manifest["files"]!.AsArray()) file!["name"] = file["name"]!.GetValue<string>()["data/".Length..];
        await File.WriteAllTextAsync(Path.Combine(old, "manifest.json"), manifest.ToJsonString());
        string unfinished = _env.InstanceFolder(DemoId(7));
        File.Delete(Path.Combine(unfinished, "manifest.json"));
        File.Delete(Path.Combine(unfinished, "da000000-0000-4000-8000-000000000072.pdf"));

        ArchiveResult result = await _env.Workflows.ArchiveAsync(DemoApp, _env.Folder);

        result.Done.Should().HaveCount(2);
        foreach (string bag in new[] { old, unfinished })
        {
            BagItValidator.Validate(bag).Should().BeEmpty();
            Directory.GetFileSystemEntries(bag).Select(Path.GetFileName).Should().BeEquivalentTo(
                ["data", "bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt", "manifest.json"], "no file of the old layout is left");
        }

        _env.ConfirmationsSeen.Should().HaveCount(2).And.OnlyContain(c => c.Verified);
    }
}
