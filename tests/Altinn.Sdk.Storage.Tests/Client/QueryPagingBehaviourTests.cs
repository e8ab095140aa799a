using System.Net;
using System.Text;
using Altinn.Sdk.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Altinn.Sdk.Storage.Tests.Client;

/// <summary>
/// Paging rules that the emulator does not produce on its own (a query timeout, short and empty pages with next, a
/// next link on another host), against a scripted Storage behind a stub handler.
/// </summary>
public sealed class QueryPagingBehaviourTests
{
    private static readonly InstanceQuery Query = new(AppId.Parse("ttd/apps-test"));

    private static string Instance(int n) =>
        "{\"id\":\"50006000/de000000-0000-4000-8000-00000000000" + n + "\",\"appId\":\"ttd/apps-test\",\"org\":\"ttd\",\"instanceOwner\":{\"partyId\":\"50006000\"},\"status\":{\"readStatus\":\"Read\"}}";

    private static HttpResponseMessage Page(string? next, params int[] instances) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(
            $$"""{"count":{{instances.Length}},"self":"x","next":{{(next is null ? "null" : "\"" + next + "\"")}},"instances":[{{string.Join(",", instances.Select(Instance))}}]}""",
            Encoding.UTF8,
            "application/json"),
    };

    [Fact]
    public async Task Short_and_empty_pages_with_next_are_followed_and_next_host_is_ignored()
    {
        var stub = new StubHandler(request => request.RequestUri!.Query switch
        {
            "?appId=ttd/apps-test" => Page("https://evil.example/storage/api/v1/instances?appId=ttd/apps-test&continuationToken=638%3B1", 1),
            "?appId=ttd/apps-test&continuationToken=638%3B1" => Page("https://evil.example/x?continuationToken=638%3B2"),
            "?appId=ttd/apps-test&continuationToken=638%3B2" => Page(null, 2, 3),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });
        var client = new StorageClient(new HttpClient(stub), AltinnEnvironment.Tt02, LeakWatch.Logger<StorageClient>());

        var pages = await client.Instances.QueryAsync(Query).AsPages().ToListAsync();

        pages.Select(p => p.Values.Count).Should().Equal(1, 0, 2);
        pages.Select(p => p.ContinuationToken).Should().Equal("638;1", "638;2", null);
        stub.Requests.Should().OnlyContain(u => u.Host == "platform.tt02.altinn.no", "the next link's host is never followed");
        stub.Requests.Should().HaveCount(3);

        (await client.Instances.QueryAsync(Query).ToListAsync()).Select(i => i.Id!.InstanceGuid.ToString()[^1]).Should().Equal('1', '2', '3');
    }

    [Fact]
    public async Task A_400_saying_timeout_is_read_as_a_timeout_and_the_page_size_is_halved_then_kept()
    {
        var stub = new StubHandler(request =>
        {
            string query = request.RequestUri!.Query;
            int size = query.Contains("size=", StringComparison.Ordinal) ? int.Parse(query.Split("size=")[1].Split('&')[0]) : 100;
            if (size > 25) return new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("The query timed out.") };
            return query.Contains("continuationToken", StringComparison.Ordinal) ? Page(null, 2) : Page("https://platform.tt02.altinn.no/storage/api/v1/instances?continuationToken=a", 1);
        });
        var logger = new FakeLogger<StorageClient>();
        var client = new StorageClient(new HttpClient(stub), AltinnEnvironment.Tt02, LeakWatch.Tee(logger));

        var found = await client.Instances.QueryAsync(Query).ToListAsync();

        found.Should().HaveCount(2);
        stub.Requests.Select(u => u.Query).Should().Equal(
            "?appId=ttd/apps-test",
            "?appId=ttd/apps-test&size=50",
            "?appId=ttd/apps-test&size=25",
            "?appId=ttd/apps-test&size=25&continuationToken=a");
        logger.Collector.GetSnapshot().Where(r => r.Id.Id == 3001).Should().HaveCount(2).And.OnlyContain(r => r.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task A_query_that_still_fails_at_the_smallest_page_says_the_size_was_reduced()
    {
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("Timeout expired.") });
        var client = new StorageClient(new HttpClient(stub), AltinnEnvironment.Tt02, LeakWatch.Logger<StorageClient>());

        var failure = await client.Instances.Invoking(i => i.QueryAsync(new InstanceQuery(AppId.Parse("ttd/apps-test")) { PageSize = 80 }).ToListAsync().AsTask())
            .Should().ThrowAsync<AltinnRequestFailedException>();

        failure.Which.Status.Should().Be(400);
        failure.Which.Message.Should().Contain("page size was reduced from 80 to 10").And.Contain("Narrow the query").And.Contain("Timeout expired.");
        stub.Requests.Select(u => u.Query).Should().Equal(
            "?appId=ttd/apps-test&size=80", "?appId=ttd/apps-test&size=40", "?appId=ttd/apps-test&size=20", "?appId=ttd/apps-test&size=10");
    }

    [Fact]
    public async Task Changing_the_query_during_a_listing_does_not_change_its_later_pages()
    {
        var stub = new StubHandler(request => request.RequestUri!.Query.Contains("continuationToken", StringComparison.Ordinal)
            ? Page(null, 2)
            : Page("https://platform.tt02.altinn.no/storage/api/v1/instances?continuationToken=a", 1));
        var client = new StorageClient(new HttpClient(stub), AltinnEnvironment.Tt02);
        var query = new InstanceQuery(AppId.Parse("ttd/apps-test")) { IsComplete = true };

        await foreach (Instance _ in client.Instances.QueryAsync(query))
        {
            query.IsComplete = false;
            query.CurrentTask = "Task_1";
        }

        stub.Requests.Select(u => u.Query).Should().Equal(
            "?appId=ttd/apps-test&process.isComplete=true",
            "?appId=ttd/apps-test&process.isComplete=true&continuationToken=a");
    }

    [Fact]
    public async Task A_500_from_the_database_halves_the_page_size()
    {
        var stub = new StubHandler(request => request.RequestUri!.Query.Contains("size=50", StringComparison.Ordinal)
            ? Page(null, 1)
            : new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("Unable to perform query on instances due to: Exception while reading from stream") });
        var client = new StorageClient(new HttpClient(stub), AltinnEnvironment.Tt02);

        (await client.Instances.QueryAsync(Query).ToListAsync()).Should().ContainSingle();

        stub.Requests.Select(u => u.Query).Should().Equal("?appId=ttd/apps-test", "?appId=ttd/apps-test&size=50");
    }

    [Fact]
    public async Task A_500_for_an_invalid_date_expression_fails_at_once()
    {
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("Invalid date expression: xx:2020 for query key: created") });
        var client = new StorageClient(new HttpClient(stub), AltinnEnvironment.Tt02);

        var failure = await client.Instances.Invoking(i => i.QueryAsync(Query).ToListAsync().AsTask())
            .Should().ThrowAsync<AltinnRequestFailedException>();

        failure.Which.Status.Should().Be(500);
        failure.Which.Message.Should().Contain("Invalid date expression").And.NotContain("reduced");
        stub.Requests.Should().ContainSingle("a smaller page does not help an invalid date expression");
    }

    [Fact]
    public async Task A_400_for_an_invalid_query_fails_at_once_whatever_the_page_size()
    {
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("Org or AppId must be defined.") });
        var client = new StorageClient(new HttpClient(stub), AltinnEnvironment.Tt02);

        var failure = await client.Instances.Invoking(i => i.QueryAsync(Query).ToListAsync().AsTask())
            .Should().ThrowAsync<AltinnRequestFailedException>();

        failure.Which.Status.Should().Be(400);
        failure.Which.Message.Should().Contain("Org or AppId must be defined.").And.NotContain("reduced");
        stub.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task A_400_on_a_small_page_fails_at_once()
    {
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("Org or AppId must be defined.") });
        var client = new StorageClient(new HttpClient(stub), AltinnEnvironment.Tt02, LeakWatch.Logger<StorageClient>());

        var failure = await client.Instances.Invoking(i => i.QueryAsync(new InstanceQuery(AppId.Parse("ttd/apps-test")) { PageSize = 10 }).ToListAsync().AsTask())
            .Should().ThrowAsync<AltinnRequestFailedException>();

        failure.Which.Message.Should().Contain("Org or AppId must be defined.").And.NotContain("reduced");
        stub.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task A_next_link_without_a_token_stops_with_a_clear_error()
    {
        var stub = new StubHandler(_ => Page("https://platform.tt02.altinn.no/storage/api/v1/instances?appId=ttd/apps-test", 1));
        var client = new StorageClient(new HttpClient(stub), AltinnEnvironment.Tt02, LeakWatch.Logger<StorageClient>());

        await client.Instances.Invoking(i => i.QueryAsync(Query).ToListAsync().AsTask())
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*without a continuationToken*");
    }

    [Fact]
    public void The_continuation_token_is_read_from_next_decoded_whatever_the_case_of_its_name()
    {
        InstancePager.ContinuationTokenOf("https://other.host/storage/api/v1/instances?appId=ttd/a&size=10&ContinuationToken=638512345678901234%3B4711")
            .Should().Be("638512345678901234;4711");
        InstancePager.ContinuationTokenOf(null).Should().BeNull();
        InstancePager.ContinuationTokenOf("").Should().BeNull();
        FluentActions.Invoking(() => InstancePager.ContinuationTokenOf("https://h/i?continuationToken=")).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Raw_page_split_keeps_each_instance_byte_for_byte()
    {
        string one = """{ "id" : "50006000/de000000-0000-4000-8000-000000000001", "x":  1.50, "unknown": {"deep": [1,2]} }""";
        string two = Instance(2);
        byte[] body = Encoding.UTF8.GetBytes($$"""{"count":2,"self":"s","instances":[{{one}} , {{two}}],"next":"https://h/i?continuationToken=t"}""");

        (IReadOnlyList<InstanceJson> values, string? next) = RawInstancePage.Split(body);

        values.Select(v => v.ToString()).Should().Equal(one, two);
        values[0].Instance.Id!.PartyId.Should().Be(50006000);
        next.Should().Be("https://h/i?continuationToken=t");
    }

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<Uri> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests) Requests.Add(request.RequestUri!);
            HttpResponseMessage response = answer(request);
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
    }
}
