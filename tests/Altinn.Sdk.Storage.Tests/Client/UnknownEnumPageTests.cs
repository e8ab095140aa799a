using System.Text.Json;
using System.Text.Json.Nodes;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Storage.Tests.Client;

/// <summary>
/// A page of instances carrying enum values Altinn might add tomorrow, served by the emulator over loopback and read
/// through the Storage client: every instance arrives, and the new values are kept as they came on the wire.
/// </summary>
public sealed class UnknownEnumPageTests : IAsyncLifetime
{
    private const string App = "ttd/future-app";
    private const int Party = 50001337;
    private string _folder = null!;

    public Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("altinn-unknown-enums-").FullName;
        string app = Path.Combine(_folder, "apps", "ttd", "future-app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "applicationmetadata.json"), $$"""{"id":"{{App}}","org":"ttd","dataTypes":[{"id":"vedlegg"}]}""");
        string instances = Path.Combine(_folder, "instances", Party.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(instances);
        Write(instances, 1, readStatus: "\"Archived\"", data: """[{"id":"0b1c5a2e-2222-4c3b-9d7e-000000000001","dataType":"vedlegg","fileScanResult":"Quarantined","references":[{"value":"x","relation":"DerivedFrom","valueType":"Signature"}]}]""");
        Write(instances, 2, readStatus: "7", data: "[]");
        Write(instances, 3, readStatus: "\"Read\"", data: """[{"id":"0b1c5a2e-2222-4c3b-9d7e-000000000003","dataType":"vedlegg","fileScanResult":"Clean"}]""");
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_page_with_new_enum_values_is_read_whole_and_keeps_the_wire_values()
    {
        await using var storage = await EmulatorStorage.StartAsync(seed: false, dataDirectory: _folder);

        var instances = new List<Instance>();
        await foreach (Instance instance in storage.Client.Instances.QueryAsync(new InstanceQuery(AppId.Parse(App)) { Order = InstanceQueryOrder.LastChangedAscending }))
        {
            instances.Add(instance);
        }

        instances.Select(i => i.Id!.InstanceGuid).Should().BeEquivalentTo([Guid(1), Guid(2), Guid(3)], "no page is lost to a value the SDK does not know");
        var byNumber = instances.ToDictionary(i => i.Id!.InstanceGuid.ToString()[^1] - '0');
        byNumber[1].Status!.ReadStatus.Should().NotBe(ReadStatus.Unread).And.NotBe(ReadStatus.Read).And.NotBe(ReadStatus.UpdatedSinceLastReview);
        ((int)byNumber[2].Status!.ReadStatus).Should().Be(7);
        byNumber[3].Status!.ReadStatus.Should().Be(ReadStatus.Read);
        byNumber[3].Data!.Single().FileScanResult.Should().Be(FileScanResult.Clean);

        // Written back (e.g. archived as JSON), the new values are what Altinn sent.
        JsonNode first = JsonNode.Parse(JsonSerializer.Serialize(byNumber[1], AltinnJsonContext.Default.Instance))!;
        first["status"]!["readStatus"]!.GetValue<string>().Should().Be("Archived");
        first["data"]![0]!["fileScanResult"]!.GetValue<string>().Should().Be("Quarantined");
        first["data"]![0]!["references"]![0]!["relation"]!.GetValue<string>().Should().Be("DerivedFrom");
        first["data"]![0]!["references"]![0]!["valueType"]!.GetValue<string>().Should().Be("Signature");
        JsonNode second = JsonNode.Parse(JsonSerializer.Serialize(byNumber[2], AltinnJsonContext.Default.Instance))!;
        second["status"]!["readStatus"]!.GetValue<int>().Should().Be(7);
    }

    private static Guid Guid(int n) => System.Guid.Parse($"0b1c5a2e-1111-4c3b-9d7e-00000000000{n}");

    private static void Write(string folder, int n, string readStatus, string data) =>
        File.WriteAllText(Path.Combine(folder, Guid(n) + ".json"), $$$"""
            {"id":"{{{Party}}}/{{{Guid(n)}}}","appId":"{{{App}}}","org":"ttd","instanceOwner":{"partyId":"{{{Party}}}"},
             "created":"2026-01-0{{{n}}}T10:00:00Z","lastChanged":"2026-01-0{{{n}}}T10:00:00Z",
             "process":{"started":"2026-01-0{{{n}}}T10:00:00Z","currentTask":{"elementId":"Task_1","flow":2}},
             "status":{"readStatus":{{{readStatus}}}},"data":{{{data}}}}
            """);
}
