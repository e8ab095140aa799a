namespace Altinn.Sdk.Testing.Hosting;

/// <summary>Small helpers every emulated endpoint uses: who is calling, and answers in Altinn's shapes.</summary>
internal static class EmulatorHttp
{
    internal const string CallerKey = "altinn.caller";
    internal const string TokenErrorKey = "altinn.token-error";

    /// <summary>The caller, or null when the request has no valid token.</summary>
    public static Caller? GetCaller(this HttpContext context) => context.Items[CallerKey] as Caller;

    /// <summary>
    /// The caller; when there is none, answers 401 (with the reason in <c>WWW-Authenticate</c>) and returns null.
    /// </summary>
    public static Caller? RequireCaller(this HttpContext context)
    {
        if (context.Items[CallerKey] is Caller caller) return caller;
        string reason = context.Items[TokenErrorKey] as string ?? "no bearer token";
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{reason}\"";
        return null;
    }

    /// <summary>The caller when it holds <paramref name="scope"/>; else null with 401 (no valid token) or 403 (empty body) set.</summary>
    public static Caller? RequireCaller(this HttpContext context, string scope)
    {
        var caller = context.RequireCaller();
        if (caller is null || caller.HasScope(scope)) return caller;
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return null;
    }

    /// <summary>Writes JSON in Storage's dialect.</summary>
    public static Task StorageJson<T>(this HttpContext context, T value, int status = StatusCodes.Status200OK) =>
        Json(context, value, EmulatorJson.Storage, status);

    /// <summary>Writes JSON in the App API's dialect.</summary>
    public static Task AppJson<T>(this HttpContext context, T value, int status = StatusCodes.Status200OK) =>
        Json(context, value, EmulatorJson.App, status);

    /// <summary>Answers with a plain-text body, as most Storage errors are.</summary>
    public static Task Text(this HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message);
    }

    /// <summary>Answers with RFC 7807 problem details, as the App API mostly does.</summary>
    public static Task Problem(this HttpContext context, int status, string title, string? detail = null, Action<Utf8JsonWriter>? extensions = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", $"https://tools.ietf.org/html/rfc9110#section-15.{(status >= 500 ? 6 : 5)}");
            writer.WriteString("title", title);
            writer.WriteNumber("status", status);
            if (detail is not null) writer.WriteString("detail", detail);
            writer.WriteString("instance", context.Request.Path);
            extensions?.Invoke(writer);
            writer.WriteString("traceId", context.TraceIdentifier);
            writer.WriteEndObject();
        }

        return context.Response.Body.WriteAsync(buffer.ToArray()).AsTask();
    }

    /// <summary>Answers with a status and no body (ASP.NET's <c>Forbid()</c>, <c>NotFound()</c>).</summary>
    public static Task Status(this HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>Reads a JSON body in the given dialect; null when the body is empty or not valid JSON for the type.</summary>
    public static async Task<T?> ReadJsonAsync<T>(this HttpContext context, JsonSerializerOptions? options = null)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(context.Request.Body, options ?? EmulatorJson.Storage, context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task Json<T>(HttpContext context, T value, JsonSerializerOptions options, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, options, context.RequestAborted);
    }
}
