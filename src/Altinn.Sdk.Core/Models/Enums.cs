namespace Altinn.Sdk.Models;

/// <summary>
/// Whether the instance owner has seen an instance. Storage writes the name, the App API the number.
/// </summary>
[JsonConverter(typeof(ReadStatusConverter))]
public enum ReadStatus
{
    /// <summary>Not opened by the owner yet (<c>0</c>); instances created by the app owner start here.</summary>
    Unread = 0,

    /// <summary>Opened by the owner (<c>1</c>).</summary>
    Read = 1,

    /// <summary>Changed since the owner last looked at it (<c>2</c>).</summary>
    UpdatedSinceLastReview = 2,
}

/// <summary>The result of the malware scan of a data element.</summary>
[JsonConverter(typeof(FileScanResultConverter))]
public enum FileScanResult
{
    /// <summary>No scan applies: the data type does not have <c>enableFileScan</c> (<c>0</c>, the default).</summary>
    NotApplicable = 0,

    /// <summary>The scan has not finished (<c>1</c>).</summary>
    Pending = 1,

    /// <summary>The scan found nothing (<c>2</c>).</summary>
    Clean = 2,

    /// <summary>The scan found malware (<c>3</c>).</summary>
    Infected = 3,
}

/// <summary>How a <see cref="Reference"/> relates a data element to the referenced thing.</summary>
[JsonConverter(typeof(ReferenceRelationConverter))]
public enum ReferenceRelation
{
    /// <summary>The data element was generated from the referenced element or task (<c>0</c>).</summary>
    GeneratedFrom = 0,
}

/// <summary>What the <see cref="Reference.Value"/> of a reference identifies.</summary>
[JsonConverter(typeof(ReferenceValueTypeConverter))]
public enum ReferenceValueType
{
    /// <summary>The value is a data element id (<c>0</c>).</summary>
    DataElement = 0,

    /// <summary>The value is a process task id (<c>1</c>).</summary>
    Task = 1,
}

/// <summary>The kind of party in Altinn Register; the App API writes it as a number.</summary>
[JsonConverter(typeof(PartyTypeConverter))]
public enum PartyType
{
    /// <summary>A person with a national identity number (<c>1</c>).</summary>
    Person = 1,

    /// <summary>An organisation with an organisation number (<c>2</c>).</summary>
    Organisation = 2,

    /// <summary>A self-identified user without a national identity number (<c>3</c>).</summary>
    SelfIdentified = 3,

    /// <summary>A sub-unit of an organisation (<c>4</c>).</summary>
    SubUnit = 4,

    /// <summary>A bankruptcy estate (<c>5</c>).</summary>
    BankruptcyEstate = 5,
}

internal sealed class ReadStatusConverter : WireEnumConverter<ReadStatus>
{
    public ReadStatusConverter()
        : base(
            nameof(ReadStatus),
            (ReadStatus.Unread, "Unread", 0),
            (ReadStatus.Read, "Read", 1),
            (ReadStatus.UpdatedSinceLastReview, "UpdatedSinceLastReview", 2))
    {
    }
}

internal sealed class FileScanResultConverter : WireEnumConverter<FileScanResult>
{
    public FileScanResultConverter()
        : base(
            nameof(FileScanResult),
            (FileScanResult.NotApplicable, "NotApplicable", 0),
            (FileScanResult.Pending, "Pending", 1),
            (FileScanResult.Clean, "Clean", 2),
            (FileScanResult.Infected, "Infected", 3))
    {
    }
}

internal sealed class ReferenceRelationConverter : WireEnumConverter<ReferenceRelation>
{
    public ReferenceRelationConverter()
        : base(nameof(ReferenceRelation), (ReferenceRelation.GeneratedFrom, "GeneratedFrom", 0))
    {
    }
}

internal sealed class ReferenceValueTypeConverter : WireEnumConverter<ReferenceValueType>
{
    public ReferenceValueTypeConverter()
        : base(
            nameof(ReferenceValueType),
            (ReferenceValueType.DataElement, "DataElement", 0),
            (ReferenceValueType.Task, "Task", 1))
    {
    }
}

internal sealed class PartyTypeConverter : WireEnumConverter<PartyType>
{
    public PartyTypeConverter()
        : base(
            nameof(PartyType),
            (PartyType.Person, "Person", 1),
            (PartyType.Organisation, "Organisation", 2),
            (PartyType.SelfIdentified, "SelfIdentified", 3),
            (PartyType.SubUnit, "SubUnit", 4),
            (PartyType.BankruptcyEstate, "BankruptcyEstate", 5))
    {
    }
}
