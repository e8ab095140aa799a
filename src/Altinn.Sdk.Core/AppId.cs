using System.Text.RegularExpressions;

namespace Altinn.Sdk;

/// <summary>
/// Identifies an Altinn app as <c>{org}/{app}</c>, for example <c>ttd/apps-test</c>.
/// </summary>
/// <remarks>
/// Validated with the rules Altinn Storage applies when apps are registered: the org is lower-case letters
/// (including æ, ø, å) and digits starting with a letter; the app name may also contain <c>-</c>.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Models.AppIdJsonConverter))]
public sealed class AppId : IEquatable<AppId>
{
    // Storage's registration rules: org ^[a-zæøå][a-zæåø0-9]*$, app ^[a-zæøå][a-zæøå0-9\-]*$.
    // Anchored with \z: '$' also matches before a final line break, which would let "ttd/app\n" through.
    private static readonly Regex s_org = new("^[a-zæøå][a-zæøå0-9]*\\z", RegexOptions.CultureInvariant);
    private static readonly Regex s_app = new("^[a-zæøå][a-zæøå0-9-]*\\z", RegexOptions.CultureInvariant);

    /// <summary>Creates an app id from its two parts.</summary>
    /// <param name="org">The app owner's org code, for example <c>ttd</c>.</param>
    /// <param name="app">The app name, for example <c>apps-test</c>.</param>
    /// <exception cref="ArgumentException">A part does not follow Altinn's naming rules.</exception>
    public AppId(string org, string app)
    {
        ValidateOrg(org);
        if (app is null) throw new ArgumentNullException(nameof(app));
        if (!s_app.IsMatch(app))
        {
            throw new ArgumentException(
                $"'{app}' is not a valid Altinn app name: use lower-case letters, digits and '-', starting with a letter.",
                nameof(app));
        }

        Org = org;
        App = app;
    }

    private AppId(string org, string app, bool validated)
    {
        _ = validated;
        Org = org;
        App = app;
    }

    /// <summary>The app owner's org code, for example <c>ttd</c>.</summary>
    public string Org { get; }

    /// <summary>The app name, for example <c>apps-test</c>.</summary>
    public string App { get; }

    /// <summary>Parses <c>{org}/{app}</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a valid app id; the message says why.</exception>
    public static AppId Parse(string value)
    {
        if (value is null) throw new ArgumentNullException(nameof(value));
        return TryParse(value, out var appId, out var error) ? appId : throw new FormatException(error);
    }

    /// <summary>Tries to parse <c>{org}/{app}</c>.</summary>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid app id.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out AppId? result)
        => TryParse(value, out result, out _);

    /// <summary>Throws when <paramref name="org"/> is not a valid Altinn org code.</summary>
    /// <exception cref="ArgumentException">The org code does not follow Altinn's naming rules.</exception>
    public static void ValidateOrg(string org, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(org))] string? parameterName = null)
    {
        if (org is null) throw new ArgumentNullException(parameterName);
        if (!s_org.IsMatch(org))
        {
            throw new ArgumentException(
                $"'{org}' is not a valid Altinn org code: use lower-case letters and digits, starting with a letter.",
                parameterName);
        }
    }

    private static bool TryParse(string? value, [NotNullWhen(true)] out AppId? result, out string error)
    {
        result = null;
        if (string.IsNullOrEmpty(value))
        {
            error = "An app id must not be empty; expected '{org}/{app}', for example 'ttd/apps-test'.";
            return false;
        }

        int slash = value!.IndexOf('/');
        if (slash < 0 || slash != value.LastIndexOf('/'))
        {
            error = $"'{value}' is not a valid app id: expected exactly one '/' as in '{{org}}/{{app}}', for example 'ttd/apps-test'.";
            return false;
        }

        string org = value.Substring(0, slash);
        string app = value.Substring(slash + 1);
        if (!s_org.IsMatch(org))
        {
            error = $"'{value}' is not a valid app id: the org '{org}' must be lower-case letters and digits, starting with a letter.";
            return false;
        }

        if (!s_app.IsMatch(app))
        {
            error = $"'{value}' is not a valid app id: the app name '{app}' must be lower-case letters, digits and '-', starting with a letter.";
            return false;
        }

        result = new AppId(org, app, validated: true);
        error = string.Empty;
        return true;
    }

    /// <summary>Returns <c>{org}/{app}</c>.</summary>
    public override string ToString() => Org + "/" + App;

    /// <inheritdoc/>
    public bool Equals(AppId? other) => other is not null && Org == other.Org && App == other.App;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as AppId);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>Compares two app ids by value.</summary>
    public static bool operator ==(AppId? left, AppId? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Compares two app ids by value.</summary>
    public static bool operator !=(AppId? left, AppId? right) => !(left == right);
}
