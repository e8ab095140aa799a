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
public sealed record ApplicationMetadata
{
    /// <summary>
    /// The app id <c>{org}/{app}</c>. Kept as text so that one legacy app whose name breaks today's naming rules
    /// cannot make a whole <see cref="ApplicationList"/> unreadable; use <see cref="Sdk.AppId.TryParse(string?, out Sdk.AppId?)"/>
    /// for the typed id.
    /// </summary>
    public string? Id { get; init; }

    /// <summary>The deployed version.</summary>
    public string? VersionId { get; init; }

    /// <summary>The app owner's org code.</summary>
    public string? Org { get; init; }

    /// <summary>The app's title by language code (<c>nb</c>, <c>nn</c>, <c>en</c>).</summary>
    public IReadOnlyDictionary<string, string>? Title { get; init; }

    /// <summary>From when the app may be instantiated (UTC).</summary>
    public DateTimeOffset? ValidFrom { get; init; }

    /// <summary>Until when the app may be instantiated (UTC).</summary>
    public DateTimeOffset? ValidTo { get; init; }

    /// <summary>The id of the app's BPMN process.</summary>
    public string? ProcessId { get; init; }

    /// <summary>The kinds of data the app accepts.</summary>
    public IReadOnlyList<DataType>? DataTypes { get; init; }

    /// <summary>The kinds of party that may own instances; all <see langword="false"/> means all are allowed.</summary>
    public PartyTypesAllowed? PartyTypesAllowed { get; init; }

    /// <summary>Whether instances are hard-deleted as soon as the process ends.</summary>
    public bool AutoDeleteOnProcessEnd { get; init; }

    /// <summary>For how many days after archiving an instance may not be deleted.</summary>
    public int? PreventInstanceDeletionForDays { get; init; }

    /// <summary>Form fields copied into <see cref="Instance.PresentationTexts"/>.</summary>
    public IReadOnlyList<DataField>? PresentationFields { get; init; }

    /// <summary>Form fields copied into <see cref="Instance.DataValues"/>.</summary>
    public IReadOnlyList<DataField>? DataFields { get; init; }

    /// <summary>The eFormidling (integration point) shipment settings.</summary>
    public EFormidlingContract? EFormidling { get; init; }

    /// <summary>What the app shows when a user enters it.</summary>
    public OnEntry? OnEntry { get; init; }

    /// <summary>How the inbox (message box / Dialogporten) presents instances.</summary>
    public MessageBoxConfig? MessageBoxConfig { get; init; }

    /// <summary>Whether and how users may start a new instance as a copy of an archived one.</summary>
    public CopyInstanceSettings? CopyInstanceSettings { get; init; }

    /// <summary>Custom API scopes the app requires on its instance endpoints; absent means no app-level scope check.</summary>
    public ApiScopesConfiguration? ApiScopes { get; init; }

    /// <summary>The Storage account number used for the app's blobs, when not the default.</summary>
    public int? StorageAccountNumber { get; init; }

    /// <summary>
    /// Whether only service owners may instantiate (enforced in production only; the App API then lets only
    /// tokens with an org claim through, which also blocks system users).
    /// </summary>
    public bool DisallowUserInstantiation { get; init; }

    /// <summary>The app's home page.</summary>
    public string? Homepage { get; init; }

    /// <summary>Search keywords.</summary>
    public IReadOnlyList<Keyword>? Keywords { get; init; }

    /// <summary>A description by language code.</summary>
    public IReadOnlyDictionary<string, string>? Description { get; init; }

    /// <summary>Delegation settings of the app as a resource.</summary>
    public ApplicationAccess? Access { get; init; }

    /// <summary>Where users get help.</summary>
    public IReadOnlyList<ContactPoint>? ContactPoints { get; init; }

    /// <summary>When the metadata was created (UTC).</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>Who created the metadata.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>When the metadata was last changed (UTC).</summary>
    public DateTimeOffset? LastChanged { get; init; }

    /// <summary>Who last changed the metadata.</summary>
    public string? LastChangedBy { get; init; }

    /// <summary>App feature flags by name (App API only).</summary>
    public IReadOnlyDictionary<string, bool>? Features { get; init; }

    /// <summary>The logo shown in the app (App API only).</summary>
    public Logo? Logo { get; init; }

    /// <summary>The version of the Altinn app libraries the app runs, for example <c>8.12.7.0</c> (App API only).</summary>
    public string? AltinnNugetVersion { get; init; }

    /// <summary>The ids of the external APIs the app exposes (App API only).</summary>
    public IReadOnlyList<string>? ExternalApiIds { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The kinds of party that may own instances of an app; all <see langword="false"/> means all kinds.</summary>
public sealed record PartyTypesAllowed
{
    /// <summary>Bankruptcy estates.</summary>
    public bool BankruptcyEstate { get; init; }

    /// <summary>Organisations.</summary>
    public bool Organisation { get; init; }

    /// <summary>Persons.</summary>
    public bool Person { get; init; }

    /// <summary>Sub-units of organisations.</summary>
    public bool SubUnit { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A form field whose value is copied onto the instance.</summary>
public sealed record DataField
{
    /// <summary>The key under which the value is stored on the instance.</summary>
    public string? Id { get; init; }

    /// <summary>The dot-separated path of the field in the data model.</summary>
    public string? Path { get; init; }

    /// <summary>The data type holding the field.</summary>
    public string? DataTypeId { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>eFormidling shipment settings of an app.</summary>
public sealed record EFormidlingContract
{
    /// <summary>The eFormidling service id, for example <c>DPO</c> or <c>DPF</c>.</summary>
    public string? ServiceId { get; init; }

    /// <summary>The DPF shipment type.</summary>
    public string? DpfShipmentType { get; init; }

    /// <summary>The receiver's organisation number.</summary>
    public string? Receiver { get; init; }

    /// <summary>The task after which the shipment is sent.</summary>
    public string? SendAfterTaskId { get; init; }

    /// <summary>The eFormidling process identifier.</summary>
    public string? Process { get; init; }

    /// <summary>The document standard.</summary>
    public string? Standard { get; init; }

    /// <summary>The version of the message type.</summary>
    public string? TypeVersion { get; init; }

    /// <summary>The message type.</summary>
    public string? Type { get; init; }

    /// <summary>The security level of the shipment.</summary>
    public int? SecurityLevel { get; init; }

    /// <summary>The data types included in the shipment.</summary>
    public IReadOnlyList<string>? DataTypes { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>What the app shows when a user enters it.</summary>
public sealed record OnEntry
{
    /// <summary>What to show: <c>new-instance</c>, <c>select-instance</c> or a layout set id.</summary>
    public string? Show { get; init; }

    /// <summary>How the instance selection page behaves (App API only).</summary>
    public InstanceSelection? InstanceSelection { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Settings of the app's instance selection page.</summary>
public sealed record InstanceSelection
{
    /// <summary>The page sizes the user may choose from.</summary>
    public IReadOnlyList<int>? RowsPerPageOptions { get; init; }

    /// <summary>The default page size.</summary>
    public int? DefaultRowsPerPage { get; init; }

    /// <summary>The index of the default page size option.</summary>
    public int? DefaultSelectedOption { get; init; }

    /// <summary>The sort direction, <c>asc</c> or <c>desc</c>.</summary>
    public string? SortDirection { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>How the inbox presents an app's instances.</summary>
public sealed record MessageBoxConfig
{
    /// <summary>When instances are hidden in the inbox.</summary>
    public HideSettings? HideSettings { get; init; }

    /// <summary>What the Dialogporten sync adapter leaves out.</summary>
    public SyncAdapterSettings? SyncAdapterSettings { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>When instances are hidden in the inbox.</summary>
public sealed record HideSettings
{
    /// <summary>Whether instances are always hidden.</summary>
    public bool HideAlways { get; init; }

    /// <summary>The tasks during which instances are hidden.</summary>
    public IReadOnlyList<string>? HideOnTask { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Switches that turn off parts of the Dialogporten sync of an app's instances (all default off).</summary>
public sealed record SyncAdapterSettings
{
    /// <summary>Turns off the sync entirely.</summary>
    public bool DisableSync { get; init; }

    /// <summary>Lets the app supply the dialog id.</summary>
    public bool EnableUserSuppliedDialogId { get; init; }

    /// <summary>Turns off creating dialogs.</summary>
    public bool DisableCreate { get; init; }

    /// <summary>Turns off deleting dialogs.</summary>
    public bool DisableDelete { get; init; }

    /// <summary>Turns off adding activities.</summary>
    public bool DisableAddActivities { get; init; }

    /// <summary>Turns off adding transmissions.</summary>
    public bool DisableAddTransmissions { get; init; }

    /// <summary>Turns off syncing the due date.</summary>
    public bool DisableSyncDueAt { get; init; }

    /// <summary>Turns off syncing the status.</summary>
    public bool DisableSyncStatus { get; init; }

    /// <summary>Turns off marking the dialog completed when the instance is confirmed.</summary>
    public bool DisableMarkCompletedWhenConfirmed { get; init; }

    /// <summary>Turns off syncing the title.</summary>
    public bool DisableSyncContentTitle { get; init; }

    /// <summary>Turns off syncing the summary.</summary>
    public bool DisableSyncContentSummary { get; init; }

    /// <summary>Turns off syncing additional information.</summary>
    public bool DisableSyncContentAdditionalInformation { get; init; }

    /// <summary>Turns off syncing the extended status.</summary>
    public bool DisableSyncContentExtendedStatus { get; init; }

    /// <summary>Turns off syncing attachments.</summary>
    public bool DisableSyncAttachments { get; init; }

    /// <summary>Turns off syncing API actions.</summary>
    public bool DisableSyncApiActions { get; init; }

    /// <summary>Turns off syncing GUI actions.</summary>
    public bool DisableSyncGuiActions { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Whether and how a new instance may be created as a copy of an archived one.</summary>
public sealed record CopyInstanceSettings
{
    /// <summary>Whether copying is allowed.</summary>
    public bool Enabled { get; init; }

    /// <summary>Data types left out of the copy.</summary>
    public IReadOnlyList<string>? ExcludedDataTypes { get; init; }

    /// <summary>Data model fields cleared in the copy.</summary>
    public IReadOnlyList<string>? ExcludedDataFields { get; init; }

    /// <summary>Whether attachments are copied too.</summary>
    public bool IncludeAttachments { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The API scopes an app requires; <c>[app]</c> in a scope stands for the app name.</summary>
public sealed record ApiScopesConfiguration
{
    /// <summary>Scopes required of end users and system users (who may also pass with <c>altinn:portal/enduser</c>).</summary>
    public ApiScopes? Users { get; init; }

    /// <summary>Scopes required of service owners.</summary>
    public ApiScopes? ServiceOwners { get; init; }

    /// <summary>The text resource key of the 403 message when a scope is missing.</summary>
    public string? ErrorMessageTextResourceKey { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A pair of read and write scopes.</summary>
public sealed record ApiScopes
{
    /// <summary>The scope required for GET, HEAD and OPTIONS.</summary>
    public string? Read { get; init; }

    /// <summary>The scope required for the other HTTP methods.</summary>
    public string? Write { get; init; }

    /// <summary>The text resource key of the 403 message for this caller kind.</summary>
    public string? ErrorMessageTextResourceKey { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A search keyword.</summary>
public sealed record Keyword
{
    /// <summary>The word.</summary>
    public string? Word { get; init; }

    /// <summary>The word's language code.</summary>
    public string? Language { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Delegation settings of an app as a resource.</summary>
public sealed record ApplicationAccess
{
    /// <summary>A description of the rights by language code.</summary>
    public IReadOnlyDictionary<string, string>? RightDescription { get; init; }

    /// <summary>Whether rights to the app may be delegated.</summary>
    public bool Delegable { get; init; }

    /// <summary>Whether the app is visible in the access management UI.</summary>
    public bool Visible { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Where users get help with an app.</summary>
public sealed record ContactPoint
{
    /// <summary>What the contact point is for.</summary>
    public string? Category { get; init; }

    /// <summary>An e-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>A telephone number.</summary>
    public string? Telephone { get; init; }

    /// <summary>A contact web page.</summary>
    public string? ContactPage { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The logo shown in an app.</summary>
public sealed record Logo
{
    /// <summary>Whether the app owner's name is shown next to the logo.</summary>
    public bool DisplayAppOwnerNameInHeader { get; init; }

    /// <summary>Where the logo comes from: <c>org</c> or <c>resource</c>.</summary>
    public string? Source { get; init; }

    /// <summary>The logo size: <c>small</c> (default), <c>medium</c> or <c>large</c>.</summary>
    public string? Size { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
