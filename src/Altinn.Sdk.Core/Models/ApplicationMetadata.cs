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
    [JsonIgnore]
    public string? Id { get => IdOnWire; init => IdOnWire = value; }

    [JsonInclude, JsonPropertyName("id")]
    internal string? IdOnWire { get; set; }

    /// <summary>The deployed version.</summary>
    [JsonIgnore]
    public string? VersionId { get => VersionIdOnWire; init => VersionIdOnWire = value; }

    [JsonInclude, JsonPropertyName("versionId")]
    internal string? VersionIdOnWire { get; set; }

    /// <summary>The app owner's org code.</summary>
    [JsonIgnore]
    public string? Org { get => OrgOnWire; init => OrgOnWire = value; }

    [JsonInclude, JsonPropertyName("org")]
    internal string? OrgOnWire { get; set; }

    /// <summary>The app's title by language code (<c>nb</c>, <c>nn</c>, <c>en</c>).</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string>? Title { get => TitleOnWire; init => TitleOnWire = value; }

    [JsonInclude, JsonPropertyName("title")]
    internal IReadOnlyDictionary<string, string>? TitleOnWire { get; set; }

    /// <summary>From when the app may be instantiated (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset? ValidFrom { get => ValidFromOnWire; init => ValidFromOnWire = value; }

    [JsonInclude, JsonPropertyName("validFrom")]
    internal DateTimeOffset? ValidFromOnWire { get; set; }

    /// <summary>Until when the app may be instantiated (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset? ValidTo { get => ValidToOnWire; init => ValidToOnWire = value; }

    [JsonInclude, JsonPropertyName("validTo")]
    internal DateTimeOffset? ValidToOnWire { get; set; }

    /// <summary>The id of the app's BPMN process.</summary>
    [JsonIgnore]
    public string? ProcessId { get => ProcessIdOnWire; init => ProcessIdOnWire = value; }

    [JsonInclude, JsonPropertyName("processId")]
    internal string? ProcessIdOnWire { get; set; }

    /// <summary>The kinds of data the app accepts.</summary>
    [JsonIgnore]
    public IReadOnlyList<DataType>? DataTypes { get => DataTypesOnWire; init => DataTypesOnWire = value; }

    [JsonInclude, JsonPropertyName("dataTypes")]
    internal IReadOnlyList<DataType>? DataTypesOnWire { get; set; }

    /// <summary>The kinds of party that may own instances; all <see langword="false"/> means all are allowed.</summary>
    [JsonIgnore]
    public PartyTypesAllowed? PartyTypesAllowed { get => PartyTypesAllowedOnWire; init => PartyTypesAllowedOnWire = value; }

    [JsonInclude, JsonPropertyName("partyTypesAllowed")]
    internal PartyTypesAllowed? PartyTypesAllowedOnWire { get; set; }

    /// <summary>Whether instances are hard-deleted as soon as the process ends.</summary>
    [JsonIgnore]
    public bool AutoDeleteOnProcessEnd { get => AutoDeleteOnProcessEndOnWire; init => AutoDeleteOnProcessEndOnWire = value; }

    [JsonInclude, JsonPropertyName("autoDeleteOnProcessEnd")]
    internal bool AutoDeleteOnProcessEndOnWire { get; set; }

    /// <summary>For how many days after archiving an instance may not be deleted.</summary>
    [JsonIgnore]
    public int? PreventInstanceDeletionForDays { get => PreventInstanceDeletionForDaysOnWire; init => PreventInstanceDeletionForDaysOnWire = value; }

    [JsonInclude, JsonPropertyName("preventInstanceDeletionForDays")]
    internal int? PreventInstanceDeletionForDaysOnWire { get; set; }

    /// <summary>Form fields copied into <see cref="Instance.PresentationTexts"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<DataField>? PresentationFields { get => PresentationFieldsOnWire; init => PresentationFieldsOnWire = value; }

    [JsonInclude, JsonPropertyName("presentationFields")]
    internal IReadOnlyList<DataField>? PresentationFieldsOnWire { get; set; }

    /// <summary>Form fields copied into <see cref="Instance.DataValues"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<DataField>? DataFields { get => DataFieldsOnWire; init => DataFieldsOnWire = value; }

    [JsonInclude, JsonPropertyName("dataFields")]
    internal IReadOnlyList<DataField>? DataFieldsOnWire { get; set; }

    /// <summary>The eFormidling (integration point) shipment settings.</summary>
    [JsonIgnore]
    public EFormidlingContract? EFormidling { get => EFormidlingOnWire; init => EFormidlingOnWire = value; }

    [JsonInclude, JsonPropertyName("eFormidling")]
    internal EFormidlingContract? EFormidlingOnWire { get; set; }

    /// <summary>What the app shows when a user enters it.</summary>
    [JsonIgnore]
    public OnEntry? OnEntry { get => OnEntryOnWire; init => OnEntryOnWire = value; }

    [JsonInclude, JsonPropertyName("onEntry")]
    internal OnEntry? OnEntryOnWire { get; set; }

    /// <summary>How the inbox (message box / Dialogporten) presents instances.</summary>
    [JsonIgnore]
    public MessageBoxConfig? MessageBoxConfig { get => MessageBoxConfigOnWire; init => MessageBoxConfigOnWire = value; }

    [JsonInclude, JsonPropertyName("messageBoxConfig")]
    internal MessageBoxConfig? MessageBoxConfigOnWire { get; set; }

    /// <summary>Whether and how users may start a new instance as a copy of an archived one.</summary>
    [JsonIgnore]
    public CopyInstanceSettings? CopyInstanceSettings { get => CopyInstanceSettingsOnWire; init => CopyInstanceSettingsOnWire = value; }

    [JsonInclude, JsonPropertyName("copyInstanceSettings")]
    internal CopyInstanceSettings? CopyInstanceSettingsOnWire { get; set; }

    /// <summary>Custom API scopes the app requires on its instance endpoints; absent means no app-level scope check.</summary>
    [JsonIgnore]
    public ApiScopesConfiguration? ApiScopes { get => ApiScopesOnWire; init => ApiScopesOnWire = value; }

    [JsonInclude, JsonPropertyName("apiScopes")]
    internal ApiScopesConfiguration? ApiScopesOnWire { get; set; }

    /// <summary>The Storage account number used for the app's blobs, when not the default.</summary>
    [JsonIgnore]
    public int? StorageAccountNumber { get => StorageAccountNumberOnWire; init => StorageAccountNumberOnWire = value; }

    [JsonInclude, JsonPropertyName("storageAccountNumber")]
    internal int? StorageAccountNumberOnWire { get; set; }

    /// <summary>
    /// Whether only service owners may instantiate (enforced in production only; the App API then lets only
    /// tokens with an org claim through, which also blocks system users).
    /// </summary>
    [JsonIgnore]
    public bool DisallowUserInstantiation { get => DisallowUserInstantiationOnWire; init => DisallowUserInstantiationOnWire = value; }

    [JsonInclude, JsonPropertyName("disallowUserInstantiation")]
    internal bool DisallowUserInstantiationOnWire { get; set; }

    /// <summary>The app's home page.</summary>
    [JsonIgnore]
    public string? Homepage { get => HomepageOnWire; init => HomepageOnWire = value; }

    [JsonInclude, JsonPropertyName("homepage")]
    internal string? HomepageOnWire { get; set; }

    /// <summary>Search keywords.</summary>
    [JsonIgnore]
    public IReadOnlyList<Keyword>? Keywords { get => KeywordsOnWire; init => KeywordsOnWire = value; }

    [JsonInclude, JsonPropertyName("keywords")]
    internal IReadOnlyList<Keyword>? KeywordsOnWire { get; set; }

    /// <summary>A description by language code.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string>? Description { get => DescriptionOnWire; init => DescriptionOnWire = value; }

    [JsonInclude, JsonPropertyName("description")]
    internal IReadOnlyDictionary<string, string>? DescriptionOnWire { get; set; }

    /// <summary>Delegation settings of the app as a resource.</summary>
    [JsonIgnore]
    public ApplicationAccess? Access { get => AccessOnWire; init => AccessOnWire = value; }

    [JsonInclude, JsonPropertyName("access")]
    internal ApplicationAccess? AccessOnWire { get; set; }

    /// <summary>Where users get help.</summary>
    [JsonIgnore]
    public IReadOnlyList<ContactPoint>? ContactPoints { get => ContactPointsOnWire; init => ContactPointsOnWire = value; }

    [JsonInclude, JsonPropertyName("contactPoints")]
    internal IReadOnlyList<ContactPoint>? ContactPointsOnWire { get; set; }

    /// <summary>When the metadata was created (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset? Created { get => CreatedOnWire; init => CreatedOnWire = value; }

    [JsonInclude, JsonPropertyName("created")]
    internal DateTimeOffset? CreatedOnWire { get; set; }

    /// <summary>Who created the metadata.</summary>
    [JsonIgnore]
    public string? CreatedBy { get => CreatedByOnWire; init => CreatedByOnWire = value; }

    [JsonInclude, JsonPropertyName("createdBy")]
    internal string? CreatedByOnWire { get; set; }

    /// <summary>When the metadata was last changed (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset? LastChanged { get => LastChangedOnWire; init => LastChangedOnWire = value; }

    [JsonInclude, JsonPropertyName("lastChanged")]
    internal DateTimeOffset? LastChangedOnWire { get; set; }

    /// <summary>Who last changed the metadata.</summary>
    [JsonIgnore]
    public string? LastChangedBy { get => LastChangedByOnWire; init => LastChangedByOnWire = value; }

    [JsonInclude, JsonPropertyName("lastChangedBy")]
    internal string? LastChangedByOnWire { get; set; }

    /// <summary>App feature flags by name (App API only).</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, bool>? Features { get => FeaturesOnWire; init => FeaturesOnWire = value; }

    [JsonInclude, JsonPropertyName("features")]
    internal IReadOnlyDictionary<string, bool>? FeaturesOnWire { get; set; }

    /// <summary>The logo shown in the app (App API only).</summary>
    [JsonIgnore]
    public Logo? Logo { get => LogoOnWire; init => LogoOnWire = value; }

    [JsonInclude, JsonPropertyName("logo")]
    internal Logo? LogoOnWire { get; set; }

    /// <summary>The version of the Altinn app libraries the app runs, for example <c>8.12.7.0</c> (App API only).</summary>
    [JsonIgnore]
    public string? AltinnNugetVersion { get => AltinnNugetVersionOnWire; init => AltinnNugetVersionOnWire = value; }

    [JsonInclude, JsonPropertyName("altinnNugetVersion")]
    internal string? AltinnNugetVersionOnWire { get; set; }

    /// <summary>The ids of the external APIs the app exposes (App API only).</summary>
    [JsonIgnore]
    public IReadOnlyList<string>? ExternalApiIds { get => ExternalApiIdsOnWire; init => ExternalApiIdsOnWire = value; }

    [JsonInclude, JsonPropertyName("externalApiIds")]
    internal IReadOnlyList<string>? ExternalApiIdsOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The kinds of party that may own instances of an app; all <see langword="false"/> means all kinds.</summary>
public sealed record PartyTypesAllowed
{
    /// <summary>Bankruptcy estates.</summary>
    [JsonIgnore]
    public bool BankruptcyEstate { get => BankruptcyEstateOnWire; init => BankruptcyEstateOnWire = value; }

    [JsonInclude, JsonPropertyName("bankruptcyEstate")]
    internal bool BankruptcyEstateOnWire { get; set; }

    /// <summary>Organisations.</summary>
    [JsonIgnore]
    public bool Organisation { get => OrganisationOnWire; init => OrganisationOnWire = value; }

    [JsonInclude, JsonPropertyName("organisation")]
    internal bool OrganisationOnWire { get; set; }

    /// <summary>Persons.</summary>
    [JsonIgnore]
    public bool Person { get => PersonOnWire; init => PersonOnWire = value; }

    [JsonInclude, JsonPropertyName("person")]
    internal bool PersonOnWire { get; set; }

    /// <summary>Sub-units of organisations.</summary>
    [JsonIgnore]
    public bool SubUnit { get => SubUnitOnWire; init => SubUnitOnWire = value; }

    [JsonInclude, JsonPropertyName("subUnit")]
    internal bool SubUnitOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A form field whose value is copied onto the instance.</summary>
public sealed record DataField
{
    /// <summary>The key under which the value is stored on the instance.</summary>
    [JsonIgnore]
    public string? Id { get => IdOnWire; init => IdOnWire = value; }

    [JsonInclude, JsonPropertyName("id")]
    internal string? IdOnWire { get; set; }

    /// <summary>The dot-separated path of the field in the data model.</summary>
    [JsonIgnore]
    public string? Path { get => PathOnWire; init => PathOnWire = value; }

    [JsonInclude, JsonPropertyName("path")]
    internal string? PathOnWire { get; set; }

    /// <summary>The data type holding the field.</summary>
    [JsonIgnore]
    public string? DataTypeId { get => DataTypeIdOnWire; init => DataTypeIdOnWire = value; }

    [JsonInclude, JsonPropertyName("dataTypeId")]
    internal string? DataTypeIdOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>eFormidling shipment settings of an app.</summary>
public sealed record EFormidlingContract
{
    /// <summary>The eFormidling service id, for example <c>DPO</c> or <c>DPF</c>.</summary>
    [JsonIgnore]
    public string? ServiceId { get => ServiceIdOnWire; init => ServiceIdOnWire = value; }

    [JsonInclude, JsonPropertyName("serviceId")]
    internal string? ServiceIdOnWire { get; set; }

    /// <summary>The DPF shipment type.</summary>
    [JsonIgnore]
    public string? DpfShipmentType { get => DpfShipmentTypeOnWire; init => DpfShipmentTypeOnWire = value; }

    [JsonInclude, JsonPropertyName("dpfShipmentType")]
    internal string? DpfShipmentTypeOnWire { get; set; }

    /// <summary>The receiver's organisation number.</summary>
    [JsonIgnore]
    public string? Receiver { get => ReceiverOnWire; init => ReceiverOnWire = value; }

    [JsonInclude, JsonPropertyName("receiver")]
    internal string? ReceiverOnWire { get; set; }

    /// <summary>The task after which the shipment is sent.</summary>
    [JsonIgnore]
    public string? SendAfterTaskId { get => SendAfterTaskIdOnWire; init => SendAfterTaskIdOnWire = value; }

    [JsonInclude, JsonPropertyName("sendAfterTaskId")]
    internal string? SendAfterTaskIdOnWire { get; set; }

    /// <summary>The eFormidling process identifier.</summary>
    [JsonIgnore]
    public string? Process { get => ProcessOnWire; init => ProcessOnWire = value; }

    [JsonInclude, JsonPropertyName("process")]
    internal string? ProcessOnWire { get; set; }

    /// <summary>The document standard.</summary>
    [JsonIgnore]
    public string? Standard { get => StandardOnWire; init => StandardOnWire = value; }

    [JsonInclude, JsonPropertyName("standard")]
    internal string? StandardOnWire { get; set; }

    /// <summary>The version of the message type.</summary>
    [JsonIgnore]
    public string? TypeVersion { get => TypeVersionOnWire; init => TypeVersionOnWire = value; }

    [JsonInclude, JsonPropertyName("typeVersion")]
    internal string? TypeVersionOnWire { get; set; }

    /// <summary>The message type.</summary>
    [JsonIgnore]
    public string? Type { get => TypeOnWire; init => TypeOnWire = value; }

    [JsonInclude, JsonPropertyName("type")]
    internal string? TypeOnWire { get; set; }

    /// <summary>The security level of the shipment.</summary>
    [JsonIgnore]
    public int? SecurityLevel { get => SecurityLevelOnWire; init => SecurityLevelOnWire = value; }

    [JsonInclude, JsonPropertyName("securityLevel")]
    internal int? SecurityLevelOnWire { get; set; }

    /// <summary>The data types included in the shipment.</summary>
    [JsonIgnore]
    public IReadOnlyList<string>? DataTypes { get => DataTypesOnWire; init => DataTypesOnWire = value; }

    [JsonInclude, JsonPropertyName("dataTypes")]
    internal IReadOnlyList<string>? DataTypesOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>What the app shows when a user enters it.</summary>
public sealed record OnEntry
{
    /// <summary>What to show: <c>new-instance</c>, <c>select-instance</c> or a layout set id.</summary>
    [JsonIgnore]
    public string? Show { get => ShowOnWire; init => ShowOnWire = value; }

    [JsonInclude, JsonPropertyName("show")]
    internal string? ShowOnWire { get; set; }

    /// <summary>How the instance selection page behaves (App API only).</summary>
    [JsonIgnore]
    public InstanceSelection? InstanceSelection { get => InstanceSelectionOnWire; init => InstanceSelectionOnWire = value; }

    [JsonInclude, JsonPropertyName("instanceSelection")]
    internal InstanceSelection? InstanceSelectionOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Settings of the app's instance selection page.</summary>
public sealed record InstanceSelection
{
    /// <summary>The page sizes the user may choose from.</summary>
    [JsonIgnore]
    public IReadOnlyList<int>? RowsPerPageOptions { get => RowsPerPageOptionsOnWire; init => RowsPerPageOptionsOnWire = value; }

    [JsonInclude, JsonPropertyName("rowsPerPageOptions")]
    internal IReadOnlyList<int>? RowsPerPageOptionsOnWire { get; set; }

    /// <summary>The default page size.</summary>
    [JsonIgnore]
    public int? DefaultRowsPerPage { get => DefaultRowsPerPageOnWire; init => DefaultRowsPerPageOnWire = value; }

    [JsonInclude, JsonPropertyName("defaultRowsPerPage")]
    internal int? DefaultRowsPerPageOnWire { get; set; }

    /// <summary>The index of the default page size option.</summary>
    [JsonIgnore]
    public int? DefaultSelectedOption { get => DefaultSelectedOptionOnWire; init => DefaultSelectedOptionOnWire = value; }

    [JsonInclude, JsonPropertyName("defaultSelectedOption")]
    internal int? DefaultSelectedOptionOnWire { get; set; }

    /// <summary>The sort direction, <c>asc</c> or <c>desc</c>.</summary>
    [JsonIgnore]
    public string? SortDirection { get => SortDirectionOnWire; init => SortDirectionOnWire = value; }

    [JsonInclude, JsonPropertyName("sortDirection")]
    internal string? SortDirectionOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>How the inbox presents an app's instances.</summary>
public sealed record MessageBoxConfig
{
    /// <summary>When instances are hidden in the inbox.</summary>
    [JsonIgnore]
    public HideSettings? HideSettings { get => HideSettingsOnWire; init => HideSettingsOnWire = value; }

    [JsonInclude, JsonPropertyName("hideSettings")]
    internal HideSettings? HideSettingsOnWire { get; set; }

    /// <summary>What the Dialogporten sync adapter leaves out.</summary>
    [JsonIgnore]
    public SyncAdapterSettings? SyncAdapterSettings { get => SyncAdapterSettingsOnWire; init => SyncAdapterSettingsOnWire = value; }

    [JsonInclude, JsonPropertyName("syncAdapterSettings")]
    internal SyncAdapterSettings? SyncAdapterSettingsOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>When instances are hidden in the inbox.</summary>
public sealed record HideSettings
{
    /// <summary>Whether instances are always hidden.</summary>
    [JsonIgnore]
    public bool HideAlways { get => HideAlwaysOnWire; init => HideAlwaysOnWire = value; }

    [JsonInclude, JsonPropertyName("hideAlways")]
    internal bool HideAlwaysOnWire { get; set; }

    /// <summary>The tasks during which instances are hidden.</summary>
    [JsonIgnore]
    public IReadOnlyList<string>? HideOnTask { get => HideOnTaskOnWire; init => HideOnTaskOnWire = value; }

    [JsonInclude, JsonPropertyName("hideOnTask")]
    internal IReadOnlyList<string>? HideOnTaskOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Switches that turn off parts of the Dialogporten sync of an app's instances (all default off).</summary>
public sealed record SyncAdapterSettings
{
    /// <summary>Turns off the sync entirely.</summary>
    [JsonIgnore]
    public bool DisableSync { get => DisableSyncOnWire; init => DisableSyncOnWire = value; }

    [JsonInclude, JsonPropertyName("disableSync")]
    internal bool DisableSyncOnWire { get; set; }

    /// <summary>Lets the app supply the dialog id.</summary>
    [JsonIgnore]
    public bool EnableUserSuppliedDialogId { get => EnableUserSuppliedDialogIdOnWire; init => EnableUserSuppliedDialogIdOnWire = value; }

    [JsonInclude, JsonPropertyName("enableUserSuppliedDialogId")]
    internal bool EnableUserSuppliedDialogIdOnWire { get; set; }

    /// <summary>Turns off creating dialogs.</summary>
    [JsonIgnore]
    public bool DisableCreate { get => DisableCreateOnWire; init => DisableCreateOnWire = value; }

    [JsonInclude, JsonPropertyName("disableCreate")]
    internal bool DisableCreateOnWire { get; set; }

    /// <summary>Turns off deleting dialogs.</summary>
    [JsonIgnore]
    public bool DisableDelete { get => DisableDeleteOnWire; init => DisableDeleteOnWire = value; }

    [JsonInclude, JsonPropertyName("disableDelete")]
    internal bool DisableDeleteOnWire { get; set; }

    /// <summary>Turns off adding activities.</summary>
    [JsonIgnore]
    public bool DisableAddActivities { get => DisableAddActivitiesOnWire; init => DisableAddActivitiesOnWire = value; }

    [JsonInclude, JsonPropertyName("disableAddActivities")]
    internal bool DisableAddActivitiesOnWire { get; set; }

    /// <summary>Turns off adding transmissions.</summary>
    [JsonIgnore]
    public bool DisableAddTransmissions { get => DisableAddTransmissionsOnWire; init => DisableAddTransmissionsOnWire = value; }

    [JsonInclude, JsonPropertyName("disableAddTransmissions")]
    internal bool DisableAddTransmissionsOnWire { get; set; }

    /// <summary>Turns off syncing the due date.</summary>
    [JsonIgnore]
    public bool DisableSyncDueAt { get => DisableSyncDueAtOnWire; init => DisableSyncDueAtOnWire = value; }

    [JsonInclude, JsonPropertyName("disableSyncDueAt")]
    internal bool DisableSyncDueAtOnWire { get; set; }

    /// <summary>Turns off syncing the status.</summary>
    [JsonIgnore]
    public bool DisableSyncStatus { get => DisableSyncStatusOnWire; init => DisableSyncStatusOnWire = value; }

    [JsonInclude, JsonPropertyName("disableSyncStatus")]
    internal bool DisableSyncStatusOnWire { get; set; }

    /// <summary>Turns off marking the dialog completed when the instance is confirmed.</summary>
    [JsonIgnore]
    public bool DisableMarkCompletedWhenConfirmed { get => DisableMarkCompletedWhenConfirmedOnWire; init => DisableMarkCompletedWhenConfirmedOnWire = value; }

    [JsonInclude, JsonPropertyName("disableMarkCompletedWhenConfirmed")]
    internal bool DisableMarkCompletedWhenConfirmedOnWire { get; set; }

    /// <summary>Turns off syncing the title.</summary>
    [JsonIgnore]
    public bool DisableSyncContentTitle { get => DisableSyncContentTitleOnWire; init => DisableSyncContentTitleOnWire = value; }

    [JsonInclude, JsonPropertyName("disableSyncContentTitle")]
    internal bool DisableSyncContentTitleOnWire { get; set; }

    /// <summary>Turns off syncing the summary.</summary>
    [JsonIgnore]
    public bool DisableSyncContentSummary { get => DisableSyncContentSummaryOnWire; init => DisableSyncContentSummaryOnWire = value; }

    [JsonInclude, JsonPropertyName("disableSyncContentSummary")]
    internal bool DisableSyncContentSummaryOnWire { get; set; }

    /// <summary>Turns off syncing additional information.</summary>
    [JsonIgnore]
    public bool DisableSyncContentAdditionalInformation { get => DisableSyncContentAdditionalInformationOnWire; init => DisableSyncContentAdditionalInformationOnWire = value; }

    [JsonInclude, JsonPropertyName("disableSyncContentAdditionalInformation")]
    internal bool DisableSyncContentAdditionalInformationOnWire { get; set; }

    /// <summary>Turns off syncing the extended status.</summary>
    [JsonIgnore]
    public bool DisableSyncContentExtendedStatus { get => DisableSyncContentExtendedStatusOnWire; init => DisableSyncContentExtendedStatusOnWire = value; }

    [JsonInclude, JsonPropertyName("disableSyncContentExtendedStatus")]
    internal bool DisableSyncContentExtendedStatusOnWire { get; set; }

    /// <summary>Turns off syncing attachments.</summary>
    [JsonIgnore]
    public bool DisableSyncAttachments { get => DisableSyncAttachmentsOnWire; init => DisableSyncAttachmentsOnWire = value; }

    [JsonInclude, JsonPropertyName("disableSyncAttachments")]
    internal bool DisableSyncAttachmentsOnWire { get; set; }

    /// <summary>Turns off syncing API actions.</summary>
    [JsonIgnore]
    public bool DisableSyncApiActions { get => DisableSyncApiActionsOnWire; init => DisableSyncApiActionsOnWire = value; }

    [JsonInclude, JsonPropertyName("disableSyncApiActions")]
    internal bool DisableSyncApiActionsOnWire { get; set; }

    /// <summary>Turns off syncing GUI actions.</summary>
    [JsonIgnore]
    public bool DisableSyncGuiActions { get => DisableSyncGuiActionsOnWire; init => DisableSyncGuiActionsOnWire = value; }

    [JsonInclude, JsonPropertyName("disableSyncGuiActions")]
    internal bool DisableSyncGuiActionsOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Whether and how a new instance may be created as a copy of an archived one.</summary>
public sealed record CopyInstanceSettings
{
    /// <summary>Whether copying is allowed.</summary>
    [JsonIgnore]
    public bool Enabled { get => EnabledOnWire; init => EnabledOnWire = value; }

    [JsonInclude, JsonPropertyName("enabled")]
    internal bool EnabledOnWire { get; set; }

    /// <summary>Data types left out of the copy.</summary>
    [JsonIgnore]
    public IReadOnlyList<string>? ExcludedDataTypes { get => ExcludedDataTypesOnWire; init => ExcludedDataTypesOnWire = value; }

    [JsonInclude, JsonPropertyName("excludedDataTypes")]
    internal IReadOnlyList<string>? ExcludedDataTypesOnWire { get; set; }

    /// <summary>Data model fields cleared in the copy.</summary>
    [JsonIgnore]
    public IReadOnlyList<string>? ExcludedDataFields { get => ExcludedDataFieldsOnWire; init => ExcludedDataFieldsOnWire = value; }

    [JsonInclude, JsonPropertyName("excludedDataFields")]
    internal IReadOnlyList<string>? ExcludedDataFieldsOnWire { get; set; }

    /// <summary>Whether attachments are copied too.</summary>
    [JsonIgnore]
    public bool IncludeAttachments { get => IncludeAttachmentsOnWire; init => IncludeAttachmentsOnWire = value; }

    [JsonInclude, JsonPropertyName("includeAttachments")]
    internal bool IncludeAttachmentsOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The API scopes an app requires; <c>[app]</c> in a scope stands for the app name.</summary>
public sealed record ApiScopesConfiguration
{
    /// <summary>Scopes required of end users and system users (who may also pass with <c>altinn:portal/enduser</c>).</summary>
    [JsonIgnore]
    public ApiScopes? Users { get => UsersOnWire; init => UsersOnWire = value; }

    [JsonInclude, JsonPropertyName("users")]
    internal ApiScopes? UsersOnWire { get; set; }

    /// <summary>Scopes required of service owners.</summary>
    [JsonIgnore]
    public ApiScopes? ServiceOwners { get => ServiceOwnersOnWire; init => ServiceOwnersOnWire = value; }

    [JsonInclude, JsonPropertyName("serviceOwners")]
    internal ApiScopes? ServiceOwnersOnWire { get; set; }

    /// <summary>The text resource key of the 403 message when a scope is missing.</summary>
    [JsonIgnore]
    public string? ErrorMessageTextResourceKey { get => ErrorMessageTextResourceKeyOnWire; init => ErrorMessageTextResourceKeyOnWire = value; }

    [JsonInclude, JsonPropertyName("errorMessageTextResourceKey")]
    internal string? ErrorMessageTextResourceKeyOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A pair of read and write scopes.</summary>
public sealed record ApiScopes
{
    /// <summary>The scope required for GET, HEAD and OPTIONS.</summary>
    [JsonIgnore]
    public string? Read { get => ReadOnWire; init => ReadOnWire = value; }

    [JsonInclude, JsonPropertyName("read")]
    internal string? ReadOnWire { get; set; }

    /// <summary>The scope required for the other HTTP methods.</summary>
    [JsonIgnore]
    public string? Write { get => WriteOnWire; init => WriteOnWire = value; }

    [JsonInclude, JsonPropertyName("write")]
    internal string? WriteOnWire { get; set; }

    /// <summary>The text resource key of the 403 message for this caller kind.</summary>
    [JsonIgnore]
    public string? ErrorMessageTextResourceKey { get => ErrorMessageTextResourceKeyOnWire; init => ErrorMessageTextResourceKeyOnWire = value; }

    [JsonInclude, JsonPropertyName("errorMessageTextResourceKey")]
    internal string? ErrorMessageTextResourceKeyOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A search keyword.</summary>
public sealed record Keyword
{
    /// <summary>The word.</summary>
    [JsonIgnore]
    public string? Word { get => WordOnWire; init => WordOnWire = value; }

    [JsonInclude, JsonPropertyName("word")]
    internal string? WordOnWire { get; set; }

    /// <summary>The word's language code.</summary>
    [JsonIgnore]
    public string? Language { get => LanguageOnWire; init => LanguageOnWire = value; }

    [JsonInclude, JsonPropertyName("language")]
    internal string? LanguageOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Delegation settings of an app as a resource.</summary>
public sealed record ApplicationAccess
{
    /// <summary>A description of the rights by language code.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string>? RightDescription { get => RightDescriptionOnWire; init => RightDescriptionOnWire = value; }

    [JsonInclude, JsonPropertyName("rightDescription")]
    internal IReadOnlyDictionary<string, string>? RightDescriptionOnWire { get; set; }

    /// <summary>Whether rights to the app may be delegated.</summary>
    [JsonIgnore]
    public bool Delegable { get => DelegableOnWire; init => DelegableOnWire = value; }

    [JsonInclude, JsonPropertyName("delegable")]
    internal bool DelegableOnWire { get; set; }

    /// <summary>Whether the app is visible in the access management UI.</summary>
    [JsonIgnore]
    public bool Visible { get => VisibleOnWire; init => VisibleOnWire = value; }

    [JsonInclude, JsonPropertyName("visible")]
    internal bool VisibleOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Where users get help with an app.</summary>
public sealed record ContactPoint
{
    /// <summary>What the contact point is for.</summary>
    [JsonIgnore]
    public string? Category { get => CategoryOnWire; init => CategoryOnWire = value; }

    [JsonInclude, JsonPropertyName("category")]
    internal string? CategoryOnWire { get; set; }

    /// <summary>An e-mail address.</summary>
    [JsonIgnore]
    public string? Email { get => EmailOnWire; init => EmailOnWire = value; }

    [JsonInclude, JsonPropertyName("email")]
    internal string? EmailOnWire { get; set; }

    /// <summary>A telephone number.</summary>
    [JsonIgnore]
    public string? Telephone { get => TelephoneOnWire; init => TelephoneOnWire = value; }

    [JsonInclude, JsonPropertyName("telephone")]
    internal string? TelephoneOnWire { get; set; }

    /// <summary>A contact web page.</summary>
    [JsonIgnore]
    public string? ContactPage { get => ContactPageOnWire; init => ContactPageOnWire = value; }

    [JsonInclude, JsonPropertyName("contactPage")]
    internal string? ContactPageOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The logo shown in an app.</summary>
public sealed record Logo
{
    /// <summary>Whether the app owner's name is shown next to the logo.</summary>
    [JsonIgnore]
    public bool DisplayAppOwnerNameInHeader { get => DisplayAppOwnerNameInHeaderOnWire; init => DisplayAppOwnerNameInHeaderOnWire = value; }

    [JsonInclude, JsonPropertyName("displayAppOwnerNameInHeader")]
    internal bool DisplayAppOwnerNameInHeaderOnWire { get; set; }

    /// <summary>Where the logo comes from: <c>org</c> or <c>resource</c>.</summary>
    [JsonIgnore]
    public string? Source { get => SourceOnWire; init => SourceOnWire = value; }

    [JsonInclude, JsonPropertyName("source")]
    internal string? SourceOnWire { get; set; }

    /// <summary>The logo size: <c>small</c> (default), <c>medium</c> or <c>large</c>.</summary>
    [JsonIgnore]
    public string? Size { get => SizeOnWire; init => SizeOnWire = value; }

    [JsonInclude, JsonPropertyName("size")]
    internal string? SizeOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
