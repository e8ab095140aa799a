using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Altinn.Sdk.Workflows;

/// <summary>Reads <see cref="ArchiveWorkerOptions"/> from a configuration section and checks them at start.</summary>
internal static class ArchiveWorkerSettings
{
    private static readonly string[] s_keys =
    [
        "Apps", "Folder", "Interval", "UseEvents", "CheckpointFolder", "MaxConcurrency", "LockWait", "FullScanEvery", "EventsRetention", "MaxBackoff", "HealthyWithinIntervals",
    ];

    /// <summary>Writes the settings of <paramref name="configuration"/> (the root, whose <c>ArchiveWorker</c> section is read, or the section itself) into <paramref name="options"/>.</summary>
    public static void Apply(IConfiguration configuration, ArchiveWorkerOptions options)
    {
        IConfigurationSection section = configuration as IConfigurationSection ?? configuration.GetSection(ArchiveWorkerOptions.SectionName);
        string Name(string key) => section.Path + ":" + key;
        foreach (KeyValuePair<string, string?> pair in section.AsEnumerable(makePathsRelative: true))
        {
            if (pair.Value is null) continue; // a section: its children are listed themselves
            string key = pair.Key;
            string value = pair.Value.Trim();
            if (key.StartsWith("Apps:", StringComparison.OrdinalIgnoreCase)) key = "Apps";
            string? known = s_keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            switch (known)
            {
                case null:
                    options.Problems.Add($"{Name(pair.Key)} is not a setting of the archive worker; the settings are: {string.Join(", ", s_keys)}.");
                    break;
                case "Apps":
                    // A list (Apps:0, Apps:1) or one value with several apps (an environment variable: "ttd/a, ttd/b").
                    foreach (string app in value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries).Select(a => a.Trim()).Where(a => a.Length > 0))
                    {
                        if (AppId.TryParse(app, out AppId? id)) options.Apps.Add(id);
                        else options.Problems.Add($"{Name(pair.Key)}: '{app}' is not an app id (org/app).");
                    }

                    break;
                case "Folder":
                    options.Folder = value;
                    break;
                case "CheckpointFolder":
                    options.CheckpointFolder = value;
                    break;
                case "UseEvents":
                    if (bool.TryParse(value, out bool flag)) options.UseEvents = flag;
                    else options.Problems.Add($"{Name(pair.Key)} must be true or false, not '{value}'.");
                    break;
                case "MaxConcurrency" or "FullScanEvery" or "HealthyWithinIntervals":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
                    {
                        options.Problems.Add($"{Name(pair.Key)} must be a whole number, not '{value}'.");
                    }
                    else if (known == "MaxConcurrency") options.MaxConcurrency = number;
                    else if (known == "FullScanEvery") options.FullScanEvery = number;
                    else options.HealthyWithinIntervals = number;
                    break;
                default: // the times
                    if (!TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out TimeSpan time))
                    {
                        options.Problems.Add($"{Name(pair.Key)} must be a time such as 00:01:00 (hh:mm:ss), not '{value}'.");
                    }
                    else if (known == "Interval") options.Interval = time;
                    else if (known == "LockWait") options.LockWait = time;
                    else if (known == "EventsRetention") options.EventsRetention = time;
                    else options.MaxBackoff = time;
                    break;
            }
        }
    }

    /// <summary>Checks the options at start, naming each wrong setting and how to fix it.</summary>
    internal sealed class Validator(Func<bool> eventsRegistered) : IValidateOptions<ArchiveWorkerOptions>
    {
        public ValidateOptionsResult Validate(string? name, ArchiveWorkerOptions options)
        {
            var failures = Check(options, eventsRegistered());
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }

    public static List<string> Check(ArchiveWorkerOptions options, bool eventsRegistered)
    {
        const string S = ArchiveWorkerOptions.SectionName;
        var failures = new List<string>(options.Problems);
        if (options.Apps.Count == 0) failures.Add($"{S}:Apps is empty: name the apps to archive (org/app), at least one.");
        if (options.Sink is null && string.IsNullOrWhiteSpace(options.Folder))
        {
            failures.Add($"The archive has no place: set {S}:Folder (the archive's root folder) or ArchiveWorkerOptions.Sink. There is no default folder.");
        }
        else if (options.Sink is not null && !string.IsNullOrWhiteSpace(options.Folder))
        {
            failures.Add($"Both {S}:Folder and ArchiveWorkerOptions.Sink are set; keep one.");
        }
        else if (options.Sink is null && !IsValidPath(options.Folder!))
        {
            failures.Add($"{S}:Folder '{options.Folder}' is not a valid path.");
        }

        if (options.Interval <= TimeSpan.Zero) failures.Add($"{S}:Interval must be positive, not {options.Interval}.");
        if (options.MaxBackoff < options.Interval) failures.Add($"{S}:MaxBackoff ({options.MaxBackoff}) must be at least {S}:Interval ({options.Interval}).");
        if (options.LockWait < TimeSpan.Zero) failures.Add($"{S}:LockWait must not be negative.");
        if (options.EventsRetention <= TimeSpan.Zero) failures.Add($"{S}:EventsRetention must be positive.");
        if (options.MaxConcurrency < 1 || options.MaxConcurrency > WorkflowOptions.MaxAllowedConcurrency)
        {
            failures.Add($"{S}:MaxConcurrency must be from 1 to {WorkflowOptions.MaxAllowedConcurrency}, not {options.MaxConcurrency}.");
        }

        if (options.FullScanEvery < 1) failures.Add($"{S}:FullScanEvery must be 1 or more, not {options.FullScanEvery}.");
        if (options.HealthyWithinIntervals < 1) failures.Add($"{S}:HealthyWithinIntervals must be 1 or more, not {options.HealthyWithinIntervals}.");
        if (options.UseEvents == true && !eventsRegistered) failures.Add($"{S}:UseEvents is true but no EventsClient is registered: call AddAltinnEvents().");
        bool useEvents = options.UseEvents ?? eventsRegistered;
        if (useEvents && options.Checkpoints is null && options.Sink is not null && ArchiveWorker.CheckpointFolder(options) is null)
        {
            failures.Add($"With a sink other than a folder, the events checkpoints need a place: set ArchiveWorkerOptions.Checkpoints or {S}:CheckpointFolder, or {S}:UseEvents to false.");
        }

        if (options.Checkpoints is not null && !string.IsNullOrWhiteSpace(options.CheckpointFolder))
        {
            failures.Add($"Both {S}:CheckpointFolder and ArchiveWorkerOptions.Checkpoints are set; keep one.");
        }

        return failures;
    }

    private static bool IsValidPath(string path)
    {
        try
        {
            Path.GetFullPath(path);
            return true;
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }
}
