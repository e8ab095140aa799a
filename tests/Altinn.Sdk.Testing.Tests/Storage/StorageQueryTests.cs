using System.Net;
using Altinn.Sdk.Models;
using Microsoft.Extensions.Time.Testing;
using static Altinn.Sdk.Testing.Tests.Storage.StorageHost;

namespace Altinn.Sdk.Testing.Tests.Storage;

public class StorageQueryTests
{
    private const string Task1 = ""","process":{"started":"2020-01-01T00:00:00Z","currentTask":{"elementId":"Task_1"}}""";
    private const string Ended = ""","process":{"started":"2020-01-01T00:00:00Z","ended":"2020-02-01T00:00:00Z","endEvent":"EndEvent_1"}""";

    [Fact]
    public async Task Created_filter_with_current_task_finds_exactly_the_2020_instances_on_Task_1()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2020, 3, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(clock);
        var march = await host.CreateAsync(PartyA, extra: Task1);
        await host.CreateAsync(PartyA, extra: Ended); // 2020, but the process has ended
        clock.SetUtcNow(new DateTimeOffset(2020, 9, 29, 23, 59, 0, TimeSpan.Zero));
        var september = await host.CreateAsync(PartyB, extra: Task1);
        clock.SetUtcNow(new DateTimeOffset(2020, 9, 30, 0, 0, 1, TimeSpan.Zero));
        await host.CreateAsync(PartyA, extra: Task1); // one second after lte:2020-09-30 (midnight UTC)
        clock.SetUtcNow(new DateTimeOffset(2026, 1, 15, 8, 0, 0, TimeSpan.Zero));
        await host.CreateAsync(PartyA, extra: Task1);
        await host.CreateAsync(PartyB, extra: Task1);

        var page = await host.QueryAsync("appId=ttd/apps-test&created=lte:2020-09-30&process.currentTask=Task_1");

        page.Instances!.Select(i => i.Id).Should().BeEquivalentTo([september.Id, march.Id], o => o.WithStrictOrdering(), "newest lastChanged first");
        page.Count.Should().Be(2);
        page.Next.Should().BeNull();
        page.Self.Should().Be(host.Http.BaseAddress + "instances?appId=ttd/apps-test&created=lte:2020-09-30&process.currentTask=Task_1");

        var range = await host.QueryAsync("appId=ttd/apps-test&created=gte:2020-09-01T00:00:00Z&created=lt:2026-01-01&order=asc:lastChanged");
        range.Instances!.Should().HaveCount(2);
        range.Instances![0].Id.Should().Be(september.Id);

        var complete = await host.QueryAsync("org=ttd&process.isComplete=true");
        complete.Instances!.Should().ContainSingle().Which.Process!.Ended.Should().NotBeNull();
        (await host.QueryAsync("org=ttd&process.isComplete=false")).Count.Should().Be(5);
        (await host.QueryAsync("org=ttd&process.ended=lt:2020-03")).Count.Should().Be(1, "process.ended compares the stored UTC text");
        (await host.QueryAsync("org=ttd&created=gt:2026-01-15T10:00:00%2B02:00")).Count.Should().Be(0, "an offset is honoured: 08:00 UTC, not later than the 2026 instances");
        (await host.QueryAsync("org=ttd&created=gt:2026-01-15T09:00:00%2B02:00&created=foo:2020-01-01")).Count.Should().Be(2, "unknown operators are ignored");
    }

    [Fact]
    public async Task Paging_1000_instances_is_complete_without_duplicates_while_new_ones_arrive()
    {
        await using var host = await StartAsync();
        var original = new HashSet<InstanceId>();
        await Parallel.ForAsync(0, 1000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var created = await host.CreateAsync(i % 2 == 0 ? PartyA : PartyB);
            lock (original) original.Add(created.Id!);
        });

        using var stop = new CancellationTokenSource();
        int inserted = 0;
        var inserter = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await host.CreateAsync(PartyA);
                Interlocked.Increment(ref inserted);
            }
        });

        var seen = new List<InstanceId>();
        string? next = host.Http.BaseAddress + "instances?appId=ttd/apps-test&size=100";
        int pages = 0;
        while (next is not null)
        {
            using var response = await host.GetAsync(next, host.Org);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var page = (await ReadAsync<InstanceQueryResponse>(response))!;
            page.Instances!.Count.Should().BeLessThanOrEqualTo(100);
            seen.AddRange(page.Instances!.Select(i => i.Id!));
            next = page.Next;
            pages++;
            await Task.Delay(5);
        }

        await stop.CancelAsync();
        await inserter;

        inserted.Should().BePositive("instances were inserted during paging");
        seen.Should().OnlyHaveUniqueItems();
        seen.Should().Contain(original);
        pages.Should().BeGreaterThanOrEqualTo(11);
    }

    [Fact]
    public async Task Descending_pages_continue_below_the_last_id_as_Storage_does_so_instances_sharing_lastChanged_repeat_or_are_skipped()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 5, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(clock);
        var old = await host.CreateAsync(PartyA);
        clock.Advance(TimeSpan.FromSeconds(1));
        var tied = new List<InstanceId>();
        for (int i = 0; i < 10; i++) tied.Add((await host.CreateAsync(PartyA)).Id!);
        clock.Advance(TimeSpan.FromSeconds(1));
        var newest = await host.CreateAsync(PartyA);

        // Storage sorts lastChanged DESC, id ASC, but continues a descending page with (lastChanged, id) below the last row.
        var descending = await WalkAsync(host, "org=ttd&size=4");
        descending.Should().Equal([newest.Id!, tied[0], tied[1], tied[2], tied[0], tied[1], old.Id!], "the second page starts over among the tied instances");
        descending.Should().NotContain(tied.Skip(3), "the tied instances after the page boundary are never returned");

        var ascending = await WalkAsync(host, "org=ttd&size=4&order=asc:lastChanged");
        ascending.Should().Equal([old.Id!, .. tied, newest.Id!], "ascending order pages by (lastChanged, id) both ways");
    }

    [Fact]
    public async Task Next_carries_the_continuation_token_encoded_twice_and_either_encoding_is_read()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 5, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = await StartAsync(clock);
        for (int i = 0; i < 3; i++) await host.CreateAsync(PartyA);
        long ticks = clock.GetUtcNow().UtcTicks;

        var first = await host.QueryAsync("appId=ttd/apps-test&size=2&order=asc:lastChanged");
        first.Next.Should().Be(host.Http.BaseAddress + $"instances?appId=ttd%2Fapps-test&size=2&order=asc%3AlastChanged&continuationToken={ticks}%253b2");
        first.Self.Should().Be(host.Http.BaseAddress + "instances?appId=ttd/apps-test&size=2&order=asc:lastChanged", "self is the request as sent");

        var followed = await host.QueryAsync(first.Next![(first.Next.IndexOf('?', StringComparison.Ordinal) + 1)..]);
        var once = await host.QueryAsync($"appId=ttd/apps-test&size=2&order=asc:lastChanged&continuationToken={ticks}%3B2");
        followed.Instances!.Select(i => i.Id).Should().ContainSingle().And.Equal(once.Instances!.Select(i => i.Id));
        followed.Self.Should().Be(host.Http.BaseAddress + $"instances?appId=ttd%2Fapps-test&size=2&order=asc%3AlastChanged&continuationToken={ticks}%253b2");
        followed.Next.Should().BeNull("the page was not full");

        // A token without ';' is no continuation in Storage: the first page again.
        (await host.QueryAsync("appId=ttd/apps-test&size=2&order=asc:lastChanged&continuationToken=nonsense")).Instances!.Select(i => i.Id)
            .Should().Equal(first.Instances!.Select(i => i.Id));
        using var unreadable = await host.GetAsync("instances?appId=ttd/apps-test&continuationToken=x%3By", host.Org);
        unreadable.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
    }

    [Fact]
    public async Task An_owner_identifier_of_no_party_gives_an_empty_page_without_self_and_a_date_without_operator_is_a_500()
    {
        await using var host = await StartAsync();
        await host.CreateAsync(PartyA);

        using (var r = await host.GetAsync("instances?appId=ttd/apps-test", host.Org, q => q.Headers.Add("X-Ai-InstanceOwnerIdentifier", "person:99999999999")))
        {
            await ShouldBeAsync(r, HttpStatusCode.OK, """{"count":0,"self":null,"next":null,"instances":[]}""");
        }

        using (var r = await host.GetAsync("instances?org=ttd&created=2024-01-01", host.Org))
        {
            await ShouldBeAsync(r, HttpStatusCode.InternalServerError, "Invalid date expression: 2024-01-01 for query key: created");
        }

        using (var r = await host.GetAsync("instances?org=ttd&dueBefore=2030-01-01", host.Org))
        {
            await ShouldBeAsync(r, HttpStatusCode.InternalServerError, "Invalid date expression: 2030-01-01 for query key: dueBefore");
        }

        using (var r = await host.GetAsync("instances?org=ttd&created=foo:bar", host.Org))
        {
            await ShouldBeAsync(r, HttpStatusCode.InternalServerError, "Invalid date expression: foo:bar for query key: created");
        }

        (await host.QueryAsync("org=ttd&created=foo:2024-01-01")).Count.Should().Be(1, "an unknown operator with a readable date is ignored");
    }

    /// <summary>Follows <c>next</c> as given, from the first page of <paramref name="query"/>; the ids in the order returned.</summary>
    private static async Task<List<InstanceId>> WalkAsync(StorageHost host, string query)
    {
        var seen = new List<InstanceId>();
        string? next = host.Http.BaseAddress + "instances?" + query;
        for (int pages = 0; next is not null; pages++)
        {
            pages.Should().BeLessThan(50);
            using var response = await host.GetAsync(next, host.Org);
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var page = (await ReadAsync<InstanceQueryResponse>(response))!;
            seen.AddRange(page.Instances!.Select(i => i.Id!));
            next = page.Next;
        }

        return seen;
    }

    [Fact]
    public async Task A_user_sees_only_parties_they_represent_and_never_hard_deleted_instances()
    {
        await using var host = await StartAsync();
        var own = await host.CreateAsync(PartyA);
        var gone = await host.CreateAsync(PartyA);
        var other = await host.CreateAsync(PartyB);
        var firm = await host.CreateAsync(OrgParty);
        using (var deleted = await host.SendAsync(HttpMethod.Delete, $"instances/{gone.Id}?hard=true", host.Org)) deleted.StatusCode.Should().Be(HttpStatusCode.OK);

        var mine = await host.QueryAsync($"instanceOwner.partyId={PartyA}", host.UserATok);
        mine.Instances!.Select(i => i.Id).Should().Equal(own.Id);

        var theirs = await host.QueryAsync($"instanceOwner.partyId={PartyB}", host.UserATok);
        theirs.Instances!.Should().BeEmpty();
        theirs.Count.Should().Be(0);

        (await host.QueryAsync($"instanceOwner.partyId={PartyA}&status.isHardDeleted=true", host.UserATok)).Instances!.Should().BeEmpty();
        (await host.QueryAsync($"org=ttd&instanceOwner.partyId={PartyA}&status.isHardDeleted=true")).Instances!.Select(i => i.Id).Should().Equal(gone.Id);
        (await host.QueryAsync($"instanceOwner.partyId={PartyA}&org=ttd")).Count.Should().Be(2, "the app owner sees hard-deleted instances");

        InstanceQueryResponse? byHeader;
        using (var response = await host.GetAsync("instances", host.UserATok, r => r.Headers.Add("X-Ai-InstanceOwnerIdentifier", "organisation:" + OrgNumber)))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            byHeader = await ReadAsync<InstanceQueryResponse>(response);
        }

        byHeader!.Instances!.Select(i => i.Id).Should().Equal(firm.Id);

        var systemUser = host.Emulator.CreateSystemUserToken(OrgNumber);
        (await host.QueryAsync($"instanceOwner.partyId={OrgParty}", systemUser)).Instances!.Select(i => i.Id).Should().Equal(firm.Id);
        (await host.QueryAsync($"instanceOwner.partyId={PartyB}", systemUser)).Instances!.Should().BeEmpty();
        other.Id.Should().NotBeNull();
    }

    [Fact]
    public async Task Caller_rules_answer_Storage_status_codes_and_texts()
    {
        await using var host = await StartAsync();

        using (var r = await host.GetAsync("instances?org=ttd", null)) r.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using (var r = await host.GetAsync("instances?org=ttd", host.Emulator.CreateOrgToken("ttd", "altinn:serviceowner/instances.write"))) await ShouldBeAsync(r, HttpStatusCode.Forbidden, "");
        using (var r = await host.GetAsync("instances?size=10", host.Org)) await ShouldBeAsync(r, HttpStatusCode.BadRequest, "Org or AppId must be defined.");
        using (var r = await host.GetAsync("instances?org=digdir", host.Org)) await ShouldBeAsync(r, HttpStatusCode.BadRequest);
        using (var r = await host.GetAsync("instances?appId=digdir/some-app", host.Org)) await ShouldBeAsync(r, HttpStatusCode.Forbidden);
        using (var r = await host.GetAsync("instances", host.UserATok)) await ShouldBeAsync(r, HttpStatusCode.BadRequest, "Either InstanceOwnerPartyId or InstanceOwnerIdentifier need to be defined.");
        using (var r = await host.GetAsync("instances?org=ttd&created=gt:2020-01-01&created=gt:2021-01-01", host.Org))
        {
            await ShouldBeAsync(r, HttpStatusCode.InternalServerError, "Invalid date expression: gt:2021-01-01 for query key: created");
        }

        using (var r = await host.GetAsync("instances?org=ttd&lastChanged=lt:yesterday", host.Org)) await ShouldBeAsync(r, HttpStatusCode.InternalServerError, "Invalid date expression: lt:yesterday for query key: lastChanged");
        using (var r = await host.GetAsync("instances?org=ttd&dueBefore=lt:a&dueBefore=lt:b", host.Org)) r.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        using (var r = await host.GetAsync("instances?org=ttd&A3Ref=abc", host.Org)) await ShouldBeAsync(r, HttpStatusCode.BadRequest, "A3Ref must be exactly 12 characters.");
        using (var r = await host.GetAsync($"instances?instanceOwner.partyId={PartyA}", host.UserATok, q => q.Headers.Add("X-Ai-InstanceOwnerIdentifier", "person:01017012345"))) r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var r = await host.GetAsync("instances", host.UserATok, q => q.Headers.Add("X-Ai-InstanceOwnerIdentifier", "person:123"))) r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using (var r = await host.GetAsync("instances", host.UserATok, q => q.Headers.Add("X-Ai-InstanceOwnerIdentifier", "person:99999999999")))
        {
            r.StatusCode.Should().Be(HttpStatusCode.OK, "an unknown party finds nothing");
            (await ReadAsync<InstanceQueryResponse>(r))!.Instances.Should().BeEmpty();
        }

    }

    [Fact]
    public async Task Other_filters_order_and_data_elements()
    {
        await using var host = await StartAsync();
        var first = await host.CreateAsync(PartyA, extra: ""","presentationTexts":{"title":"Søknad om Barnehage"},"dueBefore":"2030-01-01T00:00:00Z","status":{"isArchived":true,"archived":"2024-01-01T00:00:00Z"}""");
        var second = await host.CreateAsync(PartyB);
        await host.UploadAsync(second);
        using (var r = await host.SendAsync(HttpMethod.Post, $"instances/{first.Id}/complete", host.Org)) r.StatusCode.Should().Be(HttpStatusCode.OK);

        (await host.QueryAsync("org=ttd&searchString=BARNEHAGE")).Instances!.Select(i => i.Id).Should().Equal(first.Id);
        (await host.QueryAsync($"org=ttd&A3Ref={first.Id!.Reference}")).Instances!.Select(i => i.Id).Should().Equal(first.Id);
        (await host.QueryAsync("org=ttd&status.isArchived=true")).Instances!.Select(i => i.Id).Should().Equal(first.Id);
        (await host.QueryAsync("org=ttd&dueBefore=lt:2031")).Instances!.Select(i => i.Id).Should().Equal(first.Id);
        (await host.QueryAsync("org=ttd&confirmed=true")).Instances!.Select(i => i.Id).Should().Equal(first.Id);
        (await host.QueryAsync("org=ttd&excludeConfirmedBy=ttd")).Instances!.Select(i => i.Id).Should().Equal(second.Id);
        (await host.QueryAsync("org=ttd&dataValues.A2ArchRef=123")).Instances!.Should().BeEmpty();

        var asc = await host.QueryAsync("org=ttd&order=asc:lastChanged&size=1");
        asc.Instances!.Select(i => i.Id).Should().Equal(new[] { second.Id }, "the upload changed the second last, then complete changed the first");
        asc.Next.Should().Contain("continuationToken=").And.Contain("%253b").And.Contain("order=asc%3AlastChanged");
        var page2 = await host.QueryAsync(asc.Next![(asc.Next!.IndexOf('?', StringComparison.Ordinal) + 1)..]);
        page2.Instances!.Select(i => i.Id).Should().Equal(first.Id);
        page2.Next.Should().NotBeNull("the page was full");
        var page3 = await host.QueryAsync(page2.Next![(page2.Next!.IndexOf('?', StringComparison.Ordinal) + 1)..]);
        page3.Instances!.Should().BeEmpty();
        page3.Next.Should().BeNull();

        var withData = await host.QueryAsync($"org=ttd&instanceOwner.partyId={PartyB}");
        withData.Instances![0].Data!.Should().ContainSingle().Which.SelfLinks!.Platform.Should().EndWith($"instances/{second.Id}/data/{withData.Instances[0].Data![0].Id}");
        withData.Instances![0].SelfLinks!.Platform.Should().Be(host.Http.BaseAddress + $"instances/{second.Id}");
        (await host.QueryAsync($"org=ttd&instanceOwner.partyId={PartyB}&includeDataElements=false")).Instances![0].Data.Should().BeEmpty();
    }
}
