using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Tests.Models;

/// <summary>Enum values Altinn may add tomorrow are read, kept and written back unchanged, not a failed page.</summary>
[Collection(UnknownEnumRegistry.Name)]
public class UnknownEnumValueTests
{
    public UnknownEnumValueTests() => UnknownEnumRegistry.Forget();

    // A Storage instance page as Storage writes it (names), with values the SDK does not know.
    private const string Page = """
        {"count":3,"self":"https://platform.at22.altinn.cloud/storage/api/v1/instances?appId=ttd/app","next":null,"instances":[
          {"id":"50001337/0b1c5a2e-1111-4c3b-9d7e-000000000001","appId":"ttd/app","org":"ttd",
           "instanceOwner":{"partyId":"50001337","party":{"partyId":50001337,"partyTypeName":9}},
           "status":{"readStatus":"Archived"},
           "data":[{"id":"0b1c5a2e-2222-4c3b-9d7e-000000000001","dataType":"vedlegg","fileScanResult":"Quarantined",
                    "references":[{"value":"x","relation":"GeneratedFrom","valueType":"Signature"}]}]},
          {"id":"50001337/0b1c5a2e-1111-4c3b-9d7e-000000000002","appId":"ttd/app","org":"ttd",
           "instanceOwner":{"partyId":"50001337"},
           "status":{"readStatus":7}},
          {"id":"50001337/0b1c5a2e-1111-4c3b-9d7e-000000000003","appId":"ttd/app","org":"ttd",
           "instanceOwner":{"partyId":"50001337"},
           "status":{"readStatus":"Read"},
           "data":[{"id":"0b1c5a2e-2222-4c3b-9d7e-000000000003","dataType":"vedlegg","fileScanResult":"Clean"}]}
        ]}
        """;

    [Fact]
    public void A_page_with_unknown_values_is_read_whole_and_written_back_with_the_same_wire_values()
    {
        InstanceQueryResponse page = JsonSerializer.Deserialize(Page, AltinnJsonContext.Default.InstanceQueryResponse)!;

        page.Instances.Should().HaveCount(3);
        page.Instances![0].Status!.ReadStatus.Should().NotBe(ReadStatus.Unread).And.NotBe(ReadStatus.Read).And.NotBe(ReadStatus.UpdatedSinceLastReview);
        ((int)page.Instances[1].Status!.ReadStatus).Should().Be(7);
        page.Instances[2].Status!.ReadStatus.Should().Be(ReadStatus.Read);

        JsonNode written = JsonNode.Parse(JsonSerializer.Serialize(page, AltinnJsonContext.Default.InstanceQueryResponse))!;
        JsonNode first = written["instances"]![0]!;
        first["status"]!["readStatus"]!.GetValue<string>().Should().Be("Archived");
        first["instanceOwner"]!["party"]!["partyTypeName"]!.GetValue<int>().Should().Be(9);
        first["data"]![0]!["fileScanResult"]!.GetValue<string>().Should().Be("Quarantined");
        first["data"]![0]!["references"]![0]!["valueType"]!.GetValue<string>().Should().Be("Signature");
        written["instances"]![1]!["status"]!["readStatus"]!.GetValue<int>().Should().Be(7);
        written["instances"]![2]!["data"]![0]!["fileScanResult"]!.GetValue<string>().Should().Be("Clean");
    }

    [Fact]
    public void An_unknown_value_is_reported_once()
    {
        var seen = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Altinn.Sdk" && instrument.Name == "altinn.sdk.unknown_enum_values") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "altinn.enum.value" && tag.Value is "ReportedOnce" or "12345") lock (seen) seen.Add((string)tag.Value!);
            }
        });
        listener.Start();

        for (int i = 0; i < 3; i++)
        {
            JsonSerializer.Deserialize("\"ReportedOnce\"", AltinnJsonContext.Default.FileScanResult);
            JsonSerializer.Deserialize("12345", AltinnJsonContext.Default.FileScanResult);
        }

        seen.Should().BeEquivalentTo(["ReportedOnce", "12345"]);
    }
}
