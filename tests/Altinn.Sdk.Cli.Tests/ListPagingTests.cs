using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Altinn.Sdk.Models;

namespace Altinn.Sdk.Cli.Tests;

/// <summary><c>instances list</c> follows Storage's continuation pages and writes each as it arrives.</summary>
public sealed class ListPagingTests : IAsyncLifetime
{
    private const int InstanceCount = 130;   // more than Storage's default page of 100
    private readonly EmulatorFixture _fixture = new();

    public async Task InitializeAsync()
    {
        await _fixture.InitializeAsync();
        _fixture.Emulator.AddApp(new ApplicationMetadata { Id = "ttd/bulk-app" });
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _fixture.Token);
        for (int i = 0; i < InstanceCount; i++)
        {
            using var body = new StringContent("""{"instanceOwner":{"partyId":"50006000"}}""", Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri(_fixture.Emulator.Environment.StorageBaseUrl, "instances?appId=ttd/bulk-app"), body);
            response.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        _fixture.Emulator.ClearRequests();
    }

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task List_follows_every_page()
    {
        var json = await _fixture.RunAsync("instances", "list", "--app", "ttd/bulk-app", "--json");
        var table = await _fixture.RunAsync("instances", "list", "--app", "ttd/bulk-app");

        json.ExitCode.Should().Be(0, json.ToString());
        json.JsonLines().Select(i => i.GetProperty("id").GetString()).Should().HaveCount(InstanceCount).And.OnlyHaveUniqueItems();
        table.Output.Should().Contain($"{InstanceCount} instances of ttd/bulk-app.");
        table.Output.Split('\n').Count(l => l.StartsWith("50006000/", StringComparison.Ordinal)).Should().Be(InstanceCount);
        table.Output.Split('\n').Count(l => l.StartsWith("Instance", StringComparison.Ordinal)).Should().Be(1, "one header, though the rows came in two pages");
        var pages = _fixture.StorageRequests();
        pages.Should().HaveCount(4, "two pages for each of the two runs");
        pages.Count(r => r.PathAndQuery.Contains("continuationToken=", StringComparison.Ordinal)).Should().Be(2);
    }
}
