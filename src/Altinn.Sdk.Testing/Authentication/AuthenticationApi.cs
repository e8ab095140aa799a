using Altinn.Sdk.Testing.Hosting;
using Microsoft.AspNetCore.Routing;

namespace Altinn.Sdk.Testing.Authentication;

/// <summary>The emulated Authentication endpoints.</summary>
internal static class AuthenticationApi
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder routes, EmulatorContext emulator)
    {
        _ = routes;
        _ = emulator;
    }
}
