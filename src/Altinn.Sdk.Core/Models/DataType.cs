namespace Altinn.Sdk.Models;

/// <summary>
/// A kind of data an app accepts: a form (with <see cref="AppLogic"/> and a <c>classRef</c>) or an attachment.
/// </summary>
/// <remarks>
/// The Altinn services drop properties inside data types that they do not know (for example
/// <c>allowInSubform</c>); this model keeps them.
/// </remarks>
public sealed partial record DataType
{
    /// <summary>Creates an empty data type (with PDF creation enabled, Altinn's default).</summary>
    public DataType()
    {
        // Set before reading, so JSON without enablePdfCreation keeps the default true.
        EnablePdfCreation = true;
    }

    /// <summary>The data type id, unique within the app (normally lower-case letters, digits and <c>-</c>; legacy ids may be guids).</summary>
    public partial string? Id { get; init; }

    /// <summary>A description by language code (<c>nb</c>, <c>nn</c>, <c>en</c>).</summary>
    public partial IReadOnlyDictionary<string, string>? Description { get; init; }

    /// <summary>The MIME types accepted for uploads; <see langword="null"/> or empty accepts any type.</summary>
    public partial IReadOnlyList<string>? AllowedContentTypes { get; init; }

    /// <summary>The obsolete spelling of <see cref="AllowedContributors"/>; Altinn still checks it first.</summary>
    [Obsolete("Altinn's misspelled predecessor of AllowedContributors; read both, write AllowedContributors.")]
    public partial IReadOnlyList<string>? AllowedContributers { get; init; }

    /// <summary>
    /// Who may write elements of this type: <c>org:{org}</c> or <c>orgno:{organisationNumber}</c> entries, always
    /// service owners. <see langword="null"/> or empty means anyone the policy allows.
    /// </summary>
    public partial IReadOnlyList<string>? AllowedContributors { get; init; }

    /// <summary>An extra policy action the caller needs to read elements of this type.</summary>
    public partial string? ActionRequiredToRead { get; init; }

    /// <summary>An extra policy action the caller needs to write elements of this type.</summary>
    public partial string? ActionRequiredToWrite { get; init; }

    /// <summary>App logic of a form type; <see langword="null"/> for a binary (attachment) type.</summary>
    public partial ApplicationLogic? AppLogic { get; init; }

    /// <summary>The process task where elements of this type are created and edited.</summary>
    public partial string? TaskId { get; init; }

    /// <summary>The largest accepted upload in <b>megabytes</b> (×1024×1024 bytes); <see langword="null"/> is unlimited.</summary>
    public partial int? MaxSize { get; init; }

    /// <summary>
    /// The most elements of this type an instance may have. Absent (<see langword="null"/>) means the app did
    /// not say; 0 or less means unbounded. Altinn documents a default of 1, but its model reads a missing value as 0.
    /// </summary>
    public partial int? MaxCount { get; init; }

    /// <summary>
    /// The fewest elements of this type the task needs. Absent (<see langword="null"/>) means the app did not
    /// say; 0 or less means optional.
    /// </summary>
    public partial int? MinCount { get; init; }

    /// <summary>A group name or text resource key used to group attachments in the UI.</summary>
    public partial string? Grouping { get; init; }

    /// <summary>Whether a PDF is generated for this form type at the end of its task. Defaults to <see langword="true"/>.</summary>
    public partial bool EnablePdfCreation { get; init; }

    /// <summary>Whether uploads of this type are scanned for malware.</summary>
    public partial bool EnableFileScan { get; init; }

    /// <summary>Whether a pending malware scan is a validation error that blocks the task.</summary>
    public partial bool ValidationErrorOnPendingFileScan { get; init; }

    /// <summary>The ids of the file analysers the app runs on uploads of this type.</summary>
    public partial IReadOnlyList<string>? EnabledFileAnalysers { get; init; }

    /// <summary>The ids of the file validators the app runs on uploads of this type.</summary>
    public partial IReadOnlyList<string>? EnabledFileValidators { get; init; }

    /// <summary>The keys users may set in <see cref="DataElement.UserDefinedMetadata"/>; <see langword="null"/> or empty allows any key.</summary>
    public partial IReadOnlyList<string>? AllowedKeysForUserDefinedMetadata { get; init; }

    /// <summary><see langword="true"/> when this is a form type (<c>appLogic.classRef</c> is set), else an attachment type.</summary>
    [JsonIgnore]
    public bool IsFormData => AppLogic?.ClassRef is not null;
}

/// <summary>How the app handles a form data type.</summary>
public sealed partial record ApplicationLogic
{
    /// <summary>Whether the app creates (and prefills) an element of this type when its task starts.</summary>
    public partial bool? AutoCreate { get; init; }

    /// <summary>The C# class of the form's data model; set means the type holds form data.</summary>
    public partial string? ClassRef { get; init; }

    /// <summary>A reference to the data model's schema.</summary>
    public partial string? SchemaRef { get; init; }

    /// <summary>Whether the type may be used through the anonymous stateless endpoints.</summary>
    public partial bool AllowAnonymousOnStateless { get; init; }

    /// <summary>Whether elements of this type are deleted (purged after 7 days) when the process ends.</summary>
    public partial bool AutoDeleteOnProcessEnd { get; init; }

    /// <summary>Whether only service owners may create elements of this type.</summary>
    public partial bool DisallowUserCreate { get; init; }

    /// <summary>Whether only service owners may delete elements of this type.</summary>
    public partial bool DisallowUserDelete { get; init; }

    /// <summary>Shadow fields in the data model that are removed before the data is saved.</summary>
    public partial ShadowFields? ShadowFields { get; init; }
}

/// <summary>Fields of a form data model that are stripped (or saved to another type) on save.</summary>
public sealed partial record ShadowFields
{
    /// <summary>The name prefix that marks a shadow field.</summary>
    public partial string? Prefix { get; init; }

    /// <summary>The data type to save the model without shadow fields to; <see langword="null"/> saves in place.</summary>
    public partial string? SaveToDataType { get; init; }
}
