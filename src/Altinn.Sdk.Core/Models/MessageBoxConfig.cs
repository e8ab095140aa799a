namespace Altinn.Sdk.Models;

/// <summary>How the inbox presents an app's instances.</summary>
public sealed partial record MessageBoxConfig
{
    /// <summary>When instances are hidden in the inbox.</summary>
    public partial HideSettings? HideSettings { get; init; }

    /// <summary>What the Dialogporten sync adapter leaves out.</summary>
    public partial SyncAdapterSettings? SyncAdapterSettings { get; init; }
}
