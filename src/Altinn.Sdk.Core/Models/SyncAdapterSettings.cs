using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>Switches that turn off parts of the Dialogporten sync of an app's instances (all default off).</summary>
public sealed partial record SyncAdapterSettings
{
    /// <summary>Turns off the sync entirely.</summary>
    [JsonPropertyName("disableSync")]
    public partial bool DisableSync { get; init; }

    /// <summary>Lets the app supply the dialog id.</summary>
    [JsonPropertyName("enableUserSuppliedDialogId")]
    public partial bool EnableUserSuppliedDialogId { get; init; }

    /// <summary>Turns off creating dialogs.</summary>
    [JsonPropertyName("disableCreate")]
    public partial bool DisableCreate { get; init; }

    /// <summary>Turns off deleting dialogs.</summary>
    [JsonPropertyName("disableDelete")]
    public partial bool DisableDelete { get; init; }

    /// <summary>Turns off adding activities.</summary>
    [JsonPropertyName("disableAddActivities")]
    public partial bool DisableAddActivities { get; init; }

    /// <summary>Turns off adding transmissions.</summary>
    [JsonPropertyName("disableAddTransmissions")]
    public partial bool DisableAddTransmissions { get; init; }

    /// <summary>Turns off syncing the due date.</summary>
    [JsonPropertyName("disableSyncDueAt")]
    public partial bool DisableSyncDueAt { get; init; }

    /// <summary>Turns off syncing the status.</summary>
    [JsonPropertyName("disableSyncStatus")]
    public partial bool DisableSyncStatus { get; init; }

    /// <summary>Turns off marking the dialog completed when the instance is confirmed.</summary>
    [JsonPropertyName("disableMarkCompletedWhenConfirmed")]
    public partial bool DisableMarkCompletedWhenConfirmed { get; init; }

    /// <summary>Turns off syncing the title.</summary>
    [JsonPropertyName("disableSyncContentTitle")]
    public partial bool DisableSyncContentTitle { get; init; }

    /// <summary>Turns off syncing the summary.</summary>
    [JsonPropertyName("disableSyncContentSummary")]
    public partial bool DisableSyncContentSummary { get; init; }

    /// <summary>Turns off syncing additional information.</summary>
    [JsonPropertyName("disableSyncContentAdditionalInformation")]
    public partial bool DisableSyncContentAdditionalInformation { get; init; }

    /// <summary>Turns off syncing the extended status.</summary>
    [JsonPropertyName("disableSyncContentExtendedStatus")]
    public partial bool DisableSyncContentExtendedStatus { get; init; }

    /// <summary>Turns off syncing attachments.</summary>
    [JsonPropertyName("disableSyncAttachments")]
    public partial bool DisableSyncAttachments { get; init; }

    /// <summary>Turns off syncing API actions.</summary>
    [JsonPropertyName("disableSyncApiActions")]
    public partial bool DisableSyncApiActions { get; init; }

    /// <summary>Turns off syncing GUI actions.</summary>
    [JsonPropertyName("disableSyncGuiActions")]
    public partial bool DisableSyncGuiActions { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
