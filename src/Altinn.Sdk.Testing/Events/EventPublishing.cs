using Microsoft.Net.Http.Headers;

namespace Altinn.Sdk.Testing.Events;

/// <summary>
/// <c>POST events</c>: publishing a generic CloudEvent (structured JSON, <c>application/cloudevents+json</c>) into the
/// feed, from where the generic feed serves it and subscriptions get it pushed.
/// </summary>
internal sealed class EventPublishing(EmulatorContext emulator)
{
    /// <summary>The scope publishing needs.</summary>
    public const string PublishScope = "altinn:events.publish";

    /// <summary>The scope that publishes to any resource without asking Authorization.</summary>
    public const string AdminPublishScope = "altinn:events.publish.admin";

    private const string ContentType = "application/cloudevents+json";

    /// <summary>
    /// In Events' order: a token (401), the publish scope (403, empty body), the content type (415), a CloudEvent the
    /// body binds to (400 validation problem), a resource that is a URN (400 problem), the right to publish to it
    /// (403), then 200 with no body. An event whose id and source the feed already holds is accepted and not stored again.
    /// </summary>
    public async Task PublishAsync(HttpContext context)
    {
        var caller = context.RequireCaller(PublishScope);
        if (caller is null) return;

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType.Value, ContentType, StringComparison.OrdinalIgnoreCase))
        {
            await context.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type");
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length == 0)
        {
            await ValidationProblem(context, string.Empty, "A non-empty request body is required.");
            return;
        }

        EmulatedCloudEvent? draft;
        string? error;
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            draft = CloudEventReader.Read(document.RootElement, out error);
        }
        catch (JsonException e)
        {
            draft = null;
            error = "The body is not JSON: " + e.Message;
        }

        if (draft is null)
        {
            await ValidationProblem(context, "RequestBody", error!);
            return;
        }

        if (string.IsNullOrEmpty(draft.Resource))
        {
            await context.Problem(StatusCodes.Status400BadRequest, "Bad Request", "The event needs a 'resource' attribute.");
            return;
        }

        if (!Urn.IsValid(draft.Resource))
        {
            await context.Problem(StatusCodes.Status400BadRequest, "Bad Request", "The 'resource' attribute must be a URN of lower-case letters, digits and - ( ) + , . ; $ _ ! / (for example urn:altinn:resource:my-resource).");
            return;
        }

        if (!MayPublish(caller, draft.Resource))
        {
            await context.Status(StatusCodes.Status403Forbidden);
            return;
        }

        emulator.State.PublishCloudEvent(draft);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>
    /// Who may publish, standing in for Altinn Authorization's <c>publish</c> action on the resource's policy: the admin
    /// scope publishes anywhere; an app's resource only by the app's owner; other resources by anyone with the scope.
    /// </summary>
    private static bool MayPublish(Caller caller, string resource)
    {
        if (caller.HasScope(AdminPublishScope)) return true;
        if (!resource.StartsWith(EventsReader.AppResourcePrefix, StringComparison.Ordinal)) return true;
        return caller.IsOrg && resource.StartsWith($"{EventsReader.AppResourcePrefix}{caller.Org}_", StringComparison.Ordinal);
    }

    /// <summary>ASP.NET's answer when model binding fails: a validation problem with the error under a key.</summary>
    private static Task ValidationProblem(HttpContext context, string key, string error) =>
        context.Problem(StatusCodes.Status400BadRequest, "One or more validation errors occurred.", null, w =>
        {
            w.WriteStartObject("errors");
            w.WriteStartArray(key);
            w.WriteStringValue(error);
            w.WriteEndArray();
            w.WriteEndObject();
        });
}

/// <summary>Reads a structured-mode CloudEvent 1.0 as the CloudEvents SDK that Events binds with accepts it.</summary>
internal static class CloudEventReader
{
    /// <summary>The event (sequence 0), or null with the reason in <paramref name="error"/>.</summary>
    public static EmulatedCloudEvent? Read(JsonElement root, out string? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "A structured CloudEvent is a JSON object.";
            return null;
        }

        if (!root.TryGetProperty("specversion", out var version) || version.ValueKind != JsonValueKind.String)
        {
            error = "The 'specversion' attribute is missing.";
            return null;
        }

        if (version.GetString() != "1.0")
        {
            error = $"The CloudEvents spec version '{version.GetString()}' is not supported; use 1.0.";
            return null;
        }

        string? id = null, source = null, type = null, subject = null, resource = null, resourceInstance = null, alternativeSubject = null;
        DateTimeOffset? time = null;
        var others = new List<JsonProperty>();
        foreach (var attribute in root.EnumerateObject())
        {
            string name = attribute.Name;
            var value = attribute.Value;
            if (name == "specversion" || value.ValueKind == JsonValueKind.Null) continue;
            if (name is "data" or "data_base64")
            {
                if (name == "data_base64" && value.ValueKind != JsonValueKind.String) return Fail(out error, "'data_base64' must be a string.");
                others.Add(attribute);
                continue;
            }

            if (name.Length == 0 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9')))
            {
                return Fail(out error, $"'{name}' is not a valid attribute name: CloudEvents attribute names are lower-case letters and digits.");
            }

            bool core = name is "id" or "source" or "type" or "subject" or "time" or "datacontenttype" or "dataschema" or "resource" or "resourceinstance" or "alternativesubject";
            if (core && value.ValueKind != JsonValueKind.String) return Fail(out error, $"The '{name}' attribute must be a string.");
            if (!core && value.ValueKind is not (JsonValueKind.String or JsonValueKind.True or JsonValueKind.False) && !(value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _)))
            {
                return Fail(out error, $"The '{name}' attribute must be a string, a 32-bit integer or a boolean.");
            }

            string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            switch (name)
            {
                case "id": id = text; break;
                case "source": source = text; break;
                case "type": type = text; break;
                case "subject": subject = text; break;
                case "resource": resource = text; break;
                case "resourceinstance": resourceInstance = text; break;
                case "alternativesubject": alternativeSubject = text; break;
                case "time":
                    if (EventFeeds.ParseTime(text!) is not { } parsed) return Fail(out error, $"'time' must be an RFC 3339 timestamp with an offset, not '{text}'.");
                    time = parsed;
                    break;
                case "dataschema":
                    if (!Uri.TryCreate(text, UriKind.Absolute, out _)) return Fail(out error, "'dataschema' must be an absolute URI.");
                    others.Add(attribute);
                    break;
                default: others.Add(attribute); break;
            }
        }

        if (string.IsNullOrEmpty(id)) return Fail(out error, "The required attribute 'id' is missing or empty.");
        if (string.IsNullOrEmpty(source) || !Uri.TryCreate(source, UriKind.RelativeOrAbsolute, out _)) return Fail(out error, "The required attribute 'source' is missing or not a URI reference.");
        if (string.IsNullOrEmpty(type)) return Fail(out error, "The required attribute 'type' is missing or empty.");
        return new EmulatedCloudEvent(0, id, source, type, subject, time, resource ?? string.Empty, resourceInstance, alternativeSubject)
        {
            Extensions = others.Count == 0 ? null : CloudEventJson.ToObject(others),
        };
    }

    private static EmulatedCloudEvent? Fail(out string? error, string message)
    {
        error = message;
        return null;
    }
}

/// <summary>The URN rule Events applies to a published event's resource and a subscription's resource filter.</summary>
internal static class Urn
{
    private const string SegmentPunctuation = "()+,.-;$_!/";

    /// <summary>
    /// <c>urn:</c>, a namespace of 1 to 30 lower-case letters, digits or <c>-</c>, then 1 to 10 segments, each a
    /// <c>:</c> and 1 to 100 lower-case letters, digits or <c>( ) + , . - ; $ _ ! /</c>; and a well-formed absolute URI.
    /// </summary>
    public static bool IsValid(string value)
    {
        if (!Uri.IsWellFormedUriString(value, UriKind.Absolute)) return false;
        string[] parts = value.Split(':');
        if (parts.Length is < 3 or > 12 || parts[0] != "urn") return false;
        if (parts[1].Length is < 1 or > 30 || !parts[1].All(c => LowerLetterOrDigit(c) || c == '-')) return false;
        return parts.Skip(2).All(p => p.Length is >= 1 and <= 100 && p.All(c => LowerLetterOrDigit(c) || SegmentPunctuation.Contains(c)));
    }

    private static bool LowerLetterOrDigit(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
