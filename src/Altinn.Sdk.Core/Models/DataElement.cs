using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>The metadata of one piece of data in an instance: a form or an attached file.</summary>
public sealed record DataElement
{
    /// <summary>The data element id.</summary>
    [JsonIgnore]
    public Guid Id { get => IdOnWire; init => IdOnWire = value; }

    [JsonInclude, JsonPropertyName("id")]
    internal Guid IdOnWire { get; set; }

    /// <summary>The guid of the instance the element belongs to (the guid only, without the party id).</summary>
    [JsonIgnore]
    public Guid InstanceGuid { get => InstanceGuidOnWire; init => InstanceGuidOnWire = value; }

    [JsonInclude, JsonPropertyName("instanceGuid")]
    internal Guid InstanceGuidOnWire { get; set; }

    /// <summary>The id of the element's data type in the app metadata.</summary>
    [JsonIgnore]
    public string? DataType { get => DataTypeOnWire; init => DataTypeOnWire = value; }

    [JsonInclude, JsonPropertyName("dataType"), JsonConverter(typeof(RepeatedStringConverter))]
    internal string? DataTypeOnWire { get; set; }

    /// <summary>The file name; Storage URL-decodes it, so <c>+</c> and <c>%xx</c> in uploaded names are altered.</summary>
    [JsonIgnore]
    public string? Filename { get => FilenameOnWire; init => FilenameOnWire = value; }

    [JsonInclude, JsonPropertyName("filename")]
    internal string? FilenameOnWire { get; set; }

    /// <summary>The MIME type of the stored content.</summary>
    [JsonIgnore]
    public string? ContentType { get => ContentTypeOnWire; init => ContentTypeOnWire = value; }

    [JsonInclude, JsonPropertyName("contentType"), JsonConverter(typeof(RepeatedStringConverter))]
    internal string? ContentTypeOnWire { get; set; }

    /// <summary>Where Storage keeps the blob, <c>{org}/{app}/{instanceGuid}/data/{id}</c>; may be absent.</summary>
    [JsonIgnore]
    public string? BlobStoragePath { get => BlobStoragePathOnWire; init => BlobStoragePathOnWire = value; }

    [JsonInclude, JsonPropertyName("blobStoragePath")]
    internal string? BlobStoragePathOnWire { get; set; }

    /// <summary>Links to the element in the App API and in Storage.</summary>
    [JsonIgnore]
    public ResourceLinks? SelfLinks { get => SelfLinksOnWire; init => SelfLinksOnWire = value; }

    [JsonInclude, JsonPropertyName("selfLinks")]
    internal ResourceLinks? SelfLinksOnWire { get; set; }

    /// <summary>The size of the content in bytes.</summary>
    [JsonIgnore]
    public long Size { get => SizeOnWire; init => SizeOnWire = value; }

    [JsonInclude, JsonPropertyName("size")]
    internal long SizeOnWire { get; set; }

    /// <summary>The base64 MD5 hash of the content, when known.</summary>
    [JsonIgnore]
    public string? ContentHash { get => ContentHashOnWire; init => ContentHashOnWire = value; }

    [JsonInclude, JsonPropertyName("contentHash")]
    internal string? ContentHashOnWire { get; set; }

    /// <summary>Whether the element is locked; overwriting a locked element fails with 409.</summary>
    [JsonIgnore]
    public bool Locked { get => LockedOnWire; init => LockedOnWire = value; }

    [JsonInclude, JsonPropertyName("locked")]
    internal bool LockedOnWire { get; set; }

    /// <summary>Ids of other data elements this element refers to (legacy; see <see cref="References"/>).</summary>
    [JsonIgnore]
    public IReadOnlyList<Guid>? Refs { get => RefsOnWire; init => RefsOnWire = value; }

    [JsonInclude, JsonPropertyName("refs")]
    internal IReadOnlyList<Guid>? RefsOnWire { get; set; }

    /// <summary>
    /// Whether the owner has read the element; <see langword="false"/> after the app owner uploads it, until
    /// the owner reads it. Defaults to <see langword="true"/>.
    /// </summary>
    [JsonIgnore]
    public bool IsRead { get => IsReadOnWire; init => IsReadOnWire = value; }

    // Only assigned when the JSON has it, so an absent value keeps the default true.
    [JsonInclude, JsonPropertyName("isRead")]
    internal bool IsReadOnWire { get; set; } = true;

    /// <summary>Tags on the element (letters, <c>-</c> and <c>_</c>).</summary>
    [JsonIgnore]
    public IReadOnlyList<string>? Tags { get => TagsOnWire; init => TagsOnWire = value; }

    [JsonInclude, JsonPropertyName("tags")]
    internal IReadOnlyList<string>? TagsOnWire { get; set; }

    /// <summary>Metadata users may edit.</summary>
    [JsonIgnore]
    public IReadOnlyList<KeyValueEntry>? UserDefinedMetadata { get => UserDefinedMetadataOnWire; init => UserDefinedMetadataOnWire = value; }

    [JsonInclude, JsonPropertyName("userDefinedMetadata")]
    internal IReadOnlyList<KeyValueEntry>? UserDefinedMetadataOnWire { get; set; }

    /// <summary>Metadata controlled by the app.</summary>
    [JsonIgnore]
    public IReadOnlyList<KeyValueEntry>? Metadata { get => MetadataOnWire; init => MetadataOnWire = value; }

    [JsonInclude, JsonPropertyName("metadata")]
    internal IReadOnlyList<KeyValueEntry>? MetadataOnWire { get; set; }

    /// <summary>Set when the element is marked for delayed deletion.</summary>
    [JsonIgnore]
    public DeleteStatus? DeleteStatus { get => DeleteStatusOnWire; init => DeleteStatusOnWire = value; }

    [JsonInclude, JsonPropertyName("deleteStatus")]
    internal DeleteStatus? DeleteStatusOnWire { get; set; }

    /// <summary>The result of the malware scan.</summary>
    [JsonIgnore]
    public FileScanResult FileScanResult { get => FileScanResultOnWire; init => FileScanResultOnWire = value; }

    [JsonInclude, JsonPropertyName("fileScanResult")]
    internal FileScanResult FileScanResultOnWire { get; set; }

    /// <summary>Typed references to other elements or tasks, for example the task a PDF was generated from.</summary>
    [JsonIgnore]
    public IReadOnlyList<Reference>? References { get => ReferencesOnWire; init => ReferencesOnWire = value; }

    [JsonInclude, JsonPropertyName("references")]
    internal IReadOnlyList<Reference>? ReferencesOnWire { get; set; }

    /// <summary>When the element was created (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset? Created { get => CreatedOnWire; init => CreatedOnWire = value; }

    [JsonInclude, JsonPropertyName("created")]
    internal DateTimeOffset? CreatedOnWire { get; set; }

    /// <summary>Who created the element: a user id, or an organisation number (9 digits).</summary>
    [JsonIgnore]
    public string? CreatedBy { get => CreatedByOnWire; init => CreatedByOnWire = value; }

    [JsonInclude, JsonPropertyName("createdBy"), JsonConverter(typeof(RepeatedStringConverter))]
    internal string? CreatedByOnWire { get; set; }

    /// <summary>When the element was last changed (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset? LastChanged { get => LastChangedOnWire; init => LastChangedOnWire = value; }

    [JsonInclude, JsonPropertyName("lastChanged")]
    internal DateTimeOffset? LastChangedOnWire { get; set; }

    /// <summary>Who last changed the element: a user id, or an organisation number (9 digits).</summary>
    [JsonIgnore]
    public string? LastChangedBy { get => LastChangedByOnWire; init => LastChangedByOnWire = value; }

    [JsonInclude, JsonPropertyName("lastChangedBy"), JsonConverter(typeof(RepeatedStringConverter))]
    internal string? LastChangedByOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A key and a value, as used in data element metadata.</summary>
public sealed record KeyValueEntry
{
    /// <summary>The key.</summary>
    [JsonIgnore]
    public string? Key { get => KeyOnWire; init => KeyOnWire = value; }

    [JsonInclude, JsonPropertyName("key")]
    internal string? KeyOnWire { get; set; }

    /// <summary>The value.</summary>
    [JsonIgnore]
    public string? Value { get => ValueOnWire; init => ValueOnWire = value; }

    [JsonInclude, JsonPropertyName("value")]
    internal string? ValueOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The delayed-deletion state of a data element.</summary>
public sealed record DeleteStatus
{
    /// <summary>
    /// Whether the element is hard-deleted: hidden from end users and purged by Storage about 7 days after
    /// <see cref="HardDeleted"/>.
    /// </summary>
    [JsonIgnore]
    public bool IsHardDeleted { get => IsHardDeletedOnWire; init => IsHardDeletedOnWire = value; }

    [JsonInclude, JsonPropertyName("isHardDeleted")]
    internal bool IsHardDeletedOnWire { get; set; }

    /// <summary>When the element was hard-deleted (UTC).</summary>
    [JsonIgnore]
    public DateTimeOffset? HardDeleted { get => HardDeletedOnWire; init => HardDeletedOnWire = value; }

    [JsonInclude, JsonPropertyName("hardDeleted")]
    internal DateTimeOffset? HardDeletedOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A typed reference from a data element to another element or a task.</summary>
public sealed record Reference
{
    /// <summary>The referenced data element id or task id.</summary>
    [JsonIgnore]
    public string? Value { get => ValueOnWire; init => ValueOnWire = value; }

    [JsonInclude, JsonPropertyName("value")]
    internal string? ValueOnWire { get; set; }

    /// <summary>How the element relates to the referenced thing.</summary>
    [JsonIgnore]
    public ReferenceRelation? Relation { get => RelationOnWire; init => RelationOnWire = value; }

    [JsonInclude, JsonPropertyName("relation")]
    internal ReferenceRelation? RelationOnWire { get; set; }

    /// <summary>What <see cref="Value"/> identifies.</summary>
    [JsonIgnore]
    public ReferenceValueType? ValueType { get => ValueTypeOnWire; init => ValueTypeOnWire = value; }

    [JsonInclude, JsonPropertyName("valueType")]
    internal ReferenceValueType? ValueTypeOnWire { get; set; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
