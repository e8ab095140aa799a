using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Altinn.Sdk.Cli.Tests;

/// <summary>
/// <c>instances list</c> reports a total, so it must see every instance: Storage's descending paging (its default)
/// repeats and skips instances that share a lastChanged at a page boundary, its ascending paging does not.
/// </summary>
public sealed class ListTiesTests
{
    [Fact]
    public async Task List_sees_every_instance_once_when_60_share_a_lastChanged_across_a_page_boundary()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await AltinnEmulator.StartAsync(new AltinnEmulatorOptions { SeedDemo = true, TimeProvider = clock });
        emulator.AddApp(new ApplicationMetadata { Id = "ttd/tie-app" });
        string token = emulator.CreateOrgToken("ttd");
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // 20 oldest, 60 at one instant, 50 newest: newest first, Storage's first page of 100 ends inside the tied group.
        for (int i = 0; i < 130; i++)
        {
            if (i is < 20 or >= 80) clock.Advance(TimeSpan.FromSeconds(1));
            using var body = new StringContent("""{"instanceOwner":{"partyId":"50006000"}}""", Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri(emulator.Environment.StorageBaseUrl, "instances?appId=ttd/tie-app"), body);
            response.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        emulator.ClearRequests();
        var run = await Cli.RunAsync("instances", "list", "--app", "ttd/tie-app", "--json", "--env", emulator.BaseUrl.AbsoluteUri, "--token", token);

        run.ExitCode.Should().Be(0, run.ToString());
        run.JsonLines().Select(i => i.GetProperty("id").GetString()).Should().HaveCount(130).And.OnlyHaveUniqueItems();
        emulator.Requests.Where(r => r.PathAndQuery.StartsWith("/storage/", StringComparison.Ordinal))
            .Should().OnlyContain(r => r.PathAndQuery.Contains("order=asc:lastChanged", StringComparison.Ordinal));
    }
}
