using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Altinn.Sdk.Workflows;

/// <summary>
/// The BagIt (RFC 8493) tag files that make an archived instance's folder a bag, so standard tools verify it without
/// this SDK: the payload is <c>data/</c>, and these files and <c>manifest.json</c> are the tag files at the bag's root.
/// They are computed from the manifest alone (no payload is read again), so a later run can check them the same way.
/// </summary>
internal static class ArchiveBag
{
    public const string DeclarationFileName = "bagit.txt";
    public const string InfoFileName = "bag-info.txt";
    public const string PayloadManifestFileName = "manifest-sha256.txt";
    public const string TagManifestFileName = "tagmanifest-sha256.txt";

    /// <summary>
    /// The tag files in the order they are written: the declaration, <c>bag-info.txt</c> (Bagging-Date, Payload-Oxum,
    /// External-Identifier = the instance id), the payload manifest (every file of <paramref name="manifest"/>), and
    /// last the tag manifest over those three and <c>manifest.json</c> (<paramref name="manifestJson"/>, which is
    /// written after them all).
    /// </summary>
    public static IReadOnlyList<(string Name, byte[] Content)> TagFiles(ArchiveManifest manifest, byte[] manifestJson)
    {
        byte[] declaration = Utf8("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
        long octets = manifest.Files.Sum(f => f.Size);
        byte[] info = Utf8(
            "Bagging-Date: " + manifest.Archived.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "\n"
            + "Payload-Oxum: " + octets.ToString(CultureInfo.InvariantCulture) + "." + manifest.Files.Count.ToString(CultureInfo.InvariantCulture) + "\n"
            + "External-Identifier: " + manifest.InstanceId + "\n");
        var payload = new StringBuilder();
        foreach (ManifestFile file in manifest.Files) payload.Append(file.Sha256).Append("  ").Append(EncodePath(file.Name)).Append('\n');
        byte[] payloadManifest = Utf8(payload.ToString());

        var tags = new StringBuilder();
        foreach ((string name, byte[] content) in new[] { (DeclarationFileName, declaration), (InfoFileName, info), (PayloadManifestFileName, payloadManifest), (ArchiveManifest.FileName, manifestJson) })
        {
            tags.Append(Sha256(content)).Append("  ").Append(name).Append('\n');
        }

        return [(DeclarationFileName, declaration), (InfoFileName, info), (PayloadManifestFileName, payloadManifest), (TagManifestFileName, Utf8(tags.ToString()))];
    }

    /// <summary>Whether every tag file is stored as <see cref="TagFiles"/> computes it for this manifest.</summary>
    public static async Task<bool> VerifyAsync(ArchiveSink sink, string instancePath, ArchiveManifest manifest, byte[] manifestJson, CancellationToken cancellationToken)
    {
        foreach ((string name, byte[] content) in TagFiles(manifest, manifestJson))
        {
            if (!await sink.VerifyAsync(instancePath + "/" + name, content.Length, Sha256(content), cancellationToken).ConfigureAwait(false)) return false;
        }

        return true;
    }

    /// <summary>Writes the tag files through the sink, in order.</summary>
    public static async Task WriteAsync(ArchiveSink sink, string instancePath, ArchiveManifest manifest, byte[] manifestJson, CancellationToken cancellationToken)
    {
        foreach ((string name, byte[] content) in TagFiles(manifest, manifestJson))
        {
            await ArchiveFiles.WriteAsync(sink, instancePath + "/" + name, content, cancellationToken).ConfigureAwait(false);
        }
    }

    // RFC 8493 2.1.3: in a manifest's file path, CR, LF and % are percent-encoded.
    private static string EncodePath(string path)
    {
        var encoded = new StringBuilder(path.Length);
        foreach (char c in path)
        {
            encoded.Append(c switch { '%' => "%25", '\r' => "%0D", '\n' => "%0A", _ => c.ToString() });
        }

        return encoded.ToString();
    }

    private static byte[] Utf8(string text) => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);

    private static string Sha256(byte[] content)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(content);
        return ArchiveFiles.ToHex(sha.GetHashAndReset());
    }
}
