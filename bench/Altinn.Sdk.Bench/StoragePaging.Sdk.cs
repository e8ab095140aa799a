// ============================================================================================================
// THE StorageClient VARIANT OF storage-paging. This file is EXCLUDED from compilation (see the <Compile Remove>
// in Altinn.Sdk.Bench.csproj) until StorageClient exists in src/Altinn.Sdk.Storage. When it lands: delete that
// line in the csproj, adjust the construction below to the client's constructor if it differs, build, and run
//   dotnet run -c Release --project bench/Altinn.Sdk.Bench -- storage-paging
// The suite then reports a third row, "SDK: StorageClient", with its ratio to the raw loop (goal: within 1.10x).
// ============================================================================================================
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Testing;

namespace Altinn.Sdk.Bench;

internal static partial class StoragePaging
{
    static partial void AddSdkVariant(List<PagingVariant> variants, AltinnEmulator emulator, int pageSize)
    {
        // The client as an app owner would build it for the emulator: its environment and ttd's test credential.
        var storage = new StorageClient(emulator.Environment, emulator.CreateOrgCredential("ttd"));
        var appId = AppId.Parse(BenchAppId);
        variants.Add(new PagingVariant("SDK: StorageClient", async (collectIds, ct) =>
        {
            HashSet<string>? ids = collectIds ? [] : null;
            int seen = 0;
            await foreach (Instance instance in storage.Instances.QueryAsync(new InstanceQuery(appId) { PageSize = pageSize }, cancellationToken: ct))
            {
                seen++;
                ids?.Add(instance.Id!.ToString()!);
            }

            return new PagingResult(seen, ids);
        }));
    }
}
