using System.Globalization;
using Altinn.Sdk.Models;
using static Altinn.Sdk.Storage.Tests.Client.EmulatorStorage;

namespace Altinn.Sdk.Storage.Tests.Client;

/// <summary>
/// Every <see cref="InstanceQuery"/> filter through <see cref="StorageInstancesClient.QueryAsync(InstanceQuery, CancellationToken)"/>
/// against the demo seed: the exact request line Storage receives (from the emulator's request log) and the instances
/// that come back (seed: 1 org draft 2020, 2 person draft, 3 org Task_2, 4 person completed, 5 org completed+confirmed,
/// 6 person soft-deleted, 7 org completed+hard-deleted).
/// </summary>
public sealed class InstanceQueryFilterTests : IAsyncLifetime
{
    private static readonly AppId App = AppId.Parse(DemoApp);
    private EmulatorStorage _storage = null!;

    public async Task InitializeAsync() => _storage = await StartAsync();

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset DaysAgo(int days)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow.AddDays(-days);
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
    }

    public static TheoryData<string> Filters => new(Cases.Keys);

    private static readonly DateTimeOffset s_25 = DaysAgo(25);
    private static readonly DateTimeOffset s_4 = DaysAgo(4);

    private static readonly Dictionary<string, (Func<InstanceQuery> Query, string Expected, int[] Instances)> Cases = new()
    {
        ["app"] = (() => new InstanceQuery(App), "appId=ttd/demo-app", [1, 2, 3, 4, 5, 6, 7]),
        ["org"] = (() => InstanceQuery.ForOrg("ttd"), "org=ttd", [1, 2, 3, 4, 5, 6, 7]),
        ["partyId"] = (() => new InstanceQuery(App) { InstanceOwnerPartyId = OrganisationParty }, "appId=ttd/demo-app&instanceOwner.partyId=50006000", [1, 3, 5, 7]),
        ["currentTask"] = (() => new InstanceQuery(App) { CurrentTask = "Task_1" }, "appId=ttd/demo-app&process.currentTask=Task_1", [1, 2, 6]),
        ["isComplete=true"] = (() => new InstanceQuery(App) { IsComplete = true }, "appId=ttd/demo-app&process.isComplete=true", [4, 5, 7]),
        ["isComplete=false"] = (() => new InstanceQuery(App) { IsComplete = false }, "appId=ttd/demo-app&process.isComplete=false", [1, 2, 3, 6]),
        ["processEnded"] = (() => new InstanceQuery(App) { ProcessEnded = DateFilter.OnOrAfter(2000, 1, 1) }, "appId=ttd/demo-app&process.ended=gte:2000-01-01", [4, 5, 7]),
        ["created"] = (() => new InstanceQuery(App) { Created = DateFilter.OnOrBefore(2020, 9, 30) }, "appId=ttd/demo-app&created=lte:2020-09-30", [1]),
        ["created range"] = (
            () => new InstanceQuery(App) { Created = DateFilter.Between(s_25, s_4) },
            $"appId=ttd/demo-app&created=gte:{Instant(s_25)}&created=lt:{Instant(s_4)}",
            [4, 5, 6]),
        ["lastChanged"] = (() => new InstanceQuery(App) { LastChanged = DateFilter.After(2020, 1, 1) }, "appId=ttd/demo-app&lastChanged=gt:2020-01-01", [1, 2, 3, 4, 5, 6, 7]),
        ["isArchived"] = (() => new InstanceQuery(App) { IsArchived = true }, "appId=ttd/demo-app&status.isArchived=true", [4, 5, 7]),
        ["isSoftDeleted"] = (() => new InstanceQuery(App) { IsSoftDeleted = true }, "appId=ttd/demo-app&status.isSoftDeleted=true", [6, 7]),
        ["isHardDeleted=true"] = (() => new InstanceQuery(App) { IsHardDeleted = true }, "appId=ttd/demo-app&status.isHardDeleted=true", [7]),
        ["isHardDeleted=false"] = (() => new InstanceQuery(App) { IsHardDeleted = false }, "appId=ttd/demo-app&status.isHardDeleted=false", [1, 2, 3, 4, 5, 6]),
        ["confirmed"] = (() => new InstanceQuery(App) { Confirmed = true }, "appId=ttd/demo-app&confirmed=true", [5]),
        ["excludeConfirmedBy"] = (() => new InstanceQuery(App) { ExcludeConfirmedBy = "ttd" }, "appId=ttd/demo-app&excludeConfirmedBy=ttd", [1, 2, 3, 4, 6, 7]),
        ["reference"] = (() => new InstanceQuery(App) { Reference = "000000000003" }, "appId=ttd/demo-app&A3Ref=000000000003", [3]),
        ["A2 archive reference"] = (() => new InstanceQuery(App) { A2ArchiveReference = "AR 1/2" }, "appId=ttd/demo-app&dataValues.A2ArchRef=AR%201/2", []),
        ["mainVersionInclude"] = (() => new InstanceQuery(App) { MainVersionInclude = 3 }, "appId=ttd/demo-app&mainVersionInclude=3", [1, 2, 3, 4, 5, 6, 7]),
        ["mainVersionExclude"] = (() => new InstanceQuery(App) { MainVersionExclude = 1 }, "appId=ttd/demo-app&mainVersionExclude=1", [1, 2, 3, 4, 5, 6, 7]),
        ["order"] = (() => new InstanceQuery(App) { Order = InstanceQueryOrder.LastChangedAscending }, "appId=ttd/demo-app&order=asc:lastChanged", [1, 2, 3, 4, 5, 6, 7]),
        ["includeDataElements"] = (() => new InstanceQuery(App) { IncludeDataElements = false }, "appId=ttd/demo-app&includeDataElements=false", [1, 2, 3, 4, 5, 6, 7]),
        ["combined"] = (
            () => new InstanceQuery(App) { InstanceOwnerPartyId = OrganisationParty, IsComplete = true, IsHardDeleted = false, ExcludeConfirmedBy = "ttd" },
            "appId=ttd/demo-app&instanceOwner.partyId=50006000&process.isComplete=true&status.isHardDeleted=false&excludeConfirmedBy=ttd",
            []),
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Filter_sends_exactly_the_expected_query_and_returns_the_matching_instances(string filter)
    {
        (Func<InstanceQuery> query, string expected, int[] instances) = Cases[filter];

        (List<Instance> found, string sent) = await RunAsync(query());

        sent.Should().Be(StoragePath + "instances?" + expected);
        found.Select(Number).Should().BeEquivalentTo(instances);
    }

    [Fact]
    public async Task The_documented_clean_up_query_is_sent_byte_for_byte()
    {
        var query = new InstanceQuery(AppId.Parse("ttd/apps-test")) { Created = DateFilter.OnOrBefore(2020, 9, 30), CurrentTask = "Task_1" };

        (List<Instance> found, string sent) = await RunAsync(query);

        sent.Should().Be("/storage/api/v1/instances?appId=ttd/apps-test&created=lte:2020-09-30&process.currentTask=Task_1");
        found.Should().BeEmpty("the emulator has no ttd/apps-test");

        // The same query on the demo app finds exactly the stale draft, as the seed documents.
        (found, sent) = await RunAsync(new InstanceQuery(App) { Created = DateFilter.OnOrBefore(2020, 9, 30), CurrentTask = "Task_1" });
        sent.Should().Be("/storage/api/v1/instances?appId=ttd/demo-app&created=lte:2020-09-30&process.currentTask=Task_1");
        found.Select(Number).Should().Equal(1);
    }

    [Fact]
    public async Task Instance_owner_identifier_goes_in_the_header_not_the_query()
    {
        (List<Instance> found, string sent) = await RunAsync(new InstanceQuery(App) { InstanceOwner = InstanceOwnerIdentifier.Organisation("312345676") });

        sent.Should().Be(StoragePath + "instances?appId=ttd/demo-app");
        found.Select(Number).Should().BeEquivalentTo([1, 3, 5, 7]);
    }

    [Fact]
    public async Task Search_string_is_encoded_once_and_matches_presentation_texts()
    {
        await _storage.Client.Instances.SetPresentationTextsAsync(DemoId(3), new Dictionary<string, string?> { ["Tittel"] = "Søknad om støtte" });

        (List<Instance> found, string sent) = await RunAsync(new InstanceQuery(App) { SearchString = "STØTTE" });

        sent.Should().Be(StoragePath + "instances?appId=ttd/demo-app&searchString=ST%C3%98TTE");
        found.Select(Number).Should().Equal(3);
    }

    [Fact]
    public async Task Due_before_and_visible_after_are_sent_and_filter_like_storage()
    {
        List<Instance> all = await _storage.Client.Instances.QueryAsync(new InstanceQuery(App)).ToListAsync();
        DateTimeOffset cut = DaysAgo(12);

        (List<Instance> found, string sent) = await RunAsync(new InstanceQuery(App) { VisibleAfter = DateFilter.OnOrBefore(cut) });
        sent.Should().Be(StoragePath + $"instances?appId=ttd/demo-app&visibleAfter=lte:{Instant(cut)}");
        found.Select(i => i.Id).Should().BeEquivalentTo(all.Where(i => i.VisibleAfter <= cut).Select(i => i.Id));
        found.Should().NotBeEmpty();

        (found, sent) = await RunAsync(new InstanceQuery(App) { DueBefore = DateFilter.OnOrAfter(2000, 1, 1) });
        sent.Should().Be(StoragePath + "instances?appId=ttd/demo-app&dueBefore=gte:2000-01-01");
        found.Select(i => i.Id).Should().BeEquivalentTo(all.Where(i => i.DueBefore is not null).Select(i => i.Id));
    }

    [Fact]
    public async Task Include_data_elements_false_returns_empty_data_arrays()
    {
        (List<Instance> found, _) = await RunAsync(new InstanceQuery(App) { IncludeDataElements = false });
        found.Should().HaveCount(7).And.OnlyContain(i => i.Data == null || i.Data.Count == 0);

        (found, _) = await RunAsync(new InstanceQuery(App));
        found.Should().OnlyContain(i => i.Data != null && i.Data.Count > 0);
    }

    [Fact]
    public async Task Ascending_order_comes_back_ascending()
    {
        (List<Instance> found, _) = await RunAsync(new InstanceQuery(App) { Order = InstanceQueryOrder.LastChangedAscending });
        found.Select(i => i.LastChanged).Should().BeInAscendingOrder();

        (found, _) = await RunAsync(new InstanceQuery(App));
        found.Select(i => i.LastChanged).Should().BeInDescendingOrder();
    }

    private async Task<(List<Instance> Found, string Sent)> RunAsync(InstanceQuery query)
    {
        _storage.Emulator.ClearRequests();
        List<Instance> found = await _storage.Client.Instances.QueryAsync(query).ToListAsync();
        var requests = _storage.StorageRequests();
        requests.Should().ContainSingle("one page holds the whole demo seed").Which.Method.Should().Be("GET");
        requests[0].Status.Should().Be(200);
        return (found, requests[0].PathAndQuery);
    }
}
