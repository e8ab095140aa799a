using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>The metadata of one piece of data in an instance: a form or an attached file.</summary>
public sealed partial record DataElement
{
    /// <summary>Creates an empty data element (read by the owner until Storage says otherwise).</summary>
    public DataElement()
    {
        // Set before reading, so JSON without isRead keeps the default true.
        IsRead = true;
    }

    /// <summary>The data element id.</summary>
    [JsonPropertyName("id")]
    public partial Guid Id { get; init; }

    /// <summary>The guid of the instance the element belongs to (the guid only, without the party id).</summary>
    [JsonPropertyName("instanceGuid")]
    public partial Guid InstanceGuid { get; init; }

    /// <summary>The id of the element's data type in the app metadata.</summary>
    [JsonPropertyName("dataType"), JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? DataType { get; init; }

    /// <summary>The file name; Storage URL-decodes it, so <c>+</c> and <c>%xx</c> in uploaded names are altered.</summary>
    [JsonPropertyName("filename")]
    public partial string? Filename { get; init; }

    /// <summary>The MIME type of the stored content.</summary>
    [JsonPropertyName("contentType"), JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? ContentType { get; init; }

    /// <summary>Where Storage keeps the blob, <c>{org}/{app}/{instanceGuid}/data/{id}</c>; may be absent.</summary>
    [JsonPropertyName("blobStoragePath")]
    public partial string? BlobStoragePath { get; init; }

    /// <summary>Links to the element in the App API and in Storage.</summary>
    [JsonPropertyName("selfLinks")]
    public partial ResourceLinks? SelfLinks { get; init; }

    /// <summary>The size of the content in bytes.</summary>
    [JsonPropertyName("size")]
    public partial long Size { get; init; }

    /// <summary>The base64 MD5 hash of the content, when known.</summary>
    [JsonPropertyName("contentHash")]
    public partial string? ContentHash { get; init; }

    /// <summary>Whether the element is locked; overwriting a locked element fails with 409.</summary>
    [JsonPropertyName("locked")]
    public partial bool Locked { get; init; }

    /// <summary>Ids of other data elements this element refers to (legacy; see <see cref="References"/>).</summary>
    [JsonPropertyName("refs")]
    public partial IReadOnlyList<Guid>? Refs { get; init; }

    /// <summary>
    /// Whether the owner has read the element; <see langword="false"/> after the app owner uploads it, until
    /// the owner reads it. Defaults to <see langword="true"/>.
    /// </summary>
    [JsonPropertyName("isRead")]
    public partial bool IsRead { get; init; }

    /// <summary>Tags on the element (letters, <c>-</c> and <c>_</c>).</summary>
    [JsonPropertyName("tags")]
    public partial IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Metadata users may edit.</summary>
    [JsonPropertyName("userDefinedMetadata")]
    public partial IReadOnlyList<KeyValueEntry>? UserDefinedMetadata { get; init; }

    /// <summary>Metadata controlled by the app.</summary>
    [JsonPropertyName("metadata")]
    public partial IReadOnlyList<KeyValueEntry>? Metadata { get; init; }

    /// <summary>Set when the element is marked for delayed deletion.</summary>
    [JsonPropertyName("deleteStatus")]
    public partial DeleteStatus? DeleteStatus { get; init; }

    /// <summary>The result of the malware scan.</summary>
    [JsonPropertyName("fileScanResult")]
    public partial FileScanResult FileScanResult { get; init; }

    /// <summary>Typed references to other elements or tasks, for example the task a PDF was generated from.</summary>
    [JsonPropertyName("references")]
    public partial IReadOnlyList<Reference>? References { get; init; }

    /// <summary>When the element was created (UTC).</summary>
    [JsonPropertyName("created")]
    public partial DateTimeOffset? Created { get; init; }

    /// <summary>Who created the element: a user id, or an organisation number (9 digits).</summary>
    [JsonPropertyName("createdBy"), JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? CreatedBy { get; init; }

    /// <summary>When the element was last changed (UTC).</summary>
    [JsonPropertyName("lastChanged")]
    public partial DateTimeOffset? LastChanged { get; init; }

    /// <summary>Who last changed the element: a user id, or an organisation number (9 digits).</summary>
    [JsonPropertyName("lastChangedBy"), JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? LastChangedBy { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A key and a value, as used in data element metadata.</summary>
public sealed partial record KeyValueEntry
{
    /// <summary>The key.</summary>
    [JsonPropertyName("key")]
    public partial string? Key { get; init; }

    /// <summary>The value.</summary>
    [JsonPropertyName("value")]
    public partial string? Value { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The delayed-deletion state of a data element.</summary>
public sealed partial record DeleteStatus
{
    /// <summary>
    /// Whether the element is hard-deleted: hidden from end users and purged by Storage about 7 days after
    /// <see cref="HardDeleted"/>.
    /// </summary>
    [JsonPropertyName("isHardDeleted")]
    public partial bool IsHardDeleted { get; init; }

    /// <summary>When the element was hard-deleted (UTC).</summary>
    [JsonPropertyName("hardDeleted")]
    public partial DateTimeOffset? HardDeleted { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A typed reference from a data element to another element or a task.</summary>
public sealed partial record Reference
{
    /// <summary>The referenced data element id or task id.</summary>
    [JsonPropertyName("value")]
    public partial string? Value { get; init; }

    /// <summary>How the element relates to the referenced thing.</summary>
    [JsonPropertyName("relation")]
    public partial ReferenceRelation? Relation { get; init; }

    /// <summary>What <see cref="Value"/> identifies.</summary>
    [JsonPropertyName("valueType")]
    public partial ReferenceValueType? ValueType { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
