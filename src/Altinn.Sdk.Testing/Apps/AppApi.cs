using Altinn.Sdk.Testing.Hosting;
using Microsoft.AspNetCore.Routing;

namespace Altinn.Sdk.Testing.Apps;

/// <summary>The emulated Apps endpoints.</summary>
internal static class AppApi
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder routes, EmulatorContext emulator)
    {
        _ = routes;
        _ = emulator;
    }
}
