namespace Altinn.Sdk.Storage;

/// <summary>
/// The validated wire form of an <see cref="InstanceQuery"/>: the query string for
/// <c>GET {platform}/storage/api/v1/instances?{QueryString}</c> and the optional owner header.
/// </summary>
public sealed class InstanceQueryRequest
{
    internal InstanceQueryRequest(string queryString, string? instanceOwnerIdentifierHeader)
    {
        QueryString = queryString;
        InstanceOwnerIdentifierHeader = instanceOwnerIdentifierHeader;
    }

    /// <summary>
    /// The query string without the leading <c>?</c>, for example
    /// <c>appId=ttd/apps-test&amp;created=lte:2020-09-30&amp;process.currentTask=Task_1</c>; every value is URL-encoded once.
    /// </summary>
    public string QueryString { get; }

    /// <summary>
    /// The value of the <see cref="InstanceOwnerIdentifier.HeaderName"/> header (<c>person:{11 digits}</c> or
    /// <c>organisation:{9 digits}</c>), or <see langword="null"/> when the query names no owner that way.
    /// It may contain a national identity number: do not log it.
    /// </summary>
    public string? InstanceOwnerIdentifierHeader { get; }

    /// <summary>Returns <see cref="QueryString"/> (the header value is left out, since it may be personal data).</summary>
    public override string ToString() => QueryString;
}
