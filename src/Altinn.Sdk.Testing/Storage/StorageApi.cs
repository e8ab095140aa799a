using Altinn.Sdk.Testing.Hosting;
using Microsoft.AspNetCore.Routing;

namespace Altinn.Sdk.Testing.Storage;

/// <summary>The emulated Storage endpoints.</summary>
internal static class StorageApi
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder routes, EmulatorContext emulator)
    {
        _ = routes;
        _ = emulator;
    }
}
