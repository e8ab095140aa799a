using System.Net.Http.Json;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing;
using static Altinn.Sdk.Storage.Tests.Client.EmulatorStorage;

namespace Altinn.Sdk.Storage.Tests.Client;

/// <summary>
/// The emulator's fault mode (30 % of requests answered 429 or 503, or dropped, with a fixed seed): every call of the
/// client recovers through the pipeline's retries, and a request that is not retry-safe is never sent twice.
/// </summary>
public sealed class FaultTests : IAsyncLifetime
{
    private EmulatorStorage _storage = null!;

    public async Task InitializeAsync() => _storage = await StartAsync(
        faults: new EmulatorFaultOptions
        {
            Rate = 0.3,
            Seed = 7,
            Kinds = EmulatorFaultKinds.TooManyRequests | EmulatorFaultKinds.ServiceUnavailable | EmulatorFaultKinds.DropConnection,
            RetryAfter = TimeSpan.Zero,
        },
        maxRetries: 10);

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Every_idempotent_call_recovers()
    {
        var instances = _storage.Client.Instances;
        var query = new InstanceQuery(AppId.Parse(DemoApp)) { PageSize = 2 };

        (await instances.QueryAsync(query).ToListAsync()).Select(Number).Should().BeEquivalentTo([1, 2, 3, 4, 5, 6, 7]);
        (await instances.QueryRawAsync(query).ToListAsync()).Should().HaveCount(7);
        (await instances.GetAsync(DemoId(4))).Id.Should().Be(DemoId(4));
        (await instances.GetRawAsync(DemoId(4))).Instance.Id.Should().Be(DemoId(4));
        (await instances.ConfirmCompleteAsync(DemoId(4))).CompleteConfirmations.Should().ContainSingle();
        (await instances.SetSubstatusAsync(DemoId(4), new Substatus { Label = "Arkivert" })).Status!.Substatus!.Label.Should().Be("Arkivert");
        (await instances.SetReadStatusAsync(DemoId(4), ReadStatus.Read)).Status!.ReadStatus.Should().Be(ReadStatus.Read);
        (await instances.SetPresentationTextsAsync(DemoId(4), new Dictionary<string, string?> { ["a"] = "b" })).PresentationTexts.Should().ContainKey("a");
        (await instances.SetDataValuesAsync(DemoId(4), new Dictionary<string, string?> { ["c"] = "d" })).DataValues.Should().ContainKey("c");
        (await instances.GetEventsAsync(DemoId(4))).Should().NotBeEmpty();
        await instances.GetProcessHistoryAsync(DemoId(4));
        (await instances.DeleteAsync(DemoId(1), hard: true)).Status!.IsHardDeleted.Should().BeTrue();
        (await _storage.Client.Data.ListAsync(DemoId(4))).Should().HaveCount(3);
        (await _storage.Client.Data.DownloadToAsync(DemoId(3), DemoData(3, 2), Stream.Null)).Should().BeGreaterThan(0);
        (await _storage.Client.Applications.GetAsync(AppId.Parse(DemoApp))).Id.Should().Be(DemoApp);
        (await _storage.Client.Applications.ListAsync("ttd")).Should().NotBeEmpty();

        var log = _storage.StorageRequests();
        log.Should().Contain(r => r.Fault != EmulatorFaultKinds.None, "the seed injects faults into this run");
        log.Where(r => r.Fault != EmulatorFaultKinds.None).Select(r => r.Method).Should().Contain(m => m != "GET", "writes were hit and retried too");

        // Every request that failed by a fault was followed by a successful one for the same method and path.
        foreach (var faulted in log.Where(r => r.Fault != EmulatorFaultKinds.None))
        {
            log.Should().Contain(r => r.Time >= faulted.Time && r.Method == faulted.Method && r.PathAndQuery == faulted.PathAndQuery && r.Fault == EmulatorFaultKinds.None && r.Status < 400);
        }

        // The complete confirmation was recorded once, however often the POST was retried.
        (await instances.GetAsync(DemoId(4))).CompleteConfirmations.Should().ContainSingle();
    }

    [Fact]
    public async Task A_request_that_is_not_retry_safe_is_never_repeated()
    {
        // Storage's create (POST instances) is not idempotent, and nothing marks it retry-safe.
        using HttpClient http = _storage.CreatePipelineClient();
        var url = new Uri(_storage.Emulator.Environment.StorageBaseUrl, "instances?appId=ttd/demo-app");
        int succeeded = 0, failed = 0;
        for (int i = 0; i < 20; i++)
        {
            try
            {
                using var response = await http.PostAsJsonAsync(url, new { instanceOwner = new { partyId = "50006000" } });
                if (response.IsSuccessStatusCode) succeeded++;
                else failed++;
            }
            catch (HttpRequestException)
            {
                failed++;
            }
        }

        failed.Should().BeGreaterThan(0, "the seed injects faults into some of the 20");
        var posts = _storage.StorageRequests().Where(r => r.Method == "POST").ToList();
        posts.Should().HaveCount(20, "each POST was sent exactly once, faulted or not");
        posts.Count(r => r.Fault == EmulatorFaultKinds.None && r.Status == 201).Should().Be(succeeded);
    }
}
