using System.Net;

namespace Altinn.Sdk.Testing.Events;

/// <summary><c>subscriptions</c>: create (with the validation handshake), read, list and delete webhook subscriptions.</summary>
internal sealed class SubscriptionEndpoints(EmulatorContext emulator, WebhookDelivery delivery)
{
    private const string AppResourcePrefix = "urn:altinn:resource:app_";
    private const string ResourcePrefix = "urn:altinn:resource:";

    /// <summary><c>POST subscriptions</c>.</summary>
    public async Task CreateAsync(HttpContext context)
    {
        var caller = context.RequireCaller();
        if (caller is null) return;

        Request? request;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            request = Request.Read(document.RootElement);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            // Model binding failed: ASP.NET answers with problem details.
            await context.Problem(StatusCodes.Status400BadRequest, "Bad Request", "The body must be a subscription request in JSON.");
            return;
        }

        var reader = EventsReader.From(caller);
        var (draft, status, message) = Check(request, caller, reader);
        if (draft is null)
        {
            if (message is null) await context.Status(status);
            else await Refuse(context, status, message);
            return;
        }

        var stored = emulator.State.AddSubscription(draft, out _);

        // A new subscription, and an identical request for an existing one, both send the validation event.
        delivery.SendValidation(stored);
        context.Response.Headers.Location = $"/events/api/v1/subscription/{stored.Id}";
        await WriteAsync(context, StatusCodes.Status201Created, w => WriteSubscription(w, stored));
    }

    /// <summary><c>GET subscriptions/{id}</c>.</summary>
    public async Task GetAsync(HttpContext context)
    {
        var caller = context.RequireCaller();
        if (caller is null) return;
        var subscription = await FindOwnAsync(context, caller);
        if (subscription is null) return;
        await WriteAsync(context, StatusCodes.Status200OK, w => WriteSubscription(w, subscription));
    }

    /// <summary><c>GET subscriptions</c>: all of the caller's subscriptions, validated or not.</summary>
    public async Task ListAsync(HttpContext context)
    {
        var caller = context.RequireCaller();
        if (caller is null) return;
        var own = emulator.State.Subscriptions(EventsReader.From(caller).Consumer);
        await WriteAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("count", own.Count);
            w.WriteStartArray("subscriptions");
            foreach (var subscription in own) WriteSubscription(w, subscription);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary><c>DELETE subscriptions/{id}</c>: 200 with no body.</summary>
    public async Task DeleteAsync(HttpContext context)
    {
        var caller = context.RequireCaller();
        if (caller is null) return;
        var subscription = await FindOwnAsync(context, caller);
        if (subscription is null) return;
        emulator.State.RemoveSubscription(subscription.Id);
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private async Task<EmulatedSubscription?> FindOwnAsync(HttpContext context, Caller caller)
    {
        if (!int.TryParse(context.Request.RouteValues["id"] as string, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int id))
        {
            // Model binding failed: ASP.NET answers with problem details.
            await context.Problem(StatusCodes.Status400BadRequest, "Bad Request", "The subscription id must be a number.");
            return null;
        }

        var subscription = emulator.State.FindSubscription(id);
        if (subscription is null)
        {
            await context.Status(StatusCodes.Status404NotFound);
            return null;
        }

        if (subscription.Consumer != EventsReader.From(caller).Consumer)
        {
            await context.Status(StatusCodes.Status403Forbidden);
            return null;
        }

        return subscription;
    }

    /// <summary>
    /// Validates a request as Events does; a draft to store, or the status and message to answer (no message: an
    /// empty body, as ASP.NET's <c>Forbid()</c>).
    /// </summary>
    private (EmulatedSubscription? Draft, int Status, string? Message) Check(Request request, Caller caller, EventsReader reader)
    {
        static (EmulatedSubscription?, int, string?) Bad(string message) => (null, StatusCodes.Status400BadRequest, message);
        static (EmulatedSubscription?, int, string?) NoScope() => (null, StatusCodes.Status403Forbidden, null);
        static (EmulatedSubscription?, int, string?) NotAuthorized(string resource) =>
            (null, StatusCodes.Status403Forbidden, $"The caller may not subscribe to events of {resource} (for this subject).");

        if (!TryWebUrl(request.EndPoint, out var endPoint))
        {
            return Bad("'endPoint' is required: an absolute https URL (the emulator also takes http on loopback).");
        }

        // Events silently matches nothing for an empty filter; the emulator says so instead.
        if (request.TypeFilter is "") return Bad("'typeFilter' is empty, which would match no event; leave it out (null) to match every type.");
        if (request.SubjectFilter is "") return Bad("'subjectFilter' is empty, which would match no event; leave it out (null) to match every subject.");

        string? resourceFilter = string.IsNullOrEmpty(request.ResourceFilter) ? null : request.ResourceFilter;
        string? sourceFilter = string.IsNullOrEmpty(request.SourceFilter) ? null : request.SourceFilter;
        string? subjectFilter = request.SubjectFilter;
        if (resourceFilter is not null && !resourceFilter.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        {
            return Bad($"'resourceFilter' must be a resource URN starting with '{ResourcePrefix}'.");
        }

        string? sourceResource = null;
        if (sourceFilter is not null)
        {
            if (!TryWebUrl(sourceFilter, out var source)) return Bad("'sourceFilter' must be an absolute https URL.");
            if (sourceFilter.EndsWith('/')) return Bad("'sourceFilter' must not end with '/'.");
            sourceResource = AppResourceOf(source);
            if (sourceResource is null) return Bad("'sourceFilter' is not an app URL ('{base}/{org}/{app}'); use 'resourceFilter' for other event sources.");
            if (resourceFilter is not null && resourceFilter != sourceResource)
            {
                return Bad($"'sourceFilter' and 'resourceFilter' do not agree: the source belongs to '{sourceResource}'.");
            }

            resourceFilter = sourceResource;
        }

        if (resourceFilter is null) return Bad("A 'resourceFilter' (or, for apps, a 'sourceFilter') is required.");

        if (resourceFilter.StartsWith(AppResourcePrefix, StringComparison.Ordinal))
        {
            if (request.AlternativeSubjectFilter is { Length: > 0 } alternative)
            {
                if (subjectFilter is not null) return Bad("Only one of 'subjectFilter' and 'alternativeSubjectFilter' may be set.");
                subjectFilter = ResolveAlternativeSubject(alternative);
                if (subjectFilter is null) return Bad("'alternativeSubjectFilter' names no party in the register (use /person/{ssn}, /org/{orgno} or /organisation/{orgno}).");
            }

            string appOrg = resourceFilter[AppResourcePrefix.Length..].Split('_')[0];
            if (caller.IsOrg)
            {
                if (!reader.OwnsAppsOf(appOrg)) return NotAuthorized(resourceFilter);
            }
            else
            {
                if (subjectFilter is null) return Bad("A subject ('subjectFilter' or 'alternativeSubjectFilter') that the authenticated identity may act for is required.");
                if (!EventsReader.TryParty(subjectFilter, out int partyId) || !reader.MayRepresent(emulator.State, partyId)) return NotAuthorized(resourceFilter);
            }
        }
        else
        {
            if (!caller.HasScope(EventFeeds.SubscribeScope)) return NoScope();
            if (request.AlternativeSubjectFilter is { Length: > 0 }) return Bad("'alternativeSubjectFilter' is not supported for generic events; use 'subjectFilter'.");
        }

        if (request.IncludeSubunits && subjectFilter is null) return Bad("'includeSubunits' needs a subject filter.");

        var draft = new EmulatedSubscription(0, endPoint!, sourceFilter, subjectFilter, request.TypeFilter, resourceFilter, request.IncludeSubunits, reader, default, false);
        return (draft, StatusCodes.Status201Created, null);
    }

    /// <summary>An absolute https URL; http is taken for loopback hosts (webhook receivers in tests and local runs).</summary>
    private static bool TryWebUrl(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? url)
    {
        url = null;
        if (string.IsNullOrEmpty(text) || !Uri.TryCreate(text, UriKind.Absolute, out var parsed)) return false;
        bool ok = parsed.Scheme == Uri.UriSchemeHttps || (parsed.Scheme == Uri.UriSchemeHttp && IsLoopback(parsed));
        url = ok ? parsed : null;
        return ok;
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.IdnHost, out var address) && IPAddress.IsLoopback(address));

    /// <summary>The app resource of an app URL: <c>{base}/{org}/{app}</c> on the emulator, or <c>https://{org}.apps.{env}/{org}/{app}</c>.</summary>
    private string? AppResourceOf(Uri source)
    {
        var segments = source.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2) return null;
        bool onEmulator = Uri.Compare(source, emulator.BaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
        bool appHost = source.Host.StartsWith(segments[0] + ".apps.", StringComparison.OrdinalIgnoreCase);
        return onEmulator || appHost ? $"{AppResourcePrefix}{segments[0]}_{segments[1]}" : null;
    }

    /// <summary><c>/person/{ssn}</c>, <c>/org/{orgno}</c> or <c>/organisation/{orgno}</c> as a <c>/party/{id}</c> subject.</summary>
    private string? ResolveAlternativeSubject(string alternative)
    {
        EmulatedParty? party = null;
        if (alternative.StartsWith("/person/", StringComparison.Ordinal)) party = emulator.State.FindPartyByPersonNumber(alternative["/person/".Length..]);
        else if (alternative.StartsWith("/org/", StringComparison.Ordinal)) party = emulator.State.FindPartyByOrganisationNumber(alternative["/org/".Length..]);
        else if (alternative.StartsWith("/organisation/", StringComparison.Ordinal)) party = emulator.State.FindPartyByOrganisationNumber(alternative["/organisation/".Length..]);
        return party is null ? null : "/party/" + party.PartyId.ToString(CultureInfo.InvariantCulture);
    }

    private static void WriteSubscription(Utf8JsonWriter w, EmulatedSubscription s)
    {
        w.WriteStartObject();
        w.WriteNumber("id", s.Id);
        w.WriteString("endPoint", s.EndPoint.AbsoluteUri);
        w.WriteString("sourceFilter", s.SourceFilter);
        w.WriteString("subjectFilter", s.SubjectFilter);
        w.WriteNull("alternativeSubjectFilter");
        w.WriteString("typeFilter", s.TypeFilter);
        w.WriteString("resourceFilter", s.ResourceFilter);
        w.WriteBoolean("includeSubunits", s.IncludeSubunits);
        w.WriteString("consumer", s.Consumer);
        w.WriteString("createdBy", s.Consumer);
        w.WriteString("created", s.Created.UtcDateTime);
        w.WriteBoolean("validated", s.Validated);
        w.WriteEndObject();
    }

    private static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
    }

    /// <summary>
    /// Events' own refusals: the message as a JSON string (<c>application/json</c>, escaped as ASP.NET escapes it, so
    /// <c>'</c> is <c>\u0027</c>), not problem details.
    /// </summary>
    private static Task Refuse(HttpContext context, int status, string message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) writer.WriteStringValue(message);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.Body.WriteAsync(buffer.ToArray()).AsTask();
    }

    /// <summary>The request body's fields (names matched case-insensitively, as ASP.NET binds them).</summary>
    private sealed class Request
    {
        public string? EndPoint { get; private set; }

        public string? SourceFilter { get; private set; }

        public string? SubjectFilter { get; private set; }

        public string? AlternativeSubjectFilter { get; private set; }

        public string? TypeFilter { get; private set; }

        public string? ResourceFilter { get; private set; }

        public bool IncludeSubunits { get; private set; }

        /// <summary>The fields, or null when the JSON is not an object or a field has the wrong type.</summary>
        public static Request? Read(JsonElement json)
        {
            if (json.ValueKind != JsonValueKind.Object) return null;
            var request = new Request();
            foreach (var property in json.EnumerateObject())
            {
                var value = property.Value;
                if (property.NameEquals("includeSubunits") || string.Equals(property.Name, "includeSubunits", StringComparison.OrdinalIgnoreCase))
                {
                    if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) request.IncludeSubunits = value.GetBoolean();
                    else if (value.ValueKind != JsonValueKind.Null) return null;
                    continue;
                }

                if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)) return null;
                string? text = value.ValueKind == JsonValueKind.Null ? null : value.GetString();
                switch (property.Name.ToUpperInvariant())
                {
                    case "ENDPOINT": request.EndPoint = text; break;
                    case "SOURCEFILTER": request.SourceFilter = text; break;
                    case "SUBJECTFILTER": request.SubjectFilter = text; break;
                    case "ALTERNATIVESUBJECTFILTER": request.AlternativeSubjectFilter = text; break;
                    case "TYPEFILTER": request.TypeFilter = text; break;
                    case "RESOURCEFILTER": request.ResourceFilter = text; break;
                }
            }

            return request;
        }
    }
}
