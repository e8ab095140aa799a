using Altinn.Sdk.Testing.Hosting;
using Microsoft.AspNetCore.Routing;

namespace Altinn.Sdk.Testing.Events;

/// <summary>The emulated Events endpoints.</summary>
internal static class EventsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder routes, EmulatorContext emulator)
    {
        _ = routes;
        _ = emulator;
    }
}
