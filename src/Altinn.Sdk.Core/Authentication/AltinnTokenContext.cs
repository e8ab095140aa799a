namespace Altinn.Sdk.Authentication;

/// <summary>
/// Everything that decides which token a request needs: the environment, the scopes, and optionally a
/// Maskinporten resource, a consumer organisation and a system user. Equal contexts share one cached token.
/// </summary>
public sealed class AltinnTokenContext : IEquatable<AltinnTokenContext>
{
    /// <summary>Creates a token context.</summary>
    /// <param name="environment">The Altinn environment the token is for.</param>
    /// <param name="scopes">The scopes to ask for; order and duplicates do not matter.</param>
    /// <param name="resource">An optional Maskinporten <c>resource</c> (audience restriction).</param>
    /// <param name="consumerOrganisation">An optional 9-digit organisation number that delegated the scopes (Maskinporten <c>consumer_org</c>).</param>
    /// <param name="systemUser">An optional system user to act as (a customer organisation's system user).</param>
    /// <exception cref="ArgumentException">A scope is empty or contains whitespace, or the organisation number is not 9 digits.</exception>
    public AltinnTokenContext(
        AltinnEnvironment environment,
        IEnumerable<string> scopes,
        string? resource = null,
        string? consumerOrganisation = null,
        SystemUserContext? systemUser = null)
    {
        Environment = environment ?? throw new ArgumentNullException(nameof(environment));
        if (scopes is null) throw new ArgumentNullException(nameof(scopes));
        var list = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string scope in scopes)
        {
            if (string.IsNullOrWhiteSpace(scope) || scope.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"'{scope}' is not a valid scope: scopes are single words such as 'altinn:serviceowner/instances.read'.", nameof(scopes));
            }

            list.Add(scope);
        }

        Scopes = list.ToArray();
        if (resource is not null && string.IsNullOrWhiteSpace(resource))
        {
            throw new ArgumentException("A resource must not be blank; pass null for none.", nameof(resource));
        }

        Resource = resource;
        ConsumerOrganisation = consumerOrganisation is null ? null : OrganisationNumber.Validate(consumerOrganisation, nameof(consumerOrganisation));
        SystemUser = systemUser;
    }

    /// <summary>The Altinn environment the token is for.</summary>
    public AltinnEnvironment Environment { get; }

    /// <summary>The scopes, sorted and without duplicates.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>The scopes as Maskinporten expects them: separated by single spaces.</summary>
    public string ScopeString => string.Join(" ", Scopes);

    /// <summary>The Maskinporten <c>resource</c>, if any.</summary>
    public string? Resource { get; }

    /// <summary>The organisation number that delegated the scopes (Maskinporten <c>consumer_org</c>), if any.</summary>
    public string? ConsumerOrganisation { get; }

    /// <summary>The system user to act as, if any.</summary>
    public SystemUserContext? SystemUser { get; }

    /// <summary>Returns a copy acting as another system user (or none).</summary>
    public AltinnTokenContext WithSystemUser(SystemUserContext? systemUser) =>
        new(Environment, Scopes, Resource, ConsumerOrganisation, systemUser);

    /// <summary>Returns a copy with other scopes.</summary>
    public AltinnTokenContext WithScopes(IEnumerable<string> scopes) =>
        new(Environment, scopes, Resource, ConsumerOrganisation, SystemUser);

    /// <inheritdoc/>
    public bool Equals(AltinnTokenContext? other) =>
        other is not null
        && Environment.Equals(other.Environment)
        && Scopes.SequenceEqual(other.Scopes, StringComparer.Ordinal)
        && Resource == other.Resource
        && ConsumerOrganisation == other.ConsumerOrganisation
        && Equals(SystemUser, other.SystemUser);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AltinnTokenContext);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int hash = Environment.GetHashCode();
        foreach (string scope in Scopes) hash = (hash * 31) + StringComparer.Ordinal.GetHashCode(scope);
        hash = (hash * 31) + (Resource is null ? 0 : StringComparer.Ordinal.GetHashCode(Resource));
        hash = (hash * 31) + (ConsumerOrganisation is null ? 0 : StringComparer.Ordinal.GetHashCode(ConsumerOrganisation));
        return (hash * 31) + (SystemUser?.GetHashCode() ?? 0);
    }

    /// <summary>Describes the context (environment, scopes, resource, system user); contains no secret.</summary>
    public override string ToString() =>
        $"{Environment.Name} [{ScopeString}]" + (Resource is null ? string.Empty : $" resource={Resource}") + (SystemUser is null ? string.Empty : $" {SystemUser}");
}
