namespace Altinn.Sdk.Testing.Storage;

/// <summary>An answer decided deep in a handler: the status and an optional plain-text body (none for 403).</summary>
internal sealed class StorageAnswerException(int status, string? message = null) : Exception(message)
{
    /// <summary>Status 0: the answer (401 from <see cref="EmulatorHttp.RequireCaller(HttpContext)"/>) is already written.</summary>
    public static StorageAnswerException Answered => new(0);

    public int Status { get; } = status;

    public string? Text { get; } = message;
}

/// <summary>Reading Storage requests and answering them: the handler wrapper, the caller, route and query values.</summary>
internal static class StorageRequest
{
    /// <summary>Wraps a handler so that a <see cref="StorageAnswerException"/> becomes the response.</summary>
    public static RequestDelegate Handle(Func<HttpContext, Task> handler) => async context =>
    {
        try
        {
            await handler(context);
        }
        catch (StorageAnswerException answer) when (!context.Response.HasStarted)
        {
            if (answer.Status == 0) return;
            if (answer.Text is null) await context.Status(answer.Status);
            else await context.Text(answer.Status, answer.Text);
        }
    };

    /// <summary>The caller, or a 401 already answered.</summary>
    public static Caller CallerOf(HttpContext context) => context.RequireCaller() ?? throw StorageAnswerException.Answered;

    /// <summary>A route value that the route constraint made a guid.</summary>
    public static Guid RouteGuid(HttpContext context, string name) =>
        Guid.Parse((string)context.Request.RouteValues[name]!, CultureInfo.InvariantCulture);

    /// <summary>A route value that the route constraint made an int.</summary>
    public static int RouteInt(HttpContext context, string name) =>
        int.Parse((string)context.Request.RouteValues[name]!, CultureInfo.InvariantCulture);

    /// <summary>The instance id as the route gave it.</summary>
    public static string PathId(HttpContext context, Guid instanceGuid) =>
        context.Request.RouteValues.TryGetValue("instanceOwnerPartyId", out var party) ? $"{party}/{instanceGuid}" : instanceGuid.ToString();

    /// <summary>Reads a boolean query value; absent is null, unreadable is a 400.</summary>
    public static bool? QueryBool(HttpContext context, string key)
    {
        string? text = context.Request.Query[key].LastOrDefault();
        if (string.IsNullOrEmpty(text)) return null;
        return bool.TryParse(text, out bool value) ? value : throw new StorageAnswerException(StatusCodes.Status400BadRequest, $"The value '{text}' is not valid for {key}.");
    }

    /// <summary>Reads an int query value; absent is null, unreadable is a 400.</summary>
    public static int? QueryInt(HttpContext context, string key)
    {
        string? text = context.Request.Query[key].LastOrDefault();
        if (string.IsNullOrEmpty(text)) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : throw new StorageAnswerException(StatusCodes.Status400BadRequest, $"The value '{text}' is not valid for {key}.");
    }
}
