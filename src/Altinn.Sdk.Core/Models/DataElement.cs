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
    public partial Guid Id { get; init; }

    /// <summary>The guid of the instance the element belongs to (the guid only, without the party id).</summary>
    public partial Guid InstanceGuid { get; init; }

    /// <summary>The id of the element's data type in the app metadata.</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? DataType { get; init; }

    /// <summary>The file name; Storage URL-decodes it, so <c>+</c> and <c>%xx</c> in uploaded names are altered.</summary>
    public partial string? Filename { get; init; }

    /// <summary>The MIME type of the stored content.</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? ContentType { get; init; }

    /// <summary>Where Storage keeps the blob, <c>{org}/{app}/{instanceGuid}/data/{id}</c>; may be absent.</summary>
    public partial string? BlobStoragePath { get; init; }

    /// <summary>Links to the element in the App API and in Storage.</summary>
    public partial ResourceLinks? SelfLinks { get; init; }

    /// <summary>The size of the content in bytes.</summary>
    public partial long Size { get; init; }

    /// <summary>The base64 MD5 hash of the content, when known.</summary>
    public partial string? ContentHash { get; init; }

    /// <summary>Whether the element is locked; overwriting a locked element fails with 409.</summary>
    public partial bool Locked { get; init; }

    /// <summary>Ids of other data elements this element refers to (legacy; see <see cref="References"/>).</summary>
    public partial IReadOnlyList<Guid>? Refs { get; init; }

    /// <summary>
    /// Whether the owner has read the element; <see langword="false"/> after the app owner uploads it, until
    /// the owner reads it. Defaults to <see langword="true"/>.
    /// </summary>
    public partial bool IsRead { get; init; }

    /// <summary>Tags on the element (letters, <c>-</c> and <c>_</c>).</summary>
    public partial IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Metadata users may edit.</summary>
    public partial IReadOnlyList<KeyValueEntry>? UserDefinedMetadata { get; init; }

    /// <summary>Metadata controlled by the app.</summary>
    public partial IReadOnlyList<KeyValueEntry>? Metadata { get; init; }

    /// <summary>Set when the element is marked for delayed deletion.</summary>
    public partial DeleteStatus? DeleteStatus { get; init; }

    /// <summary>The result of the malware scan.</summary>
    public partial FileScanResult FileScanResult { get; init; }

    /// <summary>Typed references to other elements or tasks, for example the task a PDF was generated from.</summary>
    public partial IReadOnlyList<Reference>? References { get; init; }

    /// <summary>When the element was created (UTC).</summary>
    public partial DateTimeOffset? Created { get; init; }

    /// <summary>Who created the element: a user id, or an organisation number (9 digits).</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? CreatedBy { get; init; }

    /// <summary>When the element was last changed (UTC).</summary>
    public partial DateTimeOffset? LastChanged { get; init; }

    /// <summary>Who last changed the element: a user id, or an organisation number (9 digits).</summary>
    [JsonConverter(typeof(RepeatedStringConverter))]
    public partial string? LastChangedBy { get; init; }
}

/// <summary>A key and a value, as used in data element metadata.</summary>
public sealed partial record KeyValueEntry
{
    /// <summary>The key.</summary>
    public partial string? Key { get; init; }

    /// <summary>The value.</summary>
    public partial string? Value { get; init; }
}

/// <summary>The delayed-deletion state of a data element.</summary>
public sealed partial record DeleteStatus
{
    /// <summary>
    /// Whether the element is hard-deleted: hidden from end users and purged by Storage about 7 days after
    /// <see cref="HardDeleted"/>.
    /// </summary>
    public partial bool IsHardDeleted { get; init; }

    /// <summary>When the element was hard-deleted (UTC).</summary>
    public partial DateTimeOffset? HardDeleted { get; init; }
}

/// <summary>A typed reference from a data element to another element or a task.</summary>
public sealed partial record Reference
{
    /// <summary>The referenced data element id or task id.</summary>
    public partial string? Value { get; init; }

    /// <summary>How the element relates to the referenced thing.</summary>
    public partial ReferenceRelation? Relation { get; init; }

    /// <summary>What <see cref="Value"/> identifies.</summary>
    public partial ReferenceValueType? ValueType { get; init; }
}
