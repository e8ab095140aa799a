using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Altinn.Sdk.Workflows.Tests;

/// <summary>
/// A BagIt validator written from RFC 8493's rules (not from the SDK's writer): it returns every rule a folder breaks,
/// so an empty list means a complete and valid bag (RFC 8493 section 3).
/// </summary>
internal static partial class BagItValidator
{
    public static IReadOnlyList<string> Validate(string bag)
    {
        var problems = new List<string>();

        // 2.1.1 Bag declaration: exactly "BagIt-Version: M.N" and "Tag-File-Character-Encoding: ENCODING", UTF-8 without a BOM.
        string declaration = Path.Combine(bag, "bagit.txt");
        if (!File.Exists(declaration)) return ["bagit.txt is missing"];
        byte[] declared = File.ReadAllBytes(declaration);
        if (declared.Length >= 3 && declared[0] == 0xEF && declared[1] == 0xBB && declared[2] == 0xBF) problems.Add("bagit.txt starts with a byte order mark");
        string[] lines = Lines(Encoding.UTF8.GetString(declared));
        if (lines.Length != 2) problems.Add($"bagit.txt has {lines.Length} lines, not 2");
        if (lines.Length < 1 || !VersionLine().IsMatch(lines[0])) problems.Add("bagit.txt's first line is not 'BagIt-Version: M.N'");
        if (lines.Length < 2 || !EncodingLine().IsMatch(lines[1])) problems.Add("bagit.txt's second line is not 'Tag-File-Character-Encoding: ENCODING'");

        // 2.1.2 Payload directory.
        string payload = Path.Combine(bag, "data");
        if (!Directory.Exists(payload)) return [.. problems, "data/ is missing"];
        var payloadFiles = Directory.GetFiles(payload, "*", SearchOption.AllDirectories).Select(f => Relative(bag, f)).ToHashSet(StringComparer.Ordinal);

        // 2.1.3 Payload manifests: at least one; each lists every payload file once, only payload files, with the right checksum.
        string[] manifests = Directory.GetFiles(bag, "manifest-*.txt");
        if (manifests.Length == 0) problems.Add("there is no payload manifest");
        foreach (string manifest in manifests)
        {
            string name = Path.GetFileName(manifest);
            Dictionary<string, string> listed = ReadManifest(bag, manifest, problems);
            foreach (string path in listed.Keys.Where(p => !p.StartsWith("data/", StringComparison.Ordinal))) problems.Add($"{name} lists '{path}', outside data/");
            foreach (string missing in payloadFiles.Except(listed.Keys)) problems.Add($"{name} does not list the payload file '{missing}'");
        }

        // 2.2.1 Tag manifests: the same form, listing tag files (not payload files, not tag manifests), each with the
        // right checksum; they should list every other tag file, which this archive promises.
        string[] tagManifests = Directory.GetFiles(bag, "tagmanifest-*.txt");
        var tagFiles = Directory.GetFiles(bag).Select(f => Relative(bag, f)).Where(f => !f.StartsWith("tagmanifest-", StringComparison.Ordinal)).ToList();
        foreach (string tagManifest in tagManifests)
        {
            string name = Path.GetFileName(tagManifest);
            Dictionary<string, string> listed = ReadManifest(bag, tagManifest, problems);
            foreach (string path in listed.Keys.Where(p => p.StartsWith("data/", StringComparison.Ordinal) || p.StartsWith("tagmanifest-", StringComparison.Ordinal)))
            {
                problems.Add($"{name} lists '{path}', which is not a tag file it may list");
            }

            foreach (string missing in tagFiles.Except(listed.Keys)) problems.Add($"{name} does not list the tag file '{missing}'");
        }

        // 2.2.2 bag-info.txt: "Label: value" lines (a continuation starts with whitespace); Payload-Oxum is
        // "octets.streams" of the payload; Bagging-Date is YYYY-MM-DD.
        string info = Path.Combine(bag, "bag-info.txt");
        if (File.Exists(info))
        {
            var labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (string line in Lines(File.ReadAllText(info, Encoding.UTF8)))
            {
                if (line.Length > 0 && char.IsWhiteSpace(line[0])) continue;
                Match match = InfoLine().Match(line);
                if (!match.Success)
                {
                    problems.Add($"bag-info.txt line '{line}' is not 'Label: value'");
                    continue;
                }

                labels[match.Groups[1].Value] = match.Groups[2].Value;
            }

            if (labels.TryGetValue("Payload-Oxum", out string? oxum))
            {
                long octets = payloadFiles.Sum(f => new FileInfo(Path.Combine(bag, f)).Length);
                if (oxum != $"{octets}.{payloadFiles.Count}") problems.Add($"Payload-Oxum is {oxum}, but the payload is {octets}.{payloadFiles.Count}");
            }

            if (labels.TryGetValue("Bagging-Date", out string? date) && !DateTime.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                problems.Add($"Bagging-Date '{date}' is not YYYY-MM-DD");
            }
        }

        return problems;
    }

    /// <summary>The label values of bag-info.txt.</summary>
    public static IReadOnlyDictionary<string, string> Info(string bag) =>
        Lines(File.ReadAllText(Path.Combine(bag, "bag-info.txt"))).Select(l => InfoLine().Match(l)).Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads a (tag) manifest: one "checksum whitespace path" per line, each path once, each file there with that checksum.</summary>
    private static Dictionary<string, string> ReadManifest(string bag, string manifest, List<string> problems)
    {
        string name = Path.GetFileName(manifest);
        string algorithm = name[(name.IndexOf('-', StringComparison.Ordinal) + 1)..^4];
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in Lines(File.ReadAllText(manifest, Encoding.UTF8)))
        {
            Match match = ManifestLine().Match(line);
            if (!match.Success)
            {
                problems.Add($"{name} line '{line}' is not 'checksum  path'");
                continue;
            }

            // Only CR, LF and % are percent-encoded in a manifest's paths (section 2.1.3).
            string path = Escaped().Replace(match.Groups[2].Value, m => m.Value.ToUpperInvariant() switch { "%0A" => "\n", "%0D" => "\r", _ => "%" });
            if (path.StartsWith('/') || path.Contains('\\', StringComparison.Ordinal) || path.Split('/').Any(s => s is "" or "." or ".."))
            {
                problems.Add($"{name} lists '{path}', which is not a relative path inside the bag");
                continue;
            }

            if (!listed.TryAdd(path, match.Groups[1].Value)) problems.Add($"{name} lists '{path}' more than once");
            string file = Path.Combine(bag, path);
            if (!File.Exists(file))
            {
                problems.Add($"{name} lists '{path}', which does not exist");
                continue;
            }

            string actual = Hash(algorithm, File.ReadAllBytes(file));
            if (!string.Equals(actual, match.Groups[1].Value, StringComparison.OrdinalIgnoreCase)) problems.Add($"{name}: the {algorithm} of '{path}' is {actual}, not {match.Groups[1].Value}");
        }

        return listed;
    }

    private static string Hash(string algorithm, byte[] bytes) => Convert.ToHexString(algorithm switch
    {
        "sha256" => SHA256.HashData(bytes),
        "sha512" => SHA512.HashData(bytes),
        "sha1" => SHA1.HashData(bytes),
        "md5" => MD5.HashData(bytes),
        _ => throw new NotSupportedException(algorithm),
    }).ToLowerInvariant();

    private static string Relative(string bag, string file) => Path.GetRelativePath(bag, file).Replace(Path.DirectorySeparatorChar, '/');

    // Lines end with LF, CR LF or CR (RFC 8493 section 2); a final line ending does not start another line.
    private static string[] Lines(string text)
    {
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        return text.Length > 0 && (text.EndsWith('\n') || text.EndsWith('\r')) ? lines[..^1] : lines;
    }

    [GeneratedRegex("%(0[aAdD]|25)")]
    private static partial Regex Escaped();

    [GeneratedRegex(@"^BagIt-Version: [0-9]+\.[0-9]+$")]
    private static partial Regex VersionLine();

    [GeneratedRegex(@"^Tag-File-Character-Encoding: \S+$")]
    private static partial Regex EncodingLine();

    [GeneratedRegex(@"^([0-9a-fA-F]+)[ \t]+(\S.*)$")]
    private static partial Regex ManifestLine();

    [GeneratedRegex(@"^([^:\s][^:]*[^:\s]|[^:\s]):\s*(.*)$")]
    private static partial Regex InfoLine();
}
