using Microsoft.Extensions.Configuration;

namespace Altinn.Sdk;

/// <summary>
/// One source of Altinn settings: a configuration section, the environment variables, a profile of the config file, or
/// the <c>altinn</c> tool's command line. All spell a setting by the same key (<c>Maskinporten:ClientId</c>, case
/// insensitive); the library and the tool read them with this one class.
/// </summary>
internal sealed class AltinnSettingsSource(string description, Dictionary<string, string> values, Func<string, string> nameOf, string? folder, List<string> problems)
{
    /// <summary>Every setting; a key not listed is reported (a misspelling would otherwise go unnoticed).</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "Environment",
        "Scopes",
        "Token",
        "ExchangeToAltinnToken",
        "UseTestOrganisation",
        "Profile",
        "MaxRetries",
        "MaxResponseBytes",
        "AttemptTimeout",
        "TotalTimeout",
        "ReadIdleTimeout",
        "Maskinporten:ClientId",
        "Maskinporten:Jwk",
        "Maskinporten:JwkPath",
        "Maskinporten:KeyPath",
        "Maskinporten:KeyId",
        "Maskinporten:CertificatePath",
        "Maskinporten:CertificatePassword",
        "Maskinporten:CertificateThumbprint",
        "Maskinporten:SendCertificateChain",
        "Maskinporten:Issuer",
        "Maskinporten:Resource",
        "Maskinporten:ConsumerOrganisation",
        "SystemUser:OrganisationNumber",
        "SystemUser:ExternalReference",
    ];

    /// <summary>The settings that make up the credential: taken whole from one source, never mixed from two.</summary>
    private static readonly HashSet<string> s_credentialKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "Token", "ExchangeToAltinnToken", "UseTestOrganisation", "Maskinporten:ClientId", "Maskinporten:Jwk", "Maskinporten:JwkPath",
        "Maskinporten:KeyPath", "Maskinporten:KeyId", "Maskinporten:CertificatePath", "Maskinporten:CertificatePassword",
        "Maskinporten:CertificateThumbprint", "Maskinporten:SendCertificateChain", "Maskinporten:Issuer",
    };

    private readonly Dictionary<string, string> _values = values;
    private readonly Func<string, string> _nameOf = nameOf;
    private readonly string? _folder = folder;

    /// <summary>Where the settings come from, for messages: <c>the environment variables</c>.</summary>
    public string Description { get; } = description;

    /// <summary>Unknown keys and unreadable files, reported at start.</summary>
    public List<string> Problems { get; } = problems;

    /// <summary>Whether this source names a credential: a token or a Maskinporten client.</summary>
    public bool NamesCredential => Has("Token") || Has("Maskinporten:ClientId");

    public bool Has(string key) => _values.ContainsKey(key);

    public string? Get(string key) => _values.TryGetValue(key, out string? value) ? value : null;

    /// <summary>How this source spells a setting: <c>Altinn:Maskinporten:KeyId</c>, <c>ALTINN__MASKINPORTEN__KEYID</c>.</summary>
    public string NameOf(string key) => _nameOf(key);

    /// <summary>The settings under a configuration section: <paramref name="configuration"/> itself when it is a section, else its <c>Altinn</c> section.</summary>
    public static AltinnSettingsSource FromConfiguration(IConfiguration configuration)
    {
        IConfigurationSection section = configuration as IConfigurationSection ?? configuration.GetSection(AltinnOptions.SectionName);
        string path = section.Path;
        return FromPairs($"the configuration section '{path}'", section.AsEnumerable(makePathsRelative: true), key => path + ":" + key, folder: null);
    }

    /// <summary>The settings in <c>ALTINN__*</c> environment variables: <c>Maskinporten:ClientId</c> is <c>ALTINN__MASKINPORTEN__CLIENTID</c>.</summary>
    public static AltinnSettingsSource FromEnvironmentVariables(Func<string, string?> getVariable)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        foreach (string key in Keys)
        {
            pairs.Add(new(key, getVariable(VariableName(key))));
            if (key == "Scopes")
            {
                // ALTINN__SCOPES__0, __1, ...: the list form of the configuration providers.
                for (int i = 0; getVariable(VariableName("Scopes:" + i)) is { } scope; i++) pairs.Add(new("Scopes:" + i, scope));
            }
        }

        return FromPairs("the environment variables", pairs, VariableName, folder: null);
    }

    /// <summary>
    /// A profile of a config file: the JSON object's own settings are the profile <c>default</c>; <c>profiles</c> holds
    /// named ones (<c>{"profiles": {"tt02-archive": {...}}}</c>).
    /// </summary>
    public static AltinnSettingsSource FromConfigFile(string path, string profile)
    {
        string description = $"profile '{profile}' of the config file '{path}'";
        string NameOf(string key) => $"'{key.Replace(':', '.')}' in {description}";
        var problems = new List<string>();
        var pairs = new List<KeyValuePair<string, string?>>();
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"The config file '{path}' must hold a JSON object, for example {{\"environment\": \"tt02\"}}.");
            }
            else
            {
                bool hasProfiles = root.TryGetProperty("profiles", out JsonElement profiles) && profiles.ValueKind == JsonValueKind.Object;
                if (hasProfiles && profiles.TryGetProperty(profile, out JsonElement named))
                {
                    if (named.ValueKind == JsonValueKind.Object) Flatten(named, prefix: string.Empty, pairs, problems, NameOf, skipProfiles: false);
                    else problems.Add($"Profile '{profile}' of the config file '{path}' must be a JSON object.");
                }
                else if (string.Equals(profile, "default", StringComparison.Ordinal))
                {
                    Flatten(root, prefix: string.Empty, pairs, problems, NameOf, skipProfiles: true); // the file's own settings
                }
                else
                {
                    string known = hasProfiles ? string.Join(", ", profiles.EnumerateObject().Select(p => p.Name)) : "none";
                    problems.Add($"The config file '{path}' has no profile '{profile}' (under \"profiles\"; the profiles are: {known}).");
                }
            }
        }
        catch (JsonException e)
        {
            problems.Add($"The config file '{path}' is not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"The config file '{path}' cannot be read: {e.Message}");
        }

        var source = FromPairs(description, pairs, NameOf, Path.GetDirectoryName(Path.GetFullPath(path)));
        source.Problems.InsertRange(0, problems);
        return source;
    }

    /// <summary>Settings given as key and value pairs (keys relative to the Altinn section, lists as <c>Scopes:0</c>).</summary>
    public static AltinnSettingsSource FromPairs(string description, IEnumerable<KeyValuePair<string, string?>> pairs, Func<string, string> nameOf, string? folder)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        var scopes = new List<string>();
        var listed = new SortedDictionary<int, string>(); // Scopes:0, Scopes:1, ... come in no particular order
        foreach (var pair in pairs)
        {
            string key = pair.Key;
            string? value = pair.Value;
            if (value is null) continue; // a section: its children are listed themselves
            if (key.StartsWith("Scopes:", StringComparison.OrdinalIgnoreCase) && int.TryParse(key.Substring(7), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                listed[index] = value;
                continue;
            }

            string? known = Keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                problems.Add($"{nameOf(key)} is not a setting{Suggestion(key)}; the settings are: {string.Join(", ", Keys)}.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(value)) continue;
            if (known == "Scopes") scopes.AddRange(SplitScopes(value));
            else values[known] = value.Trim();
        }

        foreach (string value in listed.Values) scopes.AddRange(SplitScopes(value));
        if (scopes.Count > 0) values["Scopes"] = string.Join(" ", scopes);
        return new AltinnSettingsSource(description, values, nameOf, folder, problems);
    }

    /// <summary>The environment variable for a setting: <c>Maskinporten:ClientId</c> is <c>ALTINN__MASKINPORTEN__CLIENTID</c>.</summary>
    public static string VariableName(string key) => "ALTINN__" + key.Replace(":", "__").ToUpperInvariant();

    /// <summary>
    /// Writes this source's settings into <paramref name="options"/>. With <paramref name="onlyUnset"/>, a setting already
    /// set there stays; the credential settings are written only when <paramref name="credential"/> is set.
    /// </summary>
    public void Apply(AltinnOptions options, bool credential, bool onlyUnset)
    {
        var mp = options.Maskinporten;
        foreach (var pair in _values)
        {
            string key = pair.Key;
            string value = pair.Value;
            if (s_credentialKeys.Contains(key) && !credential) continue;
            bool set = key switch
            {
                "Environment" => Set(options.Environment, v => options.Environment = v),
                "Scopes" => !(onlyUnset && options.Scopes.Count > 0) && SetScopes(options, value),
                "Token" => Set(options.Token, v => options.Token = v),
                "ExchangeToAltinnToken" => SetFlag(options, key, value, v => options.ExchangeToAltinnToken = v),
                "UseTestOrganisation" => SetFlag(options, key, value, v => options.UseTestOrganisation = v),
                "Profile" => Set(options.Profile, v => options.Profile = v),
                "MaxRetries" => !(onlyUnset && options.MaxRetries != new AltinnOptions().MaxRetries) && SetNumber(options, key, value, v => options.MaxRetries = v),
                "MaxResponseBytes" => !(onlyUnset && options.MaxResponseBytes != new AltinnOptions().MaxResponseBytes) && SetNumber(options, key, value, v => options.MaxResponseBytes = v),
                "AttemptTimeout" => !(onlyUnset && options.AttemptTimeout != new AltinnOptions().AttemptTimeout) && SetDuration(options, key, value, v => options.AttemptTimeout = v),
                "TotalTimeout" => !(onlyUnset && options.TotalTimeout != new AltinnOptions().TotalTimeout) && SetDuration(options, key, value, v => options.TotalTimeout = v),
                "ReadIdleTimeout" => !(onlyUnset && options.ReadIdleTimeout != new AltinnOptions().ReadIdleTimeout) && SetDuration(options, key, value, v => options.ReadIdleTimeout = v),
                "Maskinporten:ClientId" => Set(mp.ClientId, v => mp.ClientId = v),
                "Maskinporten:Jwk" => Set(mp.Jwk, v => mp.Jwk = v),
                "Maskinporten:JwkPath" => Set(mp.JwkPath, v => mp.JwkPath = FullPath(v)),
                "Maskinporten:KeyPath" => Set(mp.KeyPath, v => mp.KeyPath = FullPath(v)),
                "Maskinporten:KeyId" => Set(mp.KeyId, v => mp.KeyId = v),
                "Maskinporten:CertificatePath" => Set(mp.CertificatePath, v => mp.CertificatePath = FullPath(v)),
                "Maskinporten:CertificatePassword" => Set(mp.CertificatePassword, v => mp.CertificatePassword = v),
                "Maskinporten:CertificateThumbprint" => Set(mp.CertificateThumbprint, v => mp.CertificateThumbprint = v),
                "Maskinporten:SendCertificateChain" => SetFlag(options, key, value, v => mp.SendCertificateChain = v),
                "Maskinporten:Issuer" => Set(mp.Issuer, v => mp.Issuer = v),
                "Maskinporten:Resource" => Set(mp.Resource, v => mp.Resource = v),
                "Maskinporten:ConsumerOrganisation" => Set(mp.ConsumerOrganisation, v => mp.ConsumerOrganisation = v),
                "SystemUser:OrganisationNumber" => Set(options.SystemUser.OrganisationNumber, v => options.SystemUser.OrganisationNumber = v),
                "SystemUser:ExternalReference" => Set(options.SystemUser.ExternalReference, v => options.SystemUser.ExternalReference = v),
                _ => false,
            };
            if (set) options.Names[key] = NameOf(key);

            bool Set(string? current, Action<string> write)
            {
                if (onlyUnset && !string.IsNullOrWhiteSpace(current)) return false;
                write(value);
                return true;
            }
        }

        options.Problems.AddRange(Problems);
    }

    private static bool SetScopes(AltinnOptions options, string value)
    {
        options.Scopes.Clear();
        foreach (string scope in SplitScopes(value)) options.Scopes.Add(scope);
        return true;
    }

    private bool SetFlag(AltinnOptions options, string key, string value, Action<bool> write)
    {
        if (bool.TryParse(value, out bool flag)) write(flag);
        else options.Problems.Add($"{NameOf(key)} must be true or false, not '{value}'.");
        return true;
    }

    private bool SetDuration(AltinnOptions options, string key, string value, Action<TimeSpan> write)
    {
        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out TimeSpan duration)) write(duration);
        else options.Problems.Add($"{NameOf(key)} must be a duration such as 00:01:40 (hours:minutes:seconds), not '{value}'.");
        return true;
    }

    private bool SetNumber(AltinnOptions options, string key, string value, Action<int> write)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number)) write(number);
        else options.Problems.Add($"{NameOf(key)} must be a whole number, not '{value}'.");
        return true;
    }

    /// <summary>A file path: <c>~/</c> is the user's home; a relative path in a config file is taken from the file's folder.</summary>
    private string FullPath(string value)
    {
        if (value.StartsWith("~/", StringComparison.Ordinal) || value.StartsWith("~\\", StringComparison.Ordinal))
        {
            value = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), value.Substring(2));
        }

        return _folder is null || Path.IsPathRooted(value) ? value : Path.Combine(_folder, value);
    }

    private static string[] SplitScopes(string value) => value.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);

    private static string Suggestion(string key)
    {
        string leaf = key.Substring(key.LastIndexOf(':') + 1);
        string? close = Keys.FirstOrDefault(k => Distance(k.Substring(k.LastIndexOf(':') + 1).ToUpperInvariant(), leaf.ToUpperInvariant()) <= 2);
        return close is null ? string.Empty : $" (did you mean {close}?)";
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int previous = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }

    private static void Flatten(JsonElement element, string prefix, List<KeyValuePair<string, string?>> pairs, List<string> problems, Func<string, string> nameOf, bool skipProfiles)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (skipProfiles && prefix.Length == 0 && property.NameEquals("profiles")) continue;
            string key = prefix + property.Name;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    Flatten(property.Value, key + ":", pairs, problems, nameOf, skipProfiles: false);
                    break;
                case JsonValueKind.Array:
                    int i = 0;
                    foreach (JsonElement item in property.Value.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.String) pairs.Add(new($"{key}:{i++}", item.GetString()));
                        else problems.Add($"{nameOf(key)} must be a list of strings.");
                    }

                    break;
                case JsonValueKind.Null:
                    break;
                case JsonValueKind.String:
                    pairs.Add(new(key, property.Value.GetString()));
                    break;
                default:
                    pairs.Add(new(key, property.Value.GetRawText()));
                    break;
            }
        }
    }
}

/// <summary>
/// Completes settings as <c>DefaultAzureCredential</c> completes a credential: what the given settings leave unset is
/// taken from the environment variables, then from a profile of <c>~/.altinn/config.json</c>. The credential comes whole
/// from the first of them that names one; each place looked at is remembered for the message when none does.
/// </summary>
internal sealed class AltinnSettingsChain(Func<string, string?> getVariable, string? homeFolder)
{
    /// <summary>The process's environment variables and the user's home folder.</summary>
    public static AltinnSettingsChain Default { get; } = new(
        System.Environment.GetEnvironmentVariable,
        System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? home : null);

    /// <summary>The default config file: <c>~/.altinn/config.json</c>, or null when there is no home folder.</summary>
    public string? DefaultConfigFile => homeFolder is null ? null : Path.Combine(homeFolder, ".altinn", "config.json");

    /// <summary>Completes <paramref name="options"/> (once).</summary>
    /// <param name="options">The settings given explicitly (configuration, code, or the tool's command line).</param>
    /// <param name="credentialRegistered">Whether a credential is registered in code, so none is looked for.</param>
    /// <param name="configFile">A config file named explicitly (<c>altinn --config</c>), which must exist.</param>
    /// <param name="given">What the given settings were searched for, for the message when no credential is found.</param>
    public void Complete(AltinnOptions options, bool credentialRegistered, string? configFile = null, string? given = null)
    {
        if (options.Chained) return;
        options.Chained = true;
        bool haveCredential = credentialRegistered || !string.IsNullOrWhiteSpace(options.Token) || !string.IsNullOrWhiteSpace(options.Maskinporten.ClientId);
        if (!haveCredential) options.Searched.Add(given ?? $"{options.NameOf("Token")} or {options.NameOf("Maskinporten:ClientId")} in the given settings");

        var variables = AltinnSettingsSource.FromEnvironmentVariables(getVariable);
        Fill(options, variables, ref haveCredential);

        string profile = options.Profile ?? "default";
        string? path = configFile ?? DefaultConfigFile;
        if (configFile is not null && !File.Exists(configFile))
        {
            options.Problems.Add($"The config file '{configFile}' does not exist.");
        }
        else if (path is not null && File.Exists(path))
        {
            Fill(options, AltinnSettingsSource.FromConfigFile(path, profile), ref haveCredential);
        }
        else
        {
            if (options.Profile is not null) options.Problems.Add($"{options.NameOf("Profile")} names profile '{profile}', but there is no config file {path ?? "~/.altinn/config.json"}.");
            if (!haveCredential) options.Searched.Add($"profile '{profile}' of the config file {path ?? "~/.altinn/config.json"} (it does not exist)");
        }
    }

    private static void Fill(AltinnOptions options, AltinnSettingsSource source, ref bool haveCredential)
    {
        bool credential = !haveCredential && source.NamesCredential;
        source.Apply(options, credential, onlyUnset: true);
        if (credential)
        {
            haveCredential = true;
            options.CredentialSourceNameOf = source.NameOf;
        }
        else if (!haveCredential)
        {
            options.Searched.Add($"{source.NameOf("Token")} or {source.NameOf("Maskinporten:ClientId")} in {source.Description}");
        }
    }
}

/// <summary>Builds the environment and the credential that valid settings describe; the library and the tool share it.</summary>
internal static class AltinnSettingsFactory
{
    /// <summary>The environment; a URL environment gets its Maskinporten from <c>Maskinporten:Issuer</c>.</summary>
    public static AltinnEnvironment CreateEnvironment(AltinnOptions options)
    {
        var environment = AltinnEnvironment.Parse(options.Environment!);
        return options.Maskinporten.Issuer is { Length: > 0 } issuer && environment.MaskinportenIssuer is null
            ? AltinnEnvironment.Local(environment.PlatformBaseUrl, new Uri(issuer, UriKind.Absolute))
            : environment;
    }

    /// <summary>The system user of the settings, if any.</summary>
    public static Authentication.SystemUserContext? SystemUser(AltinnOptions options) =>
        string.IsNullOrWhiteSpace(options.SystemUser.OrganisationNumber)
            ? null
            : new Authentication.SystemUserContext(options.SystemUser.OrganisationNumber!, string.IsNullOrWhiteSpace(options.SystemUser.ExternalReference) ? null : options.SystemUser.ExternalReference);

    /// <summary>The credential of valid settings: the token as is, or the Maskinporten client (exchanged for an Altinn token unless switched off).</summary>
    public static Authentication.AltinnCredential CreateCredential(
        AltinnOptions options,
        System.Net.Http.HttpClient? maskinportenHttp,
        Func<Authentication.AuthenticationClient> authenticationClient,
        TimeProvider timeProvider)
    {
        if (!string.IsNullOrWhiteSpace(options.Token)) return new Authentication.StaticTokenCredential(options.Token!);
        var maskinporten = new Authentication.MaskinportenCredential(options.Maskinporten.ClientId!, LoadSigningKey(options), maskinportenHttp, timeProvider);
        return options.ExchangeToAltinnToken
            ? new Authentication.AltinnTokenExchangeCredential(maskinporten, authenticationClient(), Authentication.AltinnTokenProvider.Maskinporten, options.UseTestOrganisation, timeProvider)
            : maskinporten;
    }

    /// <summary>Loads the one key the settings name.</summary>
    /// <exception cref="ArgumentException">The key cannot be used; the message names the setting.</exception>
    public static Authentication.MaskinportenSigningKey LoadSigningKey(AltinnOptions options)
    {
        var mp = options.Maskinporten;
        string setting = KeySetting(mp) ?? throw new ArgumentException($"{options.NameOf("Maskinporten:ClientId")} has no key.");
        try
        {
            switch (setting)
            {
                case "Maskinporten:Jwk":
                    return Authentication.MaskinportenSigningKey.FromJwk(mp.Jwk!, mp.KeyId);
                case "Maskinporten:JwkPath":
                    return Authentication.MaskinportenSigningKey.FromJwk(File.ReadAllText(mp.JwkPath!), mp.KeyId);
                case "Maskinporten:KeyPath":
                    return Authentication.MaskinportenSigningKey.FromPem(File.ReadAllText(mp.KeyPath!), mp.KeyId!);
                default:
                    var certificate = setting == "Maskinporten:CertificatePath" ? LoadCertificate(mp.CertificatePath!, mp.CertificatePassword) : FindCertificate(mp.CertificateThumbprint!);
                    return mp.SendCertificateChain
                        ? Authentication.MaskinportenSigningKey.FromCertificate(certificate)
                        : Authentication.MaskinportenSigningKey.FromCertificate(certificate, mp.KeyId!);
            }
        }
        catch (Exception e) when (e is ArgumentException or System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ArgumentException($"{options.NameOf(setting)} is not a usable key: {e.Message}", e);
        }
    }

    /// <summary>The one key setting given, or null (the validator reports none or several).</summary>
    public static string? KeySetting(AltinnMaskinportenOptions mp)
    {
        string?[] given = [mp.Jwk, mp.JwkPath, mp.KeyPath, mp.CertificatePath, mp.CertificateThumbprint];
        string[] names = ["Maskinporten:Jwk", "Maskinporten:JwkPath", "Maskinporten:KeyPath", "Maskinporten:CertificatePath", "Maskinporten:CertificateThumbprint"];
        var set = names.Where((_, i) => !string.IsNullOrWhiteSpace(given[i])).ToArray();
        return set.Length == 1 ? set[0] : null;
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 LoadCertificate(string path, string? password)
    {
        string extension = Path.GetExtension(path).ToUpperInvariant();
        if (extension is ".PEM" or ".CRT" or ".CER")
        {
#if NET
            return System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(path);
#else
            throw new NotSupportedException("A PEM certificate needs .NET 5 or later; on .NET Framework give a .p12/.pfx file.");
#endif
        }

#if NET9_0_OR_GREATER
        return Pkcs12Files.Load(path, password);
#else
        return new System.Security.Cryptography.X509Certificates.X509Certificate2(path, password);
#endif
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 FindCertificate(string thumbprint)
    {
        string wanted = thumbprint.Replace(" ", string.Empty).ToUpperInvariant();
        foreach (var location in new[] { System.Security.Cryptography.X509Certificates.StoreLocation.CurrentUser, System.Security.Cryptography.X509Certificates.StoreLocation.LocalMachine })
        {
            using var store = new System.Security.Cryptography.X509Certificates.X509Store(System.Security.Cryptography.X509Certificates.StoreName.My, location);
            try
            {
                store.Open(System.Security.Cryptography.X509Certificates.OpenFlags.ReadOnly | System.Security.Cryptography.X509Certificates.OpenFlags.OpenExistingOnly);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                continue; // no such store on this machine
            }

            var found = store.Certificates.Find(System.Security.Cryptography.X509Certificates.X509FindType.FindByThumbprint, wanted, validOnly: false);
            if (found.Count > 0) return found[0];
        }

        throw new ArgumentException($"No certificate with thumbprint {wanted} is in the My store of the current user or the machine.");
    }
}
