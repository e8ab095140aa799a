// The StorageClient variant of storage-paging: the SDK as an app owner uses it, against the raw loop's baseline.
using Altinn.Sdk.Models;
using Altinn.Sdk.Storage;
using Altinn.Sdk.Testing;

namespace Altinn.Sdk.Bench;

internal static partial class StoragePaging
{
    static partial void AddSdkVariant(List<PagingVariant> variants, AltinnEmulator emulator, int pageSize)
    {
        // The client as an app owner would build it for the emulator: its environment and ttd's test credential.
        var storage = StorageClient.Create(emulator.Environment, emulator.CreateOrgCredential("ttd"));
        var appId = AppId.Parse(BenchAppId);
        variants.Add(new PagingVariant("SDK: StorageClient", async (collectIds, ct) =>
        {
            HashSet<string>? ids = collectIds ? [] : null;
            int seen = 0;
            await foreach (Instance instance in storage.Instances.QueryAsync(new InstanceQuery(appId) { PageSize = pageSize, Order = InstanceQueryOrder.LastChangedAscending }, cancellationToken: ct))
            {
                seen++;
                ids?.Add(instance.Id!.ToString()!);
            }

            return new PagingResult(seen, ids);
        }));
    }
}
