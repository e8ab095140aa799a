using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>
/// A kind of data an app accepts: a form (with <see cref="AppLogic"/> and a <c>classRef</c>) or an attachment.
/// </summary>
/// <remarks>
/// The Altinn services drop properties inside data types that they do not know (for example
/// <c>allowInSubform</c>); this model keeps them.
/// </remarks>
public sealed record DataType
{
    /// <summary>The data type id, unique within the app (normally lower-case letters, digits and <c>-</c>; legacy ids may be guids).</summary>
    [JsonIgnore]
    public string? Id { get => IdOnWire; init => IdOnWire = value; }

    [JsonInclude, JsonPropertyName("id")]
    internal string? IdOnWire { get; set; }

    /// <summary>A description by language code (<c>nb</c>, <c>nn</c>, <c>en</c>).</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string>? Description { get => DescriptionOnWire; init => DescriptionOnWire = value; }

    [JsonInclude, JsonPropertyName("description")]
    internal IReadOnlyDictionary<string, string>? DescriptionOnWire { get; set; }

    /// <summary>The MIME types accepted for uploads; <see langword="null"/> or empty accepts any type.</summary>
    [JsonIgnore]
    public IReadOnlyList<string>? AllowedContentTypes { get => AllowedContentTypesOnWire; init => AllowedContentTypesOnWire = value; }

    [JsonInclude, JsonPropertyName("allowedContentTypes")]
    internal IReadOnlyList<string>? AllowedContentTypesOnWire { get; set; }

    /// <summary>The obsolete spelling of <see cref="AllowedContributors"/>; Altinn still checks it first.</summary>
    [Obsolete("Altinn's misspelled predecessor of AllowedContributors; read both, write AllowedContributors.")]
    [JsonIgnore]
    public IReadOnlyList<string>? AllowedContributers { get => AllowedContributersOnWire; init => AllowedContributersOnWire = value; }

    [JsonInclude, JsonPropertyName("allowedContributers")]
    internal IReadOnlyList<string>? AllowedContributersOnWire { get; set; }

    /// <summary>
    /// Who may write elements of this type: <c>org:{org}</c> or <c>orgno:{organisationNumber}</c> entries, always
    /// service owners. <see langword="null"/> or empty means anyone the policy allows.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string>? AllowedContributors { get => AllowedContributorsOnWire; init => AllowedContributorsOnWire = value; }

    [JsonInclude, JsonPropertyName("allowedContributors")]
    internal IReadOnlyList<string>? AllowedContributorsOnWire { get; set; }

    /// <summary>An extra policy action the caller needs to read elements of this type.</summary>
    [JsonIgnore]
    public string? ActionRequiredToRead { get => ActionRequiredToReadOnWire; init => ActionRequiredToReadOnWire = value; }

    [JsonInclude, JsonPropertyName("actionRequiredToRead")]
    internal string? ActionRequiredToReadOnWire { get; set; }

    /// <summary>An extra policy action the caller needs to write elements of this type.</summary>
    [JsonIgnore]
    public string? ActionRequiredToWrite { get => ActionRequiredToWriteOnWire; init => ActionRequiredToWriteOnWire = value; }

    [JsonInclude, JsonPropertyName("actionRequiredToWrite")]
    internal string? ActionRequiredToWriteOnWire { get; set; }

    /// <summary>App logic of a form type; <see langword="null"/> for a binary (attachment) type.</summary>
    [JsonIgnore]
    public ApplicationLogic? AppLogic { get => AppLogicOnWire; init => AppLogicOnWire = value; }

    [JsonInclude, JsonPropertyName("appLogic")]
    internal ApplicationLogic? AppLogicOnWire { get; set; }

    /// <summary>The process task where elements of this type are created and edited.</summary>
    [JsonIgnore]
    public string? TaskId { get => TaskIdOnWire; init => TaskIdOnWire = value; }

    [JsonInclude, JsonPropertyName("taskId")]
    internal string? TaskIdOnWire { get; set; }

    /// <summary>The largest accepted upload in <b>megabytes</b> (×1024×1024 bytes); <see langword="null"/> is unlimited.</summary>
    [JsonIgnore]
    public int? MaxSize { get => MaxSizeOnWire; init => MaxSizeOnWire = value; }

    [JsonInclude, JsonPropertyName("maxSize")]
    internal int? MaxSizeOnWire { get; set; }

    /// <summary>
    /// The most elements of this type an instance may have. Absent (<see langword="null"/>) means the app did
    /// not say; 0 or less means unbounded. Altinn documents a default of 1, but its model reads a missing value as 0.
    /// </summary>
    [JsonIgnore]
    public int? MaxCount { get => MaxCountOnWire; init => MaxCountOnWire = value; }

    [JsonInclude, JsonPropertyName("maxCount")]
    internal int? MaxCountOnWire { get; set; }

    /// <summary>
    /// The fewest elements of this type the task needs. Absent (<see langword="null"/>) means the app did not
    /// say; 0 or less means optional.
    /// </summary>
    [JsonIgnore]
    public int? MinCount { get => MinCountOnWire; init => MinCountOnWire = value; }

    [JsonInclude, JsonPropertyName("minCount")]
    internal int? MinCountOnWire { get; set; }

    /// <summary>A group name or text resource key used to group attachments in the UI.</summary>
    [JsonIgnore]
    public string? Grouping { get => GroupingOnWire; init => GroupingOnWire = value; }

    [JsonInclude, JsonPropertyName("grouping")]
    internal string? GroupingOnWire { get; set; }

    /// <summary>Whether a PDF is generated for this form type at the end of its task. Defaults to <see langword="true"/>.</summary>
    [JsonIgnore]
    public bool EnablePdfCreation { get => EnablePdfCreationOnWire; init => EnablePdfCreationOnWire = value; }

    // Only assigned when the JSON has it, so an absent value keeps the default true.
    [JsonInclude, JsonPropertyName("enablePdfCreation")]
    internal bool EnablePdfCreationOnWire { get; set; } = true;

    /// <summary>Whether uploads of this type are scanned for malware.</summary>
    [JsonIgnore]
    public bool EnableFileScan { get => EnableFileScanOnWire; init => EnableFileScanOnWire = value; }

    [JsonInclude, JsonPropertyName("enableFileScan")]
    internal bool EnableFileScanOnWire { get; set; }

    /// <summary>Whether a pending malware scan is a validation error that blocks the task.</summary>
    [JsonIgnore]
    public bool ValidationErrorOnPendingFileScan { get => ValidationErrorOnPendingFileScanOnWire; init => ValidationErrorOnPendingFileScanOnWire = value; }

    [JsonInclude, JsonPropertyName("validationErrorOnPendingFileScan")]
    internal bool ValidationErrorOnPendingFileScanOnWire { get; set; }

    /// <summary>The ids of the file analysers the app runs on uploads of this type.</summary>
    [JsonIgnore]
    public IReadOnlyList<string>? EnabledFileAnalysers { get => EnabledFileAnalysersOnWire; init => EnabledFileAnalysersOnWire = value; }

    [JsonInclude, JsonPropertyName("enabledFileAnalysers")]
    internal IReadOnlyList<string>? EnabledFileAnalysersOnWire { get; set; }

    /// <summary>The ids of the file validators the app runs on uploads of this type.</summary>
    [JsonIgnore]
    public IReadOnlyList<string>? EnabledFileValidators { get => EnabledFileValidatorsOnWire; init => EnabledFileValidatorsOnWire = value; }

    [JsonInclude, JsonPropertyName("enabledFileValidators")]
    internal IReadOnlyList<string>? EnabledFileValidatorsOnWire { get; set; }

    /// <summary>The keys users may set in <see cref="DataElement.UserDefinedMetadata"/>; <see langword="null"/> or empty allows any key.</summary>
    [JsonIgnore]
    public IReadOnlyList<string>? AllowedKeysForUserDefinedMetadata { get => AllowedKeysForUserDefinedMetadataOnWire; init => AllowedKeysForUserDefinedMetadataOnWire = value; }

    [JsonInclude, JsonPropertyName("allowedKeysForUserDefinedMetadata")]
    internal IReadOnlyList<string>? AllowedKeysForUserDefinedMetadataOnWire { get; set; }

    /// <summary><see langword="true"/> when this is a form type (<c>appLogic.classRef</c> is set), else an attachment type.</summary>
    [JsonIgnore]
    public bool IsFormData => AppLogic?.ClassRef is not null;

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>How the app handles a form data type.</summary>
public sealed record ApplicationLogic
{
    /// <summary>Whether the app creates (and prefills) an element of this type when its task starts.</summary>
    [JsonIgnore]
    public bool? AutoCreate { get => AutoCreateOnWire; init => AutoCreateOnWire = value; }

    [JsonInclude, JsonPropertyName("autoCreate")]
    internal bool? AutoCreateOnWire { get; set; }

    /// <summary>The C# class of the form's data model; set means the type holds form data.</summary>
    [JsonIgnore]
    public string? ClassRef { get => ClassRefOnWire; init => ClassRefOnWire = value; }

    [JsonInclude, JsonPropertyName("classRef")]
    internal string? ClassRefOnWire { get; set; }

    /// <summary>A reference to the data model's schema.</summary>
    [JsonIgnore]
    public string? SchemaRef { get => SchemaRefOnWire; init => SchemaRefOnWire = value; }

    [JsonInclude, JsonPropertyName("schemaRef")]
    internal string? SchemaRefOnWire { get; set; }

    /// <summary>Whether the type may be used through the anonymous stateless endpoints.</summary>
    [JsonIgnore]
    public bool AllowAnonymousOnStateless { get => AllowAnonymousOnStatelessOnWire; init => AllowAnonymousOnStatelessOnWire = value; }

    [JsonInclude, JsonPropertyName("allowAnonymousOnStateless")]
    internal bool AllowAnonymousOnStatelessOnWire { get; set; }

    /// <summary>Whether elements of this type are deleted (purged after 7 days) when the process ends.</summary>
    [JsonIgnore]
    public bool AutoDeleteOnProcessEnd { get => AutoDeleteOnProcessEndOnWire; init => AutoDeleteOnProcessEndOnWire = value; }

    [JsonInclude, JsonPropertyName("autoDeleteOnProcessEnd")]
    internal bool AutoDeleteOnProcessEndOnWire { get; set; }

    /// <summary>Whether only service owners may create elements of this type.</summary>
    [JsonIgnore]
    public bool DisallowUserCreate { get => DisallowUserCreateOnWire; init => DisallowUserCreateOnWire = value; }

    [JsonInclude, JsonPropertyName("disallowUserCreate")]
    internal bool DisallowUserCreateOnWire { get; set; }

    /// <summary>Whether only service owners may delete elements of this type.</summary>
    [JsonIgnore]
    public bool DisallowUserDelete { get => DisallowUserDeleteOnWire; init => DisallowUserDeleteOnWire = value; }

    [JsonInclude, JsonPropertyName("disallowUserDelete")]
    internal bool DisallowUserDeleteOnWire { get; set; }

    /// <summary>Shadow fields in the data model that are removed before the data is saved.</summary>
    [JsonIgnore]
    public ShadowFields? ShadowFields { get => ShadowFieldsOnWire; init => ShadowFieldsOnWire = value; }

    [JsonInclude, JsonPropertyName("shadowFields")]
    internal ShadowFields? ShadowFieldsOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>Fields of a form data model that are stripped (or saved to another type) on save.</summary>
public sealed record ShadowFields
{
    /// <summary>The name prefix that marks a shadow field.</summary>
    [JsonIgnore]
    public string? Prefix { get => PrefixOnWire; init => PrefixOnWire = value; }

    [JsonInclude, JsonPropertyName("prefix")]
    internal string? PrefixOnWire { get; set; }

    /// <summary>The data type to save the model without shadow fields to; <see langword="null"/> saves in place.</summary>
    [JsonIgnore]
    public string? SaveToDataType { get => SaveToDataTypeOnWire; init => SaveToDataTypeOnWire = value; }

    [JsonInclude, JsonPropertyName("saveToDataType")]
    internal string? SaveToDataTypeOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
