namespace Altinn.Sdk;

/// <summary>
/// An RFC 7807 problem details body as Altinn's services return it, with the extensions they add
/// (for example <c>validationIssues</c> when the App API refuses to move the process).
/// </summary>
public sealed class AltinnProblemDetails
{
    private static readonly HashSet<string> s_standardMembers = new(StringComparer.OrdinalIgnoreCase)
    {
        "type", "title", "status", "detail", "instance", "errors",
    };

    /// <summary>Creates problem details.</summary>
    public AltinnProblemDetails(
        string? type,
        string? title,
        int? status,
        string? detail,
        string? instance,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? errors = null,
        IReadOnlyDictionary<string, JsonElement>? extensions = null)
    {
        Type = type;
        Title = title;
        Status = status;
        Detail = detail;
        Instance = instance;
        Errors = errors ?? new Dictionary<string, IReadOnlyList<string>>();
        Extensions = extensions ?? new Dictionary<string, JsonElement>();
    }

    /// <summary>A URI naming the problem type.</summary>
    public string? Type { get; }

    /// <summary>A short summary of the problem.</summary>
    public string? Title { get; }

    /// <summary>The HTTP status the service put in the body.</summary>
    public int? Status { get; }

    /// <summary>An explanation of this occurrence.</summary>
    public string? Detail { get; }

    /// <summary>A URI naming this occurrence.</summary>
    public string? Instance { get; }

    /// <summary>Validation errors by field (ASP.NET's <c>errors</c> member), empty when there are none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; }

    /// <summary>Every other member of the body, such as <c>validationIssues</c> or <c>traceId</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; }

    /// <summary>
    /// The App API's validation issues (<c>extensions.validationIssues</c>), for example when <c>process/next</c>
    /// answers 409; empty when there are none.
    /// </summary>
    public IReadOnlyList<AltinnValidationIssue> ValidationIssues =>
        Extensions.TryGetValue("validationIssues", out var issues) && issues.ValueKind == JsonValueKind.Array
            ? issues.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object).Select(AltinnValidationIssue.FromJson).ToArray()
            : [];

    /// <summary>Reads problem details from a JSON object; <see langword="null"/> when the JSON is not an object.</summary>
    public static AltinnProblemDetails? FromJson(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object) return null;

        var errors = new Dictionary<string, IReadOnlyList<string>>();
        var extensions = new Dictionary<string, JsonElement>();
        foreach (var property in json.EnumerateObject())
        {
            if (string.Equals(property.Name, "errors", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in property.Value.EnumerateObject())
                {
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                        ? field.Value.EnumerateArray().Select(AsText).ToArray()
                        : [AsText(field.Value)];
                }
            }
            else if (!s_standardMembers.Contains(property.Name))
            {
                extensions[property.Name] = property.Value.Clone();
            }
        }

        return new AltinnProblemDetails(
            String(json, "type"),
            String(json, "title"),
            json.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number && status.TryGetInt32(out int code) ? code : null,
            String(json, "detail"),
            String(json, "instance"),
            errors,
            extensions);
    }

    internal static string? String(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? AsText(value) : null;

    private static string AsText(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}

/// <summary>One validation issue from the App API (<c>ValidationIssueWithSource</c>).</summary>
/// <param name="severity">Severity as the App API sends it.</param>
/// <param name="code">A code or text key naming the issue.</param>
/// <param name="description">A description of the issue.</param>
/// <param name="field">The data model field the issue is about, if any.</param>
/// <param name="dataElementId">The data element the issue is about, if any.</param>
/// <param name="source">The validator that reported the issue.</param>
public sealed class AltinnValidationIssue(int severity, string? code, string? description, string? field, string? dataElementId, string? source)
{
    /// <summary>Severity as the App API sends it: 1 Error, 2 Warning, 3 Informational, 5 Success (0 unspecified).</summary>
    public int Severity { get; } = severity;

    /// <summary>Whether the issue blocks the process (severity 1, Error).</summary>
    public bool IsError => Severity == 1;

    /// <summary>A code or text key naming the issue.</summary>
    public string? Code { get; } = code;

    /// <summary>A description of the issue.</summary>
    public string? Description { get; } = description;

    /// <summary>The data model field the issue is about, if any.</summary>
    public string? Field { get; } = field;

    /// <summary>The data element the issue is about, if any.</summary>
    public string? DataElementId { get; } = dataElementId;

    /// <summary>The validator that reported the issue.</summary>
    public string? Source { get; } = source;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join(": ", new[] { Field, Code, Description }.Where(s => !string.IsNullOrEmpty(s)));

    internal static AltinnValidationIssue FromJson(JsonElement json)
    {
        int severity = 0;
        if (json.TryGetProperty("severity", out var s))
        {
            if (s.ValueKind == JsonValueKind.Number) s.TryGetInt32(out severity);
            else if (s.ValueKind == JsonValueKind.String && !int.TryParse(s.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out severity))
            {
                severity = s.GetString() switch { "Error" => 1, "Warning" => 2, "Informational" => 3, "Success" => 5, _ => 0 };
            }
        }

        return new AltinnValidationIssue(
            severity,
            AltinnProblemDetails.String(json, "code"),
            AltinnProblemDetails.String(json, "description"),
            AltinnProblemDetails.String(json, "field"),
            AltinnProblemDetails.String(json, "dataElementId"),
            AltinnProblemDetails.String(json, "source"));
    }
}
