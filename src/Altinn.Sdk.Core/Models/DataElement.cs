using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Altinn.Sdk.Models;

/// <summary>The metadata of one piece of data in an instance: a form or an attached file.</summary>
public sealed record DataElement
{
    private bool _isRead = true;

    /// <summary>The data element id.</summary>
    public Guid Id { get; init; }

    /// <summary>The guid of the instance the element belongs to (the guid only, without the party id).</summary>
    public Guid InstanceGuid { get; init; }

    /// <summary>The id of the element's data type in the app metadata.</summary>
    public string? DataType { get; init; }

    /// <summary>The file name; Storage URL-decodes it, so <c>+</c> and <c>%xx</c> in uploaded names are altered.</summary>
    public string? Filename { get; init; }

    /// <summary>The MIME type of the stored content.</summary>
    public string? ContentType { get; init; }

    /// <summary>Where Storage keeps the blob, <c>{org}/{app}/{instanceGuid}/data/{id}</c>; may be absent.</summary>
    public string? BlobStoragePath { get; init; }

    /// <summary>Links to the element in the App API and in Storage.</summary>
    public ResourceLinks? SelfLinks { get; init; }

    /// <summary>The size of the content in bytes.</summary>
    public long Size { get; init; }

    /// <summary>The base64 MD5 hash of the content, when known.</summary>
    public string? ContentHash { get; init; }

    /// <summary>Whether the element is locked; overwriting a locked element fails with 409.</summary>
    public bool Locked { get; init; }

    /// <summary>Ids of other data elements this element refers to (legacy; see <see cref="References"/>).</summary>
    public IReadOnlyList<Guid>? Refs { get; init; }

    /// <summary>
    /// Whether the owner has read the element; <see langword="false"/> after the app owner uploads it, until
    /// the owner reads it. Defaults to <see langword="true"/>.
    /// </summary>
    [JsonIgnore]
    public bool IsRead { get => _isRead; init => _isRead = value; }

    // The source generator passes default(bool) for an absent init-only property, which would turn the
    // default true into false; a settable wire property is only assigned when the JSON has it.
    [JsonInclude]
    [JsonPropertyName("isRead")]
    internal bool IsReadOnWire { get => _isRead; set => _isRead = value; }

    /// <summary>Tags on the element (letters, <c>-</c> and <c>_</c>).</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Metadata users may edit.</summary>
    public IReadOnlyList<KeyValueEntry>? UserDefinedMetadata { get; init; }

    /// <summary>Metadata controlled by the app.</summary>
    public IReadOnlyList<KeyValueEntry>? Metadata { get; init; }

    /// <summary>Set when the element is marked for delayed deletion.</summary>
    public DeleteStatus? DeleteStatus { get; init; }

    /// <summary>The result of the malware scan.</summary>
    public FileScanResult FileScanResult { get; init; }

    /// <summary>Typed references to other elements or tasks, for example the task a PDF was generated from.</summary>
    public IReadOnlyList<Reference>? References { get; init; }

    /// <summary>When the element was created (UTC).</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>Who created the element: a user id, or an organisation number (9 digits).</summary>
    public string? CreatedBy { get; init; }

    /// <summary>When the element was last changed (UTC).</summary>
    public DateTimeOffset? LastChanged { get; init; }

    /// <summary>Who last changed the element: a user id, or an organisation number (9 digits).</summary>
    public string? LastChangedBy { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A key and a value, as used in data element metadata.</summary>
public sealed record KeyValueEntry
{
    /// <summary>The key.</summary>
    public string? Key { get; init; }

    /// <summary>The value.</summary>
    public string? Value { get; init; }

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
    public bool IsHardDeleted { get; init; }

    /// <summary>When the element was hard-deleted (UTC).</summary>
    public DateTimeOffset? HardDeleted { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A typed reference from a data element to another element or a task.</summary>
public sealed record Reference
{
    /// <summary>The referenced data element id or task id.</summary>
    public string? Value { get; init; }

    /// <summary>How the element relates to the referenced thing.</summary>
    public ReferenceRelation? Relation { get; init; }

    /// <summary>What <see cref="Value"/> identifies.</summary>
    public ReferenceValueType? ValueType { get; init; }

    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
