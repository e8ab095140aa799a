using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Altinn.Sdk.Models;
using static Altinn.Sdk.Storage.Tests.Client.EmulatorStorage;

namespace Altinn.Sdk.Storage.Tests.Client;

/// <summary>Paging 10,000 instances through the client against the emulator, and resuming from a saved token.</summary>
public sealed class InstancePagingTests(PagingFixture fixture) : IClassFixture<PagingFixture>
{
    private const int Created = PagingFixture.Created;
    private static readonly AppId App = AppId.Parse(DemoApp);

    private readonly EmulatorStorage _storage = fixture.Storage;
    private readonly HashSet<Guid> _expected = fixture.Expected;

    [Theory]
    [InlineData(null)]
    [InlineData(1000)]
    [InlineData(333)]
    public async Task Ten_thousand_instances_page_through_without_duplicates_or_loss(int? pageSize)
    {
        _storage.Emulator.ClearRequests();
        // Ascending: the order in which Storage's paging sees every instance (descending may skip some that share a lastChanged).
        var query = new InstanceQuery(App) { PageSize = pageSize, IncludeDataElements = false, Order = InstanceQueryOrder.LastChangedAscending };

        var seen = new List<Guid>();
        await foreach (Instance instance in _storage.Client.Instances.QueryAsync(query))
        {
            seen.Add(instance.Id!.InstanceGuid);
        }

        // Set comparisons: FluentAssertions' BeEquivalentTo is quadratic on 10,000 items.
        seen.Should().HaveCount(_expected.Count);
        seen.ToHashSet().Should().HaveCount(seen.Count, "no instance may come twice");
        _expected.SetEquals(seen).Should().BeTrue("every instance must come, and nothing else");

        int size = pageSize ?? 100;
        int pages = _storage.StorageRequests().Count;
        pages.Should().Be(((Created + 7) / size) + 1, "one request per page, the last one short or empty");
        _storage.StorageRequests().Skip(1).Should().OnlyContain(r => r.PathAndQuery.Contains("&continuationToken=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resuming_from_a_saved_continuation_token_continues_where_it_stopped()
    {
        var query = new InstanceQuery(App) { IncludeDataElements = false, Order = InstanceQueryOrder.LastChangedAscending };
        var first = new List<Guid>();
        string? saved = null;
        int pages = 0;

        // A job that stops after three pages and saves the token.
        await foreach (Page<Instance> page in _storage.Client.Instances.QueryAsync(query).AsPages(pageSizeHint: 250))
        {
            first.AddRange(page.Values.Select(i => i.Id!.InstanceGuid));
            saved = page.ContinuationToken;
            if (++pages == 3) break;
        }

        first.Should().HaveCount(750);
        saved.Should().NotBeNullOrEmpty();

        // A new run (a new pageable, as after a restart) resumes from the token.
        _storage.Emulator.ClearRequests();
        var rest = new List<Guid>();
        await foreach (Page<Instance> page in _storage.Client.Instances.QueryAsync(query).AsPages(saved, 250))
        {
            rest.AddRange(page.Values.Select(i => i.Id!.InstanceGuid));
        }

        _storage.StorageRequests()[0].PathAndQuery.Should().Be(
            StoragePath + "instances?appId=ttd/demo-app&order=asc:lastChanged&includeDataElements=false&size=250&continuationToken=" + Uri.EscapeDataString(saved!));
        rest.ToHashSet().Overlaps(first).Should().BeFalse("the resumed run starts after the saved page");
        (first.Count + rest.Count).Should().Be(_expected.Count);
        _expected.SetEquals(first.Concat(rest)).Should().BeTrue();
    }

    [Fact]
    public async Task Raw_query_keeps_the_exact_json_of_every_instance()
    {
        var query = new InstanceQuery(App) { PageSize = 1000 };
        int count = 0;
        await foreach (InstanceJson item in _storage.Client.Instances.QueryRawAsync(query))
        {
            if (count++ % 500 != 0) continue;
            InstanceJson single = await _storage.Client.Instances.GetRawAsync(item.Instance.Id!);
            using var fromPage = item.ToJsonDocument();
            fromPage.RootElement.GetProperty("id").GetString().Should().Be(item.Instance.Id!.ToString());
            item.Utf8Json.Span[0].Should().Be((byte)'{');
            item.Utf8Json.Span[^1].Should().Be((byte)'}');
            item.ToString().Should().Be(single.ToString(), "the page and the single GET send the same JSON object");
        }

        count.Should().Be(Created + 7);
    }
}

/// <summary>One emulator with the demo seed and 10,000 more instances, shared by the paging tests.</summary>
public sealed class PagingFixture : IAsyncLifetime
{
    public const int Created = 10_000;

    public EmulatorStorage Storage { get; private set; } = null!;

    public HashSet<Guid> Expected { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Storage = await StartAsync();
        // Seed through Storage's own create endpoint (C1), 16 at a time.
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Storage.Emulator.CreateOrgToken("ttd"));
        var created = new ConcurrentBag<Guid>();
        var url = new Uri(Storage.Emulator.Environment.StorageBaseUrl, "instances?appId=ttd/demo-app");
        await Parallel.ForEachAsync(Enumerable.Range(0, Created), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            int party = i % 2 == 0 ? OrganisationParty : PersonParty;
            using var response = await http.PostAsJsonAsync(url, new { instanceOwner = new { partyId = party.ToString(System.Globalization.CultureInfo.InvariantCulture) } }, ct);
            response.EnsureSuccessStatusCode();
            var instance = await response.Content.ReadFromJsonAsync(AltinnJsonContext.Default.Instance, ct);
            created.Add(instance!.Id!.InstanceGuid);
        });

        Expected = [.. created, .. Enumerable.Range(1, 7).Select(Demo)];
        Expected.Should().HaveCount(Created + 7);
    }

    public async Task DisposeAsync() => await Storage.DisposeAsync();
}
