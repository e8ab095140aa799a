using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Tests.Robustness;

/// <summary>
/// Mutated Altinn JSON through <see cref="AltinnJsonContext"/>: reading either succeeds or fails with a
/// <see cref="JsonException"/> (what <see cref="JsonSerializer"/> documents for invalid JSON and values a converter
/// rejects), never another exception; and whatever is read writes back to JSON that reads and writes the same again.
/// </summary>
[Collection(Models.UnknownEnumRegistry.Name)]
public class ModelJsonFuzzTests
{
    /// <summary>Inputs per document; 7 documents.</summary>
    public const int InputsPerDocument = 8_000;

    public static TheoryData<string> Documents() =>
    [
        "storage-instances-page.json",
        "storage-data-elements.json",
        "storage-instance-events.json",
        "storage-process-history.json",
        "storage-application.json",
        "app-instance-response.json",
        "app-applicationmetadata.json",
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Mutated_documents_read_or_fail_with_JsonException_and_round_trip(string document)
    {
        // The fixtures hold person numbers, and System.Text.Json quotes the broken document in its messages.
        using IDisposable _ = LeakWatch.Ignore("fuzzed fixtures: System.Text.Json quotes the mutated document", typeof(JsonException).Assembly);
        Func<byte[], string> check = document switch
        {
            "storage-instances-page.json" => bytes => ReadAndRoundTrip(bytes, AltinnJsonContext.Default.InstanceQueryResponse),
            "storage-data-elements.json" => bytes => ReadAndRoundTrip(bytes, AltinnJsonContext.Default.DataElementList),
            "storage-instance-events.json" => bytes => ReadAndRoundTrip(bytes, AltinnJsonContext.Default.InstanceEventList),
            "storage-process-history.json" => bytes => ReadAndRoundTrip(bytes, AltinnJsonContext.Default.ProcessHistoryList),
            "app-instance-response.json" => bytes => ReadAndRoundTrip(bytes, AltinnJsonContext.Default.Instance),
            _ => bytes => ReadAndRoundTrip(bytes, AltinnJsonContext.Default.ApplicationMetadata),
        };

        byte[] original = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", document));
        var mutator = new JsonMutator(original);
        var outcomes = new Dictionary<string, int>();

        await Fuzz.RunAsync(
            "json:" + document,
            InputsPerDocument,
            (random, _) => mutator.Mutate(random),
            bytes =>
            {
                string outcome = check(bytes);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            },
            Fuzz.Show);

        // The mutations must reach the models, not only the tokenizer: a good share reads, a good share is refused.
        outcomes.GetValueOrDefault("read").Should().BeGreaterThan(InputsPerDocument / 20, "mutations should often leave valid JSON");
        outcomes.GetValueOrDefault("refused").Should().BeGreaterThan(InputsPerDocument / 5, "most mutations break the document");
    }

    [Fact]
    public async Task Random_bytes_read_or_fail_with_JsonException()
    {
        await Fuzz.RunAsync(
            "json:random-bytes",
            5_000,
            (random, _) =>
            {
                // Mostly JSON punctuation and letters, so the reader gets past the first byte.
                byte[] alphabet = "{}[]:,\"0123456789-+.eEtrufalsn \\u\t\n\u00f8"u8.ToArray();
                byte[] bytes = new byte[random.Next(0, 64)];
                for (int i = 0; i < bytes.Length; i++)
                {
                    bytes[i] = random.Next(8) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
                }

                return bytes;
            },
            bytes => ReadAndRoundTrip(bytes, AltinnJsonContext.Default.Instance),
            Fuzz.Show);
    }

    [Fact]
    public void The_mutator_changes_the_document_and_repeats_for_a_seed()
    {
        byte[] original = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "storage-instances-page.json"));
        var mutator = new JsonMutator(original);

        var first = new byte[50][];
        var random = new Random(7);
        for (int i = 0; i < first.Length; i++) first[i] = mutator.Mutate(random);
        random = new Random(7);

        first.Count(m => m.AsSpan().SequenceEqual(original)).Should().BeLessThan(5);
        first.Should().AllSatisfy(m => m.Should().Equal(mutator.Mutate(random)));
    }

    /// <summary>Reads; on success writes, reads and writes again and compares. Returns what happened.</summary>
    private static string ReadAndRoundTrip<T>(byte[] bytes, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        T? model;
        try
        {
            model = JsonSerializer.Deserialize(bytes, typeInfo);
        }
        catch (JsonException)
        {
            return "refused";
        }

        // Records print themselves (with identity numbers hidden); that must work for anything that reads.
        _ = model?.ToString();

        string first = JsonSerializer.Serialize(model!, typeInfo);
        T? again = JsonSerializer.Deserialize(first, typeInfo);
        string second = JsonSerializer.Serialize(again!, typeInfo);
        second.Should().Be(first, "what the SDK writes must read back to the same model");
        return "read";
    }
}
