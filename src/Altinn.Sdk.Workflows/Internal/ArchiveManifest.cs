using System.Globalization;
using System.Text.Json;

namespace Altinn.Sdk.Workflows;

/// <summary>One file of an archived instance, as the manifest lists it.</summary>
internal sealed record ManifestFile(
    string Name,
    long Size,
    string Sha256,
    Guid? DataElementId = null,
    string? DataType = null,
    string? ContentType = null,
    string? Filename = null,
    DateTimeOffset? LastChanged = null);

/// <summary>
/// <c>manifest.json</c> of an archived instance: written last, only after every file it lists was committed and read
/// back with the listed size and SHA-256 (and after the BagIt tag files). Its presence therefore means "these files
/// were complete"; the files are still verified again before they are trusted. Read and written without reflection
/// (trim/AOT safe).
/// </summary>
/// <remarks>
/// Format 2 lists the payload files by their path in the instance's folder, <c>data/{name}</c> (the BagIt payload
/// folder). Format 1 (before the bag layout) listed plain names beside the manifest: such a manifest is read as
/// <see cref="IsLegacy"/>, so that its files are removed and the instance archived again in the current layout.
/// </remarks>
internal sealed class ArchiveManifest
{
    public const string FileName = "manifest.json";
    public const string InstanceFileName = "instance.json";

    /// <summary>The BagIt payload folder, with its separator: every archived file's path starts with it.</summary>
    public const string PayloadFolder = "data/";

    private const int FormatVersion = 2;
    private const int LegacyFormatVersion = 1;

    public ArchiveManifest(InstanceId instanceId, string appId, DateTimeOffset archived, DateTimeOffset? instanceLastChanged, IReadOnlyList<ManifestFile> files, bool isLegacy = false)
    {
        IsLegacy = isLegacy;
        InstanceId = instanceId;
        AppId = appId;
        Archived = archived;
        InstanceLastChanged = instanceLastChanged;
        Files = files;
    }

    public InstanceId InstanceId { get; }

    public string AppId { get; }

    public DateTimeOffset Archived { get; }

    public DateTimeOffset? InstanceLastChanged { get; }

    public IReadOnlyList<ManifestFile> Files { get; }

    /// <summary>A format 1 manifest: its files lie beside it, outside the payload folder.</summary>
    public bool IsLegacy { get; }

    public ManifestFile? Instance => Files.FirstOrDefault(f => f.DataElementId is null && f.Name == PayloadFolder + InstanceFileName);

    public ManifestFile? ForElement(Guid id) => Files.FirstOrDefault(f => f.DataElementId == id);

    /// <summary>
    /// Reads the manifest of the instance at <paramref name="instancePath"/>; <see langword="null"/> when it is missing or
    /// unreadable (the instance is then archived again).
    /// </summary>
    public static async Task<ArchiveManifest?> TryReadAsync(ArchiveSink sink, string instancePath, CancellationToken cancellationToken)
    {
        byte[]? bytes = await ReadSmallAsync(sink, instancePath + "/" + FileName, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : TryParse(bytes);
    }

    /// <summary>Reads a small stored file (a manifest) whole; <see langword="null"/> when there is none.</summary>
    public static async Task<byte[]?> ReadSmallAsync(ArchiveSink sink, string path, CancellationToken cancellationToken)
    {
        Stream? stream = await sink.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (stream is null) return null;
        using (stream)
        using (var copy = new MemoryStream())
        {
            await stream.CopyToAsync(copy, 81920, cancellationToken).ConfigureAwait(false);
            return copy.ToArray();
        }
    }

    public static ArchiveManifest? TryParse(byte[] utf8Json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(utf8Json);
            JsonElement root = document.RootElement;
            int version = root.GetProperty("formatVersion").GetInt32();
            if (version is not (FormatVersion or LegacyFormatVersion)) return null;
            var files = new List<ManifestFile>();
            foreach (JsonElement file in root.GetProperty("files").EnumerateArray())
            {
                string name = file.GetProperty("name").GetString()!;

                // A manifest is trusted only for plain names in the payload folder (format 1: in its own folder).
                string plain = version == FormatVersion && name.StartsWith(PayloadFolder, StringComparison.Ordinal) ? name.Substring(PayloadFolder.Length)
                    : version == LegacyFormatVersion ? name
                    : string.Empty;
                if (plain.Length == 0 || plain.IndexOfAny(['/', '\\', ':']) >= 0 || plain is "." or ".." || plain == FileName) return null;
                files.Add(new ManifestFile(
                    name,
                    file.GetProperty("size").GetInt64(),
                    file.GetProperty("sha256").GetString()!,
                    file.TryGetProperty("dataElementId", out JsonElement id) ? id.GetGuid() : null,
                    Text(file, "dataType"),
                    Text(file, "contentType"),
                    Text(file, "filename"),
                    file.TryGetProperty("lastChanged", out JsonElement changed) ? changed.GetDateTimeOffset() : null));
            }

            return new ArchiveManifest(
                Altinn.Sdk.InstanceId.Parse(root.GetProperty("instanceId").GetString()!),
                root.GetProperty("appId").GetString()!,
                root.GetProperty("archived").GetDateTimeOffset(),
                root.TryGetProperty("instanceLastChanged", out JsonElement lastChanged) ? lastChanged.GetDateTimeOffset() : null,
                files,
                isLegacy: version == LegacyFormatVersion);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Writes the manifest through the sink (the sink makes it durable).</summary>
    public Task<ArchiveFileFacts> WriteAsync(ArchiveSink sink, string instancePath, CancellationToken cancellationToken) =>
        ArchiveFiles.WriteAsync(sink, instancePath + "/" + FileName, ToUtf8Json(), cancellationToken);

    /// <summary>The manifest as UTF-8 JSON (small: the file list, no content).</summary>
    public byte[] ToUtf8Json()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("formatVersion", FormatVersion);
            json.WriteString("instanceId", InstanceId.ToString());
            json.WriteString("appId", AppId);
            json.WriteString("archived", Archived.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            if (InstanceLastChanged is { } lastChanged) json.WriteString("instanceLastChanged", lastChanged.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            json.WriteStartArray("files");
            foreach (ManifestFile file in Files)
            {
                json.WriteStartObject();
                json.WriteString("name", file.Name);
                json.WriteNumber("size", file.Size);
                json.WriteString("sha256", file.Sha256);
                if (file.DataElementId is { } id) json.WriteString("dataElementId", id.ToString("D"));
                WriteIfSet(json, "dataType", file.DataType);
                WriteIfSet(json, "contentType", file.ContentType);
                WriteIfSet(json, "filename", file.Filename);
                if (file.LastChanged is { } changed) json.WriteString("lastChanged", changed.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null) json.WriteString(name, value);
    }
}
