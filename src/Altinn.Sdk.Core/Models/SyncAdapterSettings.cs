namespace Altinn.Sdk.Models;

/// <summary>Switches that turn off parts of the Dialogporten sync of an app's instances (all default off).</summary>
public sealed partial record SyncAdapterSettings
{
    /// <summary>Turns off the sync entirely.</summary>
    public partial bool DisableSync { get; init; }

    /// <summary>Lets the app supply the dialog id.</summary>
    public partial bool EnableUserSuppliedDialogId { get; init; }

    /// <summary>Turns off creating dialogs.</summary>
    public partial bool DisableCreate { get; init; }

    /// <summary>Turns off deleting dialogs.</summary>
    public partial bool DisableDelete { get; init; }

    /// <summary>Turns off adding activities.</summary>
    public partial bool DisableAddActivities { get; init; }

    /// <summary>Turns off adding transmissions.</summary>
    public partial bool DisableAddTransmissions { get; init; }

    /// <summary>Turns off syncing the due date.</summary>
    public partial bool DisableSyncDueAt { get; init; }

    /// <summary>Turns off syncing the status.</summary>
    public partial bool DisableSyncStatus { get; init; }

    /// <summary>Turns off marking the dialog completed when the instance is confirmed.</summary>
    public partial bool DisableMarkCompletedWhenConfirmed { get; init; }

    /// <summary>Turns off syncing the title.</summary>
    public partial bool DisableSyncContentTitle { get; init; }

    /// <summary>Turns off syncing the summary.</summary>
    public partial bool DisableSyncContentSummary { get; init; }

    /// <summary>Turns off syncing additional information.</summary>
    public partial bool DisableSyncContentAdditionalInformation { get; init; }

    /// <summary>Turns off syncing the extended status.</summary>
    public partial bool DisableSyncContentExtendedStatus { get; init; }

    /// <summary>Turns off syncing attachments.</summary>
    public partial bool DisableSyncAttachments { get; init; }

    /// <summary>Turns off syncing API actions.</summary>
    public partial bool DisableSyncApiActions { get; init; }

    /// <summary>Turns off syncing GUI actions.</summary>
    public partial bool DisableSyncGuiActions { get; init; }
}
