using System.Text.RegularExpressions;

namespace Altinn.Sdk;

/// <summary>
/// An Altinn 3 environment: where its platform APIs (Storage, Authentication, Events) and its apps live,
/// and which Maskinporten issues tokens for it.
/// </summary>
/// <remarks>
/// Every host the SDK talks to is derived from one environment, so a token minted for one environment is
/// never sent to another. Use the built-in environments (<see cref="Production"/>, <see cref="Tt02"/>, ...),
/// <see cref="Local(Uri, Uri?)"/> for an emulator or app-localtest, or <see cref="Custom"/>.
/// </remarks>
public sealed class AltinnEnvironment : IEquatable<AltinnEnvironment>
{
    private const string OrgPlaceholder = "{org}";
    private const string AppPlaceholder = "{app}";
    private static readonly Uri s_maskinportenProduction = new("https://maskinporten.no/");
    private static readonly Uri s_maskinportenTest = new("https://test.maskinporten.no/");

    private readonly string _appBaseUrlTemplate;
    private readonly Regex? _appHostPattern;

    private AltinnEnvironment(string name, Uri platformBaseUrl, string appBaseUrlTemplate, Uri? maskinportenIssuer)
    {
        Name = name;
        PlatformBaseUrl = platformBaseUrl;
        _appBaseUrlTemplate = appBaseUrlTemplate;
        MaskinportenIssuer = maskinportenIssuer;

        // Apps on their own host ({org}.apps.{hostname}): match any valid org code in that position.
        var sample = new Uri(Expand(new AppId("ttd", "app")));
        string hostTemplate = appBaseUrlTemplate.Substring(appBaseUrlTemplate.IndexOf("//", StringComparison.Ordinal) + 2);
        hostTemplate = hostTemplate.Substring(0, hostTemplate.IndexOfAny(['/', ':']) is var end and >= 0 ? end : hostTemplate.Length);
        if (hostTemplate.Contains(OrgPlaceholder))
        {
            string pattern = "^" + Regex.Escape(hostTemplate).Replace(Regex.Escape(OrgPlaceholder), "[a-z0-9æøå]+") + "$";
            _appHostPattern = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        }

        AppScheme = sample.Scheme;
        AppPort = sample.Port;
        AppHost = _appHostPattern is null ? sample.Host : null;
    }

    private string AppScheme { get; }
    private int AppPort { get; }
    private string? AppHost { get; }

    /// <summary>Production: <c>altinn.no</c>.</summary>
    public static AltinnEnvironment Production { get; } = Hosted("prod", "altinn.no", s_maskinportenProduction);

    /// <summary>TT02, the service owners' test environment: <c>tt02.altinn.no</c>.</summary>
    public static AltinnEnvironment Tt02 { get; } = Hosted("tt02", "tt02.altinn.no", s_maskinportenTest);

    /// <summary>AT22, an Altinn-internal acceptance environment: <c>at22.altinn.cloud</c>.</summary>
    public static AltinnEnvironment At22 { get; } = Hosted("at22", "at22.altinn.cloud", s_maskinportenTest);

    /// <summary>AT23, an Altinn-internal acceptance environment: <c>at23.altinn.cloud</c>.</summary>
    public static AltinnEnvironment At23 { get; } = Hosted("at23", "at23.altinn.cloud", s_maskinportenTest);

    /// <summary>AT24, an Altinn-internal acceptance environment: <c>at24.altinn.cloud</c>.</summary>
    public static AltinnEnvironment At24 { get; } = Hosted("at24", "at24.altinn.cloud", s_maskinportenTest);

    /// <summary>YT01, the performance test environment: <c>yt01.altinn.cloud</c>.</summary>
    public static AltinnEnvironment Yt01 { get; } = Hosted("yt01", "yt01.altinn.cloud", s_maskinportenTest);

    /// <summary>The environment's short name: <c>prod</c>, <c>tt02</c>, <c>at22</c>, ..., or the name given to a custom one.</summary>
    public string Name { get; }

    /// <summary>The platform base URL with a trailing slash, for example <c>https://platform.altinn.no/</c>.</summary>
    public Uri PlatformBaseUrl { get; }

    /// <summary>
    /// The Maskinporten issuer for this environment (the audience of a JWT grant), for example
    /// <c>https://test.maskinporten.no/</c>; <see langword="null"/> when the environment has none (a local one).
    /// </summary>
    public Uri? MaskinportenIssuer { get; }

    /// <summary>The Storage API base URL, <c>{platform}/storage/api/v1/</c>.</summary>
    public Uri StorageBaseUrl => new(PlatformBaseUrl, "storage/api/v1/");

    /// <summary>The Authentication API base URL, <c>{platform}/authentication/api/v1/</c>.</summary>
    public Uri AuthenticationBaseUrl => new(PlatformBaseUrl, "authentication/api/v1/");

    /// <summary>The Events API base URL, <c>{platform}/events/api/v1/</c>.</summary>
    public Uri EventsBaseUrl => new(PlatformBaseUrl, "events/api/v1/");

    /// <summary>
    /// The App API base URL of an app, with a trailing slash: <c>https://{org}.apps.{hostname}/{org}/{app}/</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="appId"/> is null.</exception>
    public Uri GetAppBaseUrl(AppId appId)
    {
        if (appId is null) throw new ArgumentNullException(nameof(appId));
        return new Uri(Expand(appId));
    }

    /// <summary>
    /// Whether an access token for this environment may be sent to <paramref name="uri"/>: the host is the
    /// platform host or an app host of this environment, and the scheme is HTTPS (plain HTTP only on loopback).
    /// </summary>
    public bool IsAltinnHost(Uri uri)
    {
        if (uri is null) throw new ArgumentNullException(nameof(uri));
        if (!uri.IsAbsoluteUri || !IsSecureOrLoopback(uri)) return false;

        if (SameAuthority(uri, PlatformBaseUrl.Scheme, PlatformBaseUrl.Host, PlatformBaseUrl.Port)) return true;
        if (uri.Scheme != AppScheme || uri.Port != AppPort) return false;
        return AppHost is not null
            ? string.Equals(uri.Host, AppHost, StringComparison.OrdinalIgnoreCase)
            : _appHostPattern!.IsMatch(uri.Host);
    }

    /// <summary>
    /// An environment where the platform and every app share one base URL, as the SDK's emulator and Altinn's
    /// app-localtest serve them: platform at <c>{baseUrl}</c>, apps at <c>{baseUrl}/{org}/{app}/</c>.
    /// </summary>
    /// <param name="baseUrl">The base URL; HTTPS, or HTTP on a loopback address.</param>
    /// <param name="maskinportenIssuer">A Maskinporten issuer to use with this environment, if any.</param>
    /// <exception cref="ArgumentException">The URL is not absolute, or is plain HTTP on a non-loopback host.</exception>
    public static AltinnEnvironment Local(Uri baseUrl, Uri? maskinportenIssuer = null)
    {
        if (baseUrl is null) throw new ArgumentNullException(nameof(baseUrl));
        Uri platform = WithTrailingSlash(baseUrl, nameof(baseUrl));
        return Custom("local", platform, platform.AbsoluteUri + "{org}/{app}/", maskinportenIssuer);
    }

    /// <summary>Creates an environment from explicit URLs.</summary>
    /// <param name="name">A short name used in logs and token caches.</param>
    /// <param name="platformBaseUrl">The platform base URL, for example <c>https://platform.example.no/</c>.</param>
    /// <param name="appBaseUrlTemplate">
    /// The App API base URL with <c>{org}</c> and <c>{app}</c> placeholders, for example
    /// <c>https://{org}.apps.example.no/{org}/{app}/</c>.
    /// </param>
    /// <param name="maskinportenIssuer">The Maskinporten issuer for the environment, if any.</param>
    /// <exception cref="ArgumentException">A URL is not absolute, is plain HTTP on a non-loopback host, or the template lacks a placeholder.</exception>
    public static AltinnEnvironment Custom(string name, Uri platformBaseUrl, string appBaseUrlTemplate, Uri? maskinportenIssuer = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("An environment needs a name.", nameof(name));
        if (platformBaseUrl is null) throw new ArgumentNullException(nameof(platformBaseUrl));
        if (appBaseUrlTemplate is null) throw new ArgumentNullException(nameof(appBaseUrlTemplate));
        Uri platform = WithTrailingSlash(platformBaseUrl, nameof(platformBaseUrl));

        if (!appBaseUrlTemplate.Contains(OrgPlaceholder) || !appBaseUrlTemplate.Contains(AppPlaceholder))
        {
            throw new ArgumentException(
                $"The app base URL template '{appBaseUrlTemplate}' must contain both {OrgPlaceholder} and {AppPlaceholder}, for example 'https://{{org}}.apps.example.no/{{org}}/{{app}}/'.",
                nameof(appBaseUrlTemplate));
        }

        string template = appBaseUrlTemplate.EndsWith("/", StringComparison.Ordinal) ? appBaseUrlTemplate : appBaseUrlTemplate + "/";
        string sample = template.Replace(OrgPlaceholder, "ttd").Replace(AppPlaceholder, "app");
        if (!Uri.TryCreate(sample, UriKind.Absolute, out var sampleUri))
        {
            throw new ArgumentException($"The app base URL template '{appBaseUrlTemplate}' is not an absolute URL.", nameof(appBaseUrlTemplate));
        }

        RequireSecureOrLoopback(sampleUri, nameof(appBaseUrlTemplate));
        if (maskinportenIssuer is not null)
        {
            maskinportenIssuer = WithTrailingSlash(maskinportenIssuer, nameof(maskinportenIssuer));
        }

        return new AltinnEnvironment(name, platform, template, maskinportenIssuer);
    }

    /// <summary>
    /// Parses an environment name (<c>prod</c>/<c>production</c>, <c>tt02</c>, <c>at22</c>, <c>at23</c>,
    /// <c>at24</c>, <c>yt01</c>, case-insensitive) or an absolute URL, which gives a <see cref="Local(Uri, Uri?)"/> environment.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="FormatException">The value is neither a known name nor a usable URL; the message lists the names.</exception>
    public static AltinnEnvironment Parse(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        if (TryParse(value, out var environment)) return environment;
        throw new FormatException(
            $"'{value}' is not an Altinn environment: use prod, tt02, at22, at23, at24, yt01, or an absolute URL (HTTPS, or HTTP on loopback).");
    }

    /// <summary>Tries to parse an environment name or URL; see <see cref="Parse"/>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out AltinnEnvironment? environment)
    {
        environment = value?.Trim().ToUpperInvariant() switch
        {
            "PROD" or "PRODUCTION" => Production,
            "TT02" => Tt02,
            "AT22" => At22,
            "AT23" => At23,
            "AT24" => At24,
            "YT01" => Yt01,
            _ => null,
        };
        if (environment is not null) return true;

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && IsSecureOrLoopback(uri))
        {
            // Local decides what a usable base URL is (no query or fragment, ...); here its refusal is a false.
            try
            {
                environment = Local(uri);
                return true;
            }
            catch (ArgumentException)
            {
                environment = null;
            }
        }

        return false;
    }

    /// <summary>Returns the environment's name.</summary>
    public override string ToString() => Name;

    /// <inheritdoc/>
    public bool Equals(AltinnEnvironment? other) =>
        other is not null
        && Name == other.Name
        && PlatformBaseUrl == other.PlatformBaseUrl
        && _appBaseUrlTemplate == other._appBaseUrlTemplate
        && MaskinportenIssuer == other.MaskinportenIssuer;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AltinnEnvironment);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name) ^ PlatformBaseUrl.GetHashCode();

    private static AltinnEnvironment Hosted(string name, string hostname, Uri maskinporten) =>
        new(name, new Uri($"https://platform.{hostname}/"), $"https://{{org}}.apps.{hostname}/{{org}}/{{app}}/", maskinporten);

    private string Expand(AppId appId) => _appBaseUrlTemplate.Replace(OrgPlaceholder, appId.Org).Replace(AppPlaceholder, appId.App);

    private static bool SameAuthority(Uri uri, string scheme, string host, int port) =>
        uri.Scheme == scheme && uri.Port == port && string.Equals(uri.Host, host, StringComparison.OrdinalIgnoreCase);

    private static bool IsSecureOrLoopback(Uri uri) => uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);

    private static void RequireSecureOrLoopback(Uri uri, string parameterName)
    {
        if (!IsSecureOrLoopback(uri))
        {
            throw new ArgumentException(
                $"'{uri.GetLeftPart(UriPartial.Authority)}' must use HTTPS: tokens are only sent over plain HTTP to loopback addresses.",
                parameterName);
        }
    }

    private static Uri WithTrailingSlash(Uri uri, string parameterName)
    {
        if (!uri.IsAbsoluteUri) throw new ArgumentException($"'{uri}' is not an absolute URL.", parameterName);
        RequireSecureOrLoopback(uri, parameterName);
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new ArgumentException($"A base URL has no query or fragment: '{uri.GetLeftPart(UriPartial.Path)}...'.", parameterName);
        }

        return uri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
