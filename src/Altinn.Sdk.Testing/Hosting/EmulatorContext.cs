namespace Altinn.Sdk.Testing.Hosting;

/// <summary>What every emulated service shares: the store, the token service, the clock and the URLs.</summary>
/// <remarks>The base URL and the token service exist once Kestrel listens; endpoints read them per request.</remarks>
internal sealed class EmulatorContext(EmulatorState state, AltinnEmulatorOptions options)
{
    public EmulatorState State { get; } = state;

    public EmulatorTokens Tokens { get; set; } = null!;

    public AltinnEmulatorOptions Options { get; } = options;

    public TimeProvider Clock => State.Clock;

    /// <summary>The emulator's base URL with a trailing slash: the platform host, and the host of every app.</summary>
    public Uri BaseUrl { get; set; } = null!;

    /// <summary>Storage's base URL, <c>{base}/storage/api/v1/</c>.</summary>
    public Uri StorageBaseUrl => new(BaseUrl, "storage/api/v1/");

    /// <summary>An app's base URL, <c>{base}/{org}/{app}/</c>.</summary>
    public Uri AppBaseUrl(AppId appId) => new(BaseUrl, $"{appId.Org}/{appId.App}/");

    /// <summary>The Maskinporten issuer the emulator plays, <c>{base}/maskinporten/</c>.</summary>
    public Uri MaskinportenIssuer => new(BaseUrl, "maskinporten/");
}
