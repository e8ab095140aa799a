namespace Altinn.Sdk.Models;

/// <summary>Whether and how a new instance may be created as a copy of an archived one.</summary>
public sealed partial record CopyInstanceSettings
{
    /// <summary>Whether copying is allowed.</summary>
    public partial bool Enabled { get; init; }

    /// <summary>Data types left out of the copy.</summary>
    public partial IReadOnlyList<string>? ExcludedDataTypes { get; init; }

    /// <summary>Data model fields cleared in the copy.</summary>
    public partial IReadOnlyList<string>? ExcludedDataFields { get; init; }

    /// <summary>Whether attachments are copied too.</summary>
    public partial bool IncludeAttachments { get; init; }
}
