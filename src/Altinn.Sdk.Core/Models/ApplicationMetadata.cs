using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>
/// An app's metadata: Storage's <c>Application</c> and the App API's <c>ApplicationMetadata</c> (which adds
/// <see cref="Features"/>, <see cref="Logo"/>, <see cref="AltinnNugetVersion"/> and <see cref="ExternalApiIds"/>).
/// </summary>
/// <remarks>
/// The App API also echoes any extra top-level properties of the app's <c>applicationmetadata.json</c>; they are
/// kept here as unknown properties and written back.
/// </remarks>
public sealed partial record ApplicationMetadata
{
    /// <summary>
    /// The app id <c>{org}/{app}</c>. Kept as text so that one legacy app whose name breaks today's naming rules
    /// cannot make a whole <see cref="ApplicationList"/> unreadable; use <see cref="Sdk.AppId.TryParse(string?, out Sdk.AppId?)"/>
    /// for the typed id.
    /// </summary>
    [JsonPropertyName("id")]
    public partial string? Id { get; init; }

    /// <summary>The deployed version.</summary>
    [JsonPropertyName("versionId")]
    public partial string? VersionId { get; init; }

    /// <summary>The app owner's org code.</summary>
    [JsonPropertyName("org")]
    public partial string? Org { get; init; }

    /// <summary>The app's title by language code (<c>nb</c>, <c>nn</c>, <c>en</c>).</summary>
    [JsonPropertyName("title")]
    public partial IReadOnlyDictionary<string, string>? Title { get; init; }

    /// <summary>From when the app may be instantiated (UTC).</summary>
    [JsonPropertyName("validFrom")]
    public partial DateTimeOffset? ValidFrom { get; init; }

    /// <summary>Until when the app may be instantiated (UTC).</summary>
    [JsonPropertyName("validTo")]
    public partial DateTimeOffset? ValidTo { get; init; }

    /// <summary>The id of the app's BPMN process.</summary>
    [JsonPropertyName("processId")]
    public partial string? ProcessId { get; init; }

    /// <summary>The kinds of data the app accepts.</summary>
    [JsonPropertyName("dataTypes")]
    public partial IReadOnlyList<DataType>? DataTypes { get; init; }

    /// <summary>The kinds of party that may own instances; all <see langword="false"/> means all are allowed.</summary>
    [JsonPropertyName("partyTypesAllowed")]
    public partial PartyTypesAllowed? PartyTypesAllowed { get; init; }

    /// <summary>Whether instances are hard-deleted as soon as the process ends.</summary>
    [JsonPropertyName("autoDeleteOnProcessEnd")]
    public partial bool AutoDeleteOnProcessEnd { get; init; }

    /// <summary>For how many days after archiving an instance may not be deleted.</summary>
    [JsonPropertyName("preventInstanceDeletionForDays")]
    public partial int? PreventInstanceDeletionForDays { get; init; }

    /// <summary>Form fields copied into <see cref="Instance.PresentationTexts"/>.</summary>
    [JsonPropertyName("presentationFields")]
    public partial IReadOnlyList<DataField>? PresentationFields { get; init; }

    /// <summary>Form fields copied into <see cref="Instance.DataValues"/>.</summary>
    [JsonPropertyName("dataFields")]
    public partial IReadOnlyList<DataField>? DataFields { get; init; }

    /// <summary>The eFormidling (integration point) shipment settings.</summary>
    [JsonPropertyName("eFormidling")]
    public partial EFormidlingContract? EFormidling { get; init; }

    /// <summary>What the app shows when a user enters it.</summary>
    [JsonPropertyName("onEntry")]
    public partial OnEntry? OnEntry { get; init; }

    /// <summary>How the inbox (message box / Dialogporten) presents instances.</summary>
    [JsonPropertyName("messageBoxConfig")]
    public partial MessageBoxConfig? MessageBoxConfig { get; init; }

    /// <summary>Whether and how users may start a new instance as a copy of an archived one.</summary>
    [JsonPropertyName("copyInstanceSettings")]
    public partial CopyInstanceSettings? CopyInstanceSettings { get; init; }

    /// <summary>Custom API scopes the app requires on its instance endpoints; absent means no app-level scope check.</summary>
    [JsonPropertyName("apiScopes")]
    public partial ApiScopesConfiguration? ApiScopes { get; init; }

    /// <summary>The Storage account number used for the app's blobs, when not the default.</summary>
    [JsonPropertyName("storageAccountNumber")]
    public partial int? StorageAccountNumber { get; init; }

    /// <summary>
    /// Whether only service owners may instantiate (enforced in production only; the App API then lets only
    /// tokens with an org claim through, which also blocks system users).
    /// </summary>
    [JsonPropertyName("disallowUserInstantiation")]
    public partial bool DisallowUserInstantiation { get; init; }

    /// <summary>The app's home page.</summary>
    [JsonPropertyName("homepage")]
    public partial string? Homepage { get; init; }

    /// <summary>Search keywords.</summary>
    [JsonPropertyName("keywords")]
    public partial IReadOnlyList<Keyword>? Keywords { get; init; }

    /// <summary>A description by language code.</summary>
    [JsonPropertyName("description")]
    public partial IReadOnlyDictionary<string, string>? Description { get; init; }

    /// <summary>Delegation settings of the app as a resource.</summary>
    [JsonPropertyName("access")]
    public partial ApplicationAccess? Access { get; init; }

    /// <summary>Where users get help.</summary>
    [JsonPropertyName("contactPoints")]
    public partial IReadOnlyList<ContactPoint>? ContactPoints { get; init; }

    /// <summary>When the metadata was created (UTC).</summary>
    [JsonPropertyName("created")]
    public partial DateTimeOffset? Created { get; init; }

    /// <summary>Who created the metadata.</summary>
    [JsonPropertyName("createdBy")]
    public partial string? CreatedBy { get; init; }

    /// <summary>When the metadata was last changed (UTC).</summary>
    [JsonPropertyName("lastChanged")]
    public partial DateTimeOffset? LastChanged { get; init; }

    /// <summary>Who last changed the metadata.</summary>
    [JsonPropertyName("lastChangedBy")]
    public partial string? LastChangedBy { get; init; }

    /// <summary>App feature flags by name (App API only).</summary>
    [JsonPropertyName("features")]
    public partial IReadOnlyDictionary<string, bool>? Features { get; init; }

    /// <summary>The logo shown in the app (App API only).</summary>
    [JsonPropertyName("logo")]
    public partial Logo? Logo { get; init; }

    /// <summary>The version of the Altinn app libraries the app runs, for example <c>8.12.7.0</c> (App API only).</summary>
    [JsonPropertyName("altinnNugetVersion")]
    public partial string? AltinnNugetVersion { get; init; }

    /// <summary>The ids of the external APIs the app exposes (App API only).</summary>
    [JsonPropertyName("externalApiIds")]
    public partial IReadOnlyList<string>? ExternalApiIds { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The kinds of party that may own instances of an app; all <see langword="false"/> means all kinds.</summary>
public sealed partial record PartyTypesAllowed
{
    /// <summary>Bankruptcy estates.</summary>
    [JsonPropertyName("bankruptcyEstate")]
    public partial bool BankruptcyEstate { get; init; }

    /// <summary>Organisations.</summary>
    [JsonPropertyName("organisation")]
    public partial bool Organisation { get; init; }

    /// <summary>Persons.</summary>
    [JsonPropertyName("person")]
    public partial bool Person { get; init; }

    /// <summary>Sub-units of organisations.</summary>
    [JsonPropertyName("subUnit")]
    public partial bool SubUnit { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A form field whose value is copied onto the instance.</summary>
public sealed partial record DataField
{
    /// <summary>The key under which the value is stored on the instance.</summary>
    [JsonPropertyName("id")]
    public partial string? Id { get; init; }

    /// <summary>The dot-separated path of the field in the data model.</summary>
    [JsonPropertyName("path")]
    public partial string? Path { get; init; }

    /// <summary>The data type holding the field.</summary>
    [JsonPropertyName("dataTypeId")]
    public partial string? DataTypeId { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>eFormidling shipment settings of an app.</summary>
public sealed partial record EFormidlingContract
{
    /// <summary>The eFormidling service id, for example <c>DPO</c> or <c>DPF</c>.</summary>
    [JsonPropertyName("serviceId")]
    public partial string? ServiceId { get; init; }

    /// <summary>The DPF shipment type.</summary>
    [JsonPropertyName("dpfShipmentType")]
    public partial string? DpfShipmentType { get; init; }

    /// <summary>The receiver's organisation number.</summary>
    [JsonPropertyName("receiver")]
    public partial string? Receiver { get; init; }

    /// <summary>The task after which the shipment is sent.</summary>
    [JsonPropertyName("sendAfterTaskId")]
    public partial string? SendAfterTaskId { get; init; }

    /// <summary>The eFormidling process identifier.</summary>
    [JsonPropertyName("process")]
    public partial string? Process { get; init; }

    /// <summary>The document standard.</summary>
    [JsonPropertyName("standard")]
    public partial string? Standard { get; init; }

    /// <summary>The version of the message type.</summary>
    [JsonPropertyName("typeVersion")]
    public partial string? TypeVersion { get; init; }

    /// <summary>The message type.</summary>
    [JsonPropertyName("type")]
    public partial string? Type { get; init; }

    /// <summary>The security level of the shipment.</summary>
    [JsonPropertyName("securityLevel")]
    public partial int? SecurityLevel { get; init; }

    /// <summary>The data types included in the shipment.</summary>
    [JsonPropertyName("dataTypes")]
    public partial IReadOnlyList<string>? DataTypes { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>What the app shows when a user enters it.</summary>
public sealed partial record OnEntry
{
    /// <summary>What to show: <c>new-instance</c>, <c>select-instance</c> or a layout set id.</summary>
    [JsonPropertyName("show")]
    public partial string? Show { get; init; }

    /// <summary>How the instance selection page behaves (App API only).</summary>
    [JsonPropertyName("instanceSelection")]
    public partial InstanceSelection? InstanceSelection { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Settings of the app's instance selection page.</summary>
public sealed partial record InstanceSelection
{
    /// <summary>The page sizes the user may choose from.</summary>
    [JsonPropertyName("rowsPerPageOptions")]
    public partial IReadOnlyList<int>? RowsPerPageOptions { get; init; }

    /// <summary>The default page size.</summary>
    [JsonPropertyName("defaultRowsPerPage")]
    public partial int? DefaultRowsPerPage { get; init; }

    /// <summary>The index of the default page size option.</summary>
    [JsonPropertyName("defaultSelectedOption")]
    public partial int? DefaultSelectedOption { get; init; }

    /// <summary>The sort direction, <c>asc</c> or <c>desc</c>.</summary>
    [JsonPropertyName("sortDirection")]
    public partial string? SortDirection { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>How the inbox presents an app's instances.</summary>
public sealed partial record MessageBoxConfig
{
    /// <summary>When instances are hidden in the inbox.</summary>
    [JsonPropertyName("hideSettings")]
    public partial HideSettings? HideSettings { get; init; }

    /// <summary>What the Dialogporten sync adapter leaves out.</summary>
    [JsonPropertyName("syncAdapterSettings")]
    public partial SyncAdapterSettings? SyncAdapterSettings { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>When instances are hidden in the inbox.</summary>
public sealed partial record HideSettings
{
    /// <summary>Whether instances are always hidden.</summary>
    [JsonPropertyName("hideAlways")]
    public partial bool HideAlways { get; init; }

    /// <summary>The tasks during which instances are hidden.</summary>
    [JsonPropertyName("hideOnTask")]
    public partial IReadOnlyList<string>? HideOnTask { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

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

/// <summary>Whether and how a new instance may be created as a copy of an archived one.</summary>
public sealed partial record CopyInstanceSettings
{
    /// <summary>Whether copying is allowed.</summary>
    [JsonPropertyName("enabled")]
    public partial bool Enabled { get; init; }

    /// <summary>Data types left out of the copy.</summary>
    [JsonPropertyName("excludedDataTypes")]
    public partial IReadOnlyList<string>? ExcludedDataTypes { get; init; }

    /// <summary>Data model fields cleared in the copy.</summary>
    [JsonPropertyName("excludedDataFields")]
    public partial IReadOnlyList<string>? ExcludedDataFields { get; init; }

    /// <summary>Whether attachments are copied too.</summary>
    [JsonPropertyName("includeAttachments")]
    public partial bool IncludeAttachments { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The API scopes an app requires; <c>[app]</c> in a scope stands for the app name.</summary>
public sealed partial record ApiScopesConfiguration
{
    /// <summary>Scopes required of end users and system users (who may also pass with <c>altinn:portal/enduser</c>).</summary>
    [JsonPropertyName("users")]
    public partial ApiScopes? Users { get; init; }

    /// <summary>Scopes required of service owners.</summary>
    [JsonPropertyName("serviceOwners")]
    public partial ApiScopes? ServiceOwners { get; init; }

    /// <summary>The text resource key of the 403 message when a scope is missing.</summary>
    [JsonPropertyName("errorMessageTextResourceKey")]
    public partial string? ErrorMessageTextResourceKey { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A pair of read and write scopes.</summary>
public sealed partial record ApiScopes
{
    /// <summary>The scope required for GET, HEAD and OPTIONS.</summary>
    [JsonPropertyName("read")]
    public partial string? Read { get; init; }

    /// <summary>The scope required for the other HTTP methods.</summary>
    [JsonPropertyName("write")]
    public partial string? Write { get; init; }

    /// <summary>The text resource key of the 403 message for this caller kind.</summary>
    [JsonPropertyName("errorMessageTextResourceKey")]
    public partial string? ErrorMessageTextResourceKey { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A search keyword.</summary>
public sealed partial record Keyword
{
    /// <summary>The word.</summary>
    [JsonPropertyName("word")]
    public partial string? Word { get; init; }

    /// <summary>The word's language code.</summary>
    [JsonPropertyName("language")]
    public partial string? Language { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Delegation settings of an app as a resource.</summary>
public sealed partial record ApplicationAccess
{
    /// <summary>A description of the rights by language code.</summary>
    [JsonPropertyName("rightDescription")]
    public partial IReadOnlyDictionary<string, string>? RightDescription { get; init; }

    /// <summary>Whether rights to the app may be delegated.</summary>
    [JsonPropertyName("delegable")]
    public partial bool Delegable { get; init; }

    /// <summary>Whether the app is visible in the access management UI.</summary>
    [JsonPropertyName("visible")]
    public partial bool Visible { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Where users get help with an app.</summary>
public sealed partial record ContactPoint
{
    /// <summary>What the contact point is for.</summary>
    [JsonPropertyName("category")]
    public partial string? Category { get; init; }

    /// <summary>An e-mail address.</summary>
    [JsonPropertyName("email")]
    public partial string? Email { get; init; }

    /// <summary>A telephone number.</summary>
    [JsonPropertyName("telephone")]
    public partial string? Telephone { get; init; }

    /// <summary>A contact web page.</summary>
    [JsonPropertyName("contactPage")]
    public partial string? ContactPage { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The logo shown in an app.</summary>
public sealed partial record Logo
{
    /// <summary>Whether the app owner's name is shown next to the logo.</summary>
    [JsonPropertyName("displayAppOwnerNameInHeader")]
    public partial bool DisplayAppOwnerNameInHeader { get; init; }

    /// <summary>Where the logo comes from: <c>org</c> or <c>resource</c>.</summary>
    [JsonPropertyName("source")]
    public partial string? Source { get; init; }

    /// <summary>The logo size: <c>small</c> (default), <c>medium</c> or <c>large</c>.</summary>
    [JsonPropertyName("size")]
    public partial string? Size { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
