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
    public partial string? Id { get; init; }

    /// <summary>The deployed version.</summary>
    public partial string? VersionId { get; init; }

    /// <summary>The app owner's org code.</summary>
    public partial string? Org { get; init; }

    /// <summary>The app's title by language code (<c>nb</c>, <c>nn</c>, <c>en</c>).</summary>
    public partial IReadOnlyDictionary<string, string>? Title { get; init; }

    /// <summary>From when the app may be instantiated (UTC).</summary>
    public partial DateTimeOffset? ValidFrom { get; init; }

    /// <summary>Until when the app may be instantiated (UTC).</summary>
    public partial DateTimeOffset? ValidTo { get; init; }

    /// <summary>The id of the app's BPMN process.</summary>
    public partial string? ProcessId { get; init; }

    /// <summary>The kinds of data the app accepts.</summary>
    public partial IReadOnlyList<DataType>? DataTypes { get; init; }

    /// <summary>The kinds of party that may own instances; all <see langword="false"/> means all are allowed.</summary>
    public partial PartyTypesAllowed? PartyTypesAllowed { get; init; }

    /// <summary>Whether instances are hard-deleted as soon as the process ends.</summary>
    public partial bool AutoDeleteOnProcessEnd { get; init; }

    /// <summary>For how many days after archiving an instance may not be deleted.</summary>
    public partial int? PreventInstanceDeletionForDays { get; init; }

    /// <summary>Form fields copied into <see cref="Instance.PresentationTexts"/>.</summary>
    public partial IReadOnlyList<DataField>? PresentationFields { get; init; }

    /// <summary>Form fields copied into <see cref="Instance.DataValues"/>.</summary>
    public partial IReadOnlyList<DataField>? DataFields { get; init; }

    /// <summary>The eFormidling (integration point) shipment settings.</summary>
    public partial EFormidlingContract? EFormidling { get; init; }

    /// <summary>What the app shows when a user enters it.</summary>
    public partial OnEntry? OnEntry { get; init; }

    /// <summary>How the inbox (message box / Dialogporten) presents instances.</summary>
    public partial MessageBoxConfig? MessageBoxConfig { get; init; }

    /// <summary>Whether and how users may start a new instance as a copy of an archived one.</summary>
    public partial CopyInstanceSettings? CopyInstanceSettings { get; init; }

    /// <summary>Custom API scopes the app requires on its instance endpoints; absent means no app-level scope check.</summary>
    public partial ApiScopesConfiguration? ApiScopes { get; init; }

    /// <summary>The Storage account number used for the app's blobs, when not the default.</summary>
    public partial int? StorageAccountNumber { get; init; }

    /// <summary>
    /// Whether only service owners may instantiate (enforced in production only; the App API then lets only
    /// tokens with an org claim through, which also blocks system users).
    /// </summary>
    public partial bool DisallowUserInstantiation { get; init; }

    /// <summary>The app's home page.</summary>
    public partial string? Homepage { get; init; }

    /// <summary>Search keywords.</summary>
    public partial IReadOnlyList<Keyword>? Keywords { get; init; }

    /// <summary>A description by language code.</summary>
    public partial IReadOnlyDictionary<string, string>? Description { get; init; }

    /// <summary>Delegation settings of the app as a resource.</summary>
    public partial ApplicationAccess? Access { get; init; }

    /// <summary>Where users get help.</summary>
    public partial IReadOnlyList<ContactPoint>? ContactPoints { get; init; }

    /// <summary>When the metadata was created (UTC).</summary>
    public partial DateTimeOffset? Created { get; init; }

    /// <summary>Who created the metadata.</summary>
    public partial string? CreatedBy { get; init; }

    /// <summary>When the metadata was last changed (UTC).</summary>
    public partial DateTimeOffset? LastChanged { get; init; }

    /// <summary>Who last changed the metadata.</summary>
    public partial string? LastChangedBy { get; init; }

    /// <summary>App feature flags by name (App API only).</summary>
    public partial IReadOnlyDictionary<string, bool>? Features { get; init; }

    /// <summary>The logo shown in the app (App API only).</summary>
    public partial Logo? Logo { get; init; }

    /// <summary>The version of the Altinn app libraries the app runs, for example <c>8.12.7.0</c> (App API only).</summary>
    public partial string? AltinnNugetVersion { get; init; }

    /// <summary>The ids of the external APIs the app exposes (App API only).</summary>
    public partial IReadOnlyList<string>? ExternalApiIds { get; init; }
}
