using System.Text;
using Altinn.Sdk.Models;
using Altinn.Sdk.Testing;
using static Altinn.Sdk.Apps.Tests.AppsHarness;

namespace Altinn.Sdk.Apps.Tests;

/// <summary>
/// The emulator's fault mode (30 % of requests answered 429 or 503, or dropped, with a fixed seed): idempotent calls
/// recover through the pipeline's retries, and a request that is not retry-safe (create, upload, process next) is
/// never sent twice.
/// </summary>
public sealed class FaultTests : IAsyncLifetime
{
    private AppsHarness _h = null!;

    public async Task InitializeAsync() => _h = await StartAsync(
        new EmulatorFaultOptions
        {
            Rate = 0.3,
            Seed = 11,
            Kinds = EmulatorFaultKinds.TooManyRequests | EmulatorFaultKinds.ServiceUnavailable | EmulatorFaultKinds.DropConnection,
            RetryAfter = TimeSpan.Zero,
        },
        maxRetries: 10);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Idempotent_calls_recover_and_other_writes_are_sent_once()
    {
        AppClient app = _h.Demo;
        var draft = new InstanceId(OrganisationParty, Guid.Parse("de000000-0000-4000-8000-000000000001"));
        var inConfirmation = new InstanceId(OrganisationParty, Guid.Parse("de000000-0000-4000-8000-000000000003"));

        (await app.Metadata.GetAsync()).Id.Should().Be("ttd/demo-app");
        (await app.Instances.GetAsync(draft)).Id.Should().Be(draft);
        (await app.Instances.GetActiveAsync(OrganisationParty)).Should().NotBeEmpty();
        (await app.Process.GetAsync(inConfirmation)).CurrentTask!.ElementId.Should().Be("Task_2");
        await app.Process.GetHistoryAsync(inConfirmation);
        (await app.Instances.SetSubstatusAsync(inConfirmation, new Substatus { Label = "Under behandling" })).Status!.Substatus!.Label.Should().Be("Under behandling");
        (await app.Instances.ConfirmCompleteAsync(inConfirmation)).CompleteConfirmations.Should().ContainSingle();
        (await app.Instances.DeleteAsync(draft, hard: false, CancellationToken.None)).Status!.IsSoftDeleted.Should().BeTrue();

        // Writes that are not safe to repeat: each is sent once, whether it succeeds or meets a fault.
        int attempts = 0;
        for (int i = 0; i < 8; i++)
        {
            attempts++;
            try
            {
                Instance created = await app.Instances.CreateAsync(InstanceOwnerReference.Party(OrganisationParty));
                attempts++;
                await app.Data.UploadAsync(created.Id!, "vedleggA", new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4")), "application/pdf", "a.pdf");
                attempts++;
                await app.Process.NextAsync(created.Id!);
            }
            catch (AltinnRequestFailedException e) when (e.Status is 429 or 503)
            {
            }
            catch (HttpRequestException)
            {
            }
        }

        var log = _h.AppRequests();
        log.Should().Contain(r => r.Fault != EmulatorFaultKinds.None, "the seed injects faults into this run");
        static bool RetrySafe(EmulatorRequest r) =>
            r.Method is "GET" or "DELETE" || r.PathAndQuery.EndsWith("/substatus", StringComparison.Ordinal) || r.PathAndQuery.EndsWith("/complete", StringComparison.Ordinal);
        foreach (var faulted in log.Where(r => r.Fault != EmulatorFaultKinds.None && RetrySafe(r)))
        {
            log.Should().Contain(r => r.Time >= faulted.Time && r.Method == faulted.Method && r.PathAndQuery == faulted.PathAndQuery && r.Fault == EmulatorFaultKinds.None && r.Status < 400);
        }

        var unsafeWrites = log.Where(r => (r.Method == "POST" && (r.PathAndQuery.EndsWith("/instances", StringComparison.Ordinal) || r.PathAndQuery.Contains("/data/type/", StringComparison.Ordinal)))
            || (r.Method == "PUT" && r.PathAndQuery.EndsWith("/process/next", StringComparison.Ordinal))).ToList();
        unsafeWrites.Should().Contain(r => r.Fault != EmulatorFaultKinds.None, "the seed hits some of these writes");
        unsafeWrites.Should().HaveCount(attempts, "a create, upload or process move is never repeated by the pipeline");
        unsafeWrites.GroupBy(r => r.Method + r.PathAndQuery).Where(g => !g.Key.EndsWith("/instances", StringComparison.Ordinal)).Should().OnlyContain(g => g.Count() == 1);
    }
}
