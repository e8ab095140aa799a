using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Altinn.Sdk.Models;
using BenchmarkDotNet.Attributes;
using Newtonsoft.Json;
using JsonSerializer = System.Text.Json.JsonSerializer;

namespace Altinn.Sdk.Bench;

/// <summary>
/// Deserialising one page of Storage's instance search (100 instances with 3 data elements each, Storage's JSON
/// dialect, see <see cref="StoragePageFixture"/>): the SDK's models through the source-generated
/// <see cref="AltinnJsonContext"/> (baseline) against the <c>Altinn.Platform.Storage.Interface</c> models with Newtonsoft
/// (what integrators use today) and with System.Text.Json by reflection.
/// </summary>
/// <remarks>
/// Every method starts from the UTF-8 bytes of the response. The Newtonsoft string path decodes them first, as
/// <c>ReadAsStringAsync</c> + <c>JsonConvert.DeserializeObject</c> does; the Newtonsoft stream path reads them through a
/// <c>StreamReader</c>, the cheapest Newtonsoft way.
/// </remarks>
[MemoryDiagnoser]
public class JsonPageBenchmarks
{
    // Storage writes readStatus as a name; the Interface models carry no System.Text.Json converter for it (only
    // Newtonsoft's), so the reflection path needs JsonStringEnumConverter on top of the web defaults.
    private static readonly JsonSerializerOptions s_web = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly Newtonsoft.Json.JsonSerializer s_newtonsoft = Newtonsoft.Json.JsonSerializer.CreateDefault();

    private byte[] _page = [];

    /// <summary>Creates the page and checks that every path reads all of it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _page = StoragePageFixture.Create(instances: 100, dataElements: 3);
        Check("SDK", Sdk().Instances!.Count, Sdk().Instances!.Sum(i => i.Data!.Count));
        Check("Newtonsoft (string)", NewtonsoftString().Instances!.Count, NewtonsoftString().Instances!.Sum(i => i.Data.Count));
        Check("Newtonsoft (stream)", NewtonsoftStream().Instances!.Count, NewtonsoftStream().Instances!.Sum(i => i.Data.Count));
        Check("STJ reflection", InterfaceReflection().Instances!.Count, InterfaceReflection().Instances!.Sum(i => i.Data.Count));
        Console.WriteLine($"// Page: {_page.Length:N0} bytes of UTF-8 JSON, 100 instances, 300 data elements.");
    }

    /// <summary>(a) The SDK: source-generated System.Text.Json into the SDK's models.</summary>
    [Benchmark(Baseline = true, Description = "SDK: AltinnJsonContext (source-generated)")]
    public InstanceQueryResponse Sdk() =>
        JsonSerializer.Deserialize(_page, AltinnJsonContext.Default.InstanceQueryResponse)!;

    /// <summary>(b) Storage.Interface models with Newtonsoft, from a string (ReadAsStringAsync + DeserializeObject).</summary>
    [Benchmark(Description = "Interface + Newtonsoft (string)")]
    public InterfaceQueryResponse NewtonsoftString() =>
        JsonConvert.DeserializeObject<InterfaceQueryResponse>(Encoding.UTF8.GetString(_page))!;

    /// <summary>(b') Storage.Interface models with Newtonsoft, streamed through a StreamReader.</summary>
    [Benchmark(Description = "Interface + Newtonsoft (stream)")]
    public InterfaceQueryResponse NewtonsoftStream()
    {
        using var reader = new StreamReader(new MemoryStream(_page, writable: false), Encoding.UTF8);
        using var json = new JsonTextReader(reader);
        return s_newtonsoft.Deserialize<InterfaceQueryResponse>(json)!;
    }

    /// <summary>(c) Storage.Interface models with System.Text.Json by reflection (web defaults + string enums).</summary>
    [Benchmark(Description = "Interface + STJ reflection (web)")]
    public InterfaceQueryResponse InterfaceReflection() =>
        JsonSerializer.Deserialize<InterfaceQueryResponse>(_page, s_web)!;

    private static void Check(string path, int instances, int elements)
    {
        if (instances != 100 || elements != 300)
        {
            throw new InvalidOperationException($"{path} read {instances} instances and {elements} data elements, expected 100 and 300.");
        }
    }
}
