namespace Altinn.Sdk.Testing.Storage;

/// <summary>Storage's application endpoints (anonymous) and texts (authenticated; read only).</summary>
internal static class ApplicationEndpoints
{
    /// <summary>AP: <c>GET applications</c>.</summary>
    public static Task ListAsync(HttpContext context, EmulatorContext emulator) =>
        context.StorageJson(new ApplicationList { Applications = emulator.State.Apps.Select(a => AsStorageApplication(a.Metadata)).ToArray() });

    /// <summary>AP: <c>GET applications/{org}</c>; 400 when the org has a dash or a space.</summary>
    public static Task ListForOrgAsync(HttpContext context, EmulatorContext emulator)
    {
        string org = (string)context.Request.RouteValues["org"]!;
        if (org.Contains('-', StringComparison.Ordinal) || org.Contains(' ', StringComparison.Ordinal))
        {
            throw new StorageAnswerException(StatusCodes.Status400BadRequest, "Org can not contain dash or space.");
        }

        var apps = emulator.State.Apps.Where(a => string.Equals(a.AppId.Org, org, StringComparison.Ordinal));
        return context.StorageJson(new ApplicationList { Applications = apps.Select(a => AsStorageApplication(a.Metadata)).ToArray() });
    }

    /// <summary>AP: <c>GET applications/{org}/{app}</c>; 404 when unknown.</summary>
    public static Task GetAsync(HttpContext context, EmulatorContext emulator)
    {
        string appId = $"{context.Request.RouteValues["org"]}/{context.Request.RouteValues["app"]}";
        var app = emulator.State.FindApp(appId) ?? throw new StorageAnswerException(StatusCodes.Status404NotFound, $"Cannot find application {appId}.");
        return context.StorageJson(AsStorageApplication(app.Metadata));
    }

    /// <summary>TX: <c>GET applications/{org}/{app}/texts/{language}</c>: the app's texts in that language; 400 for a language that is not two letters, 404 when there are none.</summary>
    public static Task TextsAsync(HttpContext context, EmulatorContext emulator)
    {
        StorageRequest.CallerOf(context);
        string language = (string)context.Request.RouteValues["language"]!;
        if (language.Length != 2 || !language.All(char.IsAsciiLetter))
        {
            throw new StorageAnswerException(StatusCodes.Status400BadRequest, "The language must be a two-letter ISO 639-1 code.");
        }

        string appId = $"{context.Request.RouteValues["org"]}/{context.Request.RouteValues["app"]}";
        if (emulator.State.FindApp(appId)?.Texts.TryGetValue(language.ToLowerInvariant(), out Altinn.Sdk.Models.TextResource? texts) == true)
        {
            return context.StorageJson(texts);
        }

        throw new StorageAnswerException(StatusCodes.Status404NotFound, $"Cannot find text resource for {appId} in language {language}.");
    }

    /// <summary>
    /// TW: <c>POST applications/{org}/{app}/texts</c>. Storage lets only Altinn Studio write texts (a platform access
    /// token for <c>studio.designer</c>), which the emulator never issues: 403 to every caller with a token.
    /// </summary>
    public static Task CreateTextsAsync(HttpContext context, EmulatorContext emulator)
    {
        StorageRequest.CallerOf(context);
        throw new StorageAnswerException(StatusCodes.Status403Forbidden);
    }

    /// <summary>Storage's <c>Application</c> lacks the App API's own metadata fields.</summary>
    private static ApplicationMetadata AsStorageApplication(ApplicationMetadata metadata) =>
        metadata with { Features = null, Logo = null, AltinnNugetVersion = null, ExternalApiIds = null };
}
