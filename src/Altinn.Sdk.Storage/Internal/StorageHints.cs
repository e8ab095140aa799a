namespace Altinn.Sdk.Storage;

/// <summary>What a failed instance or data call may mean, for the exception's message.</summary>
internal static class StorageHints
{
    /// <summary>For an instance query.</summary>
    public static string? Query(int status) => status switch
    {
        403 => "An org token needs the scope altinn:serviceowner/instances.read, and querying another org's app needs read access to it; a user or system user must name the instance owner.",
        500 => "Storage answers 500 to an invalid date expression (the same operator twice on one date filter, or an unreadable date).",
        _ => null,
    };

    /// <summary>For reading an instance or a data element.</summary>
    public static string? Read(int status) => status switch
    {
        404 => "The instance (or data element) does not exist: it was never created, or it has been purged (a hard-deleted draft soon after the delete; an archived instance once the hard delete and the app owner's own complete confirmation are both 7 days old), or it is hard-deleted and the caller is not the app owner.",
        403 => "The caller may not do this: check the token's scopes and the app's policy.xml. Storage also answers 403 (not 404) for a missing instance on policy-guarded endpoints.",
        _ => null,
    };

    /// <summary>For a write to an instance.</summary>
    public static string? Write(int status) => Read(status);
}
