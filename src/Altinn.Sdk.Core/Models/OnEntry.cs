namespace Altinn.Sdk.Models;

/// <summary>What the app shows when a user enters it.</summary>
public sealed partial record OnEntry
{
    /// <summary>What to show: <c>new-instance</c>, <c>select-instance</c> or a layout set id.</summary>
    public partial string? Show { get; init; }

    /// <summary>How the instance selection page behaves (App API only).</summary>
    public partial InstanceSelection? InstanceSelection { get; init; }
}
