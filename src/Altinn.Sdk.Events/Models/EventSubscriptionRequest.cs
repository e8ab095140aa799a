using System.Net;

namespace Altinn.Sdk.Events;

/// <summary>
/// A new webhook subscription: where Events should POST the events, and which events. Give a
/// <see cref="SourceFilter"/> (an app) or a <see cref="ResourceFilter"/> (any resource); the other filters narrow it.
/// Leave an unused filter <see langword="null"/>.
/// </summary>
/// <remarks>
/// <see cref="EventSubscriptionsClient.CreateAsync(EventSubscriptionRequest, AltinnRequestOptions?, System.Threading.CancellationToken)"/>
/// checks the rules Events applies (and a few mistakes Events accepts silently) before anything is sent.
/// </remarks>
public sealed record EventSubscriptionRequest
{
    /// <summary>The prefix of every resource URN.</summary>
    internal const string ResourcePrefix = "urn:altinn:resource:";

    /// <summary>The prefix of an app's resource URN, followed by <c>{org}_{app}</c>.</summary>
    internal const string AppResourcePrefix = ResourcePrefix + "app_";

    /// <summary>Creates a subscription request for an endpoint.</summary>
    /// <param name="endPoint">
    /// Where Events POSTs the events: an absolute <c>https</c> URL whose certificate is publicly trusted (plain
    /// <c>http</c> only to a loopback address of a local environment such as the emulator).
    /// </param>
    public EventSubscriptionRequest(Uri endPoint)
    {
        EndPoint = endPoint;
    }

    /// <summary>Where Events POSTs the events.</summary>
    public Uri EndPoint { get; init; }

    /// <summary>
    /// An app's URL, <c>https://{org}.apps.{env}/{org}/{app}</c> without a trailing <c>/</c>; events whose
    /// <c>source</c> starts with it match. Events derives <see cref="ResourceFilter"/> from it.
    /// </summary>
    public Uri? SourceFilter { get; init; }

    /// <summary>
    /// The resource, <c>urn:altinn:resource:…</c> (an app: <c>urn:altinn:resource:app_{org}_{app}</c>); exact match.
    /// A non-app resource needs the scope <c>altinn:events.subscribe</c>.
    /// </summary>
    public string? ResourceFilter { get; init; }

    /// <summary>The exact subject, for example <c>/party/50001337</c>.</summary>
    public string? SubjectFilter { get; init; }

    /// <summary>
    /// App subscriptions only: <c>/person/{ssn}</c>, <c>/org/{orgno}</c> or <c>/organisation/{orgno}</c>. Events turns
    /// it into a <c>/party/{id}</c> subject filter and does not store it. Not together with <see cref="SubjectFilter"/>.
    /// </summary>
    public string? AlternativeSubjectFilter { get; init; }

    /// <summary>The exact event type, for example <c>app.instance.process.completed</c>; one value, no wildcards.</summary>
    public string? TypeFilter { get; init; }

    /// <summary>Also events about the subject's subunits; needs a subject filter.</summary>
    public bool IncludeSubunits { get; init; }

    /// <summary>Checks the request as Events would, plus the filters Events accepts but that can never match.</summary>
    /// <exception cref="ArgumentException">The request breaks a rule; the message says which and why.</exception>
    internal void Validate(AltinnEnvironment environment)
    {
        const string Name = "subscription";
        if (EndPoint is null) throw ArgumentErrors.Invalid("The subscription needs an endpoint (EndPoint).", Name);
        RequireWebUrl(EndPoint, nameof(EndPoint), environment);

        if (SourceFilter is not null)
        {
            RequireWebUrl(SourceFilter, nameof(SourceFilter), environment);
            string text = SourceFilter.OriginalString;
            if (text.EndsWith("/", StringComparison.Ordinal))
            {
                throw ArgumentErrors.Invalid(
                    $"SourceFilter '{text}' ends with '/'; Events requires the app URL without it, for example 'https://ttd.apps.tt02.altinn.no/ttd/my-app'.", Name);
            }

            if (!string.IsNullOrEmpty(SourceFilter.Query) || !string.IsNullOrEmpty(SourceFilter.Fragment))
            {
                throw ArgumentErrors.Invalid($"SourceFilter '{text}' has a query or fragment; give the app URL only.", Name);
            }
        }

        if (ResourceFilter is not null)
        {
            if (!ResourceFilter.StartsWith(ResourcePrefix, StringComparison.Ordinal) || ResourceFilter.Length == ResourcePrefix.Length || ResourceFilter.Trim() != ResourceFilter)
            {
                throw ArgumentErrors.Invalid(
                    $"ResourceFilter '{ResourceFilter}' is not a resource URN: it must start with '{ResourcePrefix}', for example '{AppResourcePrefix}ttd_my-app'.", Name);
            }
        }

        if (SourceFilter is null && ResourceFilter is null)
        {
            throw ArgumentErrors.Invalid("The subscription needs a SourceFilter (an app's URL) or a ResourceFilter (a resource URN).", Name);
        }

        bool isApp = ResourceFilter is null || ResourceFilter.StartsWith(AppResourcePrefix, StringComparison.Ordinal);
        if (!isApp && SourceFilter is not null)
        {
            throw ArgumentErrors.Invalid(
                $"SourceFilter is for app subscriptions only; '{ResourceFilter}' is not an app resource ('{AppResourcePrefix}{{org}}_{{app}}'). Leave SourceFilter null.", Name);
        }

        if (SourceFilter is not null && ResourceFilter is not null && AppResourceOf(SourceFilter) is { } derived && derived != ResourceFilter)
        {
            throw ArgumentErrors.Invalid(
                $"SourceFilter '{SourceFilter.OriginalString}' names the resource '{derived}', but ResourceFilter is '{ResourceFilter}'; Events requires them to agree. Give one of them.", Name);
        }

        RequireNullOrText(SubjectFilter, nameof(SubjectFilter));
        RequireNullOrText(TypeFilter, nameof(TypeFilter));
        RequireNullOrText(AlternativeSubjectFilter, nameof(AlternativeSubjectFilter));

        if (TypeFilter is not null && (TypeFilter.Contains("%") || TypeFilter.Contains("*")))
        {
            throw ArgumentErrors.Invalid(
                $"TypeFilter '{TypeFilter}' has a wildcard; subscriptions match the type exactly (one value). Subscribe to each type, or filter in your handler.", Name);
        }

        if (AlternativeSubjectFilter is not null)
        {
            if (!isApp)
            {
                throw ArgumentErrors.Invalid("AlternativeSubjectFilter is for app subscriptions only; use SubjectFilter for other resources.", Name);
            }

            if (!(AlternativeSubjectFilter.StartsWith("/person/", StringComparison.Ordinal)
                || AlternativeSubjectFilter.StartsWith("/org/", StringComparison.Ordinal)
                || AlternativeSubjectFilter.StartsWith("/organisation/", StringComparison.Ordinal)))
            {
                throw ArgumentErrors.Invalid(
                    "AlternativeSubjectFilter must be '/person/{national identity number}', '/org/{organisation number}' or '/organisation/{organisation number}'.", Name);
            }

            if (SubjectFilter is not null)
            {
                throw ArgumentErrors.Invalid(
                    "Give SubjectFilter or AlternativeSubjectFilter, not both: Events turns the alternative subject into a subject filter.", Name);
            }
        }

        if (IncludeSubunits && SubjectFilter is null && AlternativeSubjectFilter is null)
        {
            throw ArgumentErrors.Invalid("IncludeSubunits needs a subject: set SubjectFilter or AlternativeSubjectFilter.", Name);
        }
    }

    /// <summary>The app resource URN an app URL <c>…/{org}/{app}</c> stands for, or null when the path is not two segments.</summary>
    internal static string? AppResourceOf(Uri source)
    {
        string[] segments = source.AbsolutePath.Trim('/').Split('/');
        return segments.Length >= 2 ? $"{AppResourcePrefix}{segments[segments.Length - 2]}_{segments[segments.Length - 1]}" : null;
    }

    private static void RequireWebUrl(Uri url, string property, AltinnEnvironment environment)
    {
        const string Name = "subscription";
        if (!url.IsAbsoluteUri)
        {
            throw ArgumentErrors.Invalid($"{property} '{url.OriginalString}' is not an absolute URL.", Name);
        }

        if (url.Scheme == Uri.UriSchemeHttps) return;
        if (url.Scheme == Uri.UriSchemeHttp && IsLoopback(url) && IsLoopback(environment.PlatformBaseUrl)) return;
        throw ArgumentErrors.Invalid(
            $"{property} '{url.OriginalString}' must be an https URL: Events only calls https endpoints with a publicly trusted certificate "
            + "(plain http is accepted only for a loopback address in a local environment such as the emulator).",
            Name);
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address));

    private static void RequireNullOrText(string? value, string property)
    {
        if (value is not null && value.Trim().Length == 0)
        {
            throw ArgumentErrors.Invalid(
                $"{property} is empty. Events accepts an empty filter but then matches nothing; leave it null to match everything.", "subscription");
        }
    }
}
