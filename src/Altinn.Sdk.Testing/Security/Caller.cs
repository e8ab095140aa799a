namespace Altinn.Sdk.Testing.Security;

/// <summary>Who is calling, read from a validated token: an org (app owner), a user, or a system user.</summary>
internal sealed class Caller
{
    /// <summary>Storage's service-owner read scope.</summary>
    public const string InstancesRead = "altinn:serviceowner/instances.read";

    /// <summary>Storage's service-owner write scope.</summary>
    public const string InstancesWrite = "altinn:serviceowner/instances.write";

    private Caller(JsonElement claims)
    {
        Claims = claims;
        Org = String(claims, "urn:altinn:org");
        OrgNumber = String(claims, "urn:altinn:orgNumber");
        UserId = Int(claims, "urn:altinn:userid");
        PartyId = Int(claims, "urn:altinn:partyid");
        AuthenticationLevel = Int(claims, "urn:altinn:authlevel") ?? 0;
        Scopes = (String(claims, "scope") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (claims.TryGetProperty("authorization_details", out var details) && details.ValueKind == JsonValueKind.Array)
        {
            foreach (var detail in details.EnumerateArray())
            {
                if (String(detail, "type") != "urn:altinn:systemuser") continue;
                if (detail.TryGetProperty("systemuser_id", out var ids) && ids.ValueKind == JsonValueKind.Array && ids.GetArrayLength() > 0
                    && Guid.TryParse(ids[0].GetString(), out var id))
                {
                    SystemUserId = id;
                }

                if (detail.TryGetProperty("systemuser_org", out var org))
                {
                    string? identifier = String(org, "ID");
                    SystemUserOrgNumber = identifier?.StartsWith("0192:", StringComparison.Ordinal) == true ? identifier[5..] : identifier;
                }
            }
        }
    }

    /// <summary>The token's claims.</summary>
    public JsonElement Claims { get; }

    /// <summary>The service-owner org code (<c>urn:altinn:org</c>), for app owners.</summary>
    public string? Org { get; }

    /// <summary>The organisation number (<c>urn:altinn:orgNumber</c>).</summary>
    public string? OrgNumber { get; }

    /// <summary>The user id, for a person.</summary>
    public int? UserId { get; }

    /// <summary>The person's own party id.</summary>
    public int? PartyId { get; }

    /// <summary>The authentication level.</summary>
    public int AuthenticationLevel { get; }

    /// <summary>The scopes.</summary>
    public IReadOnlySet<string> Scopes { get; }

    /// <summary>The system user's id, for a system-user token.</summary>
    public Guid? SystemUserId { get; }

    /// <summary>The customer organisation the system user acts for.</summary>
    public string? SystemUserOrgNumber { get; }

    /// <summary>An app owner: the token carries <c>urn:altinn:org</c>.</summary>
    public bool IsOrg => Org is not null;

    /// <summary>A system user acting for a customer organisation.</summary>
    public bool IsSystemUser => SystemUserId is not null;

    /// <summary>A person.</summary>
    public bool IsUser => UserId is not null;

    /// <summary>What Altinn writes in <c>createdBy</c>/<c>lastChangedBy</c>: user id, system-user owner org number, or org number.</summary>
    public string ActorId => UserId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? SystemUserOrgNumber ?? OrgNumber ?? Org ?? string.Empty;

    /// <summary>Whether the token carries a scope.</summary>
    public bool HasScope(string scope) => Scopes.Contains(scope);

    /// <summary>Reads a caller from validated claims.</summary>
    public static Caller FromClaims(JsonElement claims) => new(claims);

    private static string? String(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) ? n
            : value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), out int s) ? s : null
            : null;
}
